// The engine's AuthorizationCodeFlow against the sandbox with auto-approve: the test plays the browser (it
// follows the sandbox's redirect to the flow's loopback listener). Public client, PKCE S256, openid.
#include "AuthorizationCodeFlow.h"
#include "SandboxClients.h"
#include "SandboxServer.h"
#include "WireLog.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

Q_DECLARE_METATYPE(TokenResult)

class TestSandboxCodeFlow final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_browser;

    Profile profile() const
    {
        const QString issuer = m_server->issuer().toString();
        Profile p = Profile::create(QStringLiteral("sandbox code flow"));
        p.tokenUrl = QUrl(issuer + QStringLiteral("/token"));
        p.endpoints.issuer = m_server->issuer();
        p.endpoints.authorization = QUrl(issuer + QStringLiteral("/authorize"));
        p.endpoints.jwks = QUrl(issuer + QStringLiteral("/jwks"));
        p.clientId = QLatin1String(SandboxClients::PublicId);
        p.authMethod = ClientAuthMethod::None;
        p.scope = QStringLiteral("openid profile");
        p.pkceMethod = Pkce::Method::S256;
        p.timeoutSeconds = 10;
        return p;
    }

    // Runs the whole flow, the test acting as the browser.
    TokenResult signIn(WireLog *log)
    {
        AuthorizationCodeFlow flow(log);
        flow.setRequireIssuerParameter(true);
        QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
        connect(&flow, &AuthorizationCodeFlow::authorizationUrlReady, this, [this](const QUrl &url) {
            QNetworkReply *page = m_browser.get(QNetworkRequest(url));
            connect(page, &QNetworkReply::finished, page, &QObject::deleteLater);
        });
        flow.start(profile(), {});
        if (!finished.wait(15000) && finished.isEmpty())
            return {};
        return finished.first().first().value<TokenResult>();
    }

    TokenResult refresh(WireLog *log, const QString &refreshToken)
    {
        AuthorizationCodeFlow flow(log);
        QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
        flow.refresh(profile(), {}, refreshToken);
        if (!finished.wait(15000) && finished.isEmpty())
            return {};
        return finished.first().first().value<TokenResult>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<TokenResult>();
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<SandboxServer>(m_dir.path());
        m_server->setAutoApprove(true);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void publicClientWithPkceGetsValidatedIdToken()
    {
        WireLog log;
        const TokenResult result = signIn(&log);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QVERIFY(!result.token.accessToken.isEmpty());
        QVERIFY(!result.token.idToken.isEmpty());
        QVERIFY(!result.token.refreshToken.isEmpty());
        QVERIFY(!hasErrors(result.findings));
    }

    void refreshRotatesAndReuseRevokesTheFamily()
    {
        WireLog log;
        const TokenResult first = signIn(&log);
        QVERIFY2(first.ok(), qPrintable(first.message));
        const QString original = first.token.refreshToken;

        const TokenResult rotated = refresh(&log, original);
        QVERIFY2(rotated.ok(), qPrintable(rotated.message));
        QVERIFY(!rotated.token.refreshToken.isEmpty());
        QVERIFY(rotated.token.refreshToken != original);

        // QtNetworkAuth logs every token endpoint error itself.
        const QRegularExpression badRequest(QStringLiteral("Error transferring .*Bad Request"));
        QTest::ignoreMessage(QtWarningMsg, badRequest);
        const TokenResult reused = refresh(&log, original);
        QCOMPARE(reused.status, FlowStatus::ServerError);
        QCOMPARE(reused.oauthError.error, QStringLiteral("invalid_grant"));

        // The whole family is gone: the newest refresh token no longer works either.
        QTest::ignoreMessage(QtWarningMsg, badRequest);
        const TokenResult afterReuse = refresh(&log, rotated.token.refreshToken);
        QCOMPARE(afterReuse.oauthError.error, QStringLiteral("invalid_grant"));
    }

    void authorizeRejectsWhatRfcsForbid_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        const QString good
            = QStringLiteral("client_id=sandbox-public&redirect_uri=http%3A%2F%2F127.0.0.1%3A1234%2F"
                             "callback&state=xyz");
        const QString challenge = QStringLiteral("&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                                                 "&code_challenge_method=S256");
        QTest::newRow("unknown client")
            << QStringLiteral("client_id=nobody&response_type=code") << 400 << QString();
        QTest::newRow("foreign redirect") << QStringLiteral(
            "client_id=sandbox-public&response_type=code&redirect_uri=https%3A%2F%2Fevil.example%2F"
            "callback") << 400 << QString();
        QTest::newRow("token response type") << good + QStringLiteral("&response_type=token") + challenge
                                             << 302 << QStringLiteral("unsupported_response_type");
        QTest::newRow("public client without PKCE")
            << good + QStringLiteral("&response_type=code") << 302 << QStringLiteral("invalid_request");
        QTest::newRow("unknown PKCE method")
            << good
                + QStringLiteral(
                    "&response_type=code&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                    "&code_challenge_method=S512")
            << 302 << QStringLiteral("invalid_request");
        QTest::newRow("approved") << good + QStringLiteral("&response_type=code") + challenge << 302
                                  << QString();
    }

    void authorizeRejectsWhatRfcsForbid()
    {
        QFETCH(QString, query);
        QFETCH(int, status);
        QFETCH(QString, error);
        QUrl url(m_server->issuer().toString() + QStringLiteral("/authorize"));
        url.setQuery(query);
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = m_browser.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        reply->deleteLater();
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
        if (status != 302)
            return;
        const QUrl location(QString::fromLatin1(reply->rawHeader("Location")));
        const QUrlQuery answer(location);
        QCOMPARE(location.port(), 1234);
        QCOMPARE(answer.queryItemValue(QStringLiteral("state")), QStringLiteral("xyz"));
        QCOMPARE(answer.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded),
                 m_server->issuer().toString());
        QCOMPARE(answer.queryItemValue(QStringLiteral("error")), error);
        QCOMPARE(answer.hasQueryItem(QStringLiteral("code")), error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSandboxCodeFlow)
#include "tst_sandbox_code_flow.moc"
