// `oauth-debugger-cli sandbox`: prints where it listens once ready, serves until SIGTERM, then exits 0.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

class TestSandboxCli final : public QObject
{
    Q_OBJECT

    static QProcessEnvironment environment(const QString &home)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("OAUTH_DEBUGGER_HOME"), home);
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        return env;
    }

private Q_SLOTS:
    void jsonLineThenCleanExitOnSigterm()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString dataDir = dir.filePath(QStringLiteral("sandbox-data"));
        QProcess process;
        process.setProcessEnvironment(environment(dir.path()));
        process.start(
            QStringLiteral(OAUTH_DEBUGGER_CLI),
            { QStringLiteral("sandbox"), QStringLiteral("--json"), QStringLiteral("--data-dir"), dataDir });
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine() || process.state() == QProcess::NotRunning, 20000);
        const QByteArray line = process.readLine();
        QJsonParseError error;
        const QJsonObject ready = QJsonDocument::fromJson(line, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
        const QUrl issuer(ready.value(QLatin1String("issuer")).toString());
        QCOMPARE(issuer.scheme(), QStringLiteral("http"));
        QCOMPARE(issuer.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(issuer.port() > 0);
        const QJsonArray clients = ready.value(QLatin1String("clients")).toArray();
        QCOMPARE(clients.size(), 2);
        const QJsonObject confidential = clients.at(0).toObject();
        QCOMPARE(confidential.value(QLatin1String("client_id")).toString(),
                 QStringLiteral("sandbox-confidential"));
        QVERIFY(!confidential.value(QLatin1String("client_secret")).toString().isEmpty());
        QVERIFY(!clients.at(1).toObject().contains(QLatin1String("client_secret")));
        for (const char *key : { "token_endpoint_auth_method", "grant_types", "redirect_uris" })
            QVERIFY2(confidential.contains(QLatin1String(key)), key);

        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardError().contains("NOT for production"));
        QVERIFY(QFile::exists(dataDir + QStringLiteral("/sandbox-rsa.pem")));
    }

    void badPortIsAUsageError()
    {
        QTemporaryDir dir;
        QProcess process;
        process.setProcessEnvironment(environment(dir.path()));
        process.start(QStringLiteral(OAUTH_DEBUGGER_CLI),
                      { QStringLiteral("sandbox"), QStringLiteral("--port"), QStringLiteral("http") });
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardOutput().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSandboxCli)
#include "tst_sandbox_cli.moc"
