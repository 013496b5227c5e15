// oauth-debugger-cli without a server: usage errors, profile management, corrupt files, missing secrets,
// refused connections. Exit codes: 0 success, 2 usage, 3 server error, 4 transport.
#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const QString Secret = QStringLiteral("offline-s3cret-value");

QProcessEnvironment secretEnvironment()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("CLI_TEST_SECRET"), Secret);
    return environment;
}

// A 127.0.0.1 port nothing listens on: bound by the system, then released.
quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}
} // namespace

class TestCliOffline final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void versionAndHelp();
    void usageErrors_data();
    void usageErrors();
    void adHocWithoutSecretNamesTheOptions();
    void savedProfileWithoutKeychainExitsWithUsageError();
    void clientSecretOnCommandLineWarns();
    void connectionRefused_data();
    void connectionRefused();
    void profilesRoundTrip();
    void addWithoutKeychainKeepsProfileAndSaysSecretNotSaved();
    void importRefusesExistingNamesUnlessForced();
    void importGivesFreshIds();
    void corruptProfileFile_data();
    void corruptProfileFile();

private:
    CliRun run(const QStringList &arguments, const QByteArray &input = {},
               const QProcessEnvironment &environment = {}) const
    {
        return m_runner->run(arguments, input, environment);
    }
    CliRun addProfile(const QString &name, const QStringList &extra = {}) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliRunner> m_runner;
};

void TestCliOffline::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_runner = std::make_unique<CliRunner>(m_dir->path());
}

void TestCliOffline::cleanup()
{
    m_runner.reset();
    m_dir.reset();
}

CliRun TestCliOffline::addProfile(const QString &name, const QStringList &extra) const
{
    return run(QStringList { QStringLiteral("profiles"), QStringLiteral("add"), name,
                             QStringLiteral("--token-url"), QStringLiteral("https://as.example.test/token"),
                             QStringLiteral("--client-id"), name + QStringLiteral("-client") }
                   + extra,
               {}, secretEnvironment());
}

void TestCliOffline::versionAndHelp()
{
    const CliRun version = run({ QStringLiteral("--version") });
    QVERIFY2(version.exitCode == 0, qPrintable(version.describe()));
    QVERIFY2(version.outText().startsWith(QStringLiteral("oauth-debugger-cli ")),
             qPrintable(version.describe()));

    const CliRun help = run({ QStringLiteral("token"), QStringLiteral("--help") });
    QVERIFY2(help.exitCode == 0, qPrintable(help.describe()));
    for (const char *option :
         { "--token-url", "--client-secret-env", "--client-secret-stdin", "--resource", "--json" })
        QVERIFY2(help.outText().contains(QLatin1String(option)), qPrintable(help.describe()));

    const CliRun requestHelp = run({ QStringLiteral("request"), QStringLiteral("--help") });
    QVERIFY2(requestHelp.exitCode == 0 && requestHelp.outText().contains(QLatin1String("--max-body")),
             qPrintable(requestHelp.describe()));
}

