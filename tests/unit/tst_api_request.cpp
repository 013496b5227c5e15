// Calling a protected resource with the token (RFC 6750 §2.1) and reading its refusal (§3).
#include "ApiRequest.h"
#include "FakeHttpServer.h"
#include "WireLog.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using Canned = FakeHttpServer::CannedResponse;
using Recorded = FakeHttpServer::RecordedRequest;

Q_DECLARE_METATYPE(ApiResponse)

namespace {

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class TestApiRequest final : public QObject
{
    Q_OBJECT

private:
    struct Harness
    {
        WireLog log;
        HttpClient http { &log };
        ApiRequest api { &http };
        QSignalSpy finished { &api, &ApiRequest::finished };
    };

    static bool run(Harness &h, const ApiRequestSpec &spec, ApiResponse *response)
    {
        h.api.send(spec);
        if (h.finished.count() != 0) {
            qWarning("finished was emitted synchronously");
            return false;
        }
        if (!QTest::qWaitFor([&h] { return h.finished.count() > 0; }, 8000))
            return false;
        QTest::qWait(150);
        if (h.finished.count() != 1) {
            qWarning("finished was emitted %d times", int(h.finished.count()));
            return false;
        }
        *response = h.finished.at(0).at(0).value<ApiResponse>();
        return true;
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ApiResponse>(); }

    void sendsTokenHeadersAndBody()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            Canned r = FakeHttpServer::json(201, "{\"created\":true}");
            r.headers.append(HttpHeader("X-Request-Id", "req-42"));
            return r;
        });
        Harness h;
        ApiRequestSpec spec;
        spec.method = "POST";
        spec.url = server.url(QStringLiteral("/api/items?x=1"));
        spec.headers = { { "Content-Type", "text/plain" }, { "X-Custom", "custom value" } };
        spec.body = "hello body";
        spec.bearerToken = QStringLiteral("tok-123.abc");
        ApiResponse response;
        QVERIFY(run(h, spec, &response));

        const Recorded request = server.lastRequest();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/api/items?x=1"));
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer tok-123.abc"));
        QCOMPARE(request.header("X-Custom"), QByteArray("custom value"));
        QCOMPARE(request.header("Content-Type"), QByteArray("text/plain"));
        QCOMPARE(request.body, QByteArray("hello body"));

        QCOMPARE(response.status, FlowStatus::Success);
        QCOMPARE(response.httpStatus, 201);
        QCOMPARE(response.body, QByteArray("{\"created\":true}"));
        QCOMPARE(headerValue(response.headers, "x-request-id"), QByteArray("req-42"));
        QVERIFY(response.durationMs >= 0);
        QVERIFY(!response.challenge.present);
        QVERIFY(!response.exchangeIds.isEmpty());
        QVERIFY(h.log.findById(response.exchangeIds.constLast()));
        QVERIFY(h.log.findById(response.exchangeIds.constLast())
                    ->secrets.contains(QStringLiteral("tok-123.abc")));
    }

    void noTokenNoAuthorization()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        Harness h;
        ApiRequestSpec spec;
        spec.url = server.url(QStringLiteral("/api/hello"));
        ApiResponse response;
        QVERIFY(run(h, spec, &response));
        QCOMPARE(server.lastRequest().method, QByteArray("GET"));
        QVERIFY(!server.lastRequest().hasHeader("Authorization"));
        QCOMPARE(response.status, FlowStatus::Success);
    }

    void anyTwoHundredIsSuccess()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler(
            [](const Recorded &) { return FakeHttpServer::text(204, "text/plain", QByteArray()); });
        Harness h;
        ApiRequestSpec spec;
        spec.url = server.url(QStringLiteral("/api/x"));
        spec.bearerToken = QStringLiteral("t");
        ApiResponse response;
        QVERIFY(run(h, spec, &response));
        QCOMPARE(response.status, FlowStatus::Success);
        QCOMPARE(response.httpStatus, 204);
    }

    void bearerChallengeOnUnauthorized()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const Recorded &) {
            Canned r = FakeHttpServer::json(401, "{\"error\":\"invalid_token\"}");
            r.headers.append(HttpHeader("WWW-Authenticate",
                                        "Bearer realm=\"api\", error=\"invalid_token\", "
                                        "error_description=\"The access token expired\""));
            return r;
        });
        Harness h;
        ApiRequestSpec spec;
        spec.url = server.url(QStringLiteral("/api/hello"));
        spec.bearerToken = QStringLiteral("expired-token");
        ApiResponse response;
        QVERIFY(run(h, spec, &response));
        QCOMPARE(response.status, FlowStatus::ServerError);
        QCOMPARE(response.httpStatus, 401);
        QVERIFY(response.challenge.present);
        QCOMPARE(response.challenge.realm, QStringLiteral("api"));
        QCOMPARE(response.challenge.error, QStringLiteral("invalid_token"));
        QCOMPARE(response.challenge.errorDescription, QStringLiteral("The access token expired"));
        QVERIFY2(response.message.contains(QStringLiteral("401")), qPrintable(response.message));
    }

    void serverErrorWithoutChallenge()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler(
            [](const Recorded &) { return FakeHttpServer::text(503, "text/html", "<h1>down</h1>"); });
        Harness h;
        ApiRequestSpec spec;
        spec.url = server.url(QStringLiteral("/api/hello"));
        ApiResponse response;
        QVERIFY(run(h, spec, &response));
        QCOMPARE(response.status, FlowStatus::ServerError);
        QCOMPARE(response.httpStatus, 503);
        QVERIFY(!response.challenge.present);
        QCOMPARE(response.body, QByteArray("<h1>down</h1>"));
    }

    void transportFailure()
    {
        Harness h;
        ApiRequestSpec spec;
        spec.url = QUrl(QStringLiteral("http://127.0.0.1:%1/api").arg(closedPort()));
        spec.bearerToken = QStringLiteral("t");
        ApiResponse response;
        QVERIFY(run(h, spec, &response));
        QCOMPARE(response.status, FlowStatus::TransportError);
        QCOMPARE(response.httpStatus, 0);
        QVERIFY(!response.message.isEmpty());
    }

    void parseHeaderLine_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");

        QTest::newRow("name: value") << QStringLiteral("Name: value") << true << QByteArray("Name")
                                     << QByteArray("value");
        QTest::newRow("no space after colon")
            << QStringLiteral("Name:value") << true << QByteArray("Name") << QByteArray("value");
        QTest::newRow("value with colons")
            << QStringLiteral("X-Time: 12:30:00") << true << QByteArray("X-Time") << QByteArray("12:30:00");
        QTest::newRow("surrounding whitespace of the value")
            << QStringLiteral("Accept:   text/html  ") << true << QByteArray("Accept")
            << QByteArray("text/html");
        QTest::newRow("empty value") << QStringLiteral("X-Empty:") << true << QByteArray("X-Empty")
                                     << QByteArray();
        QTest::newRow("token characters in the name")
            << QStringLiteral("X-My_Header.v2!#$%&'*+^`|~: 1") << true
            << QByteArray("X-My_Header.v2!#$%&'*+^`|~") << QByteArray("1");
        QTest::newRow("space before colon (RFC 9110 §5.1)")
            << QStringLiteral("  Name :  v") << false << QByteArray() << QByteArray();
        QTest::newRow("no colon") << QStringLiteral("NoColon") << false << QByteArray() << QByteArray();
        QTest::newRow("space in name")
            << QStringLiteral("Bad Name: x") << false << QByteArray() << QByteArray();
        QTest::newRow("empty name") << QStringLiteral(": value") << false << QByteArray() << QByteArray();
        QTest::newRow("empty line") << QString() << false << QByteArray() << QByteArray();
        QTest::newRow("non-token character in name")
            << QStringLiteral("X(y): 1") << false << QByteArray() << QByteArray();
        QTest::newRow("CR LF injection in value")
            << QStringLiteral("X: a\r\nInjected: 1") << false << QByteArray() << QByteArray();
        QTest::newRow("LF in value") << QStringLiteral("X: a\nb") << false << QByteArray() << QByteArray();
    }

    void parseHeaderLine()
    {
        QFETCH(QString, line);
        QFETCH(bool, valid);
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);

        HttpHeader header;
        QString error;
        QCOMPARE(ApiRequest::parseHeaderLine(line, &header, &error), valid);
        if (valid) {
            QCOMPARE(header.first, name);
            QCOMPARE(header.second, value);
        } else {
            QVERIFY(!error.isEmpty());
            // names the bad line: the whole line or at least its header name
            const QString lineName = line.section(QLatin1Char(':'), 0, 0).trimmed();
            if (!lineName.isEmpty())
                QVERIFY2(error.contains(lineName), qPrintable(error));
        }
    }
};

QTEST_GUILESS_MAIN(TestApiRequest)
#include "tst_api_request.moc"
