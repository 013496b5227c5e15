// The sandbox's endpoints byte by byte: what RFC 6749, 7636, 7009 and OIDC Core require of the authorization
// code, the token request, refresh token revocation, userinfo and the sign-in page.
#include "FormEncoding.h"
#include "Pkce.h"
#include "SandboxClients.h"
#include "SandboxServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using Fields = QList<QPair<QString, QString>>;

namespace {
struct Answer
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QUrl location;
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QMap<QByteArray, QByteArray> headers;
};

const QString redirectUri = QStringLiteral("http://127.0.0.1:8765/callback");
} // namespace

class TestSandboxEndpoints final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_manager;

    QUrl url(const QString &path) const { return QUrl(m_server->issuer().toString() + path); }

    QString secret() const
    {
        return SandboxClients::find(m_server->clients(), QLatin1String(SandboxClients::ConfidentialId))
            ->clientSecret;
    }

    QByteArray basic() const
    {
        return FormEncoding::basicAuthorization(QLatin1String(SandboxClients::ConfidentialId), secret());
    }

    Answer finish(QNetworkReply *reply)
    {
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(10000);
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.json = QJsonDocument::fromJson(answer.body).object();
        for (const auto &pair : reply->rawHeaderPairs())
            answer.headers.insert(pair.first.toLower(), pair.second);
        answer.location = QUrl::fromEncoded(reply->rawHeader("Location"));
        reply->deleteLater();
        return answer;
    }

    Answer get(const QUrl &target, const QByteArray &bearer = {})
    {
        QNetworkRequest request(target);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        if (!bearer.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + bearer);
        return finish(m_manager.get(request));
    }

    Answer post(const QString &path, const QByteArray &body, const QByteArray &authorization = {})
    {
        QNetworkRequest request(url(path));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        return finish(m_manager.post(request, body));
    }

    // An authorization code for the public client, auto-approved.
    QString code(const QByteArray &verifier, Pkce::Method method,
                 const QString &scope = QStringLiteral("openid"))
    {
        QUrl target = url(QStringLiteral("/authorize"));
        QUrlQuery query;
        const Fields fields { { QStringLiteral("response_type"), QStringLiteral("code") },
                              { QStringLiteral("client_id"), QLatin1String(SandboxClients::PublicId) },
                              { QStringLiteral("redirect_uri"), redirectUri },
                              { QStringLiteral("scope"), scope },
                              { QStringLiteral("state"), QStringLiteral("s") },
                              { QStringLiteral("code_challenge"),
                                QString::fromLatin1(Pkce::challenge(verifier, method)) },
                              { QStringLiteral("code_challenge_method"), Pkce::methodName(method) } };
        target.setQuery(QString::fromLatin1(FormEncoding::encode(fields)));
        const Answer answer = get(target);
        return QUrlQuery(answer.location).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    }

    Answer redeem(const QString &code, const QByteArray &verifier,
                  const QString &clientId = QLatin1String(SandboxClients::PublicId),
                  const QString &redirect = redirectUri)
    {
        const Fields fields { { QStringLiteral("grant_type"), QStringLiteral("authorization_code") },
                              { QStringLiteral("code"), code },
                              { QStringLiteral("redirect_uri"), redirect },
                              { QStringLiteral("client_id"), clientId },
                              { QStringLiteral("code_verifier"), QString::fromLatin1(verifier) } };
        return post(QStringLiteral("/token"), FormEncoding::encode(fields),
                    clientId == QLatin1String(SandboxClients::ConfidentialId) ? basic() : QByteArray());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<SandboxServer>(m_dir.path());
        m_server->setAutoApprove(true);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void codeIsSingleUseAndBoundToItsVerifier_data()
    {
        QTest::addColumn<Pkce::Method>("method");
        QTest::newRow("S256") << Pkce::Method::S256;
        QTest::newRow("plain") << Pkce::Method::Plain;
    }

    void codeIsSingleUseAndBoundToItsVerifier()
    {
        QFETCH(Pkce::Method, method);
        const QByteArray verifier = Pkce::generateVerifier();
        QString issued = code(verifier, method);
        QVERIFY(!issued.isEmpty());
        const Answer good = redeem(issued, verifier);
        QCOMPARE(good.status, 200);
        QCOMPARE(good.header("cache-control"), QByteArray("no-store"));
        QVERIFY(good.json.contains(QLatin1String("id_token")));
        QCOMPARE(redeem(issued, verifier).json.value(QLatin1String("error")).toString(),
                 QStringLiteral("invalid_grant"));

        issued = code(verifier, method);
        QCOMPARE(redeem(issued, Pkce::generateVerifier()).json.value(QLatin1String("error")).toString(),
                 QStringLiteral("invalid_grant"));
        // The failed attempt used the code up.
        QCOMPARE(redeem(issued, verifier).status, 400);
    }

    void codeIsBoundToClientAndRedirectUri()
    {
        const QByteArray verifier = Pkce::generateVerifier();
        const Answer otherClient = redeem(code(verifier, Pkce::Method::S256), verifier,
                                          QLatin1String(SandboxClients::ConfidentialId));
        QCOMPARE(otherClient.json.value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
        const Answer otherRedirect
            = redeem(code(verifier, Pkce::Method::S256), verifier, QLatin1String(SandboxClients::PublicId),
                     QStringLiteral("http://127.0.0.1:9999/callback"));
        QCOMPARE(otherRedirect.json.value(QLatin1String("error")).toString(),
                 QStringLiteral("invalid_grant"));
    }

    void tokenRequestErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("withBasic");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        QTest::newRow("no grant_type")
            << QByteArray("scope=read") << true << 400 << QStringLiteral("invalid_request");
        QTest::newRow("password grant")
            << QByteArray("grant_type=password") << true << 400 << QStringLiteral("unsupported_grant_type");
        QTest::newRow("repeated parameter") << QByteArray("grant_type=client_credentials&scope=a&scope=b")
                                            << true << 400 << QStringLiteral("invalid_request");
        QTest::newRow("basic and post together")
            << QByteArray("grant_type=client_credentials&client_secret=x") << true << 400
            << QStringLiteral("invalid_request");
        QTest::newRow("no client authentication") << QByteArray("grant_type=client_credentials") << false
                                                  << 401 << QStringLiteral("invalid_client");
        QTest::newRow("confidential client without secret")
            << QByteArray("grant_type=client_credentials&client_id=sandbox-confidential") << false << 401
            << QStringLiteral("invalid_client");
        QTest::newRow("public client, client credentials")
            << QByteArray("grant_type=client_credentials&client_id=sandbox-public") << false << 400
            << QStringLiteral("unauthorized_client");
        QTest::newRow("unknown refresh token") << QByteArray("grant_type=refresh_token&refresh_token=nope")
                                               << true << 400 << QStringLiteral("invalid_grant");
    }

    void tokenRequestErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, withBasic);
        QFETCH(int, status);
        QFETCH(QString, error);
        const Answer answer = post(QStringLiteral("/token"), body, withBasic ? basic() : QByteArray());
        QCOMPARE(answer.status, status);
        QCOMPARE(answer.json.value(QLatin1String("error")).toString(), error);
        if (status == 401)
            QVERIFY(answer.header("www-authenticate").startsWith("Basic"));
    }

    void tokenRequestMustBeAForm()
    {
        QNetworkRequest request(url(QStringLiteral("/token")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", basic());
        const Answer answer
            = finish(m_manager.post(request, QByteArray("{\"grant_type\":\"client_credentials\"}")));
        QCOMPARE(answer.status, 400);
        QCOMPARE(answer.json.value(QLatin1String("error")).toString(), QStringLiteral("invalid_request"));
    }

    void tokenEndpointIsPostOnly() { QCOMPARE(get(url(QStringLiteral("/token"))).status, 405); }

    void revokingARefreshTokenRevokesItsAccessTokens()
    {
        const QByteArray verifier = Pkce::generateVerifier();
        const Answer tokens = redeem(code(verifier, Pkce::Method::S256), verifier);
        const QByteArray accessToken = tokens.json.value(QLatin1String("access_token")).toString().toLatin1();
        const QString refreshToken = tokens.json.value(QLatin1String("refresh_token")).toString();
        QCOMPARE(get(url(QStringLiteral("/api/hello")), accessToken).status, 200);
        const Answer revoked = post(QStringLiteral("/revoke"),
                                    FormEncoding::encode({ { QStringLiteral("token"), refreshToken },
                                                           { QStringLiteral("client_id"),
                                                             QLatin1String(SandboxClients::PublicId) } }));
        QCOMPARE(revoked.status, 200);
        QCOMPARE(get(url(QStringLiteral("/api/hello")), accessToken).status, 401);
        const Answer refreshed
            = post(QStringLiteral("/token"),
                   FormEncoding::encode(
                       { { QStringLiteral("grant_type"), QStringLiteral("refresh_token") },
                         { QStringLiteral("refresh_token"), refreshToken },
                         { QStringLiteral("client_id"), QLatin1String(SandboxClients::PublicId) } }));
        QCOMPARE(refreshed.json.value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
    }

    void userInfoNeedsTheOpenIdScope()
    {
        const QByteArray verifier = Pkce::generateVerifier();
        Answer tokens
            = redeem(code(verifier, Pkce::Method::S256, QStringLiteral("openid profile")), verifier);
        Answer info = get(url(QStringLiteral("/userinfo")),
                          tokens.json.value(QLatin1String("access_token")).toString().toLatin1());
        QCOMPARE(info.status, 200);
        QCOMPARE(info.json.value(QLatin1String("sub")).toString(), QStringLiteral("sandbox-user"));
        QVERIFY(info.json.contains(QLatin1String("name")));

        tokens = redeem(code(verifier, Pkce::Method::S256, QStringLiteral("read")), verifier);
        QVERIFY(!tokens.json.contains(QLatin1String("id_token")));
        info = get(url(QStringLiteral("/userinfo")),
                   tokens.json.value(QLatin1String("access_token")).toString().toLatin1());
        QCOMPARE(info.status, 403);
        QVERIFY(info.header("www-authenticate").contains("insufficient_scope"));
    }

    void signInPageWithoutAutoApprove()
    {
        m_server->setAutoApprove(false);
        const QByteArray challenge = Pkce::challenge(Pkce::generateVerifier(), Pkce::Method::S256);
        const Fields fields { { QStringLiteral("response_type"), QStringLiteral("code") },
                              { QStringLiteral("client_id"), QLatin1String(SandboxClients::PublicId) },
                              { QStringLiteral("redirect_uri"), redirectUri },
                              { QStringLiteral("state"), QStringLiteral("<b>&\"") },
                              { QStringLiteral("code_challenge"), QString::fromLatin1(challenge) },
                              { QStringLiteral("code_challenge_method"), QStringLiteral("S256") } };
        QUrl target = url(QStringLiteral("/authorize"));
        target.setQuery(QString::fromLatin1(FormEncoding::encode(fields)));
        const Answer page = get(target);
        m_server->setAutoApprove(true);
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("<form method=\"post\""));
        QVERIFY(page.body.contains("NOT for production"));
        QVERIFY(!page.body.contains("<b>&\"")); // escaped

        Fields approve = fields;
        approve.append({ QStringLiteral("decision"), QStringLiteral("approve") });
        const Answer approved = post(QStringLiteral("/authorize"), FormEncoding::encode(approve));
        QCOMPARE(approved.status, 302);
        const QUrlQuery answer(approved.location);
        QVERIFY(answer.hasQueryItem(QStringLiteral("code")));
        QCOMPARE(answer.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded),
                 QStringLiteral("<b>&\""));

        Fields deny = fields;
        deny.append({ QStringLiteral("decision"), QStringLiteral("deny") });
        const Answer denied = post(QStringLiteral("/authorize"), FormEncoding::encode(deny));
        QCOMPARE(QUrlQuery(denied.location).queryItemValue(QStringLiteral("error")),
                 QStringLiteral("access_denied"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxEndpoints)
#include "tst_sandbox_endpoints.moc"