void TestCliOffline::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected"); // in stderr

    const QString url = QStringLiteral("http://127.0.0.1:9/token");
    QTest::newRow("no command") << QStringList {} << QStringLiteral("missing command");
    QTest::newRow("unknown command") << QStringList { QStringLiteral("tokn") } << QStringLiteral("tokn");
    QTest::newRow("unknown option") << QStringList { QStringLiteral("token"), QStringLiteral("--frobnicate") }
                                    << QStringLiteral("frobnicate");
    QTest::newRow("neither profile nor URL")
        << QStringList { QStringLiteral("token") } << QStringLiteral("--profile");
    QTest::newRow("missing --token-url")
        << QStringList { QStringLiteral("token"), QStringLiteral("--client-id"), QStringLiteral("c"),
                         QStringLiteral("--client-secret-env"), QStringLiteral("CLI_TEST_SECRET") }
        << QStringLiteral("--token-url");
    QTest::newRow("missing --client-id")
        << QStringList { QStringLiteral("token"), QStringLiteral("--token-url"), url }
        << QStringLiteral("--client-id");
    QTest::newRow("invalid token URL")
        << QStringList { QStringLiteral("token"), QStringLiteral("--token-url"), QStringLiteral("not a url"),
                         QStringLiteral("--client-id"), QStringLiteral("c") }
        << QStringLiteral("--token-url");
    QTest::newRow("bad --auth") << QStringList {
        QStringLiteral("token"),       QStringLiteral("--token-url"), url,
        QStringLiteral("--client-id"), QStringLiteral("c"),           QStringLiteral("--auth"),
        QStringLiteral("digest")
    } << QStringLiteral("--auth");
    QTest::newRow("bad --param") << QStringList {
        QStringLiteral("token"),       QStringLiteral("--token-url"), url,
        QStringLiteral("--client-id"), QStringLiteral("c"),           QStringLiteral("--param"),
        QStringLiteral("novalue")
    } << QStringLiteral("--param");
    QTest::newRow("bad --timeout") << QStringList { QStringLiteral("token"),
                                                    QStringLiteral("--token-url"),
                                                    url,
                                                    QStringLiteral("--client-id"),
                                                    QStringLiteral("c"),
                                                    QStringLiteral("--timeout"),
                                                    QStringLiteral("0") }
                                   << QStringLiteral("--timeout");
    QTest::newRow("unset --client-secret-env") << QStringList { QStringLiteral("token"),
                                                                QStringLiteral("--token-url"),
                                                                url,
                                                                QStringLiteral("--client-id"),
                                                                QStringLiteral("c"),
                                                                QStringLiteral("--client-secret-env"),
                                                                QStringLiteral("CLI_TEST_NO_SUCH_VARIABLE") }
                                               << QStringLiteral("CLI_TEST_NO_SUCH_VARIABLE");
    QTest::newRow("unknown profile") << QStringList { QStringLiteral("token"), QStringLiteral("--profile"),
                                                      QStringLiteral("nobody") }
                                     << QStringLiteral("unknown profile");
    QTest::newRow("request without URL")
        << QStringList { QStringLiteral("request") } << QStringLiteral("URL");
    QTest::newRow("request with ftp URL")
        << QStringList { QStringLiteral("request"), QStringLiteral("ftp://127.0.0.1/x") }
        << QStringLiteral("invalid URL");
    QTest::newRow("request with bad header")
        << QStringList { QStringLiteral("request"), QStringLiteral("-H"), QStringLiteral("no colon here"),
                         QStringLiteral("http://127.0.0.1:9/") }
        << QStringLiteral("-H");
    QTest::newRow("request with two token sources")
        << QStringList { QStringLiteral("request"), QStringLiteral("--token"),
                         QStringLiteral("t"),       QStringLiteral("--profile"),
                         QStringLiteral("p"),       QStringLiteral("http://127.0.0.1:9/") }
        << QStringLiteral("--token");
    QTest::newRow("request with unreadable body file")
        << QStringList { QStringLiteral("request"), QStringLiteral("-d"), QStringLiteral("@no-such-file"),
                         QStringLiteral("http://127.0.0.1:9/") }
        << QStringLiteral("no-such-file");
    QTest::newRow("request with unknown profile")
        << QStringList { QStringLiteral("request"), QStringLiteral("--profile"), QStringLiteral("nobody"),
                         QStringLiteral("http://127.0.0.1:9/") }
        << QStringLiteral("unknown profile");
    QTest::newRow("profiles show unknown")
        << QStringList { QStringLiteral("profiles"), QStringLiteral("show"), QStringLiteral("nobody") }
        << QStringLiteral("unknown profile");
    QTest::newRow("profiles remove unknown")
        << QStringList { QStringLiteral("profiles"), QStringLiteral("remove"), QStringLiteral("nobody") }
        << QStringLiteral("unknown profile");
    QTest::newRow("profiles add without client id")
        << QStringList { QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("p"),
                         QStringLiteral("--token-url"), url }
        << QStringLiteral("--client-id");
    QTest::newRow("profiles import missing file")
        << QStringList { QStringLiteral("profiles"), QStringLiteral("import"),
                         QStringLiteral("no-such-file.json") }
        << QStringLiteral("no-such-file.json");
}

