// Discovery, introspection, revocation and userinfo against a real authorization server: oidc-provider
// (tests/oidc/server.mjs), started by the CTest fixture, its port in $OIDC_PORT_FILE.
#include "ClientCredentialsFlow.h"
#include "Discovery.h"
#include "TokenIntrospection.h"
#include "TokenRevocation.h"
#include "UserInfoRequest.h"
#include "WireLog.h"

#include "OidcFixture.h"
#include <QFile>
#include <QSignalSpy>
#include <QTest>

Q_DECLARE_METATYPE(DiscoveryResult)
Q_DECLARE_METATYPE(EndpointResult)
Q_DECLARE_METATYPE(TokenResult)

namespace {
const QString JwtResource = QStringLiteral("https://api.example.test");

// Waits for the one result of `object`'s finished signal after `start`.
template<typename Result, typename Object, typename Signal, typename Start>
bool waitForResult(Object *object, Signal signal, Start start, Result *result)
{
    QSignalSpy finished(object, signal);
    start();
    if (!QTest::qWaitFor([&finished] { return finished.count() > 0; }, 30000)) {
        qWarning("no result within 30 s");
        return false;
    }
    QTest::qWait(50);
    if (finished.count() != 1) {
        qWarning("finished emitted %d times", int(finished.count()));
        return false;
    }
    *result = finished.at(0).at(0).template value<Result>();
    return true;
}

QByteArray describe(const EndpointResult &r)
{
    return QStringLiteral("status %1, HTTP %2, %3 (hint: %4) body: %5")
        .arg(int(r.status))
        .arg(r.httpStatus)
        .arg(r.message, r.hint, QString::fromUtf8(r.body))
        .toUtf8();
}
} // namespace

class TestEndpointsOidc final : public QObject
{
    Q_OBJECT

private:
    QUrl m_issuer;
    WireLog m_log;
    HttpClient m_http { &m_log };

    QUrl at(const QString &path) const { return m_issuer.resolved(QUrl(path)); }

    // A profile filled the way the CLI and the GUI fill it: from discovery.
    Profile profile(const QString &clientId, ClientAuthMethod method) const
    {
        Profile p = Profile::create(QStringLiteral("oidc-provider ") + clientId);
        p.tokenUrl = at(QStringLiteral("/token"));
        p.endpoints.issuer = m_issuer;
        p.endpoints.introspection = at(QStringLiteral("/token/introspection"));
        p.endpoints.revocation = at(QStringLiteral("/token/revocation"));
        p.endpoints.userinfo = at(QStringLiteral("/me"));
        p.clientId = clientId;
        p.authMethod = method;
        p.timeoutSeconds = 20;
        return p;
    }

    Profile basicClient() const
    {
        return profile(QStringLiteral("basic-client"), ClientAuthMethod::ClientSecretBasic);
    }

    bool discover(const QUrl &issuer, DiscoveryResult *result)
    {
        Discovery discovery(&m_http);
        return waitForResult(
            &discovery, &Discovery::finished, [&] { discovery.discover(issuer, TransportOptions()); },
            result);
    }

    bool token(const Profile &p, const QString &secret, QString *accessToken)
    {
        ClientCredentialsFlow flow(&m_http);
        TokenResult result;
        if (!waitForResult(
                &flow, &ClientCredentialsFlow::finished, [&] { flow.start(p, secret); }, &result))
            return false;
        if (!result.ok()) {
            qWarning("token request failed: %s", qPrintable(result.message));
            return false;
        }
        *accessToken = result.token.accessToken;
        return true;
    }

    bool introspect(const Profile &p, const QString &secret, const QString &accessToken,
                    EndpointResult *result)
    {
        TokenIntrospection introspection(&m_http);
        return waitForResult(
            &introspection, &TokenIntrospection::finished,
            [&] { introspection.introspect(p, secret, accessToken, QStringLiteral("access_token")); },
            result);
    }

    bool revoke(const Profile &p, const QString &secret, const QString &accessToken, EndpointResult *result)
    {
        TokenRevocation revocation(&m_http);
        return waitForResult(
            &revocation, &TokenRevocation::finished,
            [&] { revocation.revoke(p, secret, accessToken, QStringLiteral("access_token")); }, result);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<DiscoveryResult>();
        qRegisterMetaType<EndpointResult>();
        qRegisterMetaType<TokenResult>();
        QString error;
        m_issuer = QUrl(OidcFixture::issuer(&error));
        QVERIFY2(!m_issuer.isEmpty(), qPrintable(error));
    }

    void discoveryFillsTheEndpoints()
    {
        DiscoveryResult result;
        QVERIFY(discover(m_issuer, &result));
        QVERIFY2(result.status == FlowStatus::Success, qPrintable(result.message));
        QVERIFY2(!result.issuerMismatch, qPrintable(result.message));
        QCOMPARE(result.documentUrl, at(QStringLiteral("/.well-known/openid-configuration")));
        const ServerMetadata &metadata = result.metadata;
        QCOMPARE(metadata.endpoints.issuer, m_issuer);
        QCOMPARE(metadata.tokenEndpoint, at(QStringLiteral("/token")));
        QCOMPARE(metadata.endpoints.authorization, at(QStringLiteral("/auth")));
        QCOMPARE(metadata.endpoints.introspection, at(QStringLiteral("/token/introspection")));
        QCOMPARE(metadata.endpoints.revocation, at(QStringLiteral("/token/revocation")));
        QCOMPARE(metadata.endpoints.userinfo, at(QStringLiteral("/me")));
        QCOMPARE(metadata.endpoints.jwks, at(QStringLiteral("/jwks")));
        QCOMPARE(metadata.endpoints.pushedAuthorization, at(QStringLiteral("/request")));
        // The server supports S256 only (plain is refused).
        QCOMPARE(metadata.codeChallengeMethods, QStringList { QStringLiteral("S256") });
        QVERIFY(metadata.grantTypes.contains(QStringLiteral("client_credentials")));
        QVERIFY(metadata.tokenEndpointAuthMethods.contains(QStringLiteral("client_secret_post")));
        QVERIFY(metadata.idTokenSigningAlgs.contains(QStringLiteral("RS256")));
        QVERIFY(metadata.authorizationResponseIssParameterSupported);
        QVERIFY2(result.warnings.isEmpty(), qPrintable(result.warnings.join(QLatin1Char('\n'))));
    }

