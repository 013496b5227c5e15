// Discovery of an authorization server's metadata: where it looks (OpenID Connect Discovery 1.0 §4 and
// RFC 8414 §3.1), how it falls back, the exact issuer check (RFC 8414 §3.3), and what ServerMetadata reads.
#include "Discovery.h"
#include "FakeHttpServer.h"
#include "WireLog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using Canned = FakeHttpServer::CannedResponse;
using Recorded = FakeHttpServer::RecordedRequest;

Q_DECLARE_METATYPE(DiscoveryResult)

namespace {

const QByteArray OpenIdSuffix = "/.well-known/openid-configuration";
const QByteArray Rfc8414Prefix = "/.well-known/oauth-authorization-server";

QByteArray metadataFor(const QString &issuer)
{
    QJsonObject object { { QStringLiteral("issuer"), issuer },
                         { QStringLiteral("token_endpoint"), QString(issuer + QStringLiteral("/token")) },
                         { QStringLiteral("introspection_endpoint"),
                           QString(issuer + QStringLiteral("/introspect")) } };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

QList<QUrl> urls(const QStringList &texts)
{
    QList<QUrl> list;
    for (const QString &text : texts)
        list.append(QUrl(text));
    return list;
}

} // namespace

class TestDiscovery final : public QObject
{
    Q_OBJECT

private:
    struct Harness
    {
        WireLog log;
        HttpClient http { &log };
        Discovery discovery { &http };
        QSignalSpy finished { &discovery, &Discovery::finished };
    };

    static bool run(Harness &h, const QUrl &issuer, DiscoveryResult *result)
    {
        TransportOptions transport;
        transport.timeoutMs = 5000;
        h.discovery.discover(issuer, transport);
        if (h.finished.count() != 0) {
            qWarning("finished was emitted synchronously");
            return false;
        }
        if (!QTest::qWaitFor([&h] { return h.finished.count() > 0; }, 10000))
            return false;
        QTest::qWait(100);
        if (h.finished.count() != 1) {
            qWarning("finished was emitted %d times", int(h.finished.count()));
            return false;
        }
        *result = h.finished.at(0).at(0).value<DiscoveryResult>();
        return true;
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<DiscoveryResult>(); }

    void candidateUrls_data()
    {
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("no path")
            << QStringLiteral("https://as.example.test")
            << QStringList { QStringLiteral("https://as.example.test/.well-known/openid-configuration"),
                             QStringLiteral("https://as.example.test/.well-known/"
                                            "oauth-authorization-server") };
        QTest::newRow("only a slash")
            << QStringLiteral("https://as.example.test/")
            << QStringList { QStringLiteral("https://as.example.test/.well-known/openid-configuration"),
                             QStringLiteral(
                                 "https://as.example.test/.well-known/oauth-authorization-server") };
        // OIDC appends to the path; RFC 8414 inserts between host and path; then the OIDC variant inserted.
        QTest::newRow("path") << QStringLiteral("https://as.example.test:8443/realms/dev")
                              << QStringList { QStringLiteral(
                                                   "https://as.example.test:8443/realms/dev/.well-known/"
                                                   "openid-configuration"),
                                               QStringLiteral("https://as.example.test:8443/.well-known/"
                                                              "oauth-authorization-server/realms/dev"),
                                               QStringLiteral("https://as.example.test:8443/.well-known/"
                                                              "openid-configuration/realms/dev") };
        // The terminating slash goes before appending or inserting (OIDC Discovery §4, RFC 8414 §3.1).
        QTest::newRow("path with trailing slash")
            << QStringLiteral("https://as.example.test/tenant/")
            << QStringList {
                   QStringLiteral("https://as.example.test/tenant/.well-known/openid-configuration"),
                   QStringLiteral("https://as.example.test/.well-known/oauth-authorization-server/tenant"),
                   QStringLiteral("https://as.example.test/.well-known/openid-configuration/tenant")
               };
        QTest::newRow("query and fragment dropped")
            << QStringLiteral("https://as.example.test/t?x=1#f")
            << QStringList { QStringLiteral("https://as.example.test/t/.well-known/openid-configuration"),
                             QStringLiteral(
                                 "https://as.example.test/.well-known/oauth-authorization-server/t"),
                             QStringLiteral("https://as.example.test/.well-known/openid-configuration/t") };
    }

    void candidateUrls()
    {
        QFETCH(QString, issuer);
        QFETCH(QStringList, expected);
        QCOMPARE(Discovery::candidateUrls(QUrl(issuer)), urls(expected));
    }

