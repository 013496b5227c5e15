// SandboxServer::startAsync: the keys and clients are loaded or generated on a worker thread, then the
// server listens and reports through started(); failures are reported the same way, never by blocking.
#include "SandboxClients.h"
#include "SandboxKeys.h"
#include "SandboxServer.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestSandboxAsyncStart final : public QObject
{
    Q_OBJECT

    static constexpr int WaitMs = 60000; // key generation on a loaded machine; a bound, not a measure

    // Waits for started(); its argument, or nothing when it never came.
    static std::optional<bool> waitStarted(QSignalSpy &spy)
    {
        if (spy.isEmpty() && !spy.wait(WaitMs))
            return std::nullopt;
        return spy.first().first().toBool();
    }

    static QByteArray get(const QUrl &url)
    {
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(QNetworkRequest(url));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(WaitMs))
            return {};
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        return body;
    }

private Q_SLOTS:
    void firstStartGeneratesKeysOnAWorkerThenListens()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SandboxServer server(dir.path());
        QSignalSpy started(&server, &SandboxServer::started);
        server.startAsync();
        QVERIFY(server.isStarting());
        QVERIFY(!server.isListening());
        QVERIFY(started.isEmpty()); // reported later, from the event loop
        server.startAsync(); // ignored while starting
        const std::optional<bool> ok = waitStarted(started);
        QVERIFY(ok.has_value());
        QVERIFY2(*ok, qPrintable(server.errorString()));
        QCOMPARE(started.size(), 1);
        QVERIFY(!server.isStarting());
        QVERIFY(server.isListening());
        QVERIFY(server.issuer().toString().startsWith(QLatin1String("http://127.0.0.1:")));
        QVERIFY(SandboxClients::find(server.clients(), QLatin1String(SandboxClients::ConfidentialId)));

        // The keys were saved, and the server serves and signs with exactly those.
        SandboxKeys saved(dir.path());
        QVERIFY2(saved.load(), qPrintable(saved.error()));
        QCOMPARE(server.keys().kid(QStringLiteral("RS256")), saved.kid(QStringLiteral("RS256")));
        QCOMPARE(server.keys().kid(QStringLiteral("ES256")), saved.kid(QStringLiteral("ES256")));
        QVERIFY(!server.keys().sign(QStringLiteral("RS256"), {}, { { QStringLiteral("sub"), 1 } }).isEmpty());
        const QByteArray jwks = get(QUrl(server.issuer().toString() + QStringLiteral("/jwks")));
        QVERIFY2(jwks.contains(saved.kid(QStringLiteral("RS256")).toUtf8()), jwks.constData());

        server.startAsync(); // ignored once listening
        QVERIFY(!server.isStarting());
    }

    void laterStartLoadsTheSameKeysAndClients()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SandboxServer first(dir.path());
        QVERIFY2(first.start(), qPrintable(first.errorString()));
        SandboxServer second(dir.path());
        QSignalSpy started(&second, &SandboxServer::started);
        second.startAsync();
        const std::optional<bool> ok = waitStarted(started);
        QVERIFY(ok.has_value());
        QVERIFY2(*ok, qPrintable(second.errorString()));
        QCOMPARE(second.keys().kid(QStringLiteral("RS256")), first.keys().kid(QStringLiteral("RS256")));
        QCOMPARE(second.clients().constFirst().clientSecret, first.clients().constFirst().clientSecret);
        QVERIFY(second.issuer() != first.issuer()); // a port of its own
    }

    void unusableDataFolderIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString folder = dir.filePath(QStringLiteral("sandbox"));
        QFile blocker(folder); // a file where the folder should be
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        SandboxServer server(folder);
        QSignalSpy started(&server, &SandboxServer::started);
        server.startAsync();
        const std::optional<bool> ok = waitStarted(started);
        QVERIFY(ok.has_value());
        QVERIFY(!*ok);
        QVERIFY(!server.errorString().isEmpty());
        QVERIFY(!server.isListening());
        QVERIFY(!server.isStarting());
    }

    void busyPortIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        SandboxServer server(dir.path());
        QSignalSpy started(&server, &SandboxServer::started);
        server.startAsync(squatter.serverPort());
        const std::optional<bool> ok = waitStarted(started);
        QVERIFY(ok.has_value());
        QVERIFY(!*ok);
        QVERIFY2(server.errorString().contains(QString::number(squatter.serverPort())),
                 qPrintable(server.errorString()));
        QVERIFY(!server.isListening());
    }

    void deletedWhileStartingIsHarmless()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto server = std::make_unique<SandboxServer>(dir.path());
        server->startAsync();
        QVERIFY(server->isStarting());
        server.reset(); // the worker goes on alone and reports to no one
        // Its keys land in the folder all the same; a new server then loads them.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(dir.filePath(QStringLiteral("sandbox-clients.json"))), WaitMs);
        SandboxServer again(dir.path());
        QVERIFY2(again.start(), qPrintable(again.errorString()));
    }
};

QTEST_MAIN(TestSandboxAsyncStart)
#include "tst_sandbox_async_start.moc"
