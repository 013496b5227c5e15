// The sandbox authorization server, driven by the engine's own flows: client credentials with Basic and post
// authentication, token inspection through discovery and the JWKS, the protected API, introspection and
// revocation.
#include "ApiRequest.h"
#include "ClientCredentialsFlow.h"
#include "HttpClient.h"
#include "JwkSetParser.h"
#include "JwksCache.h"
#include "JwsVerifier.h"
#include "JwtParser.h"
#include "SandboxClients.h"
#include "SandboxKeys.h"
#include "SandboxServer.h"
#include "TokenInspector.h"
#include "TokenIntrospection.h"
#include "TokenRevocation.h"
#include "WireLog.h"

#include "AwaitResult.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(TokenResult)
Q_DECLARE_METATYPE(InspectionResult)
Q_DECLARE_METATYPE(ApiResponse)
Q_DECLARE_METATYPE(EndpointResult)

class TestSandboxServer final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    WireLog m_log;
    HttpClient m_http { &m_log };

    QString secret() const
    {
        const QList<SandboxClient> clients = m_server->clients();
        return SandboxClients::find(clients, QLatin1String(SandboxClients::ConfidentialId))->clientSecret;
    }

    Profile profile(ClientAuthMethod method) const
    {
        Profile p = Profile::create(QStringLiteral("sandbox"));
        const QString issuer = m_server->issuer().toString();
        p.tokenUrl = QUrl(issuer + QStringLiteral("/token"));
        p.endpoints.issuer = m_server->issuer();
        p.endpoints.introspection = QUrl(issuer + QStringLiteral("/introspect"));
        p.endpoints.revocation = QUrl(issuer + QStringLiteral("/revoke"));
        p.endpoints.jwks = QUrl(issuer + QStringLiteral("/jwks"));
        p.clientId = QLatin1String(SandboxClients::ConfidentialId);
        p.authMethod = method;
        p.scope = QStringLiteral("read");
        p.timeoutSeconds = 10;
        return p;
    }

    TokenResult token(ClientAuthMethod method, const QString &clientSecret)
    {
        ClientCredentialsFlow flow(&m_http);
        return TestSupport::awaitResult<TokenResult>(&flow, &ClientCredentialsFlow::finished,
                                                     [&] { flow.start(profile(method), clientSecret); });
    }

    ApiResponse hello(const QString &bearer)
    {
        ApiRequest request(&m_http);
        ApiRequestSpec spec;
        spec.url = QUrl(m_server->issuer().toString() + QStringLiteral("/api/hello"));
        spec.bearerToken = bearer;
        return TestSupport::awaitResult<ApiResponse>(&request, &ApiRequest::finished,
                                                     [&] { request.send(spec); });
    }

    EndpointResult introspect(const QString &accessToken)
    {
        TokenIntrospection introspection(&m_http);
        return TestSupport::awaitResult<EndpointResult>(&introspection, &TokenIntrospection::finished, [&] {
            introspection.introspect(profile(ClientAuthMethod::ClientSecretBasic), secret(), accessToken);
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<TokenResult>();
        qRegisterMetaType<InspectionResult>();
        qRegisterMetaType<ApiResponse>();
        qRegisterMetaType<EndpointResult>();
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<SandboxServer>(m_dir.path());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QCOMPARE(m_server->issuer().host(), QStringLiteral("127.0.0.1"));
        QVERIFY(m_server->issuer().port() > 0);
    }

    void clientsAreListed()
    {
        const QList<SandboxClient> clients = m_server->clients();
        QCOMPARE(clients.size(), 2);
        const SandboxClient *confidential
            = SandboxClients::find(clients, QLatin1String(SandboxClients::ConfidentialId));
        QVERIFY(confidential && confidential->clientSecret.size() >= 40);
        const SandboxClient *publicClient
            = SandboxClients::find(clients, QLatin1String(SandboxClients::PublicId));
        QVERIFY(publicClient && publicClient->isPublic());
        QCOMPARE(publicClient->toJson().value(QLatin1String("token_endpoint_auth_method")).toString(),
                 QStringLiteral("none"));
        QVERIFY(!publicClient->toJson().contains(QLatin1String("client_secret")));
        QVERIFY(publicClient->acceptsRedirectUri(QUrl(QStringLiteral("http://127.0.0.1:49152/callback"))));
        QVERIFY(!publicClient->acceptsRedirectUri(QUrl(QStringLiteral("http://127.0.0.1:49152/other"))));
        QVERIFY(!publicClient->acceptsRedirectUri(QUrl(QStringLiteral("https://evil.example/callback"))));
    }

    void secretSurvivesARestart()
    {
        SandboxServer again(m_dir.path());
        QVERIFY2(again.start(), qPrintable(again.errorString()));
        QVERIFY(again.issuer() != m_server->issuer());
        QCOMPARE(SandboxClients::find(again.clients(), QLatin1String(SandboxClients::ConfidentialId))
                     ->clientSecret,
                 secret());
        QCOMPARE(again.keys().kid(QStringLiteral("RS256")), m_server->keys().kid(QStringLiteral("RS256")));
    }

    void clientCredentialsTokenVerifiesThroughDiscovery_data()
    {
        QTest::addColumn<ClientAuthMethod>("method");
        QTest::newRow("client_secret_basic") << ClientAuthMethod::ClientSecretBasic;
        QTest::newRow("client_secret_post") << ClientAuthMethod::ClientSecretPost;
    }

    void clientCredentialsTokenVerifiesThroughDiscovery()
    {
        QFETCH(ClientAuthMethod, method);
        const TokenResult result = token(method, secret());
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.token.scope, QStringLiteral("read"));

        JwksCache cache(&m_http);
        TokenInspector inspector(&m_http, &cache);
        InspectionRequest request;
        request.token = result.token.accessToken;
        request.issuer = m_server->issuer();
        request.expectAccessToken = true;
        const InspectionResult inspection = TestSupport::awaitResult<InspectionResult>(
            &inspector, &TokenInspector::finished, [&] { inspector.inspect(request); });
        QVERIFY2(inspection.status == FlowStatus::Success, qPrintable(inspection.message));
        QVERIFY(inspection.verification && inspection.verification->isValid());
        QVERIFY(inspection.parsed.token.isAccessToken);
        for (const Finding &finding : inspection.findings)
            QVERIFY2(finding.severity != Finding::Severity::Error, qPrintable(finding.message));
        const QJsonObject &claims = inspection.parsed.token.claims;
        QCOMPARE(claims.value(QLatin1String("iss")).toString(), m_server->issuer().toString());
        QCOMPARE(claims.value(QLatin1String("client_id")).toString(),
                 QLatin1String(SandboxClients::ConfidentialId));
        for (const char *name : { "sub", "aud", "exp", "iat", "jti", "scope" })
            QVERIFY2(claims.contains(QLatin1String(name)), name);
    }

    void publishedJwksVerifiesIssuedTokens()
    {
        const TokenResult result = token(ClientAuthMethod::ClientSecretBasic, secret());
        QVERIFY(result.ok());
        ApiRequest request(&m_http);
        ApiRequestSpec spec;
        spec.url = QUrl(m_server->issuer().toString() + QStringLiteral("/jwks"));
        const ApiResponse jwks = TestSupport::awaitResult<ApiResponse>(&request, &ApiRequest::finished,
                                                                       [&] { request.send(spec); });
        QCOMPARE(jwks.httpStatus, 200);
        const JwkSetParseResult keys = JwkSetParser::parse(jwks.body);
        QVERIFY2(keys.ok, qPrintable(keys.error));
        QVERIFY(!keys.set.hasPrivateMaterial());
        const JwtParseResult parsed = JwtParser().parse(result.token.accessToken);
        QCOMPARE(parsed.token.alg, QStringLiteral("RS256"));
        QCOMPARE(parsed.token.typ, QStringLiteral("at+jwt"));
        const JwsVerification verification = JwsVerifier().verify(parsed.token, keys.set);
        QVERIFY2(verification.isValid(), qPrintable(verification.message));
        QCOMPARE(verification.key.kid, m_server->keys().kid(QStringLiteral("RS256")));
    }

    void wrongSecretIsInvalidClient_data()
    {
        QTest::addColumn<ClientAuthMethod>("method");
        QTest::newRow("client_secret_basic") << ClientAuthMethod::ClientSecretBasic;
        QTest::newRow("client_secret_post") << ClientAuthMethod::ClientSecretPost;
    }

    void wrongSecretIsInvalidClient()
    {
        QFETCH(ClientAuthMethod, method);
        const TokenResult result = token(method, secret() + QStringLiteral("x"));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_client"));
        const HttpExchange exchange = m_log.at(m_log.count() - 1);
        QCOMPARE(exchange.status, 401);
        QVERIFY(headerValue(exchange.responseHeaders, "WWW-Authenticate").startsWith("Basic"));
    }

    void unknownScopeIsInvalidScope()
    {
        ClientCredentialsFlow flow(&m_http);
        Profile p = profile(ClientAuthMethod::ClientSecretBasic);
        p.scope = QStringLiteral("admin");
        const TokenResult result = TestSupport::awaitResult<TokenResult>(
            &flow, &ClientCredentialsFlow::finished, [&] { flow.start(p, secret()); });
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_scope"));
    }

    void apiNeedsAValidBearerToken()
    {
        const TokenResult result = token(ClientAuthMethod::ClientSecretBasic, secret());
        QVERIFY(result.ok());
        const ApiResponse good = hello(result.token.accessToken);
        QCOMPARE(good.httpStatus, 200);
        QVERIFY(good.body.contains("Hello"));

        const ApiResponse none = hello({});
        QCOMPARE(none.httpStatus, 401);
        QVERIFY(none.challenge.present);
        QCOMPARE(none.challenge.realm, QStringLiteral("sandbox"));

        QString forged = result.token.accessToken;
        forged.chop(4);
        forged += QStringLiteral("AAAA");
        const ApiResponse bad = hello(forged);
        QCOMPARE(bad.httpStatus, 401);
        QCOMPARE(bad.challenge.error, QStringLiteral("invalid_token"));
        QVERIFY(!bad.challenge.errorDescription.isEmpty());
    }

    void expiredTokenIsRefused()
    {
        const TokenResult result = token(ClientAuthMethod::ClientSecretBasic, secret());
        QVERIFY(result.ok());
        m_server->setClockSkew(2 * 3600);
        const ApiResponse expired = hello(result.token.accessToken);
        m_server->setClockSkew(0);
        QCOMPARE(expired.httpStatus, 401);
        QCOMPARE(expired.challenge.error, QStringLiteral("invalid_token"));
        QVERIFY(expired.challenge.errorDescription.contains(QLatin1String("expired")));
    }

    void revocationEndsIntrospectionAndApiAccess()
    {
        const TokenResult result = token(ClientAuthMethod::ClientSecretPost, secret());
        QVERIFY(result.ok());
        const QString accessToken = result.token.accessToken;
        const EndpointResult active = introspect(accessToken);
        QVERIFY2(active.ok(), qPrintable(active.message));
        QCOMPARE(active.active, std::optional<bool>(true));
        QCOMPARE(active.json.value(QLatin1String("client_id")).toString(),
                 QLatin1String(SandboxClients::ConfidentialId));

        TokenRevocation revocation(&m_http);
        const EndpointResult revoked
            = TestSupport::awaitResult<EndpointResult>(&revocation, &TokenRevocation::finished, [&] {
                  revocation.revoke(profile(ClientAuthMethod::ClientSecretBasic), secret(), accessToken);
              });
        QVERIFY2(revoked.ok(), qPrintable(revoked.message));

        const EndpointResult inactive = introspect(accessToken);
        QVERIFY(inactive.ok());
        QCOMPARE(inactive.active, std::optional<bool>(false));
        QCOMPARE(inactive.json.size(), 1);
        QCOMPARE(hello(accessToken).httpStatus, 401);
    }

    void introspectionNeedsClientAuthentication()
    {
        TokenIntrospection introspection(&m_http);
        const EndpointResult result
            = TestSupport::awaitResult<EndpointResult>(&introspection, &TokenIntrospection::finished, [&] {
                  introspection.introspect(profile(ClientAuthMethod::ClientSecretBasic),
                                           QStringLiteral("wrong"), QStringLiteral("whatever"));
              });
        QCOMPARE(result.httpStatus, 401);
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_client"));
    }

    void metadataSaysItIsNotForProduction()
    {
        const QJsonObject metadata = m_server->metadata();
        QCOMPARE(metadata.value(QLatin1String("issuer")).toString(), m_server->issuer().toString());
        QVERIFY(metadata.value(QLatin1String("authorization_response_iss_parameter_supported")).toBool());
        ApiRequest request(&m_http);
        ApiRequestSpec spec;
        spec.url = QUrl(metadata.value(QLatin1String("service_documentation")).toString());
        const ApiResponse docs = TestSupport::awaitResult<ApiResponse>(&request, &ApiRequest::finished,
                                                                       [&] { request.send(spec); });
        QCOMPARE(docs.httpStatus, 200);
        QVERIFY(docs.body.contains("NOT for production"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "tst_sandbox_server.moc"
