// oauth-debugger-cli's discover, introspect, revoke, userinfo and `profiles add --issuer` / `profiles
// discover` against a FakeHttpServer in this process: exact output, exit codes, what was sent.
#include "CliRunner.h"
#include "FakeHttpServer.h"
#include "FormEncoding.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using Canned = FakeHttpServer::CannedResponse;
using Recorded = FakeHttpServer::RecordedRequest;

namespace {
const QString Secret = QStringLiteral("endpoint-s3cret");
const QString AccessToken = QStringLiteral("opaque-access-token-123");

QProcessEnvironment secretEnvironment()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("CLI_TEST_SECRET"), Secret);
    environment.insert(QStringLiteral("CLI_TEST_TOKEN"), AccessToken);
    return environment;
}

quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

QStringList lines(const QByteArray &text)
{
    return QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}
} // namespace

class TestCliEndpoints final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void helpListsTheNewCommands();
    void discoverSummary();
    void discoverWithoutPkceSaysUnknown();
    void discoverJson();
    void discoverIssuerMismatch();
    void discoverFailures_data();
    void discoverFailures();
    void discoverWarningsGoToStderr();
    void introspectPrintsClaims();
    void introspectInactive();
    void introspectReadsTheTokenFromStdin();
    void introspectUsageErrors_data();
    void introspectUsageErrors();
    void revokeServerUnavailable();
    void userInfoClaims();
    void userInfoJwt();
    void userInfoRefused();
    void profilesAddWithIssuer();
    void profilesAddRefusesIssuerMismatch();
    void profilesDiscoverRefreshes();
    void savedProfileWithoutEndpoint();

private:
    CliRun run(const QStringList &arguments, const QByteArray &input = {}) const
    {
        return m_runner->run(arguments, input, secretEnvironment());
    }
    QString issuer() const { return m_server->url().toString(); }
    QJsonObject metadata() const;
    // Serves m_metadata at the OpenID location and 404 elsewhere; /introspect, /revoke and /userinfo answer
    // with m_endpointAnswer.
    void serve();
    QStringList adHoc(const QString &command, const QStringList &extra = {}) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliRunner> m_runner;
    std::unique_ptr<FakeHttpServer> m_server;
    QJsonObject m_metadata;
    Canned m_endpointAnswer;
};

void TestCliEndpoints::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_runner = std::make_unique<CliRunner>(m_dir->path());
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->listen());
    m_metadata = metadata();
    m_endpointAnswer = FakeHttpServer::json(200, "{\"active\":true}");
    serve();
}

void TestCliEndpoints::cleanup()
{
    m_server.reset();
    m_runner.reset();
    m_dir.reset();
}

QJsonObject TestCliEndpoints::metadata() const
{
    const auto url = [this](const char *path) { return m_server->url(QLatin1String(path)).toString(); };
    return QJsonObject {
        { QStringLiteral("issuer"), issuer() },
        { QStringLiteral("token_endpoint"), url("/token") },
        { QStringLiteral("authorization_endpoint"), url("/authorize") },
        { QStringLiteral("introspection_endpoint"), url("/introspect") },
        { QStringLiteral("revocation_endpoint"), url("/revoke") },
        { QStringLiteral("userinfo_endpoint"), url("/userinfo") },
        { QStringLiteral("jwks_uri"), url("/jwks") },
        { QStringLiteral("grant_types_supported"), QJsonArray { QStringLiteral("client_credentials") } },
        { QStringLiteral("code_challenge_methods_supported"), QJsonArray { QStringLiteral("S256") } },
        { QStringLiteral("id_token_signing_alg_values_supported"),
          QJsonArray { QStringLiteral("RS256"), QStringLiteral("ES256") } },
    };
}

void TestCliEndpoints::serve()
{
    m_server->setHandler([this](const Recorded &request) {
        const QByteArray path = request.url().path().toUtf8();
        if (path == "/.well-known/openid-configuration")
            return FakeHttpServer::json(200, QJsonDocument(m_metadata).toJson(QJsonDocument::Compact));
        if (path == "/introspect" || path == "/revoke" || path == "/userinfo")
            return m_endpointAnswer;
        return FakeHttpServer::text(404, "text/plain", "Not Found");
    });
}