void TestCliOffline::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const CliRun result = run(arguments, {}, secretEnvironment());
    QVERIFY2(result.finished && result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(expected), qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(!QFile::exists(m_runner->profilesFile()), "a usage error must not write profiles");
}

void TestCliOffline::adHocWithoutSecretNamesTheOptions()
{
    const CliRun result = run({ QStringLiteral("token"), QStringLiteral("--token-url"),
                                QStringLiteral("http://127.0.0.1:9/token"), QStringLiteral("--client-id"),
                                QStringLiteral("c") });
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("--client-secret-env"))
                 && result.errText().contains(QLatin1String("--client-secret-stdin")),
             qPrintable(result.describe()));
}

void TestCliOffline::savedProfileWithoutKeychainExitsWithUsageError()
{
    const CliRun added = addProfile(QStringLiteral("saved"));
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    for (const QString &command : { QStringLiteral("token"), QStringLiteral("request") }) {
        QStringList arguments { command, QStringLiteral("--profile"), QStringLiteral("saved") };
        if (command == QLatin1String("request"))
            arguments << QStringLiteral("http://127.0.0.1:9/api");
        const CliRun result = run(arguments);
        QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
        QVERIFY2(result.errText().contains(QLatin1String("keychain")), qPrintable(result.describe()));
        QVERIFY2(result.errText().contains(QLatin1String("--client-secret-env VAR or --client-secret-stdin")),
                 qPrintable(result.describe()));
        QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    }
}

void TestCliOffline::clientSecretOnCommandLineWarns()
{
    const quint16 port = closedPort();
    QVERIFY(port != 0);
    const CliRun result
        = run({ QStringLiteral("token"), QStringLiteral("--token-url"),
                QStringLiteral("http://127.0.0.1:%1/token").arg(port), QStringLiteral("--client-id"),
                QStringLiteral("c"), QStringLiteral("--client-secret"), Secret });
    QVERIFY2(result.exitCode == 4, qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("process list")), qPrintable(result.describe()));
    QVERIFY2(!result.errText().contains(Secret), qPrintable(result.describe()));
}

void TestCliOffline::connectionRefused_data()
{
    QTest::addColumn<QString>("command");
    QTest::newRow("token") << QStringLiteral("token");
    QTest::newRow("request") << QStringLiteral("request");
}

