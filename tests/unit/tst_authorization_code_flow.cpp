// The authorization code flow through Qt 6.4's QOAuth2AuthorizationCodeFlow, with each 6.4 gap closed.
// The test plays the browser: it takes the authorization URL and sends the redirect to the loopback listener.
#include "AuthorizationCodeFlow.h"
#include "FakeHttpServer.h"
#include "FormEncoding.h"
#include "Pkce.h"
#include "WireLog.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

Q_DECLARE_METATYPE(TokenResult)

namespace {

QString param(const QUrl &url, const QString &name)
{
    return QUrlQuery(url).queryItemValue(name, QUrl::FullyDecoded);
}

QMap<QString, QString> formOf(const QByteArray &body)
{
    QMap<QString, QString> fields;
    const auto decoded = FormEncoding::decode(body);
    for (const auto &field : decoded)
        fields.insert(field.first, field.second);
    return fields;
}

} // namespace

class TestAuthorizationCodeFlow final : public QObject
{
    Q_OBJECT

    FakeHttpServer m_server;
    QNetworkAccessManager m_browser;

    Profile profile(ClientAuthMethod method = ClientAuthMethod::ClientSecretBasic)
    {
        Profile p = Profile::create(QStringLiteral("code flow"));
        p.tokenUrl = m_server.url(QStringLiteral("/token"));
        p.endpoints.authorization = m_server.url(QStringLiteral("/authorize"));
        p.clientId = QStringLiteral("client+id");
        p.authMethod = method;
        p.scope = QStringLiteral("read write");
        p.timeoutSeconds = 5;
        return p;
    }

    // The browser follows the authorization server's redirect to the client's loopback listener.
    QNetworkReply *redirect(const QUrl &redirectUri, const QByteArray &query)
    {
        QUrl target = redirectUri;
        target.setQuery(QString::fromLatin1(query), QUrl::TolerantMode);
        return m_browser.get(QNetworkRequest(target));
    }

    static FakeHttpServer::CannedResponse tokens()
    {
        return FakeHttpServer::json(200,
                                    "{\"access_token\":\"at-123\",\"token_type\":\"Bearer\",\"expires_in\":"
                                    "300,\"refresh_token\":\"rt-1\"}");
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<TokenResult>();
        QVERIFY(m_server.listen());
    }

    void init()
    {
        m_server.clearRequests();
        m_server.setHandler([](const FakeHttpServer::RecordedRequest &) { return tokens(); });
    }

