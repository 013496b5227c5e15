// The authorization code flow against a real authorization server: oidc-provider (tests/oidc/server.mjs),
// started by the CTest fixture, its port in $OIDC_PORT_FILE. The user's browser is tests/oidc/browser.mjs,
// started from authorizationUrlReady: it signs in on the server's login page, consents (or denies) and
// delivers the redirect to the flow's loopback listener.
#include "AuthorizationCodeFlow.h"
#include "Discovery.h"
#include "HttpClient.h"
#include "WireLog.h"

#include "OidcFixture.h"
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrlQuery>

#include <algorithm>

Q_DECLARE_METATYPE(TokenResult)
Q_DECLARE_METATYPE(DiscoveryResult)
Q_DECLARE_METATYPE(ClientAuthMethod)

namespace {
const QString JwtResource = QStringLiteral("https://api.example.test");

// One run of the flow: its result, its steps, the authorization URL and what the browser said.
struct FlowRun
{
    TokenResult result;
    QList<FlowStep> steps;
    QUrl authorizationUrl;
    int browserExitCode = -1;
    QByteArray browserOutput;

    bool hasStep(FlowStep::Kind kind, bool ok = true) const
    {
        return std::any_of(steps.cbegin(), steps.cend(),
                           [kind, ok](const FlowStep &s) { return s.kind == kind && s.ok == ok; });
    }
    QString describe() const
    {
        return QStringLiteral("status %1, error \"%2\": %3 (%4); hint: %5\nbrowser exit %6: %7")
            .arg(int(result.status))
            .arg(result.oauthError.error, result.message, result.oauthError.description, result.hint)
            .arg(browserExitCode)
            .arg(QString::fromUtf8(browserOutput));
    }
};

QJsonObject jwtPayload(const QString &jwt)
{
    const QList<QByteArray> parts = jwt.toLatin1().split('.');
    if (parts.size() != 3)
        return {};
    return QJsonDocument::fromJson(
               QByteArray::fromBase64(parts.at(1),
                                      QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
        .object();
}
} // namespace

class TestAuthorizationCodeOidc final : public QObject
{
    Q_OBJECT

private:
    QUrl m_issuer;
    ServerMetadata m_metadata;
    QString m_node;

    Profile profile(const QString &clientId, ClientAuthMethod method,
                    const QString &scope = QStringLiteral("openid offline_access")) const
    {
        Profile p = Profile::create(QStringLiteral("oidc-provider ") + clientId);
        p.tokenUrl = m_metadata.tokenEndpoint;
        p.endpoints
            = m_metadata.endpoints; // issuer and JWKS: the ID token is checked against the server's keys
        p.clientId = clientId;
        p.authMethod = method;
        p.scope = scope;
        p.timeoutSeconds = 20;
        return p;
    }

    // Runs the flow with browser.mjs (plus `browserFlags`) as the browser.
    bool authorize(const Profile &p, const QString &secret, FlowRun *run, WireLog *log,
                   const QStringList &browserFlags = {})
    {
        AuthorizationCodeFlow flow(log);
        flow.setCallbackTimeoutSeconds(30);
        flow.setRequireIssuerParameter(m_metadata.authorizationResponseIssParameterSupported);
        QProcess browser;
        browser.setProcessChannelMode(QProcess::MergedChannels);
        connect(&flow, &AuthorizationCodeFlow::stepReached, this,
                [run](const FlowStep &step) { run->steps.append(step); });
        connect(&flow, &AuthorizationCodeFlow::authorizationUrlReady, this, [&](const QUrl &url) {
            run->authorizationUrl = url;
            browser.start(m_node,
                          QStringList { QStringLiteral(OIDC_BROWSER_MJS), url.toString(QUrl::FullyEncoded) }
                              + browserFlags);
        });
        QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
        flow.start(p, secret);
        if (!QTest::qWaitFor([&finished] { return finished.count() > 0; }, 40000)) {
            qWarning("the flow did not finish; browser: %s", browser.readAll().constData());
            return false;
        }
        if (browser.state() != QProcess::NotRunning
            && !QTest::qWaitFor([&browser] { return browser.state() == QProcess::NotRunning; }, 10000))
            browser.kill();
        browser.waitForFinished(1000);
        run->browserExitCode = browser.exitStatus() == QProcess::NormalExit ? browser.exitCode() : -1;
        run->browserOutput = browser.readAll();
        QTest::qWait(50);
        if (finished.count() != 1) {
            qWarning("finished emitted %d times", int(finished.count()));
            return false;
        }
        run->result = finished.at(0).at(0).value<TokenResult>();
        return true;
    }

    bool refresh(const Profile &p, const QString &secret, const QString &refreshToken, TokenResult *result)
    {
        WireLog log;
        AuthorizationCodeFlow flow(&log);
        QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
        flow.refresh(p, secret, refreshToken);
        if (!QTest::qWaitFor([&finished] { return finished.count() > 0; }, 30000))
            return false;
        *result = finished.at(0).at(0).value<TokenResult>();
        return true;
    }

    // The token endpoint exchange of a run.
    static const HttpExchange *tokenExchange(const WireLog &log, const QUrl &tokenUrl)
    {
        for (int i = 0; i < log.count(); ++i) {
            if (log.at(i).url == tokenUrl)
                return &log.at(i);
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<TokenResult>();
        qRegisterMetaType<DiscoveryResult>();
        // 6.4 logs every failed token request under its own category; the results say it better.
        QLoggingCategory::setFilterRules(QStringLiteral("qt.networkauth.*=false"));
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        QVERIFY2(!m_node.isEmpty(), "node is not in PATH: browser.mjs needs it");
        QVERIFY2(QFile::exists(QStringLiteral(OIDC_BROWSER_MJS)), OIDC_BROWSER_MJS);

        QString error;
        m_issuer = QUrl(OidcFixture::issuer(&error));
        QVERIFY2(!m_issuer.isEmpty(), qPrintable(error));

        WireLog log;
        HttpClient http(&log);
        Discovery discovery(&http);
        QSignalSpy discovered(&discovery, &Discovery::finished);
        discovery.discover(m_issuer, TransportOptions());
        QVERIFY(QTest::qWaitFor([&discovered] { return discovered.count() > 0; }, 30000));
        const DiscoveryResult result = discovered.at(0).at(0).value<DiscoveryResult>();
        QVERIFY2(result.status == FlowStatus::Success, qPrintable(result.message));
        m_metadata = result.metadata;
        QVERIFY(!m_metadata.endpoints.authorization.isEmpty());
        QVERIFY(!m_metadata.endpoints.jwks.isEmpty());
        QVERIFY(m_metadata.authorizationResponseIssParameterSupported);
    }

    void publicClientWithS256GetsValidatedIdTokenAndRefreshToken()
    {
        WireLog log;
        FlowRun run;
        QVERIFY(authorize(profile(QStringLiteral("public-client"), ClientAuthMethod::None), QString(), &run,
                          &log));
        QVERIFY2(run.result.ok(), qPrintable(run.describe()));
        QCOMPARE(run.browserExitCode, 0);
        const QUrlQuery query(run.authorizationUrl);
        QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
        QVERIFY(!query.queryItemValue(QStringLiteral("nonce")).isEmpty());

        QVERIFY(!run.result.token.accessToken.isEmpty());
        QVERIFY(!run.result.token.idToken.isEmpty());
        QVERIFY(!run.result.token.refreshToken.isEmpty());
        QVERIFY2(!hasErrors(run.result.findings), qPrintable(run.describe()));
        QVERIFY(run.hasStep(FlowStep::Kind::AuthorizationUrlBuilt));
        QVERIFY(run.hasStep(FlowStep::Kind::CallbackReceived));
        QVERIFY(run.hasStep(FlowStep::Kind::TokensReceived));
        QVERIFY(run.hasStep(FlowStep::Kind::IdTokenValidated));
        // The ID token is the server's, for this client, with the nonce sent.
        const QJsonObject claims = jwtPayload(run.result.token.idToken);
        QCOMPARE(claims.value(QStringLiteral("iss")).toString(), m_issuer.toString());
        QCOMPARE(claims.value(QStringLiteral("aud")).toString(), QStringLiteral("public-client"));
        QCOMPARE(claims.value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));
        QCOMPARE(claims.value(QStringLiteral("nonce")).toString(),
                 query.queryItemValue(QStringLiteral("nonce")));

        const HttpExchange *exchange = tokenExchange(log, m_metadata.tokenEndpoint);
        QVERIFY(exchange);
        QCOMPARE(exchange->status, 200);
        QVERIFY(exchange->requestBody.contains("code_verifier="));
        QVERIFY(exchange->requestHeader("Authorization").isEmpty());
    }

    void confidentialClients_data()
    {
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<ClientAuthMethod>("method");
        QTest::newRow("client_secret_basic")
            << QStringLiteral("code-basic") << QStringLiteral("code-basic-secret")
            << ClientAuthMethod::ClientSecretBasic;
        QTest::newRow("client_secret_post")
            << QStringLiteral("code-post") << QStringLiteral("code-post-secret")
            << ClientAuthMethod::ClientSecretPost;
    }

    void confidentialClients()
    {
        QFETCH(QString, clientId);
        QFETCH(QString, secret);
        QFETCH(ClientAuthMethod, method);
        WireLog log;
        FlowRun run;
        QVERIFY(authorize(profile(clientId, method), secret, &run, &log));
        QVERIFY2(run.result.ok(), qPrintable(run.describe()));
        QVERIFY(!run.result.token.idToken.isEmpty());
        QVERIFY(!run.result.token.refreshToken.isEmpty());
        QVERIFY(run.hasStep(FlowStep::Kind::IdTokenValidated));
        const HttpExchange *exchange = tokenExchange(log, m_metadata.tokenEndpoint);
        QVERIFY(exchange);
        const bool basic = method == ClientAuthMethod::ClientSecretBasic;
        QCOMPARE(exchange->requestHeader("Authorization").startsWith("Basic "), basic);
        QCOMPARE(exchange->requestBody.contains("client_secret="), !basic);

        // The refresh authenticates the same way (the server refuses the other method).
        TokenResult refreshed;
        QVERIFY(refresh(profile(clientId, method), secret, run.result.token.refreshToken, &refreshed));
        QVERIFY2(refreshed.ok(), qPrintable(refreshed.message));
        QVERIFY(!refreshed.token.accessToken.isEmpty());
    }

    // The server's middleware holds each client to its registered method, in the code flow too.
    void wrongAuthenticationMethodIsInvalidClient()
    {
        WireLog log;
        FlowRun run;
        QVERIFY(authorize(profile(QStringLiteral("code-post"), ClientAuthMethod::ClientSecretBasic),
                          QStringLiteral("code-post-secret"), &run, &log));
        QCOMPARE(run.result.status, FlowStatus::ServerError);
        QCOMPARE(run.result.oauthError.error, QStringLiteral("invalid_client"));
        QVERIFY2(run.result.oauthError.description.contains(QStringLiteral("method mismatch")),
                 qPrintable(run.describe()));
    }

    void publicClientWithoutPkceIsRefusedByTheServer()
    {
        Profile p = profile(QStringLiteral("public-client"), ClientAuthMethod::None);
        p.pkceMethod = Pkce::Method::None;
        WireLog log;
        FlowRun run;
        QVERIFY(authorize(p, QString(), &run, &log));
        QVERIFY(!run.authorizationUrl.query().contains(QStringLiteral("code_challenge")));
        QCOMPARE(run.result.status, FlowStatus::ServerError);
        QCOMPARE(run.result.oauthError.error, QStringLiteral("invalid_request"));
        QVERIFY2(run.result.oauthError.description.contains(QStringLiteral("PKCE")),
                 qPrintable(run.describe()));
        QVERIFY2(run.result.message.contains(run.result.oauthError.description), qPrintable(run.describe()));
        QVERIFY2(run.browserExitCode == 0, qPrintable(run.describe())); // the browser got the failure page
        QVERIFY(!tokenExchange(log, m_metadata.tokenEndpoint)); // nothing to exchange
    }

    void refreshRotatesAndTheOldTokenIsRefused()
    {
        const Profile p = profile(QStringLiteral("public-client"), ClientAuthMethod::None);
        WireLog log;
        FlowRun run;
        QVERIFY(authorize(p, QString(), &run, &log));
        QVERIFY2(run.result.ok(), qPrintable(run.describe()));
        const QString first = run.result.token.refreshToken;
        QVERIFY(!first.isEmpty());

        TokenResult refreshed;
        QVERIFY(refresh(p, QString(), first, &refreshed));
        QVERIFY2(refreshed.ok(), qPrintable(refreshed.message));
        QVERIFY(!refreshed.token.accessToken.isEmpty());
        QVERIFY(refreshed.token.accessToken != run.result.token.accessToken);
        const QString second = refreshed.token.refreshToken;
        QVERIFY(!second.isEmpty());
        QVERIFY(second != first); // public clients get a new refresh token on every refresh
        QVERIFY(refreshed.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("rotated")));

        // Reusing the old one is refused, with the advice to sign in again...
        TokenResult reused;
        QVERIFY(refresh(p, QString(), first, &reused));
        QCOMPARE(reused.status, FlowStatus::ServerError);
        QCOMPARE(reused.oauthError.error, QStringLiteral("invalid_grant"));
        QVERIFY2(reused.hint.contains(QStringLiteral("sign in again")), qPrintable(reused.hint));
        // ...and, as reuse detection, it revoked the new one too.
        TokenResult afterReuse;
        QVERIFY(refresh(p, QString(), second, &afterReuse));
        QCOMPARE(afterReuse.oauthError.error, QStringLiteral("invalid_grant"));
    }

    void denyingConsentIsAccessDenied()
    {
        WireLog log;
        FlowRun run;
        QVERIFY(authorize(profile(QStringLiteral("public-client"), ClientAuthMethod::None), QString(), &run,
                          &log, { QStringLiteral("--deny") }));
        QCOMPARE(run.result.status, FlowStatus::ServerError);
        QCOMPARE(run.result.oauthError.error, QStringLiteral("access_denied"));
        QVERIFY2(run.browserExitCode == 0, qPrintable(run.describe())); // the browser got the failure page
        QVERIFY2(run.result.message.contains(QStringLiteral("End-User aborted interaction")),
                 qPrintable(run.describe()));
        QVERIFY(run.hasStep(FlowStep::Kind::CallbackReceived, false));
        QVERIFY(!tokenExchange(log, m_metadata.tokenEndpoint));
    }

    void forgedStateIsRejected()
    {
        WireLog log;
        FlowRun run;
        QVERIFY(authorize(profile(QStringLiteral("public-client"), ClientAuthMethod::None), QString(), &run,
                          &log, { QStringLiteral("--forge-state") }));
        QCOMPARE(run.result.status, FlowStatus::ValidationError);
        QVERIFY2(run.result.message.contains(QStringLiteral("state")), qPrintable(run.describe()));
        QVERIFY2(run.browserExitCode == 0, qPrintable(run.describe())); // the browser got the failure page
        QVERIFY(!tokenExchange(log, m_metadata.tokenEndpoint)); // the code is never redeemed
    }

    void resourceIndicatorGivesJwtAccessToken()
    {
        Profile p
            = profile(QStringLiteral("public-client"), ClientAuthMethod::None, QStringLiteral("openid read"));
        p.resources = QStringList { JwtResource };
        WireLog log;
        FlowRun run;
        QVERIFY(authorize(p, QString(), &run, &log));
        QVERIFY2(run.result.ok(), qPrintable(run.describe()));
        QCOMPARE(
            QUrlQuery(run.authorizationUrl).queryItemValue(QStringLiteral("resource"), QUrl::FullyDecoded),
            JwtResource);
        // RFC 8707 §2.2: the resource is named again at the token endpoint, which makes the token a JWT for
        // it.
        const HttpExchange *exchange = tokenExchange(log, m_metadata.tokenEndpoint);
        QVERIFY(exchange);
        QVERIFY(exchange->requestBody.contains("resource=https%3A%2F%2Fapi.example.test"));
        const QJsonObject claims = jwtPayload(run.result.token.accessToken);
        QVERIFY2(!claims.isEmpty(), qPrintable(run.result.token.accessToken));
        QCOMPARE(claims.value(QStringLiteral("aud")).toString(), JwtResource);
        QCOMPARE(claims.value(QStringLiteral("client_id")).toString(), QStringLiteral("public-client"));
        QCOMPARE(claims.value(QStringLiteral("scope")).toString(), QStringLiteral("read"));
    }
};

QTEST_GUILESS_MAIN(TestAuthorizationCodeOidc)
#include "tst_authorization_code_oidc.moc"