void TestCliOffline::connectionRefused()
{
    QFETCH(QString, command);
    const quint16 port = closedPort();
    QVERIFY(port != 0);
    const QString url = QStringLiteral("http://127.0.0.1:%1/token").arg(port);
    const QStringList arguments = command == QLatin1String("token")
        ? QStringList { command,
                        QStringLiteral("--token-url"),
                        url,
                        QStringLiteral("--client-id"),
                        QStringLiteral("c"),
                        QStringLiteral("--client-secret-env"),
                        QStringLiteral("CLI_TEST_SECRET") }
        : QStringList { command, QStringLiteral("--token"), QStringLiteral("t"), url };
    const CliRun result = run(arguments, {}, secretEnvironment());
    QVERIFY2(result.finished && result.exitCode == 4, qPrintable(result.describe()));
    QVERIFY2(result.errText().startsWith(QLatin1String("error: ")), qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
}

void TestCliOffline::profilesRoundTrip()
{
    const CliRun alphaAdded = addProfile(
        QStringLiteral("alpha"),
        { QStringLiteral("--auth"), QStringLiteral("post"), QStringLiteral("--scope"),
          QStringLiteral("read write"), QStringLiteral("--resource"),
          QStringLiteral("https://api.example.test"), QStringLiteral("--param"), QStringLiteral("tenant=t1"),
          QStringLiteral("--client-secret-env"), QStringLiteral("CLI_TEST_SECRET") });
    QVERIFY2(alphaAdded.exitCode == 0, qPrintable(alphaAdded.describe()));
    QVERIFY2(!alphaAdded.errText().contains(Secret), qPrintable(alphaAdded.describe()));
    const CliRun betaAdded = addProfile(QStringLiteral("beta"));
    QVERIFY2(betaAdded.exitCode == 0, qPrintable(betaAdded.describe()));

    const CliRun list = run({ QStringLiteral("profiles"), QStringLiteral("list") });
    QVERIFY2(list.exitCode == 0, qPrintable(list.describe()));
    const QStringList lines = list.outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(
        lines,
        QStringList(
            { QStringLiteral("alpha\thttps://as.example.test/token\talpha-client\tclient_secret_post"),
              QStringLiteral("beta\thttps://as.example.test/token\tbeta-client\tclient_secret_basic") }));

    const CliRun listJson
        = run({ QStringLiteral("profiles"), QStringLiteral("list"), QStringLiteral("--json") });
    QVERIFY2(listJson.exitCode == 0, qPrintable(listJson.describe()));
    QCOMPARE(QJsonDocument::fromJson(listJson.out).array().size(), 2);

    const CliRun show = run({ QStringLiteral("profiles"), QStringLiteral("show"), QStringLiteral("alpha") });
    QVERIFY2(show.exitCode == 0, qPrintable(show.describe()));
    QVERIFY2(show.outText().contains(QLatin1String("scope: read write"))
                 && show.outText().contains(QLatin1String("resource: https://api.example.test"))
                 && show.outText().contains(QLatin1String("parameter: tenant=t1")),
             qPrintable(show.describe()));

    const CliRun showJson = run({ QStringLiteral("profiles"), QStringLiteral("show"), QStringLiteral("alpha"),
                                  QStringLiteral("--json") });
    QVERIFY2(showJson.exitCode == 0, qPrintable(showJson.describe()));
    const QJsonObject alpha = QJsonDocument::fromJson(showJson.out).object();
    QCOMPARE(alpha.value(QLatin1String("client_id")).toString(), QStringLiteral("alpha-client"));
    QCOMPARE(alpha.value(QLatin1String("token_endpoint_auth_method")).toString(),
             QStringLiteral("client_secret_post"));

    const CliRun exported = run({ QStringLiteral("profiles"), QStringLiteral("export") });
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.describe()));
    QVERIFY2(!exported.outText().contains(Secret), qPrintable(exported.describe()));
    QCOMPARE(QJsonDocument::fromJson(exported.out).object().value(QLatin1String("profiles")).toArray().size(),
             2);
    QFile stored(m_runner->profilesFile());
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QVERIFY2(!stored.readAll().contains(Secret.toUtf8()), "the profile file must never hold a secret");

    const QString file = m_dir->filePath(QStringLiteral("beta.json"));
    const CliRun exportOne = run({ QStringLiteral("profiles"), QStringLiteral("export"),
                                   QStringLiteral("beta"), QStringLiteral("-o"), file });
    QVERIFY2(exportOne.exitCode == 0 && exportOne.out.isEmpty(), qPrintable(exportOne.describe()));

    const CliRun remove
        = run({ QStringLiteral("profiles"), QStringLiteral("remove"), QStringLiteral("beta") });
    QVERIFY2(remove.exitCode == 0, qPrintable(remove.describe()));
    const CliRun afterRemove = run({ QStringLiteral("profiles"), QStringLiteral("list") });
    QVERIFY2(!afterRemove.outText().contains(QLatin1String("beta")), qPrintable(afterRemove.describe()));

    const CliRun import = run({ QStringLiteral("profiles"), QStringLiteral("import"), file });
    QVERIFY2(import.exitCode == 0, qPrintable(import.describe()));
    const CliRun afterImport = run({ QStringLiteral("profiles"), QStringLiteral("list") });
    QCOMPARE(afterImport.outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts), lines);
}

void TestCliOffline::addWithoutKeychainKeepsProfileAndSaysSecretNotSaved()
{
    const CliRun result
        = run({ QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("p"),
                QStringLiteral("--token-url"), QStringLiteral("https://as.example.test/token"),
                QStringLiteral("--client-id"), QStringLiteral("c"), QStringLiteral("--client-secret-stdin") },
              Secret.toUtf8() + '\n');
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("NOT saved")), qPrintable(result.describe()));
    QVERIFY2(!result.errText().contains(Secret), qPrintable(result.describe()));
    const CliRun list = run({ QStringLiteral("profiles"), QStringLiteral("list") });
    QVERIFY2(list.outText().startsWith(QLatin1String("p\t")), qPrintable(list.describe()));
}