QStringList TestCliEndpoints::adHoc(const QString &command, const QStringList &extra) const
{
    return QStringList { command,
                         QStringLiteral("--issuer"),
                         issuer(),
                         QStringLiteral("--client-id"),
                         QStringLiteral("cli-client"),
                         QStringLiteral("--client-secret-env"),
                         QStringLiteral("CLI_TEST_SECRET") }
    + extra;
}

void TestCliEndpoints::helpListsTheNewCommands()
{
    const CliRun help = run({ QStringLiteral("--help") });
    QVERIFY2(help.exitCode == 0, qPrintable(help.describe()));
    for (const char *command : { "discover", "introspect", "revoke", "userinfo" })
        QVERIFY2(help.outText().contains(QLatin1String(command)), command);
    const CliRun introspect = run({ QStringLiteral("introspect"), QStringLiteral("--help") });
    for (const char *option : { "--require-active", "--token-type-hint", "--introspection-url", "--issuer",
                                "--json", "--client-secret-stdin" })
        QVERIFY2(introspect.outText().contains(QLatin1String(option)), option);
    const CliRun add = run({ QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("--help") });
    for (const char *option :
         { "--issuer", "--authorization-url", "--introspection-url", "--revocation-url", "--userinfo-url",
           "--jwks-url", "--accept-issuer-mismatch", "--no-discovery" })
        QVERIFY2(add.outText().contains(QLatin1String(option)), option);
}

void TestCliEndpoints::discoverSummary()
{
    const CliRun result = run({ QStringLiteral("discover"), issuer() });
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    const QStringList out = lines(result.out);
    const QString base = issuer();
    const QStringList expectedLines {
        QStringLiteral("issuer: ") + base,
        QStringLiteral("document: ") + base + QStringLiteral("/.well-known/openid-configuration"),
        QStringLiteral("token endpoint: ") + base + QStringLiteral("/token"),
        QStringLiteral("authorization endpoint: ") + base + QStringLiteral("/authorize"),
        QStringLiteral("introspection endpoint: ") + base + QStringLiteral("/introspect"),
        QStringLiteral("revocation endpoint: ") + base + QStringLiteral("/revoke"),
        QStringLiteral("userinfo endpoint: ") + base + QStringLiteral("/userinfo"),
        QStringLiteral("JWKS URI: ") + base + QStringLiteral("/jwks"),
        QStringLiteral("device authorization endpoint: (not advertised)"),
        QStringLiteral("grant types: client_credentials"),
        QStringLiteral(
            "token endpoint auth methods: client_secret_basic (not advertised; the RFC 8414 default)"),
        QStringLiteral("PKCE methods: S256"),
        QStringLiteral("ID token signing algs: RS256 ES256"),
        QStringLiteral("authorization_response_iss_parameter_supported: no")
    };
    for (const QString &expected : expectedLines)
        QVERIFY2(out.contains(expected), qPrintable(expected + QStringLiteral("\n") + result.describe()));
    QVERIFY2(!result.errText().contains(QLatin1String("error:")), qPrintable(result.describe()));
}

void TestCliEndpoints::discoverWithoutPkceSaysUnknown()
{
    m_metadata.remove(QStringLiteral("code_challenge_methods_supported"));
    m_metadata.insert(QStringLiteral("authorization_response_iss_parameter_supported"), true);
    const CliRun result = run({ QStringLiteral("discover"), issuer() });
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(
        lines(result.out).contains(QStringLiteral("PKCE methods: none advertised — PKCE support unknown")),
        qPrintable(result.describe()));
    QVERIFY2(
        lines(result.out).contains(QStringLiteral("authorization_response_iss_parameter_supported: yes")),
        qPrintable(result.describe()));
}

void TestCliEndpoints::discoverJson()
{
    const CliRun result = run({ QStringLiteral("discover"), QStringLiteral("--json"), issuer() });
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(result.describe()));
    QCOMPARE(document.object(), m_metadata);
}

