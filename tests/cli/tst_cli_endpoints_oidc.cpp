// oauth-debugger-cli's discover, introspect, revoke, userinfo and `profiles add --issuer` against a real
// authorization server (oidc-provider, tests/oidc/server.mjs).
#include "CliRunner.h"
#include "OidcFixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {
QProcessEnvironment environment()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("CLI_TEST_SECRET"), QStringLiteral("basic-secret"));
    return environment;
}

QStringList lines(const QByteArray &text)
{
    return QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}
} // namespace

class TestCliEndpointsOidc final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void discover();
    void discoverJson();
    void discoverWithTrailingSlashIsAMismatch();
    void tokenFromIssuer();
    void introspectThenRevoke();
    void revokeJwtIsUnsupported();
    void userInfoRefusesClientCredentialsToken();
    void profileFromIssuer();

private:
    CliRun run(const QStringList &arguments, const QByteArray &input = {}) const
    {
        return m_runner->run(arguments, input, environment());
    }
    // basic-client with its secret from the environment, endpoints from discovery.
    QStringList client(const QString &command, const QStringList &extra) const
    {
        return QStringList { command,
                             QStringLiteral("--issuer"),
                             m_issuer,
                             QStringLiteral("--client-id"),
                             QStringLiteral("basic-client"),
                             QStringLiteral("--client-secret-env"),
                             QStringLiteral("CLI_TEST_SECRET") }
        + extra;
    }
    QString token(const QStringList &extra = {}) const;

    QString m_issuer;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliRunner> m_runner;
};

void TestCliEndpointsOidc::initTestCase()
{
    QString error;
    m_issuer = OidcFixture::issuer(&error);
    QVERIFY2(!m_issuer.isEmpty(), qPrintable(error));
}

void TestCliEndpointsOidc::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_runner = std::make_unique<CliRunner>(m_dir->path());
}

void TestCliEndpointsOidc::cleanup()
{
    m_runner.reset();
    m_dir.reset();
}

QString TestCliEndpointsOidc::token(const QStringList &extra) const
{
    const CliRun result
        = run(QStringList { QStringLiteral("token"), QStringLiteral("--token-url"),
                            m_issuer + QStringLiteral("/token"), QStringLiteral("--client-id"),
                            QStringLiteral("basic-client"), QStringLiteral("--client-secret-env"),
                            QStringLiteral("CLI_TEST_SECRET") }
              + extra);
    if (result.exitCode != 0)
        qWarning("%s", qPrintable(result.describe()));
    return result.outText().trimmed();
}

void TestCliEndpointsOidc::discover()
{
    const CliRun result = run({ QStringLiteral("discover"), m_issuer });
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    const QStringList out = lines(result.out);
    const QStringList expectedLines {
        QStringLiteral("issuer: ") + m_issuer,
        QStringLiteral("document: ") + m_issuer + QStringLiteral("/.well-known/openid-configuration"),
        QStringLiteral("token endpoint: ") + m_issuer + QStringLiteral("/token"),
        QStringLiteral("introspection endpoint: ") + m_issuer + QStringLiteral("/token/introspection"),
        QStringLiteral("revocation endpoint: ") + m_issuer + QStringLiteral("/token/revocation"),
        QStringLiteral("userinfo endpoint: ") + m_issuer + QStringLiteral("/me"),
        QStringLiteral("JWKS URI: ") + m_issuer + QStringLiteral("/jwks"),
        QStringLiteral("PKCE methods: S256"),
        QStringLiteral("ID token signing algs: RS256"),
        QStringLiteral("authorization_response_iss_parameter_supported: yes")
    };
    for (const QString &expected : expectedLines)
        QVERIFY2(out.contains(expected), qPrintable(expected + QLatin1Char('\n') + result.describe()));
    QVERIFY2(result.err.isEmpty(), qPrintable(result.describe()));
}

void TestCliEndpointsOidc::discoverJson()
{
    const CliRun result = run({ QStringLiteral("discover"), QStringLiteral("--json"), m_issuer });
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QJsonObject metadata = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(metadata.value(QLatin1String("issuer")).toString(), m_issuer);
    QCOMPARE(metadata.value(QLatin1String("introspection_endpoint")).toString(),
             m_issuer + QStringLiteral("/token/introspection"));
}

void TestCliEndpointsOidc::discoverWithTrailingSlashIsAMismatch()
{
    const CliRun result = run({ QStringLiteral("discover"), m_issuer + QLatin1Char('/') });
    QVERIFY2(result.exitCode == 5, qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QStringLiteral("announces the issuer \"%1\"").arg(m_issuer)),
             qPrintable(result.describe()));
}

void TestCliEndpointsOidc::tokenFromIssuer()
{
    const CliRun result = run(client(QStringLiteral("token"), {}));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out.count('\n'), 1);
    QVERIFY(result.outText().trimmed().size() >= 20);
}