    void s256SuccessWithHostileCode()
    {
        WireLog log;
        AuthorizationCodeFlow flow(&log);
        QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
        QUrl authorizationUrl;
        connect(&flow, &AuthorizationCodeFlow::authorizationUrlReady, this,
                [&](const QUrl &url) { authorizationUrl = url; });
        flow.start(profile(), QStringLiteral("s3cret"));
        QTRY_VERIFY(authorizationUrl.isValid());

        QCOMPARE(param(authorizationUrl, QStringLiteral("response_type")), QStringLiteral("code"));
        QCOMPARE(param(authorizationUrl, QStringLiteral("client_id")), QStringLiteral("client+id"));
        QCOMPARE(param(authorizationUrl, QStringLiteral("scope")), QStringLiteral("read write"));
        QCOMPARE(param(authorizationUrl, QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
        const QString state = param(authorizationUrl, QStringLiteral("state"));
        QCOMPARE(state, flow.state());
        QVERIFY(state.size() >= 40);
        QCOMPARE(param(authorizationUrl, QStringLiteral("code_challenge")).toLatin1(),
                 Pkce::challenge(flow.codeVerifier(), Pkce::Method::S256));
        QVERIFY(Pkce::isValidVerifier(flow.codeVerifier()));
        const QUrl redirectUri(param(authorizationUrl, QStringLiteral("redirect_uri")));
        QCOMPARE(redirectUri.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(redirectUri.path(), QStringLiteral("/callback"));
        QVERIFY(redirectUri.port() > 0);

        // A code with '/', '+' and '%': the server sends it form-encoded.
        const QString code = QStringLiteral("AUTH/x+y%z");
        QNetworkReply *page = redirect(redirectUri,
                                       "code=" + FormEncoding::encodeComponent(code)
                                           + "&state=" + FormEncoding::encodeComponent(state));
        QTRY_COMPARE(finished.count(), 1);
        const TokenResult result = finished.first().first().value<TokenResult>();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.token.accessToken, QStringLiteral("at-123"));
        QTRY_VERIFY(page->isFinished());
        QCOMPARE(page->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        page->deleteLater();

        const FakeHttpServer::RecordedRequest tokenRequest = m_server.lastRequest();
        QCOMPARE(tokenRequest.method, QByteArray("POST"));
        const auto form = formOf(tokenRequest.body);
        QCOMPARE(form.value(QStringLiteral("grant_type")), QStringLiteral("authorization_code"));
        QCOMPARE(form.value(QStringLiteral("code")), code);
        QCOMPARE(form.value(QStringLiteral("code_verifier")).toLatin1(), flow.codeVerifier());
        QCOMPARE(form.value(QStringLiteral("redirect_uri")), redirectUri.toString());
        QVERIFY(!form.contains(QStringLiteral("client_secret")));
        QCOMPARE(tokenRequest.header("authorization"),
                 FormEncoding::basicAuthorization(QStringLiteral("client+id"), QStringLiteral("s3cret")));
        // The token exchange is in the wire log with its status and body.
        QCOMPARE(log.count(), 1);
        QCOMPARE(log.at(0).status, 200);
        QVERIFY(log.at(0).requestBody.contains("code_verifier="));
    }

    void postAuthenticationPutsTheSecretInTheBody()
    {
        WireLog log;
        AuthorizationCodeFlow flow(&log);
        QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
        connect(&flow, &AuthorizationCodeFlow::authorizationUrlReady, this, [&](const QUrl &url) {
            redirect(QUrl(param(url, QStringLiteral("redirect_uri"))),
                     "code=abc&state=" + param(url, QStringLiteral("state")).toLatin1());
        });
        flow.start(profile(ClientAuthMethod::ClientSecretPost), QStringLiteral("p@ss word+"));
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(finished.first().first().value<TokenResult>().ok());
        const auto request = m_server.lastRequest();
        QVERIFY(!request.hasHeader("authorization"));
        const auto form = formOf(request.body);
        QCOMPARE(form.value(QStringLiteral("client_secret")), QStringLiteral("p@ss word+"));
        QCOMPARE(form.value(QStringLiteral("client_id")), QStringLiteral("client+id"));
    }

    void plainPkceSendsTheVerifierAsChallenge()
    {
        WireLog log;
        AuthorizationCodeFlow flow(&log);
        Profile p = profile(ClientAuthMethod::None);
        p.pkceMethod = Pkce::Method::Plain;
        QUrl authorizationUrl;
        connect(&flow, &AuthorizationCodeFlow::authorizationUrlReady, this,
                [&](const QUrl &url) { authorizationUrl = url; });
        flow.start(p, QString());
        QTRY_VERIFY(authorizationUrl.isValid());
        QCOMPARE(param(authorizationUrl, QStringLiteral("code_challenge_method")), QStringLiteral("plain"));
        QCOMPARE(param(authorizationUrl, QStringLiteral("code_challenge")).toLatin1(), flow.codeVerifier());
        flow.cancel();
    }

    void callbackFailures_data()
    {
        QTest::addColumn<QByteArray>("query"); // STATE stands for the right state
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("state mismatch") << QByteArray("code=abc&state=forged")
                                        << int(FlowStatus::ValidationError) << QStringLiteral("state");
        QTest::newRow("missing state")
            << QByteArray("code=abc") << int(FlowStatus::ValidationError) << QStringLiteral("no state");
        QTest::newRow("access denied")
            << QByteArray("error=access_denied&error_description=User+said+no&state=STATE")
            << int(FlowStatus::ServerError) << QStringLiteral("User said no");
        QTest::newRow("neither code nor error")
            << QByteArray("state=STATE") << int(FlowStatus::ServerError) << QStringLiteral("neither");
    }

    void callbackFailures()
    {
        QFETCH(QByteArray, query);
        QFETCH(int, status);
        QFETCH(QString, messagePart);
        WireLog log;
        AuthorizationCodeFlow flow(&log);
        QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
        connect(&flow, &AuthorizationCodeFlow::authorizationUrlReady, this, [&](const QUrl &url) {
            QByteArray q = query;
            q.replace("STATE", param(url, QStringLiteral("state")).toLatin1());
            redirect(QUrl(param(url, QStringLiteral("redirect_uri"))), q);
        });
        flow.start(profile(), QStringLiteral("s"));
        QTRY_COMPARE(finished.count(), 1);
        const TokenResult result = finished.first().first().value<TokenResult>();
        QCOMPARE(int(result.status), status);
        QVERIFY2(result.message.contains(messagePart, Qt::CaseInsensitive), qPrintable(result.message));
        QCOMPARE(m_server.requestCount(), 0); // no token request after a rejected callback
    }

    void tokenEndpointErrorsAreReported_data()
    {
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("invalid_grant")
            << 400 << QByteArray("application/json")
            << QByteArray("{\"error\":\"invalid_grant\",\"error_description\":\"code expired\"}")
            << QStringLiteral("code expired");
        QTest::newRow("html 500") << 500 << QByteArray("text/html")
                                  << QByteArray("<html><title>Oops</title>boom</html>")
                                  << QStringLiteral("500");
        QTest::newRow("garbage 200") << 200 << QByteArray("application/json") << QByteArray("{not json")
                                     << QStringLiteral("not a token response");
    }

    void tokenEndpointErrorsAreReported()
    {
        QFETCH(int, httpStatus);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, messagePart);
        m_server.setHandler([&](const FakeHttpServer::RecordedRequest &) {
            return FakeHttpServer::text(httpStatus, contentType, body);
        });
        WireLog log;
        AuthorizationCodeFlow flow(&log);
        QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
        connect(&flow, &AuthorizationCodeFlow::authorizationUrlReady, this, [&](const QUrl &url) {
            redirect(QUrl(param(url, QStringLiteral("redirect_uri"))),
                     "code=abc&state=" + param(url, QStringLiteral("state")).toLatin1());
        });
        flow.start(profile(), QStringLiteral("s"));
        QTRY_COMPARE(finished.count(), 1);
        const TokenResult result = finished.first().first().value<TokenResult>();
        QCOMPARE(result.status, FlowStatus::ServerError);
        QVERIFY2(result.message.contains(messagePart, Qt::CaseInsensitive), qPrintable(result.message));
        QCOMPARE(log.count(), 1);
        QCOMPARE(log.at(0).status, httpStatus);
    }

    void listenerIsLoopbackOnlyAndClosedAfterTheFlow()
    {
        WireLog log;
        AuthorizationCodeFlow flow(&log);
        QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
        QUrl redirectUri;
        QString state;
        connect(&flow, &AuthorizationCodeFlow::authorizationUrlReady, this, [&](const QUrl &url) {
            redirectUri = QUrl(param(url, QStringLiteral("redirect_uri")));
            state = param(url, QStringLiteral("state"));
        });
        flow.start(profile(), QStringLiteral("s"));
        QTRY_VERIFY(redirectUri.isValid());
        const quint16 port = flow.listenerPort();
        QVERIFY(port > 0);

        // Another path is refused: no callback is taken from it.
        QUrl other = redirectUri;
        other.setPath(QStringLiteral("/favicon.ico"));
        QNetworkReply *stray = m_browser.get(QNetworkRequest(other));
        QTRY_VERIFY(stray->isFinished());
        QVERIFY(stray->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200);
        stray->deleteLater();
        QCOMPARE(finished.count(), 0);
        QVERIFY(flow.isRunning());

        redirect(redirectUri, "code=abc&state=" + state.toLatin1());
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(finished.first().first().value<TokenResult>().ok());
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!probe.waitForConnected(1000));
    }

    void timeoutFreesThePort()
    {
        WireLog log;
        AuthorizationCodeFlow flow(&log);
        flow.setCallbackTimeoutSeconds(1);
        QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
        flow.start(profile(), QStringLiteral("s"));
        QTRY_VERIFY(flow.listenerPort() > 0);
        const quint16 port = flow.listenerPort();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(finished.first().first().value<TokenResult>().status, FlowStatus::TransportError);
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!probe.waitForConnected(1000));
    }

