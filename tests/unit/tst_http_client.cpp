// The HTTP layer every flow uses: a whole-exchange deadline, a body cap, origin-aware redirects, one
// callback, and every exchange in the wire log.
#include "FakeHttpServer.h"
#include "HttpClient.h"
#include "WireLog.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTest>

#include <memory>

using Canned = FakeHttpServer::CannedResponse;
using Recorded = FakeHttpServer::RecordedRequest;

namespace {

struct Outcome
{
    int calls = 0;
    HttpResult result;
};

// Sends and returns a shared outcome the callback fills; checks that the callback did not run synchronously.
std::shared_ptr<Outcome> send(HttpClient &client, const HttpRequestSpec &spec,
                              const TransportOptions &options)
{
    auto outcome = std::make_shared<Outcome>();
    client.send(spec, options, [outcome](const HttpResult &result) {
        ++outcome->calls;
        outcome->result = result;
    });
    return outcome;
}

HttpRequestSpec get(const QUrl &url)
{
    HttpRequestSpec spec;
    spec.purpose = QStringLiteral("test");
    spec.method = "GET";
    spec.url = url;
    return spec;
}

TransportOptions quick(int timeoutMs = 5000)
{
    TransportOptions options;
    options.timeoutMs = timeoutMs;
    return options;
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

// Waits for the callback, then a little longer to catch a second call.
#define WAIT_FOR_ONE_CALLBACK(outcome, timeoutMs)                                                            \
    do {                                                                                                     \
        QTRY_VERIFY_WITH_TIMEOUT((outcome)->calls > 0, timeoutMs);                                           \
        QTest::qWait(150);                                                                                   \
        QCOMPARE((outcome)->calls, 1);                                                                       \
    } while (false)

class TestHttpClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void successIsRecordedInTheWireLog()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            Canned r = FakeHttpServer::json(200, "{\"hello\":\"world\"}");
            r.headers.append(HttpHeader("X-Reply", "yes"));
            return r;
        });
        WireLog log;
        HttpClient client(&log);

        HttpRequestSpec spec;
        spec.purpose = QStringLiteral("Token request");
        spec.method = "POST";
        spec.url = server.url(QStringLiteral("/token?x=1"));
        spec.headers = { { "Content-Type", "application/x-www-form-urlencoded" }, { "X-Test", "1" } };
        spec.body = "grant_type=client_credentials";
        spec.secrets = { QStringLiteral("s3cret-value") };
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const auto outcome = send(client, spec, quick());
        QCOMPARE(outcome->calls, 0); // asynchronous
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);

        const HttpResult &result = outcome->result;
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        QCOMPARE(result.error, TransportError::None);
        QCOMPARE(result.exchange.status, 200);
        QCOMPARE(result.exchange.responseBody, QByteArray("{\"hello\":\"world\"}"));

        QCOMPARE(server.requestCount(), 1);
        const Recorded onWire = server.lastRequest();
        QCOMPARE(onWire.method, QByteArray("POST"));
        QCOMPARE(onWire.target, QByteArray("/token?x=1"));
        QCOMPARE(onWire.header("X-Test"), QByteArray("1"));
        QCOMPARE(onWire.body, QByteArray("grant_type=client_credentials"));

        QCOMPARE(log.count(), 1);
        const HttpExchange &x = log.at(0);
        QCOMPARE(result.exchangeIds, QList<int> { x.id });
        QCOMPARE(result.exchange.id, x.id);
        QCOMPARE(x.purpose, QStringLiteral("Token request"));
        QCOMPARE(x.method, QByteArray("POST"));
        QCOMPARE(x.url, spec.url);
        QCOMPARE(x.requestHeader("x-test"), QByteArray("1"));
        QCOMPARE(x.requestHeader("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(x.requestBody, spec.body);
        QCOMPARE(x.status, 200);
        QCOMPARE(x.responseHeader("x-reply"), QByteArray("yes"));
        QCOMPARE(x.responseHeader("Content-Type"), QByteArray("application/json"));
        QCOMPARE(x.responseBody, QByteArray("{\"hello\":\"world\"}"));
        QVERIFY(!x.responseTruncated);
        QVERIFY(x.transportError.isEmpty());
        QVERIFY(x.started.isValid());
        QCOMPARE(x.started.timeSpec(), Qt::UTC);
        QVERIFY(x.started >= before.addSecs(-1) && x.started <= QDateTime::currentDateTimeUtc().addSecs(1));
        QVERIFY(x.durationMs >= 0);
        QVERIFY(x.secrets.contains(QStringLiteral("s3cret-value")));
    }

    void httpErrorStatusIsNotATransportError()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler(
            [](const Recorded &) { return FakeHttpServer::text(500, "text/html", "<h1>oops</h1>"); });
        WireLog log;
        HttpClient client(&log);
        const auto outcome = send(client, get(server.url(QStringLiteral("/"))), quick());
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);
        QVERIFY(outcome->result.ok());
        QCOMPARE(outcome->result.exchange.status, 500);
        QCOMPARE(outcome->result.exchange.responseBody, QByteArray("<h1>oops</h1>"));
    }

    void connectionRefused()
    {
        WireLog log;
        HttpClient client(&log);
        const auto outcome
            = send(client, get(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(closedPort()))), quick());
        QCOMPARE(outcome->calls, 0);
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);
        QCOMPARE(outcome->result.error, TransportError::Network);
        QVERIFY(!outcome->result.errorMessage.isEmpty());
        QCOMPARE(log.count(), 1); // failed exchanges are part of the story too
        QCOMPARE(log.at(0).status, 0);
        QVERIFY(!log.at(0).transportError.isEmpty());
    }

    void connectionClosedWithoutAnswer()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            Canned r;
            r.closeWithoutAnswer = true;
            return r;
        });
        WireLog log;
        HttpClient client(&log);
        const auto outcome = send(client, get(server.url(QStringLiteral("/"))), quick());
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);
        QCOMPARE(outcome->result.error, TransportError::Network);
    }

    void serverThatNeverAnswersTimesOut()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) { return FakeHttpServer::never(); });
        WireLog log;
        HttpClient client(&log);
        const auto outcome = send(client, get(server.url(QStringLiteral("/slow"))), quick(300));
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);
        QCOMPARE(outcome->result.error, TransportError::Timeout);
        QVERIFY(!outcome->result.errorMessage.isEmpty());
        QCOMPARE(log.count(), 1);
        QVERIFY(!log.at(0).transportError.isEmpty());
    }

    void deadlineCoversTheWholeExchange()
    {
        // never idle for more than 100 ms, but 10 s in total: an idle timeout would never fire
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            Canned r = FakeHttpServer::json(200, QByteArray(100, 'x'));
            r.dripIntervalMs = 100;
            return r;
        });
        WireLog log;
        HttpClient client(&log);
        QElapsedTimer timer;
        timer.start();
        const auto outcome = send(client, get(server.url(QStringLiteral("/drip"))), quick(500));
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);
        QCOMPARE(outcome->result.error, TransportError::Timeout);
        QVERIFY(timer.elapsed() < 9000);
    }

    void contentLengthOverTheCap()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) { return FakeHttpServer::json(200, QByteArray(5000, 'a')); });
        WireLog log;
        HttpClient client(&log);
        TransportOptions options = quick();
        options.maxResponseBytes = 1000;
        const auto outcome = send(client, get(server.url(QStringLiteral("/big"))), options);
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);
        QCOMPARE(outcome->result.error, TransportError::TooLarge);
        QVERIFY(!outcome->result.errorMessage.isEmpty());
        QCOMPARE(log.count(), 1);
        QVERIFY(log.at(0).responseBody.size() <= 1000);
    }

    void bodyOverTheCapWithoutContentLength()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            Canned r = FakeHttpServer::text(200, "text/plain", QByteArray(5000, 'b'));
            r.omitContentLength = true;
            return r;
        });
        WireLog log;
        HttpClient client(&log);
        TransportOptions options = quick();
        options.maxResponseBytes = 1000;
        const auto outcome = send(client, get(server.url(QStringLiteral("/stream"))), options);
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);
        QCOMPARE(outcome->result.error, TransportError::TooLarge);
        QCOMPARE(log.count(), 1);
        QVERIFY(log.at(0).responseTruncated);
        QVERIFY(log.at(0).responseBody.size() <= 1000);
        QVERIFY(log.at(0).responseBody.startsWith("bbbb"));
    }

    void bodyExactlyAtTheCapIsFine()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            Canned r = FakeHttpServer::text(200, "text/plain", QByteArray(1000, 'c'));
            r.omitContentLength = true;
            return r;
        });
        WireLog log;
        HttpClient client(&log);
        TransportOptions options = quick();
        options.maxResponseBytes = 1000;
        const auto outcome = send(client, get(server.url(QStringLiteral("/"))), options);
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);
        QVERIFY2(outcome->result.ok(), qPrintable(outcome->result.errorMessage));
        QCOMPARE(outcome->result.exchange.responseBody.size(), 1000);
        QVERIFY(!outcome->result.exchange.responseTruncated);
    }

    void sameOriginRedirectIsFollowed()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &request) {
            if (request.target == "/start")
                return FakeHttpServer::redirect(302, "/final");
            return FakeHttpServer::json(200, "{\"done\":true}");
        });
        WireLog log;
        HttpClient client(&log);
        HttpRequestSpec spec = get(server.url(QStringLiteral("/start")));
        spec.headers = { { "Authorization", "Bearer same-origin-token" } };
        const auto outcome = send(client, spec, quick());
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);

        const HttpResult &result = outcome->result;
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        QCOMPARE(result.exchange.status, 200);
        QCOMPARE(result.exchange.url.path(), QStringLiteral("/final"));
        QCOMPARE(log.count(), 2);
        QCOMPARE(log.at(0).status, 302);
        QCOMPARE(log.at(1).status, 200);
        QCOMPARE(result.exchangeIds, (QList<int> { log.at(0).id, log.at(1).id }));
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(server.requests().at(1).target, QByteArray("/final"));
        QCOMPARE(server.requests().at(1).header("Authorization"), QByteArray("Bearer same-origin-token"));
    }

    void crossOriginRedirectDropsAuthorization()
    {
        FakeHttpServer origin;
        FakeHttpServer other; // another port: another origin
        QVERIFY(origin.listen());
        QVERIFY(other.listen());
        const QByteArray target = other.url(QStringLiteral("/landing")).toEncoded();
        origin.setHandler([target](const Recorded &) { return FakeHttpServer::redirect(302, target); });
        other.setHandler([](const Recorded &) { return FakeHttpServer::json(200, "{}"); });

        WireLog log;
        HttpClient client(&log);
        HttpRequestSpec spec = get(origin.url(QStringLiteral("/start")));
        spec.headers = { { "Authorization", "Bearer must-not-leak" }, { "Accept", "application/json" } };
        const auto outcome = send(client, spec, quick());
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);

        QVERIFY2(outcome->result.ok(), qPrintable(outcome->result.errorMessage));
        QCOMPARE(other.requestCount(), 1);
        QVERIFY2(!other.lastRequest().hasHeader("Authorization"),
                 other.lastRequest().header("Authorization").constData());
        QCOMPARE(origin.lastRequest().header("Authorization"), QByteArray("Bearer must-not-leak"));
        QCOMPARE(log.count(), 2);
        QVERIFY(log.at(1).requestHeader("Authorization").isEmpty()); // the log shows what was really sent
    }

    void credentialBodyIsNeverResentToAnotherOrigin()
    {
        FakeHttpServer origin;
        FakeHttpServer other;
        QVERIFY(origin.listen());
        QVERIFY(other.listen());
        const QByteArray target = other.url(QStringLiteral("/steal")).toEncoded();
        origin.setHandler([target](const Recorded &) { return FakeHttpServer::redirect(307, target); });

        WireLog log;
        HttpClient client(&log);
        HttpRequestSpec spec;
        spec.method = "POST";
        spec.url = origin.url(QStringLiteral("/token"));
        spec.headers = { { "Content-Type", "application/x-www-form-urlencoded" } };
        spec.body = "grant_type=client_credentials&client_secret=do-not-forward";
        spec.bodyCarriesCredentials = true;
        const auto outcome = send(client, spec, quick());
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);

        QCOMPARE(outcome->result.error, TransportError::RedirectRefused);
        QVERIFY(!outcome->result.errorMessage.isEmpty());
        QTest::qWait(200);
        QCOMPARE(other.requestCount(), 0);
        QCOMPARE(origin.requestCount(), 1);
        QVERIFY(log.count() >= 1);
        QCOMPARE(log.at(0).status, 307);
    }

    void sameOrigin307KeepsMethodAndBody()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &request) {
            if (request.target == "/token")
                return FakeHttpServer::redirect(307, "/token2");
            return FakeHttpServer::json(200, "{\"access_token\":\"t\"}");
        });
        WireLog log;
        HttpClient client(&log);
        HttpRequestSpec spec;
        spec.method = "POST";
        spec.url = server.url(QStringLiteral("/token"));
        spec.headers = { { "Content-Type", "application/x-www-form-urlencoded" } };
        spec.body = "grant_type=client_credentials&client_secret=fine-here";
        spec.bodyCarriesCredentials = true;
        const auto outcome = send(client, spec, quick());
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);
        QVERIFY2(outcome->result.ok(), qPrintable(outcome->result.errorMessage));
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(server.requests().at(1).method, QByteArray("POST"));
        QCOMPARE(server.requests().at(1).body, spec.body);
    }

    void redirectLoopIsRefused()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &request) {
            return FakeHttpServer::redirect(302, request.target == "/a" ? "/b" : "/a");
        });
        WireLog log;
        HttpClient client(&log);
        const auto outcome = send(client, get(server.url(QStringLiteral("/a"))), quick());
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);
        QCOMPARE(outcome->result.error, TransportError::RedirectRefused);
        QVERIFY(!outcome->result.errorMessage.isEmpty());
        QVERIFY(server.requestCount() <= TransportOptions().maxRedirects + 1);
    }

    void tooManyRedirectsAreRefused()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &request) {
            const int n = request.target.mid(3).toInt(); // "/r/N"
            return FakeHttpServer::redirect(302, "/r/" + QByteArray::number(n + 1));
        });
        WireLog log;
        HttpClient client(&log);
        TransportOptions options = quick();
        options.maxRedirects = 3;
        const auto outcome = send(client, get(server.url(QStringLiteral("/r/0"))), options);
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);
        QCOMPARE(outcome->result.error, TransportError::RedirectRefused);
        QVERIFY(server.requestCount() >= 3);
        QVERIFY(server.requestCount() <= 4);
    }

    void missingCaFileIsAConfigurationError()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        WireLog log;
        HttpClient client(&log);
        TransportOptions options = quick();
        options.caFile = QStringLiteral("/nonexistent/dir/ca-bundle.pem");
        QUrl url = server.url(QStringLiteral("/token"));
        url.setScheme(QStringLiteral("https"));
        const auto outcome = send(client, get(url), options);
        QCOMPARE(outcome->calls, 0);
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);
        QCOMPARE(outcome->result.error, TransportError::Configuration);
        QVERIFY2(outcome->result.errorMessage.contains(QStringLiteral("ca-bundle.pem")),
                 qPrintable(outcome->result.errorMessage));
        QCOMPARE(server.requestCount(), 0);
    }

    void unsupportedSchemeIsAConfigurationError()
    {
        WireLog log;
        HttpClient client(&log);
        const auto outcome = send(client, get(QUrl(QStringLiteral("ftp://127.0.0.1/token"))), quick());
        QCOMPARE(outcome->calls, 0);
        WAIT_FOR_ONE_CALLBACK(outcome, 5000);
        QCOMPARE(outcome->result.error, TransportError::Configuration);
    }

    void noCallbackAfterTheClientIsGone()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) { return FakeHttpServer::never(); });
        WireLog log;
        auto *client = new HttpClient(&log);
        const auto outcome = send(*client, get(server.url(QStringLiteral("/"))), quick(300));
        QTRY_COMPARE(server.requestCount(), 1);
        delete client;
        QTest::qWait(600); // past the deadline
        QCOMPARE(outcome->calls, 0);
    }

    void errorNames()
    {
        QSet<QString> names;
        for (TransportError e :
             { TransportError::None, TransportError::Network, TransportError::Tls, TransportError::Timeout,
               TransportError::TooLarge, TransportError::RedirectRefused, TransportError::Configuration }) {
            const QString name = HttpClient::errorName(e);
            QVERIFY(!name.isEmpty());
            names.insert(name);
        }
        QCOMPARE(names.size(), 7);
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_http_client.moc"