    void findsOpenIdConfigurationFirst()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        const QString issuer = server.url().toString();
        server.setHandler(
            [issuer](const Recorded &) { return FakeHttpServer::json(200, metadataFor(issuer)); });
        Harness h;
        DiscoveryResult result;
        QVERIFY(run(h, server.url(), &result));
        QCOMPARE(result.status, FlowStatus::Success);
        QVERIFY(!result.issuerMismatch);
        QCOMPARE(server.requestCount(), 1);
        QCOMPARE(server.lastRequest().method, QByteArray("GET"));
        QCOMPARE(server.lastRequest().target, OpenIdSuffix);
        QVERIFY(server.lastRequest().header("Accept").contains("application/json"));
        QCOMPARE(result.documentUrl, server.url(QString::fromLatin1(OpenIdSuffix)));
        QCOMPARE(result.metadata.tokenEndpoint, QUrl(issuer + QStringLiteral("/token")));
        QCOMPARE(result.metadata.endpoints.introspection, QUrl(issuer + QStringLiteral("/introspect")));
        QCOMPARE(result.metadata.endpoints.issuer, QUrl(issuer));
        QCOMPARE(result.exchangeIds.size(), 1);
    }

    // Which candidate answers; every other one is 404.
    void fallsBackOn404_data()
    {
        QTest::addColumn<QString>("issuerPath");
        QTest::addColumn<QByteArray>("answeringTarget");
        QTest::addColumn<int>("expectedRequests");
        QTest::newRow("RFC 8414, no path") << QString() << Rfc8414Prefix << 2;
        QTest::newRow("RFC 8414, path inserted")
            << QStringLiteral("/tenant") << QByteArray(Rfc8414Prefix + "/tenant") << 2;
        QTest::newRow("OIDC with path inserted")
            << QStringLiteral("/tenant") << QByteArray(OpenIdSuffix + "/tenant") << 3;
    }

    void fallsBackOn404()
    {
        QFETCH(QString, issuerPath);
        QFETCH(QByteArray, answeringTarget);
        QFETCH(int, expectedRequests);
        FakeHttpServer server;
        QVERIFY(server.listen());
        const QString issuer = server.url(issuerPath).toString();
        server.setHandler([issuer, answeringTarget](const Recorded &request) {
            if (request.target == answeringTarget)
                return FakeHttpServer::json(200, metadataFor(issuer));
            return FakeHttpServer::text(404, "text/plain", "Not Found");
        });
        Harness h;
        DiscoveryResult result;
        QVERIFY(run(h, QUrl(issuer), &result));
        QCOMPARE(result.status, FlowStatus::Success);
        QVERIFY(!result.issuerMismatch);
        QCOMPARE(server.requestCount(), expectedRequests);
        QCOMPARE(server.requests().constFirst().target, issuerPath.toLatin1() + OpenIdSuffix);
        QCOMPARE(server.lastRequest().target, answeringTarget);
        QCOMPARE(result.documentUrl, server.url(QString::fromLatin1(answeringTarget)));
        QCOMPARE(result.tried.size(), expectedRequests);
        QCOMPARE(result.exchangeIds.size(), expectedRequests);
    }