void TestCliEndpoints::discoverIssuerMismatch()
{
    const QString withSlash = issuer() + QLatin1Char('/');
    const CliRun refused = run({ QStringLiteral("discover"), withSlash });
    QVERIFY2(refused.finished && refused.exitCode == 5, qPrintable(refused.describe()));
    QVERIFY2(refused.out.isEmpty(), qPrintable(refused.describe()));
    QVERIFY2(refused.errText().startsWith(QLatin1String("error: ")), qPrintable(refused.describe()));
    QVERIFY2(refused.errText().contains(QLatin1String("\"") + issuer() + QLatin1String("\"")),
             qPrintable(refused.describe()));
    QVERIFY2(refused.errText().contains(QLatin1String("--accept-issuer-mismatch")),
             qPrintable(refused.describe()));

    const CliRun accepted
        = run({ QStringLiteral("discover"), QStringLiteral("--accept-issuer-mismatch"), withSlash });
    QVERIFY2(accepted.exitCode == 0, qPrintable(accepted.describe()));
    QVERIFY2(accepted.errText().startsWith(QLatin1String("warning: ")), qPrintable(accepted.describe()));
    QVERIFY2(lines(accepted.out).contains(QStringLiteral("issuer: ") + issuer()),
             qPrintable(accepted.describe()));
}

void TestCliEndpoints::discoverFailures_data()
{
    QTest::addColumn<QString>("answer"); // how the server answers every request
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected"); // in stderr
    QTest::newRow("404 everywhere") << QStringLiteral("404") << 3 << QStringLiteral("HTTP 404");
    QTest::newRow("HTML") << QStringLiteral("html") << 3 << QStringLiteral("not valid JSON");
    QTest::newRow("no issuer") << QStringLiteral("no issuer") << 3 << QStringLiteral("no issuer");
    QTest::newRow("connection refused") << QStringLiteral("closed") << 4 << QStringLiteral("tried http://");
    QTest::newRow("not an http URL") << QStringLiteral("ftp") << 2 << QStringLiteral("http:// or https://");
}

void TestCliEndpoints::discoverFailures()
{
    QFETCH(QString, answer);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);
    QString target = issuer();
    if (answer == QLatin1String("closed")) {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        target = QStringLiteral("http://127.0.0.1:%1").arg(port);
    } else if (answer == QLatin1String("ftp")) {
        target = QStringLiteral("ftp://127.0.0.1/");
    }
    m_server->setHandler([answer](const Recorded &) {
        if (answer == QLatin1String("html"))
            return FakeHttpServer::text(200, "text/html", "<html>sign in</html>");
        if (answer == QLatin1String("no issuer"))
            return FakeHttpServer::json(200, "{\"token_endpoint\":\"https://as.example.test/token\"}");
        return FakeHttpServer::text(404, "text/plain", "Not Found");
    });
    const CliRun result = run({ QStringLiteral("discover"), target });
    QVERIFY2(result.finished && result.exitCode == exitCode, qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.errText().startsWith(QLatin1String("error: ")), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(expected), qPrintable(result.describe()));
}

void TestCliEndpoints::discoverWarningsGoToStderr()
{
    m_metadata.insert(QStringLiteral("jwks_uri"), QStringLiteral("/relative/jwks"));
    const CliRun result = run({ QStringLiteral("discover"), issuer() });
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("warning: jwks_uri")), qPrintable(result.describe()));
    QVERIFY2(lines(result.out).contains(QStringLiteral("JWKS URI: (not advertised)")),
             qPrintable(result.describe()));
    QVERIFY2(!result.outText().contains(QLatin1String("warning")), qPrintable(result.describe()));
}

void TestCliEndpoints::introspectPrintsClaims()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_endpointAnswer = FakeHttpServer::json(
        200,
        QStringLiteral("{\"active\":true,\"client_id\":\"cli-client\",\"scope\":\"read write\","
                       "\"exp\":%1,\"iat\":%2,\"aud\":[\"https://a.test\",\"https://b.test\"]}")
            .arg(now + 3600)
            .arg(now - 120)
            .toUtf8());
    const CliRun result
        = run(adHoc(QStringLiteral("introspect"),
                    { QStringLiteral("--auth"), QStringLiteral("post"), QStringLiteral("--token-type-hint"),
                      QStringLiteral("access_token"), AccessToken }));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QStringList out = lines(result.out);
    QVERIFY2(out.size() == 6, qPrintable(result.describe()));
    QCOMPARE(out.at(0), QStringLiteral("active: true"));
    QCOMPARE(out.at(1), QStringLiteral("scope: read write"));
    QCOMPARE(out.at(2), QStringLiteral("client_id: cli-client"));
    QVERIFY2(out.at(3).startsWith(QLatin1String("exp: "))
                 && out.at(3).endsWith(QLatin1String(" UTC (in 1 h)")),
             qPrintable(out.at(3)));
    QVERIFY2(out.at(4).startsWith(QLatin1String("iat: ")) && out.at(4).contains(QLatin1String("ago)")),
             qPrintable(out.at(4)));
    QCOMPARE(out.at(5), QStringLiteral("aud: https://a.test, https://b.test"));

    const Recorded request = m_server->lastRequest();
    QCOMPARE(request.target, QByteArray("/introspect"));
    QVERIFY(!request.hasHeader("Authorization"));
    const QByteArray body = request.body;
    QVERIFY2(body.contains(QByteArray("token=" + FormEncoding::encodeComponent(AccessToken))),
             body.constData());
    QVERIFY2(body.contains("token_type_hint=access_token"), body.constData());
    QVERIFY2(body.contains(QByteArray("client_secret=" + FormEncoding::encodeComponent(Secret))),
             body.constData());
    QVERIFY2(!result.errText().contains(Secret) && !result.errText().contains(AccessToken),
             qPrintable(result.describe()));
}