void TestCliEndpointsOidc::introspectThenRevoke()
{
    const QString accessToken = token();
    QVERIFY(!accessToken.isEmpty());

    const CliRun active = run(client(QStringLiteral("introspect"), { accessToken }));
    QVERIFY2(active.exitCode == 0, qPrintable(active.describe()));
    const QStringList out = lines(active.out);
    QVERIFY2(!out.isEmpty() && out.constFirst() == QLatin1String("active: true"),
             qPrintable(active.describe()));
    QVERIFY2(out.contains(QStringLiteral("client_id: basic-client")), qPrintable(active.describe()));
    QVERIFY2(out.contains(QStringLiteral("iss: ") + m_issuer), qPrintable(active.describe()));
    QVERIFY2(active.outText().contains(QLatin1String(" UTC (in ")), qPrintable(active.describe()));

    const CliRun required
        = run(client(QStringLiteral("introspect"), { QStringLiteral("--require-active"), accessToken }));
    QVERIFY2(required.exitCode == 0, qPrintable(required.describe()));

    const CliRun revoked
        = run(client(QStringLiteral("revoke"),
                     { QStringLiteral("--token-type-hint"), QStringLiteral("access_token"), accessToken }));
    QVERIFY2(revoked.exitCode == 0, qPrintable(revoked.describe()));
    QVERIFY2(revoked.out.isEmpty(), qPrintable(revoked.describe()));
    QVERIFY2(revoked.errText().endsWith(QLatin1String("revoked\n")), qPrintable(revoked.describe()));

    // Standard input this time: the token stays out of the process list.
    const CliRun inactive
        = run(client(QStringLiteral("introspect"), { QStringLiteral("-") }), accessToken.toUtf8());
    QVERIFY2(inactive.exitCode == 0, qPrintable(inactive.describe()));
    QCOMPARE(inactive.outText(), QStringLiteral("active: false\n"));

    const CliRun json = run(client(QStringLiteral("introspect"), { QStringLiteral("--json"), accessToken }));
    QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
    QCOMPARE(QJsonDocument::fromJson(json.out).object().value(QLatin1String("active")), QJsonValue(false));

    const CliRun mustBeActive
        = run(client(QStringLiteral("introspect"), { QStringLiteral("--require-active"), accessToken }));
    QVERIFY2(mustBeActive.exitCode == 5, qPrintable(mustBeActive.describe()));
    QVERIFY2(!mustBeActive.errText().contains(accessToken), qPrintable(mustBeActive.describe()));
}

// oidc-provider cannot revoke self-contained JWT access tokens: its words, exit 3.
void TestCliEndpointsOidc::revokeJwtIsUnsupported()
{
    const QString jwt = token({ QStringLiteral("--resource"), QStringLiteral("https://api.example.test") });
    QCOMPARE(jwt.count(QLatin1Char('.')), 2);
    const CliRun result = run(client(QStringLiteral("revoke"), { jwt }));
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(
                 QLatin1String("error: unsupported_token_type: Structured JWT Tokens cannot be revoked")),
             qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("(HTTP 400)")), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("hint: ")), qPrintable(result.describe()));
}

// /me wants a user's token; a client credentials token gets 401 and a Bearer challenge.
void TestCliEndpointsOidc::userInfoRefusesClientCredentialsToken()
{
    const QString accessToken = token();
    QVERIFY(!accessToken.isEmpty());
    const CliRun result = run({ QStringLiteral("userinfo"), QStringLiteral("--issuer"), m_issuer,
                                QStringLiteral("--token"), accessToken });
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("(HTTP 401)")), qPrintable(result.describe()));
    QVERIFY2(
        result.errText().contains(
            QStringLiteral("challenge: invalid_token: invalid token provided (realm \"%1\")").arg(m_issuer)),
        qPrintable(result.describe()));
}

void TestCliEndpointsOidc::profileFromIssuer()
{
    const CliRun added = run({ QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("oidc"),
                               QStringLiteral("--issuer"), m_issuer, QStringLiteral("--client-id"),
                               QStringLiteral("basic-client") });
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    const CliRun show = run({ QStringLiteral("profiles"), QStringLiteral("show"), QStringLiteral("oidc") });
    QVERIFY2(lines(show.out).contains(QStringLiteral("token URL: ") + m_issuer + QStringLiteral("/token")),
             qPrintable(show.describe()));
    QVERIFY2(lines(show.out).contains(QStringLiteral("revocation endpoint: ") + m_issuer
                                      + QStringLiteral("/token/revocation")),
             qPrintable(show.describe()));

    const QStringList profile { QStringLiteral("--profile"), QStringLiteral("oidc"),
                                QStringLiteral("--client-secret-env"), QStringLiteral("CLI_TEST_SECRET") };
    const CliRun tokenRun = run(QStringList { QStringLiteral("token") } + profile);
    QVERIFY2(tokenRun.exitCode == 0, qPrintable(tokenRun.describe()));
    const CliRun introspect
        = run(QStringList { QStringLiteral("introspect") } + profile + QStringList { QStringLiteral("-") },
              tokenRun.out);
    QVERIFY2(introspect.exitCode == 0, qPrintable(introspect.describe()));
    QVERIFY2(introspect.outText().startsWith(QLatin1String("active: true\n")),
             qPrintable(introspect.describe()));

    // userinfo --profile without a token uses the client credentials grant, which /me refuses.
    const CliRun userInfo = run(QStringList { QStringLiteral("userinfo") } + profile);
    QVERIFY2(userInfo.exitCode == 3, qPrintable(userInfo.describe()));
    QVERIFY2(userInfo.errText().contains(QLatin1String("client credentials token stands for the client")),
             qPrintable(userInfo.describe()));
}

QTEST_GUILESS_MAIN(TestCliEndpointsOidc)
#include "tst_cli_endpoints_oidc.moc"