void TestCliOffline::importRefusesExistingNamesUnlessForced()
{
    const CliRun added = addProfile(QStringLiteral("dup"));
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    const CliRun exported = run({ QStringLiteral("profiles"), QStringLiteral("export") });
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.describe()));
    QByteArray changed = exported.out;
    changed.replace("dup-client", "changed-client");

    const CliRun refused
        = run({ QStringLiteral("profiles"), QStringLiteral("import"), QStringLiteral("-") }, changed);
    QVERIFY2(refused.exitCode == 2 && refused.errText().contains(QLatin1String("--force")),
             qPrintable(refused.describe()));
    const CliRun unchanged = run({ QStringLiteral("profiles"), QStringLiteral("list") });
    QVERIFY2(unchanged.outText().contains(QLatin1String("dup-client")), qPrintable(unchanged.describe()));

    const CliRun forced = run({ QStringLiteral("profiles"), QStringLiteral("import"),
                                QStringLiteral("--force"), QStringLiteral("-") },
                              changed);
    QVERIFY2(forced.exitCode == 0, qPrintable(forced.describe()));
    const CliRun replaced = run({ QStringLiteral("profiles"), QStringLiteral("list") });
    QCOMPARE(replaced.outText().count(QLatin1Char('\n')), 1);
    QVERIFY2(replaced.outText().contains(QLatin1String("changed-client")), qPrintable(replaced.describe()));
}

void TestCliOffline::importGivesFreshIds()
{
    const QByteArray document = R"({"version": 1, "profiles": [
        {"id": "11111111-2222-3333-4444-555555555555", "name": "shared",
         "token_endpoint": "https://as.example.test/token", "client_id": "c"}]})";
    const CliRun import
        = run({ QStringLiteral("profiles"), QStringLiteral("import"), QStringLiteral("-") }, document);
    QVERIFY2(import.exitCode == 0, qPrintable(import.describe()));
    const CliRun show = run({ QStringLiteral("profiles"), QStringLiteral("show"), QStringLiteral("shared"),
                              QStringLiteral("--json") });
    const QString id = QJsonDocument::fromJson(show.out).object().value(QLatin1String("id")).toString();
    QVERIFY2(!id.isEmpty() && id != QLatin1String("11111111-2222-3333-4444-555555555555"),
             qPrintable(show.describe()));
}

void TestCliOffline::corruptProfileFile_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("profiles list") << QStringList { QStringLiteral("profiles"), QStringLiteral("list") };
    QTest::newRow("token --profile") << QStringList { QStringLiteral("token"), QStringLiteral("--profile"),
                                                      QStringLiteral("p") };
    QTest::newRow("profiles add") << QStringList { QStringLiteral("profiles"),
                                                   QStringLiteral("add"),
                                                   QStringLiteral("p"),
                                                   QStringLiteral("--token-url"),
                                                   QStringLiteral("https://a.test/t"),
                                                   QStringLiteral("--client-id"),
                                                   QStringLiteral("c") };
}

void TestCliOffline::corruptProfileFile()
{
    QFETCH(QStringList, arguments);
    const QByteArray corrupt = "{\"version\": 1, \"profiles\": [";
    QVERIFY(QDir().mkpath(m_runner->profilesDir()));
    QFile file(m_runner->profilesFile());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(corrupt);
    file.close();

    const CliRun result = run(arguments);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(m_runner->profilesFile()), qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    const QStringList aside
        = QDir(m_runner->profilesDir()).entryList({ QStringLiteral("profiles.json.corrupt*") }, QDir::Files);
    QVERIFY2(aside.size() == 1, qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(aside.constFirst()), qPrintable(result.describe()));
    QFile kept(QDir(m_runner->profilesDir()).filePath(aside.constFirst()));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), corrupt);
}

QTEST_GUILESS_MAIN(TestCliOffline)
#include "tst_cli_offline.moc"