void TestCliEndpoints::introspectInactive()
{
    m_endpointAnswer = FakeHttpServer::json(200, "{\"active\":false}");
    const CliRun plain = run(adHoc(QStringLiteral("introspect"), { AccessToken }));
    QVERIFY2(plain.exitCode == 0, qPrintable(plain.describe()));
    QCOMPARE(plain.outText(), QStringLiteral("active: false\n"));

    const CliRun json = run(adHoc(QStringLiteral("introspect"), { QStringLiteral("--json"), AccessToken }));
    QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
    QCOMPARE(QJsonDocument::fromJson(json.out).object().value(QLatin1String("active")), QJsonValue(false));

    const CliRun required
        = run(adHoc(QStringLiteral("introspect"), { QStringLiteral("--require-active"), AccessToken }));
    QVERIFY2(required.exitCode == 5, qPrintable(required.describe()));
    QVERIFY2(required.errText().contains(QLatin1String("error: the token is not active")),
             qPrintable(required.describe()));

    m_endpointAnswer = FakeHttpServer::json(200, "{\"scope\":\"read\"}");
    const CliRun broken = run(adHoc(QStringLiteral("introspect"), { AccessToken }));
    QVERIFY2(broken.exitCode == 3 && broken.out.isEmpty(), qPrintable(broken.describe()));
    QVERIFY2(broken.errText().contains(QLatin1String("\"active\"")), qPrintable(broken.describe()));
}

void TestCliEndpoints::introspectReadsTheTokenFromStdin()
{
    const CliRun result
        = run({ QStringLiteral("introspect"), QStringLiteral("--introspection-url"),
                m_server->url(QStringLiteral("/introspect")).toString(), QStringLiteral("--client-id"),
                QStringLiteral("cli-client"), QStringLiteral("--client-secret-env"),
                QStringLiteral("CLI_TEST_SECRET"), QStringLiteral("-") },
              AccessToken.toUtf8() + "\n");
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(m_server->requestCount(), 1); // no discovery without --issuer
    QCOMPARE(m_server->lastRequest().body, QByteArray("token=" + FormEncoding::encodeComponent(AccessToken)));
    QCOMPARE(m_server->lastRequest().header("Authorization"),
             FormEncoding::basicAuthorization(QStringLiteral("cli-client"), Secret));
}

