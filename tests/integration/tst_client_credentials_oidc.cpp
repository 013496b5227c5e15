// The client credentials flow and a protected API call against a real authorization server: oidc-provider
// (tests/oidc/server.mjs), started by the CTest fixture, its port in $OIDC_PORT_FILE.
#include "ApiRequest.h"
#include "ClientCredentialsFlow.h"
#include "WireLog.h"

#include "OidcFixture.h"
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

Q_DECLARE_METATYPE(TokenResult)
Q_DECLARE_METATYPE(ApiResponse)

class TestClientCredentialsOidc final : public QObject
{
    Q_OBJECT

private:
    QUrl m_issuer;

    Profile profile(const QString &clientId, ClientAuthMethod method) const
    {
        Profile p = Profile::create(QStringLiteral("oidc-provider ") + clientId);
        p.tokenUrl = m_issuer.resolved(QUrl(QStringLiteral("/token")));
        p.clientId = clientId;
        p.authMethod = method;
        p.timeoutSeconds = 20;
        return p;
    }

    QUrl api() const { return m_issuer.resolved(QUrl(QStringLiteral("/api/hello"))); }

    static bool requestToken(const Profile &p, const QString &secret, TokenResult *result,
                             WireLog *log = nullptr)
    {
        WireLog ownLog;
        HttpClient http(log ? log : &ownLog);
        ClientCredentialsFlow flow(&http);
        QSignalSpy finished(&flow, &ClientCredentialsFlow::finished);
        flow.start(p, secret);
        if (!QTest::qWaitFor([&finished] { return finished.count() > 0; }, 30000)) {
            qWarning("the flow did not finish");
            return false;
        }
        QTest::qWait(100);
        if (finished.count() != 1) {
            qWarning("finished emitted %d times", int(finished.count()));
            return false;
        }
        *result = finished.at(0).at(0).value<TokenResult>();
        return true;
    }

    static bool callApi(const QUrl &url, const QString &token, ApiResponse *response)
    {
        WireLog log;
        HttpClient http(&log);
        ApiRequest api(&http);
        QSignalSpy finished(&api, &ApiRequest::finished);
        ApiRequestSpec spec;
        spec.url = url;
        spec.bearerToken = token;
        spec.transport.timeoutMs = 20000;
        api.send(spec);
        if (!QTest::qWaitFor([&finished] { return finished.count() > 0; }, 30000))
            return false;
        *response = finished.at(0).at(0).value<ApiResponse>();
        return true;
    }

    static QByteArray describe(const TokenResult &r)
    {
        return (QStringLiteral("status %1, %2: %3 (%4) hint: %5")
                    .arg(int(r.status))
                    .arg(r.oauthError.error, r.message, r.oauthError.description, r.hint))
            .toUtf8();
    }

