// The fake server the other tests rely on: if it misbehaves, their verdicts mean nothing.
#include "FakeHttpServer.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

class TestFakeHttpServer final : public QObject
{
    Q_OBJECT

private:
    // Sends raw bytes in the given pieces (with a pause between them) and returns everything read until the
    // server closes the connection.
    static QByteArray exchangeRaw(quint16 port, const QList<QByteArray> &pieces, int pauseMs = 30)
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!socket.waitForConnected(3000))
            return "connect failed";
        for (const QByteArray &piece : pieces) {
            socket.write(piece);
            socket.flush();
            QTest::qWait(pauseMs);
        }
        QByteArray received;
        QElapsedTimer timer;
        timer.start();
        while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 5000) {
            QTest::qWait(10);
            received += socket.readAll();
        }
        received += socket.readAll();
        return received;
    }

private Q_SLOTS:
    void listensOnLoopbackWithAnOsChosenPort()
    {
        FakeHttpServer a;
        FakeHttpServer b;
        QVERIFY(a.listen());
        QVERIFY(b.listen());
        QVERIFY(a.port() != 0);
        QVERIFY(a.port() != b.port());
        QCOMPARE(a.url(QStringLiteral("/x?y=1")).toString(),
                 QStringLiteral("http://127.0.0.1:%1/x?y=1").arg(a.port()));
    }

    void parsesARequestArrivingInPieces()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const FakeHttpServer::RecordedRequest &) {
            return FakeHttpServer::json(201, "{\"ok\":true}");
        });
        const QByteArray reply = exchangeRaw(server.port(),
                                             { "POST /token?a=1 HT", "TP/1.1\r\nHost: x\r\nContent-Le",
                                               "ngth: 11\r\nX-Mixed-Case: Value\r\n\r\nhello", " world" });
        QVERIFY2(reply.startsWith("HTTP/1.1 201 "), reply.constData());
        QVERIFY(reply.contains("\r\nConnection: close\r\n"));
        QVERIFY(reply.contains("\r\nContent-Length: 11\r\n"));
        QVERIFY(reply.endsWith("\r\n\r\n{\"ok\":true}"));

        QCOMPARE(server.requests().size(), 1);
        const FakeHttpServer::RecordedRequest request = server.requests().constFirst();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/token?a=1"));
        QCOMPARE(request.body, QByteArray("hello world"));
        QCOMPARE(request.header("x-mixed-case"), QByteArray("Value"));
        QVERIFY(request.header("absent").isEmpty());
    }

    void decodesAChunkedRequestBody()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        exchangeRaw(server.port(),
                    { "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", "5\r\n worl\r\n",
                      "1\r\nd\r\n0\r\n\r\n" });
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().constFirst().body, QByteArray("hello world"));
    }

    void handlerCanBeReplacedBetweenRequests()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        QNetworkAccessManager manager;
        server.setHandler(
            [](const FakeHttpServer::RecordedRequest &) { return FakeHttpServer::json(200, "first"); });
        QNetworkReply *one = manager.get(QNetworkRequest(server.url(QStringLiteral("/1"))));
        QTRY_VERIFY(one->isFinished());
        server.setHandler(
            [](const FakeHttpServer::RecordedRequest &) { return FakeHttpServer::json(404, "second"); });
        QNetworkReply *two = manager.get(QNetworkRequest(server.url(QStringLiteral("/2"))));
        QTRY_VERIFY(two->isFinished());
        QCOMPARE(one->readAll(), QByteArray("first"));
        QCOMPARE(two->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        QCOMPARE(two->readAll(), QByteArray("second"));
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(server.lastRequest().target, QByteArray("/2"));
        delete one;
        delete two;
    }

    void delaysAndDripsTheAnswer()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::CannedResponse response = FakeHttpServer::json(200, "abcde");
        response.delayMs = 150;
        response.dripIntervalMs = 40;
        server.setHandler([response](const FakeHttpServer::RecordedRequest &) { return response; });
        QElapsedTimer timer;
        timer.start();
        const QByteArray reply = exchangeRaw(server.port(), { "GET / HTTP/1.1\r\nHost: x\r\n\r\n" }, 0);
        QVERIFY2(reply.endsWith("\r\n\r\nabcde"), reply.constData());
        QVERIFY(timer.elapsed() >= 150 + 4 * 40);
    }

    void omitsContentLengthWhenAsked()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::CannedResponse response = FakeHttpServer::text(200, "text/plain", "until close");
        response.omitContentLength = true;
        server.setHandler([response](const FakeHttpServer::RecordedRequest &) { return response; });
        const QByteArray reply = exchangeRaw(server.port(), { "GET / HTTP/1.1\r\n\r\n" }, 0);
        QVERIFY(!reply.toLower().contains("content-length"));
        QVERIFY(reply.endsWith("\r\n\r\nuntil close"));
    }

    void closesWithoutAnswerWhenAsked()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::CannedResponse response;
        response.closeWithoutAnswer = true;
        server.setHandler([response](const FakeHttpServer::RecordedRequest &) { return response; });
        QCOMPARE(exchangeRaw(server.port(), { "GET / HTTP/1.1\r\n\r\n" }, 0), QByteArray());
        QCOMPARE(server.requestCount(), 1);
    }

    void survivesAClientLeavingDuringADrip()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::CannedResponse response = FakeHttpServer::json(200, QByteArray(200, 'x'));
        response.dripIntervalMs = 5;
        server.setHandler([response](const FakeHttpServer::RecordedRequest &) { return response; });
        {
            QTcpSocket socket;
            socket.connectToHost(QStringLiteral("127.0.0.1"), server.port());
            QVERIFY(socket.waitForConnected(3000));
            socket.write("GET / HTTP/1.1\r\n\r\n");
            QTRY_VERIFY(socket.bytesAvailable() > 0 || socket.waitForReadyRead(10));
            socket.abort();
        }
        QTest::qWait(200); // the drip timer must notice and stop; a crash here fails the test
        // and the server still serves others
        server.setHandler(
            [](const FakeHttpServer::RecordedRequest &) { return FakeHttpServer::json(200, "{}"); });
        QVERIFY(exchangeRaw(server.port(), { "GET / HTTP/1.1\r\n\r\n" }, 0).endsWith("{}"));
    }

    void neverAnswersWhenAsked()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const FakeHttpServer::RecordedRequest &) { return FakeHttpServer::never(); });
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), server.port());
        QVERIFY(socket.waitForConnected(3000));
        socket.write("GET / HTTP/1.1\r\n\r\n");
        QTRY_COMPARE(server.requestCount(), 1);
        QVERIFY(!socket.waitForReadyRead(300));
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    }
};

QTEST_GUILESS_MAIN(TestFakeHttpServer)
#include "tst_fake_http_server.moc"