    void issRequiredWhenTheProfileSaysTheServerSendsIt()
    {
        WireLog log;
        AuthorizationCodeFlow flow(&log);
        Profile p = profile();
        p.endpoints.issuer = m_server.url();
        p.endpoints.issParameterSupported = true;
        QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
        connect(&flow, &AuthorizationCodeFlow::authorizationUrlReady, this, [&](const QUrl &url) {
            redirect(QUrl(param(url, QStringLiteral("redirect_uri"))),
                     "code=abc&state=" + param(url, QStringLiteral("state")).toLatin1());
        });
        flow.start(p, QStringLiteral("s"));
        QTRY_COMPARE(finished.count(), 1);
        const TokenResult result = finished.first().first().value<TokenResult>();
        QCOMPARE(result.status, FlowStatus::ValidationError);
        QVERIFY2(result.message.contains(QStringLiteral("RFC 9207")), qPrintable(result.message));
        QCOMPARE(m_server.requestCount(), 0);
    }

    void wrongIssIsAMixUp()
    {
        WireLog log;
        AuthorizationCodeFlow flow(&log);
        Profile p = profile();
        p.endpoints.issuer = m_server.url();
        QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
        connect(&flow, &AuthorizationCodeFlow::authorizationUrlReady, this, [&](const QUrl &url) {
            redirect(QUrl(param(url, QStringLiteral("redirect_uri"))),
                     "code=abc&iss=https%3A%2F%2Fattacker.example&state="
                         + param(url, QStringLiteral("state")).toLatin1());
        });
        flow.start(p, QStringLiteral("s"));
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().value<TokenResult>().status, FlowStatus::ValidationError);
        QCOMPARE(m_server.requestCount(), 0);
    }

    void refreshOmitsRedirectUriAndEmptySecret()
    {
        m_server.setHandler([](const FakeHttpServer::RecordedRequest &) {
            return FakeHttpServer::json(
                200, "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"refresh_token\":\"rt-2\"}");
        });
        WireLog log;
        AuthorizationCodeFlow flow(&log);
        QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
        flow.refresh(profile(ClientAuthMethod::None), QString(), QStringLiteral("rt+1/="));
        QTRY_COMPARE(finished.count(), 1);
        const TokenResult result = finished.first().first().value<TokenResult>();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.token.refreshToken, QStringLiteral("rt-2"));
        QVERIFY(result.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("rotated")));
        const auto form = formOf(m_server.lastRequest().body);
        QCOMPARE(form.value(QStringLiteral("grant_type")), QStringLiteral("refresh_token"));
        QCOMPARE(form.value(QStringLiteral("refresh_token")), QStringLiteral("rt+1/="));
        QCOMPARE(form.value(QStringLiteral("client_id")), QStringLiteral("client+id"));
        QVERIFY(!form.contains(QStringLiteral("redirect_uri")));
        QVERIFY(!form.contains(QStringLiteral("client_secret")));
    }

    void refreshInvalidGrantTellsToSignInAgain()
    {
        m_server.setHandler([](const FakeHttpServer::RecordedRequest &) {
            return FakeHttpServer::json(400, "{\"error\":\"invalid_grant\"}");
        });
        WireLog log;
        AuthorizationCodeFlow flow(&log);
        QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
        flow.refresh(profile(), QStringLiteral("s"), QStringLiteral("old"));
        QTRY_COMPARE(finished.count(), 1);
        const TokenResult result = finished.first().first().value<TokenResult>();
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_grant"));
        QVERIFY(result.hint.contains(QStringLiteral("sign in again")));
    }
};

QTEST_GUILESS_MAIN(TestAuthorizationCodeFlow)
#include "tst_authorization_code_flow.moc"
