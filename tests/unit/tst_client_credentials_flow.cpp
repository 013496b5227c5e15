// The client credentials grant (RFC 6749 §4.4): the request it builds for each client authentication method,
// and the TokenResult it reports for each way a token endpoint can answer.
#include "ClientCredentialsFlow.h"
#include "FakeHttpServer.h"
#include "WireLog.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using Canned = FakeHttpServer::CannedResponse;
using Recorded = FakeHttpServer::RecordedRequest;
using Fields = QList<QPair<QString, QString>>;

Q_DECLARE_METATYPE(TokenResult)

namespace {

const QString hostileSecret = QStringLiteral("s:e c%+&=\u00e9");

Profile profileFor(const QUrl &tokenUrl, ClientAuthMethod method)
{
    Profile p = Profile::create(QStringLiteral("test"));
    p.tokenUrl = tokenUrl;
    p.clientId = QStringLiteral("my client:1");
    p.authMethod = method;
    p.timeoutSeconds = 10;
    return p;
}

Profile richProfile(ClientAuthMethod method)
{
    Profile p = profileFor(QUrl(QStringLiteral("https://auth.example.test/oauth2/token")), method);
    p.scope = QStringLiteral("read write");
    p.audience = QStringLiteral("https://aud.example.test");
    p.resources
        = { QStringLiteral("https://r1.example.test"), QStringLiteral("https://r2.example.test/x?y=1") };
    p.extraParameters = { { QStringLiteral("foo"), QStringLiteral("bar baz") },
                          { QStringLiteral("x"), QStringLiteral("&=") } };
    return p;
}

// Independent form decoder: '+' is a space, then %XX, then UTF-8.
Fields decodeForm(const QByteArray &body)
{
    Fields fields;
    if (body.isEmpty())
        return fields;
    for (const QByteArray &part : body.split('&')) {
        const qsizetype eq = part.indexOf('=');
        auto decode = [](QByteArray s) {
            return QString::fromUtf8(QByteArray::fromPercentEncoding(s.replace('+', ' ')));
        };
        fields.append(
            { decode(eq < 0 ? part : part.left(eq)), eq < 0 ? QString() : decode(part.mid(eq + 1)) });
    }
    return fields;
}

QStringList valuesOf(const Fields &fields, const QString &name)
{
    QStringList values;
    for (const auto &f : fields) {
        if (f.first == name)
            values << f.second;
    }
    return values;
}

QByteArray header(const HttpRequestSpec &spec, const QByteArray &name)
{
    return headerValue(spec.headers, name);
}

bool hasHeader(const HttpRequestSpec &spec, const QByteArray &name)
{
    for (const HttpHeader &h : spec.headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

const QByteArray tokenJson
    = "{\"access_token\":\"AT-from-fake\",\"token_type\":\"Bearer\",\"expires_in\":300}";

} // namespace

class TestClientCredentialsFlow final : public QObject
{
    Q_OBJECT

private:
    struct Harness
    {
        WireLog log;
        HttpClient http { &log };
        ClientCredentialsFlow flow { &http };
        QSignalSpy finished { &flow, &ClientCredentialsFlow::finished };
    };

    // Runs start() and returns the single result (failing the test if finished is not emitted exactly once).
    static bool run(Harness &h, const Profile &profile, const QString &secret, TokenResult *result,
                    int timeoutMs = 8000)
    {
        h.flow.start(profile, secret);
        if (h.finished.count() != 0) {
            qWarning("finished was emitted synchronously");
            return false;
        }
        if (!QTest::qWaitFor([&h] { return h.finished.count() > 0; }, timeoutMs)) {
            qWarning("finished was not emitted");
            return false;
        }
        QTest::qWait(150);
        if (h.finished.count() != 1) {
            qWarning("finished was emitted %d times", int(h.finished.count()));
            return false;
        }
        *result = h.finished.at(0).at(0).value<TokenResult>();
        return true;
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<TokenResult>(); }

    // ---- the request --------------------------------------------------------------------------------------
    void basicRequest()
    {
        const Profile profile = richProfile(ClientAuthMethod::ClientSecretBasic);
        const HttpRequestSpec spec = ClientCredentialsFlow::buildRequest(profile, hostileSecret);
        QCOMPARE(spec.method, QByteArray("POST"));
        QCOMPARE(spec.url, profile.tokenUrl);
        QCOMPARE(header(spec, "Authorization"),
                 "Basic " + QByteArray("my+client%3A1:s%3Ae+c%25%2B%26%3D%C3%A9").toBase64());
        const Fields body = decodeForm(spec.body);
        QCOMPARE(valuesOf(body, QStringLiteral("grant_type")),
                 QStringList { QStringLiteral("client_credentials") });
        QVERIFY(valuesOf(body, QStringLiteral("client_secret")).isEmpty());
        QVERIFY(!spec.body.contains("s%3Ae"));
        QVERIFY(spec.secrets.contains(hostileSecret));
    }

    void postRequest()
    {
        const Profile profile = richProfile(ClientAuthMethod::ClientSecretPost);
        const HttpRequestSpec spec = ClientCredentialsFlow::buildRequest(profile, hostileSecret);
        QVERIFY(!hasHeader(spec, "Authorization"));
        const Fields body = decodeForm(spec.body);
        QCOMPARE(valuesOf(body, QStringLiteral("grant_type")),
                 QStringList { QStringLiteral("client_credentials") });
        QCOMPARE(valuesOf(body, QStringLiteral("client_id")), QStringList { profile.clientId });
        QCOMPARE(valuesOf(body, QStringLiteral("client_secret")), QStringList { hostileSecret });
        QVERIFY(spec.body.contains("client_secret=s%3Ae+c%25%2B%26%3D%C3%A9"));
        QVERIFY(spec.bodyCarriesCredentials);
        QVERIFY(spec.secrets.contains(hostileSecret));
    }

    void publicClientRequest()
    {
        const Profile profile = richProfile(ClientAuthMethod::None);
        const HttpRequestSpec spec
            = ClientCredentialsFlow::buildRequest(profile, QStringLiteral("ignored-secret"));
        QVERIFY(!hasHeader(spec, "Authorization"));
        const Fields body = decodeForm(spec.body);
        QCOMPARE(valuesOf(body, QStringLiteral("client_id")), QStringList { profile.clientId });
        QVERIFY(valuesOf(body, QStringLiteral("client_secret")).isEmpty());
        QVERIFY(!spec.body.contains("ignored-secret"));
    }

    void commonParameters_data()
    {
        QTest::addColumn<ClientAuthMethod>("method");
        QTest::newRow("basic") << ClientAuthMethod::ClientSecretBasic;
        QTest::newRow("post") << ClientAuthMethod::ClientSecretPost;
        QTest::newRow("none") << ClientAuthMethod::None;
    }

    void commonParameters()
    {
        QFETCH(ClientAuthMethod, method);
        const HttpRequestSpec spec = ClientCredentialsFlow::buildRequest(richProfile(method), hostileSecret);
        QCOMPARE(header(spec, "Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(header(spec, "Accept"), QByteArray("application/json"));

        const Fields body = decodeForm(spec.body);
        QCOMPARE(valuesOf(body, QStringLiteral("scope")), QStringList { QStringLiteral("read write") });
        QCOMPARE(valuesOf(body, QStringLiteral("audience")),
                 QStringList { QStringLiteral("https://aud.example.test") });
        QCOMPARE(valuesOf(body, QStringLiteral("resource")),
                 (QStringList { QStringLiteral("https://r1.example.test"),
                                QStringLiteral("https://r2.example.test/x?y=1") }));
        QCOMPARE(valuesOf(body, QStringLiteral("foo")), QStringList { QStringLiteral("bar baz") });
        QCOMPARE(valuesOf(body, QStringLiteral("x")), QStringList { QStringLiteral("&=") });

        // form-encoded on the wire (RFC 6749 Appendix B)
        for (const QByteArray &encoded :
             { QByteArray("scope=read+write"), QByteArray("audience=https%3A%2F%2Faud.example.test"),
               QByteArray("resource=https%3A%2F%2Fr1.example.test"),
               QByteArray("resource=https%3A%2F%2Fr2.example.test%2Fx%3Fy%3D1"), QByteArray("foo=bar+baz"),
               QByteArray("x=%26%3D") })
            QVERIFY2(spec.body.contains(encoded), spec.body.constData());
    }

    void emptyOptionalParametersAreNotSent()
    {
        Profile profile = profileFor(QUrl(QStringLiteral("https://auth.example.test/token")),
                                     ClientAuthMethod::ClientSecretBasic);
        const Fields body
            = decodeForm(ClientCredentialsFlow::buildRequest(profile, QStringLiteral("secret")).body);
        QCOMPARE(body, (Fields { { QStringLiteral("grant_type"), QStringLiteral("client_credentials") } }));
    }

    // ---- the flow -----------------------------------------------------------------------------------------
    void success()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) { return FakeHttpServer::json(200, tokenJson); });
        Harness h;
        TokenResult result;
        QVERIFY(run(h, profileFor(server.url(QStringLiteral("/token")), ClientAuthMethod::ClientSecretBasic),
                    QStringLiteral("the-secret"), &result));
        QCOMPARE(result.status, FlowStatus::Success);
        QVERIFY(result.ok());
        QCOMPARE(result.token.accessToken, QStringLiteral("AT-from-fake"));
        QCOMPARE(result.token.expiresIn, std::optional<qint64>(300));
        QVERIFY(result.oauthError.isEmpty());
        QVERIFY(!result.exchangeIds.isEmpty());
        for (int id : result.exchangeIds)
            QVERIFY(h.log.findById(id));

        QCOMPARE(server.requestCount(), 1);
        const Recorded request = server.lastRequest();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/token"));
        QCOMPARE(request.header("Authorization"),
                 "Basic " + QByteArray("my+client%3A1:the-secret").toBase64());
        QCOMPARE(valuesOf(decodeForm(request.body), QStringLiteral("grant_type")),
                 QStringList { QStringLiteral("client_credentials") });
    }

    void invalidClient()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            return FakeHttpServer::json(400,
                                        "{\"error\":\"invalid_client\",\"error_description\":"
                                        "\"Client authentication failed (e.g., unknown client).\"}");
        });
        Harness h;
        TokenResult result;
        QVERIFY(run(h, profileFor(server.url(QStringLiteral("/token")), ClientAuthMethod::ClientSecretPost),
                    QStringLiteral("wrong"), &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(result.oauthError.error, QStringLiteral("invalid_client"));
        QCOMPARE(result.oauthError.description,
                 QStringLiteral("Client authentication failed (e.g., unknown client)."));
        QCOMPARE(result.oauthError.httpStatus, 400);
        QVERIFY(!result.message.isEmpty());
        QVERIFY2(!result.hint.trimmed().isEmpty(),
                 "invalid_client deserves a hint (secret, auth method, client id)");
        QVERIFY(!result.exchangeIds.isEmpty());
    }

    void htmlServerError()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            return FakeHttpServer::text(500, "text/html", "<html><body>Internal Server Error</body></html>");
        });
        Harness h;
        TokenResult result;
        QVERIFY(run(h, profileFor(server.url(QStringLiteral("/token")), ClientAuthMethod::ClientSecretBasic),
                    QStringLiteral("s"), &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QVERIFY2(result.message.contains(QStringLiteral("500")), qPrintable(result.message));
        QVERIFY(!result.exchangeIds.isEmpty());
    }

    void connectionRefused()
    {
        Harness h;
        TokenResult result;
        QVERIFY(run(h,
                    profileFor(QUrl(QStringLiteral("http://127.0.0.1:%1/token").arg(closedPort())),
                               ClientAuthMethod::ClientSecretBasic),
                    QStringLiteral("s"), &result));
        QCOMPARE(result.status, FlowStatus::TransportError);
        QVERIFY(!result.message.isEmpty());
    }

    void timeout()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) { return FakeHttpServer::never(); });
        Profile profile
            = profileFor(server.url(QStringLiteral("/token")), ClientAuthMethod::ClientSecretBasic);
        profile.timeoutSeconds = 1;
        Harness h;
        TokenResult result;
        QVERIFY(run(h, profile, QStringLiteral("s"), &result, 10000));
        QCOMPARE(result.status, FlowStatus::TransportError);
        QVERIFY(!result.message.isEmpty());
    }

    void hugeResponse()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            return FakeHttpServer::json(200,
                                        "{\"access_token\":\"" + QByteArray(5 * 1024 * 1024, 'A')
                                            + "\",\"token_type\":\"Bearer\"}");
        });
        Harness h;
        TokenResult result;
        QVERIFY(run(h, profileFor(server.url(QStringLiteral("/token")), ClientAuthMethod::ClientSecretBasic),
                    QStringLiteral("s"), &result, 15000));
        QVERIFY(result.status == FlowStatus::ServerError || result.status == FlowStatus::TransportError);
        static const QRegularExpression sizeWords(QStringLiteral("limit|too large|size|bytes|MiB|KiB|MB"),
                                                  QRegularExpression::CaseInsensitiveOption);
        QVERIFY2(sizeWords.match(result.message).hasMatch(), qPrintable(result.message));
    }

    void invalidProfileSendsNothing()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        Profile profile
            = profileFor(server.url(QStringLiteral("/token")), ClientAuthMethod::ClientSecretBasic);
        profile.tokenUrl = QUrl();
        Harness h;
        TokenResult result;
        QVERIFY(run(h, profile, QStringLiteral("s"), &result));
        QCOMPARE(result.status, FlowStatus::UsageError);
        QVERIFY(!result.message.isEmpty());
        QCOMPARE(server.requestCount(), 0);
        QCOMPARE(h.log.count(), 0);
    }

    void missingSecretSendsNothing()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        Harness h;
        TokenResult result;
        QVERIFY(run(h, profileFor(server.url(QStringLiteral("/token")), ClientAuthMethod::ClientSecretPost),
                    QString(), &result));
        QCOMPARE(result.status, FlowStatus::UsageError);
        QCOMPARE(server.requestCount(), 0);
    }

    void publicClientNeedsNoSecret()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) { return FakeHttpServer::json(200, tokenJson); });
        Harness h;
        TokenResult result;
        QVERIFY(run(h, profileFor(server.url(QStringLiteral("/token")), ClientAuthMethod::None), QString(),
                    &result));
        QCOMPARE(result.status, FlowStatus::Success);
        QVERIFY(!server.lastRequest().hasHeader("Authorization"));
        QCOMPARE(valuesOf(decodeForm(server.lastRequest().body), QStringLiteral("client_id")),
                 QStringList { QStringLiteral("my client:1") });
    }
};

QTEST_GUILESS_MAIN(TestClientCredentialsFlow)
#include "tst_client_credentials_flow.moc"
