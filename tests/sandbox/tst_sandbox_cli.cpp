// `oauth-debugger-cli sandbox`: prints where it listens once ready, serves until SIGTERM, then exits 0; fault
// switches and lifetimes from the command line.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
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

    // Runs the sandbox command to its end (a usage error or --help): exit code, stdout, stderr.
    struct Finished
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Finished runToEnd(const QStringList &arguments)
    {
        QTemporaryDir dir;
        QProcess process;
        process.setProcessEnvironment(environment(dir.path()));
        process.start(QStringLiteral(OAUTH_DEBUGGER_CLI),
                      QStringList { QStringLiteral("sandbox") } + arguments);
        if (!process.waitForFinished(10000)) {
            process.kill();
            process.waitForFinished();
            return {};
        }
        return { process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError() };
    }

    static const QStringList &faultNames()
    {
        static const QStringList names { QStringLiteral("wrong-state"),
                                         QStringLiteral("expired-token"),
                                         QStringLiteral("bad-signature"),
                                         QStringLiteral("unknown-kid"),
                                         QStringLiteral("alg-none"),
                                         QStringLiteral("iss-mix-up"),
                                         QStringLiteral("slow-token-endpoint"),
                                         QStringLiteral("invalid-grant-on-refresh"),
                                         QStringLiteral("missing-token-type"),
                                         QStringLiteral("html-error-page") };
        return names;
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
        for (const QJsonValue &client : clients) {
            for (const char *key :
                 { "client_id", "token_endpoint_auth_method", "grant_types", "redirect_uris" })
                QVERIFY2(client.toObject().contains(QLatin1String(key)), key);
            QVERIFY(!client.toObject().value(QLatin1String("grant_types")).toArray().isEmpty());
            QVERIFY(!client.toObject().value(QLatin1String("redirect_uris")).toArray().isEmpty());
        }
        QCOMPARE(ready.value(QLatin1String("faults")).toArray(), QJsonArray());

        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardError().contains("NOT for production"));
        QVERIFY(QFile::exists(dataDir + QStringLiteral("/sandbox-rsa.pem")));
    }

    void faultsAreSwitchedOnAndReported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess process;
        process.setProcessEnvironment(environment(dir.path()));
        process.start(QStringLiteral(OAUTH_DEBUGGER_CLI),
                      { QStringLiteral("sandbox"), QStringLiteral("--json"), QStringLiteral("--fault"),
                        QStringLiteral("html-error-page"), QStringLiteral("--fault"),
                        QStringLiteral("missing-token-type"), QStringLiteral("--access-token-lifetime"),
                        QStringLiteral("30"), QStringLiteral("--slow-seconds"), QStringLiteral("3") });
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine() || process.state() == QProcess::NotRunning, 20000);
        const QJsonObject ready = QJsonDocument::fromJson(process.readLine()).object();
        QCOMPARE(ready.value(QLatin1String("faults")).toArray(),
                 QJsonArray({ QStringLiteral("missing-token-type"), QStringLiteral("html-error-page") }));

        // The switch is live: the token endpoint answers with an HTML page.
        QNetworkAccessManager network;
        QNetworkRequest request(
            QUrl(ready.value(QLatin1String("issuer")).toString() + QStringLiteral("/token")));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        QNetworkReply *reply = network.post(request, QByteArrayLiteral("grant_type=client_credentials"));
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        reply->deleteLater();
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 500);
        QVERIFY(reply->header(QNetworkRequest::ContentTypeHeader)
                    .toString()
                    .startsWith(QLatin1String("text/html")));

        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(err.contains("fault switches on: missing-token-type, html-error-page"), err.constData());
    }

    void unknownFaultIsAUsageErrorListingTheNames()
    {
        const Finished finished = runToEnd({ QStringLiteral("--fault"), QStringLiteral("wrong-sate") });
        QCOMPARE(finished.exitCode, 2);
        QVERIFY(finished.out.isEmpty());
        QVERIFY2(finished.err.contains("unknown fault \"wrong-sate\""), finished.err.constData());
        for (const QString &name : faultNames())
            QVERIFY2(finished.err.contains(name.toLatin1()), qPrintable(name));
    }

    void helpDescribesEveryFault()
    {
        const Finished finished = runToEnd({ QStringLiteral("--help") });
        QCOMPARE(finished.exitCode, 0);
        for (const QString &name : faultNames())
            QVERIFY2(finished.out.contains(QByteArray("  " + name.toLatin1() + ": ")), qPrintable(name));
        for (const char *option : { "--fault", "--access-token-lifetime", "--id-token-lifetime",
                                    "--refresh-token-lifetime", "--code-lifetime", "--slow-seconds" })
            QVERIFY2(finished.out.contains(option), option);
    }

    void badNumbersAreUsageErrors_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::newRow("zero lifetime") << QStringLiteral("--access-token-lifetime") << QStringLiteral("0");
        QTest::newRow("negative lifetime") << QStringLiteral("--id-token-lifetime") << QStringLiteral("-5");
        QTest::newRow("not a number") << QStringLiteral("--refresh-token-lifetime") << QStringLiteral("1h");
        QTest::newRow("over a year") << QStringLiteral("--code-lifetime") << QStringLiteral("31536001");
        QTest::newRow("fraction") << QStringLiteral("--slow-seconds") << QStringLiteral("1.5");
        QTest::newRow("too slow") << QStringLiteral("--slow-seconds") << QStringLiteral("301");
    }

    void badNumbersAreUsageErrors()
    {
        QFETCH(QString, option);
        QFETCH(QString, value);
        const Finished finished = runToEnd({ option, value });
        QCOMPARE(finished.exitCode, 2);
        QVERIFY(finished.out.isEmpty());
        QVERIFY2(finished.err.contains(option.toLatin1()), finished.err.constData());
        QVERIFY2(finished.err.contains("seconds from 1 to"), finished.err.constData());
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