    void everyCandidateMissingIsServerError()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) { return FakeHttpServer::text(404, "text/plain", "nope"); });
        Harness h;
        DiscoveryResult result;
        QVERIFY(run(h, server.url(QStringLiteral("/t")), &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(server.requestCount(), 3);
        QVERIFY2(result.message.contains(QLatin1String("404")), qPrintable(result.message));
        QVERIFY(!result.hint.isEmpty());
    }

    // A server error is not "not here": no fallback.
    void serverErrorStopsTheSearch()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) { return FakeHttpServer::text(500, "text/plain", "boom"); });
        Harness h;
        DiscoveryResult result;
        QVERIFY(run(h, server.url(), &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(server.requestCount(), 1);
        QVERIFY2(result.message.contains(QLatin1String("500")), qPrintable(result.message));
    }

    void issuerMismatch_data()
    {
        QTest::addColumn<QString>("requestedPath");
        QTest::addColumn<QString>("announcedPath");
        QTest::addColumn<bool>("mismatch");
        QTest::newRow("identical") << QString() << QString() << false;
        QTest::newRow("identical with path") << QStringLiteral("/t") << QStringLiteral("/t") << false;
        QTest::newRow("asked with trailing slash") << QStringLiteral("/") << QString() << true;
        QTest::newRow("announced with trailing slash") << QString() << QStringLiteral("/") << true;
        QTest::newRow("path asked with trailing slash")
            << QStringLiteral("/t/") << QStringLiteral("/t") << true;
        QTest::newRow("other path") << QStringLiteral("/t") << QStringLiteral("/other") << true;
    }

    void issuerMismatch()
    {
        QFETCH(QString, requestedPath);
        QFETCH(QString, announcedPath);
        QFETCH(bool, mismatch);
        FakeHttpServer server;
        QVERIFY(server.listen());
        const QString announced = server.url(announcedPath).toString();
        server.setHandler([announced](const Recorded &request) {
            if (request.target.contains("/.well-known/"))
                return FakeHttpServer::json(200, metadataFor(announced));
            return FakeHttpServer::text(404, "text/plain", "Not Found");
        });
        Harness h;
        DiscoveryResult result;
        const QUrl requested = server.url(requestedPath);
        QVERIFY(run(h, requested, &result));
        // The metadata was found either way; the caller decides whether to use it.
        QCOMPARE(result.status, FlowStatus::Success);
        QCOMPARE(result.issuerMismatch, mismatch);
        if (mismatch) {
            QVERIFY2(result.message.contains(announced) && result.message.contains(requested.toString()),
                     qPrintable(result.message));
        }
    }

    void otherHostIsAMismatch()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            return FakeHttpServer::json(200, metadataFor(QStringLiteral("https://login.example.test")));
        });
        Harness h;
        DiscoveryResult result;
        QVERIFY(run(h, server.url(), &result));
        QVERIFY(result.issuerMismatch);
        QVERIFY2(result.message.contains(QLatin1String("https://login.example.test")),
                 qPrintable(result.message));
    }

    void unusableDocument_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected"); // in the message
        QTest::newRow("HTML") << QByteArray("text/html") << QByteArray("<html><body>Sign in</body></html>")
                              << QStringLiteral("not valid JSON");
        QTest::newRow("JSON array") << QByteArray("application/json") << QByteArray("[{\"issuer\":\"x\"}]")
                                    << QStringLiteral("not a JSON object");
        QTest::newRow("no issuer") << QByteArray("application/json")
                                   << QByteArray("{\"token_endpoint\":\"https://as.example.test/token\"}")
                                   << QStringLiteral("no issuer");
        QTest::newRow("issuer not a string")
            << QByteArray("application/json") << QByteArray("{\"issuer\":42}") << QStringLiteral("no issuer");
        QTest::newRow("empty body") << QByteArray("application/json") << QByteArray()
                                    << QStringLiteral("not valid JSON");
    }

    // The same unusable answer everywhere.
    void unusableDocument()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler(
            [contentType, body](const Recorded &) { return FakeHttpServer::text(200, contentType, body); });
        Harness h;
        DiscoveryResult result;
        QVERIFY(run(h, server.url(), &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QVERIFY2(result.message.contains(expected), qPrintable(result.message));
        QVERIFY2(result.message.contains(server.url().toString()), qPrintable(result.message));
    }

    // The OpenID document exists but is unusable and RFC 8414's is missing: the report must say what was
    // wrong with the document that exists, not only that the last location was a 404.
    void unusableDocumentThenNotFoundKeepsTheReason()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &request) {
            if (request.target == OpenIdSuffix)
                return FakeHttpServer::text(200, "text/html", "<html>login page</html>");
            return FakeHttpServer::text(404, "text/plain", "Not Found");
        });
        Harness h;
        DiscoveryResult result;
        QVERIFY(run(h, server.url(), &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(server.requestCount(), 2);
        QVERIFY2(result.message.contains(QLatin1String("not valid JSON")), qPrintable(result.message));
        QVERIFY2(result.message.contains(QString::fromLatin1(OpenIdSuffix)), qPrintable(result.message));
    }

    void unusableDocumentThenMetadataSucceedsCleanly()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        const QString issuer = server.url().toString();
        server.setHandler([issuer](const Recorded &request) {
            if (request.target == OpenIdSuffix)
                return FakeHttpServer::text(200, "text/html", "<html>login page</html>");
            return FakeHttpServer::json(200, metadataFor(issuer));
        });
        Harness h;
        DiscoveryResult result;
        QVERIFY(run(h, server.url(), &result));
        QCOMPARE(result.status, FlowStatus::Success);
        QCOMPARE(result.documentUrl, server.url(QString::fromLatin1(Rfc8414Prefix)));
        QVERIFY2(result.message.isEmpty(), qPrintable(result.message));
        QVERIFY(!result.issuerMismatch);
    }

    void transportFailure()
    {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        Harness h;
        DiscoveryResult result;
        QVERIFY(run(h, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), &result));
        QCOMPARE(result.status, FlowStatus::TransportError);
        QVERIFY(!result.message.isEmpty());
        QVERIFY(!result.hint.isEmpty());
        QCOMPARE(result.tried.size(), 1); // a dead server is not asked three times
    }

    void invalidIssuerIsUsageError_data()
    {
        QTest::addColumn<QString>("issuer");
        QTest::newRow("relative") << QStringLiteral("as.example.test");
        QTest::newRow("ftp") << QStringLiteral("ftp://as.example.test");
        QTest::newRow("empty") << QString();
    }

    void invalidIssuerIsUsageError()
    {
        QFETCH(QString, issuer);
        Harness h;
        DiscoveryResult result;
        QVERIFY(run(h, QUrl(issuer), &result));
        QCOMPARE(result.status, FlowStatus::UsageError);
        QVERIFY(result.tried.isEmpty());
    }

    void metadataDefaultsWhenAbsent()
    {
        QString error;
        QStringList warnings;
        const auto metadata
            = ServerMetadata::parse("{\"issuer\":\"https://as.example.test\"}", &error, &warnings);
        QVERIFY2(metadata, qPrintable(error));
        // RFC 8414 §2 defaults.
        QCOMPARE(metadata->grantTypes,
                 QStringList({ QStringLiteral("authorization_code"), QStringLiteral("implicit") }));
        QCOMPARE(metadata->tokenEndpointAuthMethods, QStringList { QStringLiteral("client_secret_basic") });
        // No default for PKCE: absent means unknown.
        QVERIFY(metadata->codeChallengeMethods.isEmpty());
        QVERIFY(!metadata->authorizationResponseIssParameterSupported);
        QVERIFY(metadata->tokenEndpoint.isEmpty());
        QVERIFY(metadata->endpoints.introspection.isEmpty());
        QVERIFY(warnings.isEmpty());
    }

    void metadataListsAsGiven()
    {
        QString error;
        QStringList warnings;
        const auto metadata = ServerMetadata::parse(
            "{\"issuer\":\"https://as.example.test\",\"grant_types_supported\":[\"client_credentials\"],"
            "\"token_endpoint_auth_methods_supported\":[],\"code_challenge_methods_supported\":[\"S256\"],"
            "\"authorization_response_iss_parameter_supported\":true,"
            "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"]}",
            &error, &warnings);
        QVERIFY2(metadata, qPrintable(error));
        QCOMPARE(metadata->grantTypes, QStringList { QStringLiteral("client_credentials") });
        QVERIFY(metadata->tokenEndpointAuthMethods.isEmpty()); // present but empty: no default
        QCOMPARE(metadata->codeChallengeMethods, QStringList { QStringLiteral("S256") });
        QCOMPARE(metadata->idTokenSigningAlgs,
                 QStringList({ QStringLiteral("RS256"), QStringLiteral("ES256") }));
        QVERIFY(metadata->authorizationResponseIssParameterSupported);
    }

    void metadataEndpointsAndBadValues()
    {
        QString error;
        QStringList warnings;
        const auto metadata = ServerMetadata::parse(
            "{\"issuer\":\"https://as.example.test\",\"token_endpoint\":\"https://as.example.test/token\","
            "\"revocation_endpoint\":\"https://as.example.test/revoke\",\"userinfo_endpoint\":\"/relative\","
            "\"jwks_uri\":\"ftp://as.example.test/jwks\",\"grant_types_supported\":\"client_credentials\"}",
            &error, &warnings);
        QVERIFY2(metadata, qPrintable(error));
        QCOMPARE(metadata->tokenEndpoint, QUrl(QStringLiteral("https://as.example.test/token")));
        QCOMPARE(metadata->endpoints.revocation, QUrl(QStringLiteral("https://as.example.test/revoke")));
        QVERIFY(metadata->endpoints.userinfo.isEmpty());
        QVERIFY(metadata->endpoints.jwks.isEmpty());
        QCOMPARE(warnings.size(), 3);
        QVERIFY(warnings.join(QLatin1Char('\n')).contains(QLatin1String("userinfo_endpoint")));
        QVERIFY(warnings.join(QLatin1Char('\n')).contains(QLatin1String("jwks_uri")));
        QVERIFY(warnings.join(QLatin1Char('\n')).contains(QLatin1String("grant_types_supported")));
    }
};

QTEST_GUILESS_MAIN(TestDiscovery)
#include "tst_discovery.moc"
