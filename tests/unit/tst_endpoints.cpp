// The endpoints besides the token endpoint: token introspection (RFC 7662), token revocation (RFC 7009) and
// the OpenID Connect userinfo endpoint (OIDC Core §5.3): the requests they send and how answers are read.
#include "FakeHttpServer.h"
#include "FormEncoding.h"
#include "TokenIntrospection.h"
#include "TokenRevocation.h"
#include "UserInfoRequest.h"
#include "WireLog.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using Canned = FakeHttpServer::CannedResponse;
using Recorded = FakeHttpServer::RecordedRequest;
using Fields = QList<QPair<QString, QString>>;

Q_DECLARE_METATYPE(EndpointResult)

namespace {

const QString ClientId = QStringLiteral("my client:1");
const QString Secret = QStringLiteral("s:e c%+&=\u00e9");
const QString Token = QStringLiteral("tok/en+1=");

Profile profileFor(const FakeHttpServer &server,
                   ClientAuthMethod method = ClientAuthMethod::ClientSecretBasic)
{
    Profile p = Profile::create(QStringLiteral("test"));
    p.tokenUrl = server.url(QStringLiteral("/token"));
    p.endpoints.introspection = server.url(QStringLiteral("/introspect"));
    p.endpoints.revocation = server.url(QStringLiteral("/revoke"));
    p.endpoints.userinfo = server.url(QStringLiteral("/userinfo"));
    p.clientId = ClientId;
    p.authMethod = method;
    p.timeoutSeconds = 10;
    return p;
}

Fields decodeForm(const QByteArray &body)
{
    Fields fields;
    for (const QByteArray &part : body.split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        auto decode = [](QByteArray s) {
            return QString::fromUtf8(QByteArray::fromPercentEncoding(s.replace('+', ' ')));
        };
        fields.append(
            { decode(eq < 0 ? part : part.left(eq)), eq < 0 ? QString() : decode(part.mid(eq + 1)) });
    }
    return fields;
}

QString field(const Fields &fields, const QString &name)
{
    for (const auto &f : fields) {
        if (f.first == name)
            return f.second;
    }
    return QStringLiteral("<absent>");
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

// Runs one request of Engine (TokenIntrospection, TokenRevocation, UserInfoRequest) and waits for its one,
// asynchronous result.
template<typename Engine, typename Send> bool runEngine(Send send, EndpointResult *result)
{
    WireLog log;
    HttpClient http(&log);
    Engine engine(&http);
    QSignalSpy finished(&engine, &Engine::finished);
    send(engine);
    if (finished.count() != 0) {
        qWarning("finished was emitted synchronously");
        return false;
    }
    if (!QTest::qWaitFor([&finished] { return finished.count() > 0; }, 10000))
        return false;
    QTest::qWait(100);
    if (finished.count() != 1) {
        qWarning("finished was emitted %d times", int(finished.count()));
        return false;
    }
    *result = finished.at(0).at(0).value<EndpointResult>();
    return true;
}

bool introspect(const Profile &profile, const QString &secret, const QString &hint, EndpointResult *result)
{
    return runEngine<TokenIntrospection>(
        [&](TokenIntrospection &engine) { engine.introspect(profile, secret, Token, hint); }, result);
}

bool revoke(const Profile &profile, const QString &hint, EndpointResult *result)
{
    return runEngine<TokenRevocation>(
        [&](TokenRevocation &engine) { engine.revoke(profile, Secret, Token, hint); }, result);
}

bool fetchUserInfo(const Profile &profile, const QString &token, EndpointResult *result)
{
    return runEngine<UserInfoRequest>([&](UserInfoRequest &engine) { engine.fetch(profile, token); }, result);
}

} // namespace

class TestEndpoints final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<EndpointResult>(); }

    // --- introspection ------------------------------------------------------------------------------

    void introspectionRequest_data()
    {
        QTest::addColumn<ClientAuthMethod>("method");
        QTest::addColumn<QString>("hint");
        QTest::newRow("client_secret_basic, access_token hint")
            << ClientAuthMethod::ClientSecretBasic << QStringLiteral("access_token");
        QTest::newRow("client_secret_post, refresh_token hint")
            << ClientAuthMethod::ClientSecretPost << QStringLiteral("refresh_token");
        QTest::newRow("none, no hint") << ClientAuthMethod::None << QString();
    }

    void introspectionRequest()
    {
        QFETCH(ClientAuthMethod, method);
        QFETCH(QString, hint);
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) { return FakeHttpServer::json(200, "{\"active\":true}"); });
        EndpointResult result;
        const QString secret = method == ClientAuthMethod::None ? QString() : Secret;
        QVERIFY(introspect(profileFor(server, method), secret, hint, &result));
        QCOMPARE(result.status, FlowStatus::Success);

        const Recorded request = server.lastRequest();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/introspect"));
        QVERIFY(request.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        const Fields fields = decodeForm(request.body);
        QCOMPARE(field(fields, QStringLiteral("token")), Token);
        QCOMPARE(field(fields, QStringLiteral("token_type_hint")),
                 hint.isEmpty() ? QStringLiteral("<absent>") : hint);
        switch (method) {
        case ClientAuthMethod::ClientSecretBasic:
            // RFC 6749 §2.3.1: form-urlencoded before base64.
            QCOMPARE(request.header("Authorization"), FormEncoding::basicAuthorization(ClientId, Secret));
            QCOMPARE(field(fields, QStringLiteral("client_secret")), QStringLiteral("<absent>"));
            QCOMPARE(field(fields, QStringLiteral("client_id")), QStringLiteral("<absent>"));
            break;
        case ClientAuthMethod::ClientSecretPost:
            QVERIFY(!request.hasHeader("Authorization"));
            QCOMPARE(field(fields, QStringLiteral("client_id")), ClientId);
            QCOMPARE(field(fields, QStringLiteral("client_secret")), Secret);
            break;
        case ClientAuthMethod::None:
            QVERIFY(!request.hasHeader("Authorization"));
            QCOMPARE(field(fields, QStringLiteral("client_id")), ClientId);
            QCOMPARE(field(fields, QStringLiteral("client_secret")), QStringLiteral("<absent>"));
            break;
        }
    }

    void introspectionAnswer_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("active"); // -1: no answer
        QTest::addColumn<QString>("message"); // in the message, when the status is not Success
        QTest::newRow("active") << QByteArray("{\"active\":true,\"scope\":\"read\",\"exp\":1700000000}")
                                << int(FlowStatus::Success) << 1 << QString();
        QTest::newRow("inactive") << QByteArray("{\"active\":false}") << int(FlowStatus::Success) << 0
                                  << QString();
        QTest::newRow("no active") << QByteArray("{\"scope\":\"read\"}") << int(FlowStatus::ServerError) << -1
                                   << QStringLiteral("\"active\"");
        QTest::newRow("active as a string")
            << QByteArray("{\"active\":\"true\"}") << int(FlowStatus::ServerError) << -1
            << QStringLiteral("\"active\"");
        QTest::newRow("not JSON") << QByteArray("active=true") << int(FlowStatus::ServerError) << -1
                                  << QStringLiteral("not a JSON object");
    }

    void introspectionAnswer()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(int, active);
        QFETCH(QString, message);
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([body](const Recorded &) { return FakeHttpServer::json(200, body); });
        EndpointResult result;
        QVERIFY(introspect(profileFor(server), Secret, QString(), &result));
        QCOMPARE(int(result.status), status);
        QCOMPARE(result.httpStatus, 200);
        if (active < 0) {
            QVERIFY(!result.active.has_value());
            QVERIFY2(result.message.contains(message), qPrintable(result.message));
        } else {
            QVERIFY(result.active.has_value());
            QCOMPARE(*result.active, active == 1);
        }
    }

    void introspectionClientError()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            return FakeHttpServer::json(
                401, "{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}");
        });
        EndpointResult result;
        QVERIFY(introspect(profileFor(server), Secret, QString(), &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_client"));
        QCOMPARE(result.oauthError.description, QStringLiteral("bad secret"));
        QCOMPARE(result.oauthError.httpStatus, 401);
        QVERIFY(!result.hint.isEmpty());
        QVERIFY(!result.active.has_value());
    }

    void introspectionTransportFailure()
    {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        Profile profile = Profile::create(QStringLiteral("dead"));
        profile.clientId = ClientId;
        profile.endpoints.introspection = QUrl(QStringLiteral("http://127.0.0.1:%1/introspect").arg(port));
        EndpointResult result;
        QVERIFY(introspect(profile, Secret, QString(), &result));
        QCOMPARE(result.status, FlowStatus::TransportError);
        QCOMPARE(result.httpStatus, 0);
        QVERIFY(!result.message.isEmpty());
    }

    // --- revocation ---------------------------------------------------------------------------------

    void revocationSuccess()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler(
            [](const Recorded &) { return FakeHttpServer::text(200, "text/plain", QByteArray()); });
        EndpointResult result;
        QVERIFY(revoke(profileFor(server), QStringLiteral("refresh_token"), &result));
        QCOMPARE(result.status, FlowStatus::Success);
        QCOMPARE(result.httpStatus, 200);
        QVERIFY(result.body.isEmpty());
        const Recorded request = server.lastRequest();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/revoke"));
        const Fields fields = decodeForm(request.body);
        QCOMPARE(field(fields, QStringLiteral("token")), Token);
        QCOMPARE(field(fields, QStringLiteral("token_type_hint")), QStringLiteral("refresh_token"));
        QCOMPARE(request.header("Authorization"), FormEncoding::basicAuthorization(ClientId, Secret));
    }

    void revocationUnsupportedTokenType()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            return FakeHttpServer::json(400,
                                        "{\"error\":\"unsupported_token_type\",\"error_description\":"
                                        "\"Structured JWT Tokens cannot be revoked\"}");
        });
        EndpointResult result;
        QVERIFY(revoke(profileFor(server), QStringLiteral("access_token"), &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.httpStatus, 400);
        QCOMPARE(result.oauthError.error, QStringLiteral("unsupported_token_type"));
        QCOMPARE(result.oauthError.description, QStringLiteral("Structured JWT Tokens cannot be revoked"));
        QVERIFY2(result.hint.contains(QLatin1String("RFC 7009")), qPrintable(result.hint));
        QVERIFY2(result.message.contains(QLatin1String("unsupported_token_type")),
                 qPrintable(result.message));
    }

    void revocationUnavailable_data()
    {
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::newRow("with Retry-After") << QByteArray("120");
        QTest::newRow("without Retry-After") << QByteArray();
    }

    void revocationUnavailable()
    {
        QFETCH(QByteArray, retryAfter);
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([retryAfter](const Recorded &) {
            Canned response = FakeHttpServer::text(503, "text/plain", "try later");
            if (!retryAfter.isEmpty())
                response.headers.append(HttpHeader("Retry-After", retryAfter));
            return response;
        });
        EndpointResult result;
        QVERIFY(revoke(profileFor(server), QString(), &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.httpStatus, 503);
        QVERIFY2(result.hint.contains(QLatin1String("RFC 7009")), qPrintable(result.hint));
        if (!retryAfter.isEmpty())
            QVERIFY2(result.hint.contains(QLatin1String("retry after 120")), qPrintable(result.hint));
        else
            QVERIFY2(!result.hint.contains(QLatin1String("retry after")), qPrintable(result.hint));
    }

    // --- userinfo -----------------------------------------------------------------------------------

    void userInfoClaims()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            return FakeHttpServer::json(200, "{\"sub\":\"alice\",\"email\":\"alice@example.test\"}");
        });
        EndpointResult result;
        QVERIFY(fetchUserInfo(profileFor(server), Token, &result));
        QCOMPARE(result.status, FlowStatus::Success);
        QCOMPARE(result.json.value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
        QCOMPARE(result.json.value(QLatin1String("email")).toString(), QStringLiteral("alice@example.test"));
        QVERIFY(result.warnings.isEmpty());
        const Recorded request = server.lastRequest();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.target, QByteArray("/userinfo"));
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer ") + Token.toUtf8());
        QVERIFY(request.header("Accept").contains("application/json"));
        QVERIFY(request.body.isEmpty());
    }

    void userInfoWithoutSubWarns()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) { return FakeHttpServer::json(200, "{\"name\":\"Alice\"}"); });
        EndpointResult result;
        QVERIFY(fetchUserInfo(profileFor(server), Token, &result));
        QCOMPARE(result.status, FlowStatus::Success);
        QCOMPARE(result.warnings.size(), 1);
        QVERIFY2(result.warnings.constFirst().contains(QLatin1String("sub")),
                 qPrintable(result.warnings.constFirst()));
    }

    void userInfoAsJwt()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        const QByteArray jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln";
        server.setHandler([jwt](const Recorded &) {
            return FakeHttpServer::text(200, "application/jwt; charset=utf-8", jwt);
        });
        EndpointResult result;
        QVERIFY(fetchUserInfo(profileFor(server), Token, &result));
        QCOMPARE(result.status, FlowStatus::Success);
        QCOMPARE(result.body, jwt);
        QVERIFY(result.json.isEmpty());
        QCOMPARE(result.warnings.size(), 1);
        QVERIFY2(result.warnings.constFirst().contains(QLatin1String("JWT")),
                 qPrintable(result.warnings.constFirst()));
    }

    void userInfoNeitherJsonNorJwt()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler(
            [](const Recorded &) { return FakeHttpServer::text(200, "text/html", "<html></html>"); });
        EndpointResult result;
        QVERIFY(fetchUserInfo(profileFor(server), Token, &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QVERIFY(!result.message.isEmpty());
    }

    void userInfoRefusedWithChallenge()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            Canned response = FakeHttpServer::text(401, "text/plain", QByteArray());
            response.headers.append(HttpHeader("WWW-Authenticate",
                                               "Bearer realm=\"as\", error=\"invalid_token\", "
                                               "error_description=\"The access token expired\""));
            return response;
        });
        EndpointResult result;
        QVERIFY(fetchUserInfo(profileFor(server), Token, &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.httpStatus, 401);
        QVERIFY(result.challenge.present);
        QCOMPARE(result.challenge.realm, QStringLiteral("as"));
        QCOMPARE(result.challenge.error, QStringLiteral("invalid_token"));
        QCOMPARE(result.challenge.errorDescription, QStringLiteral("The access token expired"));
        // No JSON body: the challenge's error is the OAuth error.
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_token"));
        QCOMPARE(result.oauthError.description, QStringLiteral("The access token expired"));
        QVERIFY2(result.message.contains(QLatin1String("invalid_token")), qPrintable(result.message));
    }

    void userInfoInsufficientScope()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            Canned response = FakeHttpServer::text(403, "text/plain", QByteArray());
            response.headers.append(HttpHeader(
                "WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"openid profile\""));
            return response;
        });
        EndpointResult result;
        QVERIFY(fetchUserInfo(profileFor(server), Token, &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.challenge.error, QStringLiteral("insufficient_scope"));
        QCOMPARE(result.challenge.scope, QStringLiteral("openid profile"));
    }

    // --- what is checked before any request ---------------------------------------------------------

    void preconditionsSendNothing_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("missing");
        QTest::addColumn<QString>("expected"); // in the message
        QTest::newRow("introspection without endpoint")
            << QStringLiteral("introspection") << QStringLiteral("endpoint")
            << QStringLiteral("introspection endpoint");
        QTest::newRow("revocation without endpoint")
            << QStringLiteral("revocation") << QStringLiteral("endpoint")
            << QStringLiteral("revocation endpoint");
        QTest::newRow("userinfo without endpoint") << QStringLiteral("userinfo") << QStringLiteral("endpoint")
                                                   << QStringLiteral("userinfo endpoint");
        QTest::newRow("introspection without secret")
            << QStringLiteral("introspection") << QStringLiteral("secret") << QStringLiteral("client secret");
        QTest::newRow("revocation without client id")
            << QStringLiteral("revocation") << QStringLiteral("client id") << QStringLiteral("client ID");
        QTest::newRow("introspection without token")
            << QStringLiteral("introspection") << QStringLiteral("token") << QStringLiteral("no token");
        QTest::newRow("userinfo without token")
            << QStringLiteral("userinfo") << QStringLiteral("token") << QStringLiteral("access token");
        QTest::newRow("introspection endpoint not http")
            << QStringLiteral("introspection") << QStringLiteral("scheme")
            << QStringLiteral("not an http(s) URL");
    }

    void preconditionsSendNothing()
    {
        QFETCH(QString, engine);
        QFETCH(QString, missing);
        QFETCH(QString, expected);
        FakeHttpServer server;
        QVERIFY(server.listen());
        Profile profile = profileFor(server);
        QString secret = Secret;
        QString token = Token;
        if (missing == QLatin1String("endpoint"))
            profile.endpoints = ServerEndpoints();
        else if (missing == QLatin1String("secret"))
            secret.clear();
        else if (missing == QLatin1String("client id"))
            profile.clientId.clear();
        else if (missing == QLatin1String("token"))
            token.clear();
        else if (missing == QLatin1String("scheme"))
            profile.endpoints.introspection = QUrl(QStringLiteral("ftp://127.0.0.1/introspect"));

        EndpointResult result;
        if (engine == QLatin1String("introspection")) {
            QVERIFY(runEngine<TokenIntrospection>(
                [&](TokenIntrospection &e) { e.introspect(profile, secret, token, QString()); }, &result));
        } else if (engine == QLatin1String("revocation")) {
            QVERIFY(runEngine<TokenRevocation>(
                [&](TokenRevocation &e) { e.revoke(profile, secret, token, QString()); }, &result));
        } else {
            QVERIFY(
                runEngine<UserInfoRequest>([&](UserInfoRequest &e) { e.fetch(profile, token); }, &result));
        }
        QCOMPARE(result.status, FlowStatus::UsageError);
        QVERIFY2(result.message.contains(expected), qPrintable(result.message));
        QVERIFY(result.exchangeIds.isEmpty());
        QTest::qWait(50);
        QCOMPARE(server.requestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEndpoints)
#include "tst_endpoints.moc"
