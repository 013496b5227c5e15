// Every sandbox fault switch, caught by the engine's own client code with the expected, specific error; each
// next to its control case (the same path with the fault off succeeds). Also the configurable lifetimes:
// short access tokens expire past the clock-skew leeway, expired refresh tokens and codes get invalid_grant.
#include "ApiRequest.h"
#include "AuthorizationCodeFlow.h"
#include "ClientCredentialsFlow.h"
#include "FindingsEngine.h"
#include "HttpClient.h"
#include "JwksCache.h"
#include "JwtParser.h"
#include "SandboxClients.h"
#include "SandboxContext.h"
#include "SandboxServer.h"
#include "TokenInspector.h"
#include "TokenIntrospection.h"
#include "WireLog.h"

#include "AwaitResult.h"
#include <QJsonDocument>
#include <QNetworkAccessManager>

#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

Q_DECLARE_METATYPE(TokenResult)
Q_DECLARE_METATYPE(InspectionResult)
Q_DECLARE_METATYPE(ApiResponse)
Q_DECLARE_METATYPE(EndpointResult)
Q_DECLARE_METATYPE(SandboxFault)

namespace {

bool hasFinding(const Findings &findings, const QString &id, Finding::Severity severity)
{
    for (const Finding &finding : findings) {
        if (finding.id == id && finding.severity == severity)
            return true;
    }
    return false;
}

QString findingIds(const Findings &findings)
{
    QStringList ids;
    for (const Finding &finding : findings)
        ids.append(finding.id);
    return ids.join(QStringLiteral(", "));
}

// QtNetworkAuth logs every token endpoint error itself.
void ignoreQtTokenEndpointWarning(const char *reason)
{
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("Error transferring .*") + QLatin1String(reason)));
}
} // namespace