void TestCliEndpoints::introspectUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected"); // in stderr
    QTest::newRow("no client") << QStringList { QStringLiteral("introspect"), AccessToken }
                               << QStringLiteral("--introspection-url");
    QTest::newRow("unknown profile") << QStringList {
        QStringLiteral("introspect"), QStringLiteral("--profile"), QStringLiteral("nobody"), AccessToken
    } << QStringLiteral("unknown profile");
    QTest::newRow("no token") << QStringList {
        QStringLiteral("introspect"), QStringLiteral("--introspection-url"),
        QStringLiteral("http://127.0.0.1:9/introspect"), QStringLiteral("--client-id"), QStringLiteral("c")
    } << QStringLiteral("missing the token");
    QTest::newRow("two stdin readers") << QStringList { QStringLiteral("revoke"),
                                                        QStringLiteral("--revocation-url"),
                                                        QStringLiteral("http://127.0.0.1:9/revoke"),
                                                        QStringLiteral("--client-id"),
                                                        QStringLiteral("c"),
                                                        QStringLiteral("--client-secret-stdin"),
                                                        QStringLiteral("-") }
                                       << QStringLiteral("standard input");
    QTest::newRow("no endpoint") << QStringList { QStringLiteral("revoke"), QStringLiteral("--client-id"),
                                                  QStringLiteral("c"), AccessToken }
                                 << QStringLiteral("--revocation-url URL or --issuer URL");
    QTest::newRow("bad endpoint URL")
        << QStringList { QStringLiteral("introspect"), QStringLiteral("--introspection-url"),
                         QStringLiteral("not a url"),  QStringLiteral("--client-id"),
                         QStringLiteral("c"),          AccessToken }
        << QStringLiteral("--introspection-url");
    QTest::newRow("userinfo without token")
        << QStringList { QStringLiteral("userinfo"), QStringLiteral("--userinfo-url"),
                         QStringLiteral("http://127.0.0.1:9/userinfo") }
        << QStringLiteral("--token-env");
    QTest::newRow("discover without issuer")
        << QStringList { QStringLiteral("discover") } << QStringLiteral("missing the issuer");
    QTest::newRow("profiles add without token URL or issuer")
        << QStringList { QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("p"),
                         QStringLiteral("--client-id"), QStringLiteral("c") }
        << QStringLiteral("--issuer");
    QTest::newRow("profiles discover without issuer")
        << QStringList { QStringLiteral("profiles"), QStringLiteral("discover"), QStringLiteral("nobody") }
        << QStringLiteral("unknown profile");
}

void TestCliEndpoints::introspectUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const CliRun result = run(arguments, QByteArray("ignored\n"));
    QVERIFY2(result.finished && result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(expected), qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    QCOMPARE(m_server->requestCount(), 0);
}

void TestCliEndpoints::revokeServerUnavailable()
{
    m_endpointAnswer = FakeHttpServer::text(503, "text/plain", "maintenance");
    m_endpointAnswer.headers.append(HttpHeader("Retry-After", "30"));
    const CliRun result = run(adHoc(QStringLiteral("revoke"), { AccessToken }));
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("error: HTTP 503")), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("retry after 30")), qPrintable(result.describe()));

    m_endpointAnswer = FakeHttpServer::text(200, "text/plain", QByteArray());
    const CliRun revoked = run(adHoc(QStringLiteral("revoke"), { AccessToken }));
    QVERIFY2(revoked.exitCode == 0 && revoked.out.isEmpty(), qPrintable(revoked.describe()));
    QVERIFY2(revoked.errText().endsWith(QLatin1String("revoked\n")), qPrintable(revoked.describe()));
}

void TestCliEndpoints::userInfoClaims()
{
    const QByteArray claims = "{\"sub\":\"alice\",\"email\":\"alice@example.test\",\"email_verified\":true}";
    m_endpointAnswer = FakeHttpServer::json(200, claims);
    const CliRun result = run({ QStringLiteral("userinfo"), QStringLiteral("--userinfo-url"),
                                m_server->url(QStringLiteral("/userinfo")).toString(),
                                QStringLiteral("--token-env"), QStringLiteral("CLI_TEST_TOKEN") });
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(QJsonDocument::fromJson(result.out).object(), QJsonDocument::fromJson(claims).object());
    QVERIFY2(result.out.contains("\n    \"sub\": \"alice\""), qPrintable(result.describe())); // indented
    QCOMPARE(m_server->lastRequest().header("Authorization"), QByteArray("Bearer ") + AccessToken.toUtf8());

    const CliRun raw = run({ QStringLiteral("userinfo"), QStringLiteral("--issuer"), issuer(),
                             QStringLiteral("--token"), AccessToken, QStringLiteral("--json") });
    QVERIFY2(raw.exitCode == 0, qPrintable(raw.describe()));
    QCOMPARE(raw.out, claims + '\n');
}

void TestCliEndpoints::userInfoJwt()
{
    const QByteArray jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln";
    m_endpointAnswer = FakeHttpServer::text(200, "application/jwt", jwt);
    const CliRun result = run({ QStringLiteral("userinfo"), QStringLiteral("--issuer"), issuer(),
                                QStringLiteral("--token"), AccessToken });
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out, jwt + '\n');
    QVERIFY2(result.errText().contains(QLatin1String("warning: "))
                 && result.errText().contains(QLatin1String("JWT")),
             qPrintable(result.describe()));
}

