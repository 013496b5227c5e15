// `oauth-debugger-cli token --repeat N` against a FakeHttpServer: N token requests in one process, the last
// token on stdout, a summary on stderr, a stop at the first failure with its exit code, and clear usage
// errors. What it measures is not checked here (tests do not time anything); that the counts and the contract
// hold is.
#include "CliRunner.h"
#include "FakeHttpServer.h"

#include <QTemporaryDir>
#include <QtTest>

using Recorded = FakeHttpServer::RecordedRequest;

namespace {
QProcessEnvironment secretEnvironment()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("CLI_TEST_SECRET"), QStringLiteral("repeat-s3cret"));
    return environment;
}
} // namespace

class TestCliTokenRepeat final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void repeatsTheGrantAndPrintsTheLastToken();
    void stopsAtTheFirstFailure();
    void usageErrors_data();
    void usageErrors();

private:
    QStringList tokenArguments(const QStringList &extra) const;
    CliRun run(const QStringList &arguments) const
    {
        return m_runner->run(arguments, {}, secretEnvironment());
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliRunner> m_runner;
    std::unique_ptr<FakeHttpServer> m_server;
    int m_failAt = 0; // the request number (1-based) answered with invalid_client; 0: none
};

void TestCliTokenRepeat::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_runner = std::make_unique<CliRunner>(m_dir->path());
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->listen());
    m_failAt = 0;
    // Each answer names its request, so the test sees which token the CLI printed.
    m_server->setHandler([this](const Recorded &) {
        const int number = m_server->requestCount();
        if (number == m_failAt)
            return FakeHttpServer::json(401, "{\"error\":\"invalid_client\"}");
        return FakeHttpServer::json(200,
                                    QByteArray("{\"access_token\":\"token-") + QByteArray::number(number)
                                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    });
}

void TestCliTokenRepeat::cleanup()
{
    m_server.reset();
    m_runner.reset();
    m_dir.reset();
}

QStringList TestCliTokenRepeat::tokenArguments(const QStringList &extra) const
{
    return QStringList { QStringLiteral("token"),
                         QStringLiteral("--token-url"),
                         m_server->url(QStringLiteral("/token")).toString(),
                         QStringLiteral("--client-id"),
                         QStringLiteral("bench-client"),
                         QStringLiteral("--client-secret-env"),
                         QStringLiteral("CLI_TEST_SECRET") }
    + extra;
}

void TestCliTokenRepeat::repeatsTheGrantAndPrintsTheLastToken()
{
    const CliRun result = run(tokenArguments({ QStringLiteral("--repeat"), QStringLiteral("7") }));
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(m_server->requestCount(), 7);
    for (const Recorded &request : m_server->requests())
        QVERIFY(request.body.contains("grant_type=client_credentials"));
    QCOMPARE(result.outText(), QStringLiteral("token-7\n"));
    QVERIFY2(result.errText().contains(QStringLiteral("repeat: 7 of 7 tokens in ")),
             qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QStringLiteral(" tokens/s; latency median ")),
             qPrintable(result.describe()));
}

void TestCliTokenRepeat::stopsAtTheFirstFailure()
{
    m_failAt = 3;
    const CliRun result = run(tokenArguments({ QStringLiteral("--repeat"), QStringLiteral("10") }));
    QVERIFY2(result.finished, qPrintable(result.describe()));
    QCOMPARE(result.exitCode, 3); // the server answered with an OAuth error
    QCOMPARE(m_server->requestCount(), 3);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.errText().contains(QStringLiteral("repeat: 2 of 10 tokens")),
             qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QStringLiteral("invalid_client")), qPrintable(result.describe()));
}

void TestCliTokenRepeat::usageErrors_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    const QString range = QStringLiteral("--repeat needs a whole number from 1 to 1000000");
    QTest::newRow("zero") << QStringList { QStringLiteral("--repeat"), QStringLiteral("0") } << range;
    QTest::newRow("negative") << QStringList { QStringLiteral("--repeat"), QStringLiteral("-4") } << range;
    QTest::newRow("not a number") << QStringList { QStringLiteral("--repeat"), QStringLiteral("many") }
                                  << range;
    QTest::newRow("too many") << QStringList { QStringLiteral("--repeat"), QStringLiteral("1000001") }
                              << range;
    QTest::newRow("refresh flow") << QStringList {
        QStringLiteral("--repeat"),        QStringLiteral("2"),
        QStringLiteral("--flow"),          QStringLiteral("refresh"),
        QStringLiteral("--refresh-token"), QStringLiteral("rt")
    } << QStringLiteral("--repeat works with the client credentials grant only");
}

void TestCliTokenRepeat::usageErrors()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    const CliRun result = run(tokenArguments(extra));
    QVERIFY2(result.finished, qPrintable(result.describe()));
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.errText().contains(message), qPrintable(result.describe()));
    QCOMPARE(m_server->requestCount(), 0);
}

QTEST_GUILESS_MAIN(TestCliTokenRepeat)
#include "tst_cli_token_repeat.moc"