    static QJsonObject jwtPayload(const QString &jwt)
    {
        const QList<QByteArray> parts = jwt.toLatin1().split('.');
        if (parts.size() != 3)
            return {};
        return QJsonDocument::fromJson(
                   QByteArray::fromBase64(parts.at(1),
                                          QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
            .object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<TokenResult>();
        qRegisterMetaType<ApiResponse>();
        QString error;
        m_issuer = QUrl(OidcFixture::issuer(&error));
        QVERIFY2(!m_issuer.isEmpty(), qPrintable(error));
    }

    void basicAuthentication()
    {
        WireLog log;
        TokenResult result;
        QVERIFY(requestToken(profile(QStringLiteral("basic-client"), ClientAuthMethod::ClientSecretBasic),
                             QStringLiteral("basic-secret"), &result, &log));
        QVERIFY2(result.ok(), describe(result).constData());
        QVERIFY(!result.token.accessToken.isEmpty());
        QCOMPARE(result.token.tokenType.toLower(), QStringLiteral("bearer"));
        QVERIFY(result.token.expiresIn.has_value() && *result.token.expiresIn > 0);
        QVERIFY(!result.exchangeIds.isEmpty());
        const HttpExchange *x = log.findById(result.exchangeIds.constLast());
        QVERIFY(x);
        QCOMPARE(x->status, 200);
        QVERIFY(x->requestHeader("Authorization").startsWith("Basic "));
    }

    void postAuthentication()
    {
        TokenResult result;
        QVERIFY(requestToken(profile(QStringLiteral("post-client"), ClientAuthMethod::ClientSecretPost),
                             QStringLiteral("post-secret"), &result));
        QVERIFY2(result.ok(), describe(result).constData());
        QVERIFY(!result.token.accessToken.isEmpty());
    }

    void wrongSecret_data()
    {
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<ClientAuthMethod>("method");
        QTest::newRow("basic") << QStringLiteral("basic-client") << ClientAuthMethod::ClientSecretBasic;
        QTest::newRow("post") << QStringLiteral("post-client") << ClientAuthMethod::ClientSecretPost;
    }

    void wrongSecret()
    {
        QFETCH(QString, clientId);
        QFETCH(ClientAuthMethod, method);
        TokenResult result;
        QVERIFY(requestToken(profile(clientId, method), QStringLiteral("not-the-secret"), &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_client"));
        QVERIFY(result.oauthError.httpStatus == 400 || result.oauthError.httpStatus == 401);
        QVERIFY(!result.hint.isEmpty());
    }

    void wrongAuthenticationMethod_data()
    {
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<ClientAuthMethod>("method");
        QTest::newRow("basic client sends post")
            << QStringLiteral("basic-client") << QStringLiteral("basic-secret")
            << ClientAuthMethod::ClientSecretPost;
        QTest::newRow("post client sends basic")
            << QStringLiteral("post-client") << QStringLiteral("post-secret")
            << ClientAuthMethod::ClientSecretBasic;
    }

    void wrongAuthenticationMethod()
    {
        QFETCH(QString, clientId);
        QFETCH(QString, secret);
        QFETCH(ClientAuthMethod, method);
        TokenResult result;
        QVERIFY(requestToken(profile(clientId, method), secret, &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_client"));
        QVERIFY2(result.oauthError.description.contains(QStringLiteral("method")),
                 qPrintable(result.oauthError.description));
    }

    void hostileClientIdAndSecret()
    {
        // ':' '%' '+' ' ' '&' '/' '=' '?' '#' '~': RFC 6749 §2.3.1 form-encoding before base64 must be right
        TokenResult result;
        QVERIFY(
            requestToken(profile(QStringLiteral("weird:client id%+"), ClientAuthMethod::ClientSecretBasic),
                         QStringLiteral("s3cr:et%+ &/=?#~"), &result));
        QVERIFY2(result.ok(), describe(result).constData());
        QVERIFY(!result.token.accessToken.isEmpty());
    }

    void unknownResource()
    {
        Profile p = profile(QStringLiteral("basic-client"), ClientAuthMethod::ClientSecretBasic);
        p.resources = { QStringLiteral("https://unknown.example.test") };
        TokenResult result;
        QVERIFY(requestToken(p, QStringLiteral("basic-secret"), &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_target"));
        QCOMPARE(result.oauthError.httpStatus, 400);
    }

    void resourceGivesAJwtAccessToken()
    {
        Profile p = profile(QStringLiteral("basic-client"), ClientAuthMethod::ClientSecretBasic);
        p.resources = { QStringLiteral("https://api.example.test") };
        p.scope = QStringLiteral("read");
        TokenResult result;
        QVERIFY(requestToken(p, QStringLiteral("basic-secret"), &result));
        QVERIFY2(result.ok(), describe(result).constData());
        QCOMPARE(result.token.accessToken.split(QLatin1Char('.')).size(), 3);
        const QJsonObject claims = jwtPayload(result.token.accessToken);
        QCOMPARE(claims.value(QStringLiteral("aud")).toString(), QStringLiteral("https://api.example.test"));
        QCOMPARE(claims.value(QStringLiteral("client_id")).toString(), QStringLiteral("basic-client"));
        QCOMPARE(claims.value(QStringLiteral("iss")).toString(), m_issuer.toString());
        QCOMPARE(claims.value(QStringLiteral("scope")).toString(), QStringLiteral("read"));
    }

    void apiAcceptsTheJwtAccessToken()
    {
        Profile p = profile(QStringLiteral("basic-client"), ClientAuthMethod::ClientSecretBasic);
        p.resources = { QStringLiteral("https://api.example.test") };
        TokenResult token;
        QVERIFY(requestToken(p, QStringLiteral("basic-secret"), &token));
        QVERIFY2(token.ok(), describe(token).constData());

        ApiResponse response;
        QVERIFY(callApi(api(), token.token.accessToken, &response));
        QVERIFY2(response.status == FlowStatus::Success,
                 qPrintable(response.message + QString::fromUtf8(response.body)));
        QCOMPARE(response.httpStatus, 200);
        QVERIFY(response.body.contains("hello"));
        QCOMPARE(
            QJsonDocument::fromJson(response.body).object().value(QStringLiteral("token_format")).toString(),
            QStringLiteral("jwt"));
    }

    void apiAcceptsAnOpaqueAccessToken()
    {
        TokenResult token;
        QVERIFY(requestToken(profile(QStringLiteral("post-client"), ClientAuthMethod::ClientSecretPost),
                             QStringLiteral("post-secret"), &token));
        QVERIFY2(token.ok(), describe(token).constData());
        ApiResponse response;
        QVERIFY(callApi(api(), token.token.accessToken, &response));
        QCOMPARE(response.httpStatus, 200);
        QCOMPARE(response.status, FlowStatus::Success);
        QVERIFY(response.body.contains("hello"));
    }

    void apiWithoutTokenSendsAChallenge()
    {
        ApiResponse response;
        QVERIFY(callApi(api(), QString(), &response));
        QCOMPARE(response.status, FlowStatus::ServerError);
        QCOMPARE(response.httpStatus, 401);
        QVERIFY(response.challenge.present);
        QCOMPARE(response.challenge.realm, QStringLiteral("oidc-test"));
        QVERIFY(response.challenge.error.isEmpty()); // no credentials: no error code (RFC 6750 §3.1)
    }

    void apiRejectsAForgedToken()
    {
        const QString forged = QStringLiteral("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        ApiResponse response;
        QVERIFY(callApi(api(), forged, &response));
        QCOMPARE(response.status, FlowStatus::ServerError);
        QCOMPARE(response.httpStatus, 401);
        QVERIFY(response.challenge.present);
        QCOMPARE(response.challenge.error, QStringLiteral("invalid_token"));
        QVERIFY(!response.challenge.errorDescription.isEmpty());
        QVERIFY(!response.challenge.explanation().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestClientCredentialsOidc)
#include "tst_client_credentials_oidc.moc"