void TestCliEndpoints::userInfoRefused()
{
    m_endpointAnswer = FakeHttpServer::text(401, "text/plain", QByteArray());
    m_endpointAnswer.headers.append(HttpHeader("WWW-Authenticate",
                                               "Bearer realm=\"users\", error=\"invalid_token\", "
                                               "error_description=\"The access token expired\""));
    const CliRun result = run({ QStringLiteral("userinfo"), QStringLiteral("--issuer"), issuer(),
                                QStringLiteral("--token"), AccessToken });
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(
        result.errText().contains(QLatin1String("error: invalid_token: The access token expired (HTTP 401)")),
        qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(
                 QLatin1String("challenge: invalid_token: The access token expired (realm \"users\")")),
             qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("hint: ")), qPrintable(result.describe()));
}

void TestCliEndpoints::profilesAddWithIssuer()
{
    const QString override = QStringLiteral("https://override.example.test/revoke");
    const QString tokenUrl = QStringLiteral("https://explicit.example.test/token");
    const CliRun added = run({ QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("p"),
                               QStringLiteral("--issuer"), issuer(), QStringLiteral("--client-id"),
                               QStringLiteral("cli-client"), QStringLiteral("--revocation-url"), override });
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    const CliRun show = run({ QStringLiteral("profiles"), QStringLiteral("show"), QStringLiteral("p"),
                              QStringLiteral("--json") });
    const QJsonObject profile = QJsonDocument::fromJson(show.out).object();
    QCOMPARE(profile.value(QLatin1String("issuer")).toString(), issuer());
    QCOMPARE(profile.value(QLatin1String("token_endpoint")).toString(), issuer() + QStringLiteral("/token"));
    QCOMPARE(profile.value(QLatin1String("introspection_endpoint")).toString(),
             issuer() + QStringLiteral("/introspect"));
    QCOMPARE(profile.value(QLatin1String("userinfo_endpoint")).toString(),
             issuer() + QStringLiteral("/userinfo"));
    QCOMPARE(profile.value(QLatin1String("jwks_uri")).toString(), issuer() + QStringLiteral("/jwks"));
    // An explicit option wins over discovery.
    QCOMPARE(profile.value(QLatin1String("revocation_endpoint")).toString(), override);

    const CliRun text = run({ QStringLiteral("profiles"), QStringLiteral("show"), QStringLiteral("p") });
    QVERIFY2(lines(text.out).contains(QStringLiteral("introspection endpoint: ") + issuer()
                                      + QStringLiteral("/introspect")),
             qPrintable(text.describe()));
    QVERIFY2(lines(text.out).contains(QStringLiteral("issuer: ") + issuer()), qPrintable(text.describe()));

    const CliRun explicitToken = run({ QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("q"),
                                       QStringLiteral("--issuer"), issuer(), QStringLiteral("--client-id"),
                                       QStringLiteral("c"), QStringLiteral("--token-url"), tokenUrl });
    QVERIFY2(explicitToken.exitCode == 0, qPrintable(explicitToken.describe()));
    const CliRun showQ = run({ QStringLiteral("profiles"), QStringLiteral("show"), QStringLiteral("q"),
                               QStringLiteral("--json") });
    QCOMPARE(QJsonDocument::fromJson(showQ.out).object().value(QLatin1String("token_endpoint")).toString(),
             tokenUrl);

    // The saved endpoints serve introspect --profile without any discovery.
    m_server->clearRequests();
    const CliRun introspect
        = run({ QStringLiteral("introspect"), QStringLiteral("--profile"), QStringLiteral("p"),
                QStringLiteral("--client-secret-env"), QStringLiteral("CLI_TEST_SECRET"), AccessToken });
    QVERIFY2(introspect.exitCode == 0, qPrintable(introspect.describe()));
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(m_server->lastRequest().target, QByteArray("/introspect"));
}