class TestSandboxFaults final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    WireLog m_log;
    HttpClient m_http { &m_log };
    QNetworkAccessManager m_browser;

    QString issuer() const { return m_server->issuer().toString(); }
    QUrl endpoint(const char *path) const { return QUrl(issuer() + QLatin1String(path)); }

    QString secret() const
    {
        return SandboxClients::find(m_server->clients(), QLatin1String(SandboxClients::ConfidentialId))
            ->clientSecret;
    }

    Profile codeFlowProfile() const
    {
        Profile p = Profile::create(QStringLiteral("sandbox code flow"));
        p.tokenUrl = endpoint("/token");
        p.endpoints.issuer = m_server->issuer();
        p.endpoints.authorization = endpoint("/authorize");
        p.endpoints.jwks = endpoint("/jwks");
        p.clientId = QLatin1String(SandboxClients::PublicId);
        p.authMethod = ClientAuthMethod::None;
        p.scope = QStringLiteral("openid profile offline_access");
        p.pkceMethod = Pkce::Method::S256;
        p.timeoutSeconds = 10;
        return p;
    }

    Profile clientCredentialsProfile() const
    {
        Profile p = Profile::create(QStringLiteral("sandbox client credentials"));
        p.tokenUrl = endpoint("/token");
        p.endpoints.issuer = m_server->issuer();
        p.endpoints.introspection = endpoint("/introspect");
        p.endpoints.jwks = endpoint("/jwks");
        p.clientId = QLatin1String(SandboxClients::ConfidentialId);
        p.authMethod = ClientAuthMethod::ClientSecretBasic;
        p.scope = QStringLiteral("read");
        p.timeoutSeconds = 10;
        return p;
    }

    // The whole code flow, the test acting as the browser. onCallback runs once the callback was accepted,
    // before the token request reaches the sandbox (it is queued on this thread's event loop).
    TokenResult signIn(const std::function<void()> &onCallback = {})
    {
        AuthorizationCodeFlow flow(&m_log);
        flow.setRequireIssuerParameter(true);
        connect(&flow, &AuthorizationCodeFlow::authorizationUrlReady, this, [this](const QUrl &url) {
            QNetworkReply *page = m_browser.get(QNetworkRequest(url));
            connect(page, &QNetworkReply::finished, page, &QObject::deleteLater);
        });
        connect(&flow, &AuthorizationCodeFlow::stepReached, this, [onCallback](const FlowStep &step) {
            if (step.kind == FlowStep::Kind::CallbackReceived && step.ok && onCallback)
                onCallback();
        });
        return TestSupport::awaitResult<TokenResult>(&flow, &AuthorizationCodeFlow::finished,
                                                     [&] { flow.start(codeFlowProfile(), {}); });
    }

    TokenResult refresh(const QString &refreshToken)
    {
        AuthorizationCodeFlow flow(&m_log);
        return TestSupport::awaitResult<TokenResult>(&flow, &AuthorizationCodeFlow::finished, [&] {
            flow.refresh(codeFlowProfile(), {}, refreshToken);
        });
    }

    TokenResult clientCredentials(const Profile &profile)
    {
        ClientCredentialsFlow flow(&m_http);
        return TestSupport::awaitResult<TokenResult>(&flow, &ClientCredentialsFlow::finished,
                                                     [&] { flow.start(profile, secret()); });
    }

    TokenResult clientCredentials() { return clientCredentials(clientCredentialsProfile()); }

    // Inspects an access token the way the inspector panel does: discovery, the JWKS, findings. A fresh
    // JWKS cache each time, so that the fetches can be counted.
    InspectionResult inspectAccessToken(const QString &token, const QDateTime &now = {})
    {
        JwksCache cache(&m_http);
        TokenInspector inspector(&m_http, &cache);
        InspectionRequest request;
        request.token = token;
        request.issuer = m_server->issuer();
        request.expectAccessToken = true;
        request.now = now;
        return TestSupport::awaitResult<InspectionResult>(&inspector, &TokenInspector::finished,
                                                          [&] { inspector.inspect(request); });
    }

    ApiResponse hello(const QString &bearer)
    {
        ApiRequest request(&m_http);
        ApiRequestSpec spec;
        spec.url = endpoint("/api/hello");
        spec.bearerToken = bearer;
        return TestSupport::awaitResult<ApiResponse>(&request, &ApiRequest::finished,
                                                     [&] { request.send(spec); });
    }

    EndpointResult introspect(const QString &token)
    {
        TokenIntrospection introspection(&m_http);
        return TestSupport::awaitResult<EndpointResult>(&introspection, &TokenIntrospection::finished, [&] {
            introspection.introspect(clientCredentialsProfile(), secret(), token);
        });
    }

    int exchangesTo(const QString &path, int since) const
    {
        int count = 0;
        for (int i = since; i < m_log.count(); ++i)
            count += m_log.at(i).url.path() == path ? 1 : 0;
        return count;
    }

    static QJsonObject claimsOf(const QString &token) { return JwtParser().parse(token).token.claims; }

    static qint64 claim(const QJsonObject &claims, const char *name)
    {
        return claims.value(QLatin1String(name)).toInteger();
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
    }

    // Every test starts from a correct sandbox: default lifetimes, no fault, the real clock.
    void init()
    {
        SandboxSettings defaults;
        defaults.autoApprove = true;
        m_server->setSettings(defaults);
        m_server->setClockSkew(0);
    }

    void wrongStateFailsTheCodeFlow()
    {
        const TokenResult control = signIn();
        QVERIFY2(control.ok(), qPrintable(control.message));

        m_server->setFault(SandboxFault::WrongState, true);
        QTest::ignoreMessage(QtWarningMsg, "State mismatch"); // QtNetworkAuth's own check agrees
        const int before = m_log.count();
        const TokenResult result = signIn();
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QVERIFY2(result.message.contains(QLatin1String("state does not match")), qPrintable(result.message));
        QVERIFY(result.message.contains(QStringLiteral("RFC 6749 §10.12")));
        QVERIFY(result.token.accessToken.isEmpty());
        QCOMPARE(exchangesTo(QStringLiteral("/token"), before), 0); // the code was never redeemed
    }

    void issuerMixUpInTheCallbackFailsTheCodeFlow()
    {
        m_server->setFault(SandboxFault::IssuerMixUp, true);
        const int before = m_log.count();
        const TokenResult result = signIn();
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QVERIFY2(result.message.contains(QLatin1String("mix-up")), qPrintable(result.message));
        QVERIFY(result.message.contains(SandboxContext::mixUpIssuer()));
        QVERIFY(result.message.contains(QLatin1String("RFC 9207")));
        QCOMPARE(exchangesTo(QStringLiteral("/token"), before), 0);
    }

    void issuerMixUpInTheIdTokenFailsItsValidation()
    {
        // The callback passes (the fault is still off), then the ID token names another issuer.
        const TokenResult result = signIn([this] { m_server->setFault(SandboxFault::IssuerMixUp, true); });
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QVERIFY2(
            hasFinding(result.findings, QStringLiteral("idtoken.iss-mismatch"), Finding::Severity::Error),
            qPrintable(findingIds(result.findings)));
        QVERIFY(result.message.contains(SandboxContext::mixUpIssuer()));
    }

    void tokenFaultsFailIdTokenValidation_data()
    {
        QTest::addColumn<SandboxFault>("fault");
        QTest::addColumn<QString>("finding");
        QTest::newRow("expired-token") << SandboxFault::ExpiredToken << QStringLiteral("token.expired");
        QTest::newRow("bad-signature")
            << SandboxFault::BadSignature << QStringLiteral("token.signature-invalid");
        QTest::newRow("unknown-kid") << SandboxFault::UnknownKid << QStringLiteral("token.signature-invalid");
        QTest::newRow("alg-none") << SandboxFault::AlgNone << QStringLiteral("token.alg-none");
    }

    void tokenFaultsFailIdTokenValidation()
    {
        QFETCH(SandboxFault, fault);
        QFETCH(QString, finding);
        const TokenResult control = signIn();
        QVERIFY2(control.ok(), qPrintable(control.message));
        QVERIFY(!hasErrors(control.findings));

        m_server->setFault(fault, true);
        const TokenResult result = signIn();
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QVERIFY2(result.message.startsWith(QLatin1String("The ID token failed validation")),
                 qPrintable(result.message));
        QVERIFY2(hasFinding(result.findings, finding, Finding::Severity::Error),
                 qPrintable(findingIds(result.findings)));
    }

    void expiredAccessTokenIsReported()
    {
        const TokenResult control = clientCredentials();
        QVERIFY2(control.ok(), qPrintable(control.message));
        const InspectionResult fresh = inspectAccessToken(control.token.accessToken);
        QCOMPARE(fresh.status, FlowStatus::Success);

        m_server->setFault(SandboxFault::ExpiredToken, true);
        const TokenResult result = clientCredentials();
        QVERIFY2(result.ok(), qPrintable(result.message)); // the token endpoint itself answers normally
        const QJsonObject claims = claimsOf(result.token.accessToken);
        QVERIFY(claim(claims, "exp") < QDateTime::currentSecsSinceEpoch() - 60);
        QVERIFY(claim(claims, "iat") < claim(claims, "exp"));
        const InspectionResult inspection = inspectAccessToken(result.token.accessToken);
        QCOMPARE(inspection.status, FlowStatus::ValidationError);
        QVERIFY(inspection.verification && inspection.verification->isValid()); // expired, not forged
        QVERIFY2(hasFinding(inspection.findings, QStringLiteral("token.expired"), Finding::Severity::Error),
                 qPrintable(findingIds(inspection.findings)));
    }

    void badSignatureIsReported()
    {
        const TokenResult control = clientCredentials();
        QVERIFY(inspectAccessToken(control.token.accessToken).verification->isValid());

        m_server->setFault(SandboxFault::BadSignature, true);
        const TokenResult result = clientCredentials();
        QVERIFY2(result.ok(), qPrintable(result.message));
        // Valid-looking: three parts, the sandbox's alg and kid, a signature of the right length.
        const JwtParseResult parsed = JwtParser().parse(result.token.accessToken);
        QCOMPARE(parsed.kind, JwtParseResult::Kind::Jws);
        QCOMPARE(parsed.token.alg, QStringLiteral("RS256"));
        QCOMPARE(parsed.token.kid, m_server->keys().kid(QStringLiteral("RS256")));
        QCOMPARE(result.token.accessToken.section(QLatin1Char('.'), 2).size(),
                 control.token.accessToken.section(QLatin1Char('.'), 2).size());
        const InspectionResult inspection = inspectAccessToken(result.token.accessToken);
        QCOMPARE(inspection.status, FlowStatus::ValidationError);
        QVERIFY(inspection.verification);
        QCOMPARE(inspection.verification->status, JwsVerification::Status::InvalidSignature);
        QVERIFY(hasFinding(inspection.findings, QStringLiteral("token.signature-invalid"),
                           Finding::Severity::Error));
    }

    void unknownKidIsReportedAfterOneJwksRefetch()
    {
        const TokenResult control = clientCredentials();
        int before = m_log.count();
        const InspectionResult known = inspectAccessToken(control.token.accessToken);
        QVERIFY(known.verification && known.verification->isValid());
        QVERIFY(!known.jwksRefetched);
        QCOMPARE(exchangesTo(QStringLiteral("/jwks"), before), 1);

        m_server->setFault(SandboxFault::UnknownKid, true);
        const TokenResult result = clientCredentials();
        QVERIFY2(result.ok(), qPrintable(result.message));
        const JwtParseResult parsed = JwtParser().parse(result.token.accessToken);
        QVERIFY(!parsed.token.kid.isEmpty());
        QVERIFY(parsed.token.kid != m_server->keys().kid(QStringLiteral("RS256")));
        QVERIFY(!QJsonDocument(m_server->keys().jwks()).toJson().contains(parsed.token.kid.toLatin1()));
        before = m_log.count();
        const InspectionResult inspection = inspectAccessToken(result.token.accessToken);
        QCOMPARE(inspection.status, FlowStatus::ValidationError);
        QVERIFY(inspection.jwksRefetched);
        QCOMPARE(exchangesTo(QStringLiteral("/jwks"), before), 2); // one refetch, never more
        QVERIFY(inspection.verification);
        QCOMPARE(inspection.verification->status, JwsVerification::Status::NoMatchingKey);
        QVERIFY2(inspection.message.contains(parsed.token.kid), qPrintable(inspection.message));
    }

    void algNoneIsRejected()
    {
        m_server->setFault(SandboxFault::AlgNone, true);
        const TokenResult result = clientCredentials();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QVERIFY(result.token.accessToken.endsWith(QLatin1Char('.'))); // an empty signature
        const JwtParseResult parsed = JwtParser().parse(result.token.accessToken);
        QCOMPARE(parsed.token.alg, QStringLiteral("none"));
        QVERIFY(parsed.token.kid.isEmpty());
        const InspectionResult inspection = inspectAccessToken(result.token.accessToken);
        QCOMPARE(inspection.status, FlowStatus::ValidationError);
        QVERIFY(inspection.verification && !inspection.verification->isValid());
        QCOMPARE(inspection.verification->reason, JwsVerification::RejectReason::AlgNone);
        QVERIFY(hasFinding(inspection.findings, QStringLiteral("token.alg-none"), Finding::Severity::Error));
    }

    // The sandbox's own resource endpoints judge tokens as strictly as the client does.
    void resourceEndpointsRefuseFaultyTokens_data()
    {
        QTest::addColumn<SandboxFault>("fault");
        QTest::newRow("expired-token") << SandboxFault::ExpiredToken;
        QTest::newRow("bad-signature") << SandboxFault::BadSignature;
        QTest::newRow("unknown-kid") << SandboxFault::UnknownKid;
        QTest::newRow("alg-none") << SandboxFault::AlgNone;
    }

    void resourceEndpointsRefuseFaultyTokens()
    {
        QFETCH(SandboxFault, fault);
        const TokenResult control = clientCredentials();
        QCOMPARE(hello(control.token.accessToken).httpStatus, 200);
        QCOMPARE(introspect(control.token.accessToken).active, std::optional<bool>(true));

        m_server->setFault(fault, true);
        const QString token = clientCredentials().token.accessToken;
        QVERIFY(!token.isEmpty());
        // Judged with the fault switched off again: the token is what is wrong, not the moment.
        m_server->setFault(fault, false);
        const ApiResponse refused = hello(token);
        QCOMPARE(refused.httpStatus, 401);
        QCOMPARE(refused.challenge.error, QStringLiteral("invalid_token"));
        const EndpointResult inactive = introspect(token);
        QVERIFY2(inactive.ok(), qPrintable(inactive.message));
        QCOMPARE(inactive.active, std::optional<bool>(false));
    }

    void slowTokenEndpointRunsIntoTheClientDeadline()
    {
        Profile impatient = clientCredentialsProfile();
        impatient.timeoutSeconds = 1;
        const TokenResult control = clientCredentials(impatient);
        QVERIFY2(control.ok(), qPrintable(control.message));

        SandboxSettings settings = m_server->settings();
        settings.faults.insert(SandboxFault::SlowTokenEndpoint);
        settings.slowSeconds = 2;
        m_server->setSettings(settings);
        const TokenResult result = clientCredentials(impatient);
        QCOMPARE(result.status, FlowStatus::TransportError);
        QVERIFY2(result.message.contains(QLatin1String("No complete response within 1 s")),
                 qPrintable(result.message));
        QVERIFY(!result.hint.isEmpty());
    }

    void slowTokenEndpointDoesNotBlockTheServer()
    {
        SandboxSettings settings = m_server->settings();
        settings.faults.insert(SandboxFault::SlowTokenEndpoint);
        settings.slowSeconds = 1;
        m_server->setSettings(settings);

        QStringList order;
        ClientCredentialsFlow flow(&m_http);
        TokenResult tokenResult;
        connect(&flow, &ClientCredentialsFlow::finished, this, [&](const TokenResult &result) {
            tokenResult = result;
            order.append(QStringLiteral("token answered"));
        });
        ApiRequest jwks(&m_http);
        ApiResponse jwksResponse;
        connect(&jwks, &ApiRequest::finished, this, [&](const ApiResponse &response) {
            jwksResponse = response;
            order.append(QStringLiteral("jwks answered"));
        });
        QSignalSpy handled(m_server.get(), &SandboxServer::requestHandled);
        flow.start(clientCredentialsProfile(), secret());
        // The JWKS request goes out only once the sandbox has taken the token request and held back its
        // answer.
        QTRY_VERIFY_WITH_TIMEOUT(!handled.isEmpty(), 15000);
        QCOMPARE(handled.first().first().toString(), QStringLiteral("/token"));
        QVERIFY(order.isEmpty());
        ApiRequestSpec spec;
        spec.url = endpoint("/jwks");
        jwks.send(spec);
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 2, 15000);
        QCOMPARE(order, (QStringList { QStringLiteral("jwks answered"), QStringLiteral("token answered") }));
        QCOMPARE(jwksResponse.httpStatus, 200);
        QVERIFY2(tokenResult.ok(), qPrintable(tokenResult.message)); // late, but complete
    }

    void invalidGrantOnRefreshSaysSignInAgain()
    {
        const TokenResult signedIn = signIn();
        QVERIFY2(signedIn.ok(), qPrintable(signedIn.message));
        const TokenResult control = refresh(signedIn.token.refreshToken);
        QVERIFY2(control.ok(), qPrintable(control.message));

        m_server->setFault(SandboxFault::InvalidGrantOnRefresh, true);
        ignoreQtTokenEndpointWarning("Bad Request");
        const TokenResult result = refresh(control.token.refreshToken);
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_grant"));
        QCOMPARE(result.oauthError.httpStatus, 400);
        QVERIFY2(result.hint.contains(QLatin1String("sign in again")), qPrintable(result.hint));
    }

    void missingTokenTypeIsFlagged()
    {
        const TokenResult control = clientCredentials();
        QCOMPARE(control.token.tokenType, QStringLiteral("Bearer"));
        QVERIFY(!control.warnings.join(QLatin1Char(' ')).contains(QLatin1String("token_type")));
        QVERIFY(!hasFinding(FindingsEngine::forTokenResponse(control.token, QStringLiteral("read"),
                                                             QStringLiteral("client_credentials")),
                            QStringLiteral("response.token-type-missing"), Finding::Severity::Warning));

        m_server->setFault(SandboxFault::MissingTokenType, true);
        const TokenResult result = clientCredentials();
        QVERIFY(result.token.tokenType.isEmpty());
        QVERIFY(!result.token.raw.contains(QLatin1String("token_type")));
        // RFC 6749 §5.1 makes token_type REQUIRED; the engine keeps the token usable but says so twice: as a
        // warning shown with the result (CLI stderr, GUI findings list) and as a finding.
        const QString warnings = result.warnings.join(QLatin1Char(' '));
        QVERIFY2(warnings.contains(QLatin1String("token_type is missing")), qPrintable(warnings));
        QVERIFY(warnings.contains(QStringLiteral("RFC 6749 §5.1")));
        QVERIFY(hasFinding(FindingsEngine::forTokenResponse(result.token, QStringLiteral("read"),
                                                            QStringLiteral("client_credentials")),
                           QStringLiteral("response.token-type-missing"), Finding::Severity::Warning));

        // The code flow reads token responses the same way.
        const TokenResult signedIn = signIn();
        QVERIFY2(signedIn.warnings.join(QLatin1Char(' ')).contains(QLatin1String("token_type is missing")),
                 qPrintable(signedIn.warnings.join(QLatin1Char(' '))));
    }

    void htmlErrorPageIsNamedAsSuch()
    {
        m_server->setFault(SandboxFault::HtmlErrorPage, true);
        const TokenResult result = clientCredentials();
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.oauthError.httpStatus, 500);
        QVERIFY(result.oauthError.error.isEmpty());
        QVERIFY2(result.message.contains(QLatin1String("HTTP 500")), qPrintable(result.message));
        QVERIFY(result.message.contains(QLatin1String("HTML page")));
        QVERIFY(result.message.contains(QLatin1String("instead of a JSON")));
        QVERIFY(result.message.contains(QLatin1String("500 Internal Server Error"))); // the page's title
        QVERIFY(!result.hint.isEmpty());

        ignoreQtTokenEndpointWarning("Internal Server Error");
        const TokenResult codeFlow = signIn();
        QCOMPARE(codeFlow.status, FlowStatus::ServerError);
        QVERIFY2(codeFlow.message.contains(QLatin1String("HTML page")), qPrintable(codeFlow.message));
    }

    void shortAccessTokenExpiresPastTheClockSkew()
    {
        SandboxSettings settings = m_server->settings();
        settings.accessTokenLifetime = 30;
        m_server->setSettings(settings);
        const TokenResult result = clientCredentials();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.token.expiresIn, std::optional<qint64>(30));
        const QJsonObject claims = claimsOf(result.token.accessToken);
        QCOMPARE(claim(claims, "exp") - claim(claims, "iat"), qint64(30));

        // The inspector allows 60 s of clock skew past exp, not a second more.
        const QDateTime expiry = QDateTime::fromSecsSinceEpoch(claim(claims, "exp"), Qt::UTC);
        const InspectionResult withinSkew = inspectAccessToken(result.token.accessToken, expiry.addSecs(59));
        QVERIFY2(withinSkew.status == FlowStatus::Success, qPrintable(withinSkew.message));
        const InspectionResult pastSkew = inspectAccessToken(result.token.accessToken, expiry.addSecs(61));
        QCOMPARE(pastSkew.status, FlowStatus::ValidationError);
        QVERIFY(hasFinding(pastSkew.findings, QStringLiteral("token.expired"), Finding::Severity::Error));

        // The sandbox's API agrees once its clock has passed exp.
        QCOMPARE(hello(result.token.accessToken).httpStatus, 200);
        m_server->setClockSkew(31);
        const ApiResponse expired = hello(result.token.accessToken);
        QCOMPARE(expired.httpStatus, 401);
        QVERIFY(expired.challenge.errorDescription.contains(QLatin1String("expired")));
    }

    void idTokenLifetimeIsItsOwn()
    {
        SandboxSettings settings = m_server->settings();
        settings.idTokenLifetime = 120;
        settings.accessTokenLifetime = 600;
        m_server->setSettings(settings);
        const TokenResult result = signIn();
        QVERIFY2(result.ok(), qPrintable(result.message));
        const QJsonObject idClaims = claimsOf(result.token.idToken);
        QCOMPARE(claim(idClaims, "exp") - claim(idClaims, "iat"), qint64(120));
        const QJsonObject accessClaims = claimsOf(result.token.accessToken);
        QCOMPARE(claim(accessClaims, "exp") - claim(accessClaims, "iat"), qint64(600));
        QCOMPARE(result.token.expiresIn, std::optional<qint64>(600));
    }

    void expiredRefreshTokenIsInvalidGrant()
    {
        SandboxSettings settings = m_server->settings();
        settings.refreshTokenLifetime = 60;
        m_server->setSettings(settings);
        const TokenResult first = signIn();
        QVERIFY2(first.ok(), qPrintable(first.message));
        m_server->setClockSkew(59);
        const TokenResult control = refresh(first.token.refreshToken);
        QVERIFY2(control.ok(), qPrintable(control.message));
        // The refreshed ID token is newer, but tells of the same sign-in (OpenID Connect Core §12.2).
        const QJsonObject signInClaims = claimsOf(first.token.idToken);
        const QJsonObject refreshedClaims = claimsOf(control.token.idToken);
        QVERIFY(claim(refreshedClaims, "iat") >= claim(signInClaims, "iat") + 59);
        QCOMPARE(claim(refreshedClaims, "auth_time"), claim(signInClaims, "auth_time"));

        const TokenResult second = signIn();
        QVERIFY2(second.ok(), qPrintable(second.message));
        m_server->setClockSkew(59 + 61); // second's refresh token was issued at skew 59
        ignoreQtTokenEndpointWarning("Bad Request");
        const TokenResult result = refresh(second.token.refreshToken);
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_grant"));
        QVERIFY2(result.message.contains(QLatin1String("expired")), qPrintable(result.message));
        QVERIFY2(result.hint.contains(QLatin1String("sign in again")), qPrintable(result.hint));
        QCOMPARE(introspect(second.token.refreshToken).active, std::optional<bool>(false));
    }

    void expiredAuthorizationCodeIsInvalidGrant()
    {
        SandboxSettings settings = m_server->settings();
        settings.codeLifetime = 5;
        m_server->setSettings(settings);
        // The code travels through the browser; before it is redeemed, the sandbox's clock moves past it.
        ignoreQtTokenEndpointWarning("Bad Request");
        const TokenResult result = signIn([this] { m_server->setClockSkew(6); });
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_grant"));
        QVERIFY2(result.message.contains(QLatin1String("expired authorization code")),
                 qPrintable(result.message));
    }
};

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "tst_sandbox_faults.moc"