    // The server announces its issuer without a trailing slash: asking with one is a different issuer.
    void trailingSlashIsAnIssuerMismatch()
    {
        DiscoveryResult result;
        QVERIFY(discover(QUrl(m_issuer.toString() + QLatin1Char('/')), &result));
        QCOMPARE(result.status, FlowStatus::Success);
        QVERIFY(result.issuerMismatch);
        QVERIFY2(result.message.contains(m_issuer.toString()), qPrintable(result.message));
    }

    void introspectionThenRevocationOfAnOpaqueToken()
    {
        QString accessToken;
        QVERIFY(token(basicClient(), QStringLiteral("basic-secret"), &accessToken));
        QVERIFY2(accessToken.count(QLatin1Char('.')) != 2, "expected an opaque token");

        EndpointResult active;
        QVERIFY(introspect(basicClient(), QStringLiteral("basic-secret"), accessToken, &active));
        QVERIFY2(active.ok(), describe(active).constData());
        QCOMPARE(active.active, std::optional<bool>(true));
        QCOMPARE(active.json.value(QLatin1String("client_id")).toString(), QStringLiteral("basic-client"));
        QVERIFY(active.json.value(QLatin1String("exp")).toDouble() > 0);

        EndpointResult revoked;
        QVERIFY(revoke(basicClient(), QStringLiteral("basic-secret"), accessToken, &revoked));
        QVERIFY2(revoked.ok(), describe(revoked).constData());
        QCOMPARE(revoked.httpStatus, 200);

        EndpointResult inactive;
        QVERIFY(introspect(basicClient(), QStringLiteral("basic-secret"), accessToken, &inactive));
        QVERIFY2(inactive.ok(), describe(inactive).constData());
        QCOMPARE(inactive.active, std::optional<bool>(false));
    }

    void introspectionWithClientSecretPost()
    {
        const Profile post = profile(QStringLiteral("post-client"), ClientAuthMethod::ClientSecretPost);
        QString accessToken;
        QVERIFY(token(post, QStringLiteral("post-secret"), &accessToken));
        EndpointResult result;
        QVERIFY(introspect(post, QStringLiteral("post-secret"), accessToken, &result));
        QVERIFY2(result.ok(), describe(result).constData());
        QCOMPARE(result.active, std::optional<bool>(true));
    }

    void introspectionWithWrongSecretIsInvalidClient()
    {
        QString accessToken;
        QVERIFY(token(basicClient(), QStringLiteral("basic-secret"), &accessToken));
        EndpointResult result;
        QVERIFY(introspect(basicClient(), QStringLiteral("wrong-secret"), accessToken, &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_client"));
        QCOMPARE(result.httpStatus, 401);
    }

    // oidc-provider cannot revoke self-contained JWT access tokens (RFC 9068) and says so.
    void revocationOfAJwtIsUnsupportedTokenType()
    {
        Profile jwtClient = basicClient();
        jwtClient.resources = { JwtResource };
        QString accessToken;
        QVERIFY(token(jwtClient, QStringLiteral("basic-secret"), &accessToken));
        QCOMPARE(accessToken.count(QLatin1Char('.')), 2);
        EndpointResult result;
        QVERIFY(revoke(basicClient(), QStringLiteral("basic-secret"), accessToken, &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.httpStatus, 400);
        QCOMPARE(result.oauthError.error, QStringLiteral("unsupported_token_type"));
        QVERIFY(!result.oauthError.description.isEmpty());
        QVERIFY2(result.hint.contains(QLatin1String("JWT")), qPrintable(result.hint));
    }

    // /me accepts only a user's access token (openid scope, code flow); a client credentials token is
    // refused with 401 and a Bearer challenge. (The success path is covered against FakeHttpServer.)
    void userInfoRefusesAClientCredentialsToken()
    {
        QString accessToken;
        QVERIFY(token(basicClient(), QStringLiteral("basic-secret"), &accessToken));
        UserInfoRequest request(&m_http);
        EndpointResult result;
        QVERIFY(waitForResult(
            &request, &UserInfoRequest::finished, [&] { request.fetch(basicClient(), accessToken); },
            &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.httpStatus, 401);
        QVERIFY(result.challenge.present);
        QCOMPARE(result.challenge.error, QStringLiteral("invalid_token"));
        QCOMPARE(result.challenge.realm, m_issuer.toString());
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_token"));
        // The access token never appears in the wire log unredacted.
        const HttpExchange *exchange = m_log.findById(result.exchangeIds.constLast());
        QVERIFY(exchange);
        QVERIFY(exchange->secrets.contains(accessToken));
    }
};

QTEST_GUILESS_MAIN(TestEndpointsOidc)
#include "tst_endpoints_oidc.moc"