void TestCliEndpoints::profilesAddRefusesIssuerMismatch()
{
    const QStringList arguments { QStringLiteral("profiles"),  QStringLiteral("add"),
                                  QStringLiteral("p"),         QStringLiteral("--issuer"),
                                  issuer() + QLatin1Char('/'), QStringLiteral("--client-id"),
                                  QStringLiteral("cli-client") };
    const CliRun refused = run(arguments);
    QVERIFY2(refused.exitCode == 5, qPrintable(refused.describe()));
    QVERIFY2(!QFile::exists(m_runner->profilesFile()), qPrintable(refused.describe()));

    const CliRun accepted = run(arguments + QStringList { QStringLiteral("--accept-issuer-mismatch") });
    QVERIFY2(accepted.exitCode == 0, qPrintable(accepted.describe()));
    const CliRun show = run({ QStringLiteral("profiles"), QStringLiteral("show"), QStringLiteral("p"),
                              QStringLiteral("--json") });
    const QJsonObject profile = QJsonDocument::fromJson(show.out).object();
    // The issuer stays the one given; the endpoints come from the metadata.
    QCOMPARE(profile.value(QLatin1String("issuer")).toString(), issuer() + QLatin1Char('/'));
    QCOMPARE(profile.value(QLatin1String("token_endpoint")).toString(), issuer() + QStringLiteral("/token"));
}

void TestCliEndpoints::profilesDiscoverRefreshes()
{
    QVERIFY(m_metadata.contains(QStringLiteral("introspection_endpoint")));
    const CliRun added
        = run({ QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("p"),
                QStringLiteral("--issuer"), issuer(), QStringLiteral("--client-id"), QStringLiteral("c") });
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));

    const QString moved = m_server->url(QStringLiteral("/v2/introspect")).toString();
    m_metadata.insert(QStringLiteral("introspection_endpoint"), moved);
    m_metadata.remove(QStringLiteral("revocation_endpoint"));
    const CliRun refreshed
        = run({ QStringLiteral("profiles"), QStringLiteral("discover"), QStringLiteral("p") });
    QVERIFY2(refreshed.exitCode == 0 && refreshed.out.isEmpty(), qPrintable(refreshed.describe()));
    QVERIFY2(refreshed.errText().contains(
                 QStringLiteral("introspection endpoint: %1 (was %2/introspect)").arg(moved, issuer())),
             qPrintable(refreshed.describe()));
    const QJsonObject profile
        = QJsonDocument::fromJson(run({ QStringLiteral("profiles"), QStringLiteral("show"),
                                        QStringLiteral("p"), QStringLiteral("--json") })
                                      .out)
              .object();
    QCOMPARE(profile.value(QLatin1String("introspection_endpoint")).toString(), moved);
    // Left out of the metadata now: kept.
    QCOMPARE(profile.value(QLatin1String("revocation_endpoint")).toString(),
             issuer() + QStringLiteral("/revoke"));

    const CliRun unchanged
        = run({ QStringLiteral("profiles"), QStringLiteral("discover"), QStringLiteral("p") });
    QVERIFY2(unchanged.exitCode == 0, qPrintable(unchanged.describe()));
    QVERIFY2(unchanged.errText().contains(QLatin1String("unchanged")), qPrintable(unchanged.describe()));

    const CliRun mismatch = run({ QStringLiteral("profiles"), QStringLiteral("discover"), QStringLiteral("p"),
                                  QStringLiteral("--issuer"), issuer() + QLatin1Char('/') });
    QVERIFY2(mismatch.exitCode == 5, qPrintable(mismatch.describe()));
}

void TestCliEndpoints::savedProfileWithoutEndpoint()
{
    const CliRun added
        = run({ QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("bare"),
                QStringLiteral("--token-url"), m_server->url(QStringLiteral("/token")).toString(),
                QStringLiteral("--client-id"), QStringLiteral("c") });
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    const CliRun result
        = run({ QStringLiteral("introspect"), QStringLiteral("--profile"), QStringLiteral("bare"),
                QStringLiteral("--client-secret-env"), QStringLiteral("CLI_TEST_SECRET"), AccessToken });
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("has no introspection_endpoint")),
             qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("profiles discover")), qPrintable(result.describe()));
    QCOMPARE(m_server->requestCount(), 0);

    // Discovered metadata without the endpoint: said so, nothing sent to it.
    m_metadata.remove(QStringLiteral("revocation_endpoint"));
    const CliRun revoke = run(adHoc(QStringLiteral("revoke"), { AccessToken }));
    QVERIFY2(revoke.exitCode == 2, qPrintable(revoke.describe()));
    QVERIFY2(revoke.errText().contains(QLatin1String("names no revocation_endpoint")),
             qPrintable(revoke.describe()));
    QCOMPARE(m_server->requestCount(), 1); // the metadata only
}

QTEST_GUILESS_MAIN(TestCliEndpoints)
#include "tst_cli_endpoints.moc"
