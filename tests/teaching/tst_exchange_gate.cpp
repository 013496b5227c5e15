// The gate that pauses the engine before each exchange (step-through teaching): nothing reaches the server
// until the gate opens, a refused request never goes out, and the deferred reply handed to code we do not
// control (QOAuth2AuthorizationCodeFlow) reads like a real one.
#include "ExchangeGate.h"
#include "FakeHttpServer.h"
#include "HttpClient.h"
#include "RecordingNetworkAccessManager.h"
#include "WireLog.h"

#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

class TestExchangeGate final : public QObject
{
    Q_OBJECT

    // Lets every pending event run, so a request that was (wrongly) sent would reach the server.
    static void settle(FakeHttpServer &server)
    {
        for (int i = 0; i < 20 && server.requestCount() == 0; ++i)
            QTest::qWait(10);
    }

    static HttpRequestSpec tokenRequest(const QUrl &url)
    {
        HttpRequestSpec spec;
        spec.purpose = QStringLiteral("Token request");
        spec.method = "POST";
        spec.url = url;
        spec.headers = { { "Content-Type", "application/x-www-form-urlencoded" } };
        spec.body = "grant_type=client_credentials&client_secret=s3cret";
        spec.secrets = { QStringLiteral("s3cret") };
        return spec;
    }

private Q_SLOTS:
    void httpClientWaitsUntilReleased()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const FakeHttpServer::RecordedRequest &) {
            return FakeHttpServer::json(200, "{\"access_token\":\"at\"}");
        });
        WireLog log;
        HttpClient client(&log);
        ExchangeGate gate;
        client.setExchangeGate(&gate);
        QSignalSpy held(&gate, &ExchangeGate::requestHeld);

        bool done = false;
        HttpResult result;
        client.send(tokenRequest(server.url(QStringLiteral("/token"))), TransportOptions(),
                    [&](const HttpResult &r) {
                        done = true;
                        result = r;
                    });
        QCOMPARE(held.count(), 1);
        QVERIFY(gate.hasHeld());
        const ExchangeGate::HeldRequest request = gate.front();
        QCOMPARE(request.request.method, QByteArray("POST"));
        QCOMPARE(request.request.url, server.url(QStringLiteral("/token")));
        QCOMPARE(request.request.requestBody,
                 QByteArray("grant_type=client_credentials&client_secret=s3cret"));
        QVERIFY(!request.request.requestHeader("user-agent").isEmpty()); // as the wire log will show it
        QCOMPARE(request.request.secrets, QStringList { QStringLiteral("s3cret") });

        settle(server);
        QCOMPARE(server.requestCount(), 0);
        QVERIFY(!done);
        QCOMPARE(log.count(), 0);

        QVERIFY(gate.release());
        QVERIFY(!gate.hasHeld());
        QTRY_VERIFY(done);
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        QCOMPARE(result.exchange.status, 200);
        QCOMPARE(server.requestCount(), 1);
        QCOMPARE(server.lastRequest().body, QByteArray("grant_type=client_credentials&client_secret=s3cret"));
        QCOMPARE(log.count(), 1);
    }

    void httpClientRefusedRequestNeverLeaves()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        WireLog log;
        HttpClient client(&log);
        ExchangeGate gate;
        client.setExchangeGate(&gate);
        bool done = false;
        HttpResult result;
        client.send(tokenRequest(server.url(QStringLiteral("/token"))), TransportOptions(),
                    [&](const HttpResult &r) {
                        done = true;
                        result = r;
                    });
        QVERIFY(gate.refuse(QStringLiteral("Restarted by the teacher.")));
        QTRY_VERIFY(done);
        QVERIFY(!result.ok());
        QCOMPARE(result.errorMessage, QStringLiteral("Restarted by the teacher."));
        settle(server);
        QCOMPARE(server.requestCount(), 0);
        QCOMPARE(log.count(), 0);
        QVERIFY(!gate.release()); // nothing left
    }

    void requestsWaitInOrder()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        HttpClient client(nullptr);
        ExchangeGate gate;
        client.setExchangeGate(&gate);
        QStringList answered;
        for (const QString &path : { QStringLiteral("/first"), QStringLiteral("/second") }) {
            HttpRequestSpec spec;
            spec.url = server.url(path);
            client.send(spec, TransportOptions(),
                        [&answered, path](const HttpResult &) { answered << path; });
        }
        QCOMPARE(gate.held().size(), 2);
        QCOMPARE(gate.front().request.url.path(), QStringLiteral("/first"));
        QVERIFY(gate.front().ticket < gate.held().last().ticket);
        gate.release();
        QTRY_COMPARE(answered, QStringList { QStringLiteral("/first") });
        QCOMPARE(server.requestCount(), 1);
        gate.release();
        QTRY_COMPARE(answered.size(), 2);
    }

    void aDestroyedSenderIsDropped()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        ExchangeGate gate;
        {
            HttpClient client(nullptr);
            client.setExchangeGate(&gate);
            HttpRequestSpec spec;
            spec.url = server.url(QStringLiteral("/gone"));
            client.send(spec, TransportOptions(), [](const HttpResult &) { QFAIL("must not run"); });
            QVERIFY(gate.hasHeld());
        }
        QVERIFY(!gate.release()); // the owner is gone: nothing runs
        settle(server);
        QCOMPARE(server.requestCount(), 0);
    }

    void withoutGateTheClientSendsAtOnce()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        HttpClient client(nullptr);
        QVERIFY(!client.exchangeGate());
        bool done = false;
        HttpRequestSpec spec;
        spec.url = server.url(QStringLiteral("/now"));
        client.send(spec, TransportOptions(), [&done](const HttpResult &) { done = true; });
        QTRY_VERIFY(done);
        QCOMPARE(server.requestCount(), 1);
    }

    void managerHandsOutAStandInUntilReleased()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const FakeHttpServer::RecordedRequest &) {
            FakeHttpServer::CannedResponse response
                = FakeHttpServer::json(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}");
            response.headers.append(HttpHeader("X-Trace", "42"));
            return response;
        });
        WireLog log;
        RecordingNetworkAccessManager manager(&log);
        manager.setRequestHook([](RecordingNetworkAccessManager::Outgoing &outgoing) {
            outgoing.purpose = QStringLiteral("Token request (authorization code)");
            outgoing.body += "&code_verifier=v";
        });
        ExchangeGate gate;
        manager.setExchangeGate(&gate);
        QSignalSpy finishedExchanges(&manager, &RecordingNetworkAccessManager::exchangeFinished);

        QNetworkRequest request(server.url(QStringLiteral("/token")));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArray("application/x-www-form-urlencoded"));
        QNetworkReply *reply = manager.post(request, QByteArray("grant_type=authorization_code&code=c"));
        QSignalSpy replyFinished(reply, &QNetworkReply::finished);
        QVERIFY(gate.hasHeld());
        // What waits is the request after the hook amended it: exactly what will be sent.
        QCOMPARE(gate.front().request.requestBody,
                 QByteArray("grant_type=authorization_code&code=c&code_verifier=v"));
        QCOMPARE(gate.front().request.purpose, QStringLiteral("Token request (authorization code)"));
        settle(server);
        QCOMPARE(server.requestCount(), 0);
        QVERIFY(!reply->isFinished());

        gate.release();
        QTRY_COMPARE(replyFinished.count(), 1);
        QCOMPARE(server.requestCount(), 1);
        QCOMPARE(server.lastRequest().body,
                 QByteArray("grant_type=authorization_code&code=c&code_verifier=v"));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(),
                 QStringLiteral("application/json"));
        QCOMPARE(reply->rawHeader("X-Trace"), QByteArray("42"));
        QCOMPARE(reply->readAll(), QByteArray("{\"access_token\":\"at\",\"token_type\":\"Bearer\"}"));
        QCOMPARE(finishedExchanges.count(), 1);
        QCOMPARE(log.count(), 1);
        QCOMPARE(log.at(0).status, 200);
        QCOMPARE(log.at(0).responseBody, QByteArray("{\"access_token\":\"at\",\"token_type\":\"Bearer\"}"));
        reply->deleteLater();
    }

    void managerRefusedRequestFailsAndIsNotRecorded()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        WireLog log;
        RecordingNetworkAccessManager manager(&log);
        ExchangeGate gate;
        manager.setExchangeGate(&gate);
        QSignalSpy finishedExchanges(&manager, &RecordingNetworkAccessManager::exchangeFinished);
        QNetworkReply *reply
            = manager.post(QNetworkRequest(server.url(QStringLiteral("/token"))), QByteArray("a=b"));
        QSignalSpy replyFinished(reply, &QNetworkReply::finished);
        gate.refuse(QStringLiteral("Stopped."));
        QTRY_COMPARE(replyFinished.count(), 1);
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        QCOMPARE(reply->errorString(), QStringLiteral("Stopped."));
        QCOMPARE(finishedExchanges.count(), 1);
        QCOMPARE(finishedExchanges.first().at(1).toString(), QStringLiteral("Stopped."));
        QCOMPARE(log.count(), 0);
        settle(server);
        QCOMPARE(server.requestCount(), 0);
        reply->deleteLater();
    }
};

QTEST_GUILESS_MAIN(TestExchangeGate)
#include "tst_exchange_gate.moc"
