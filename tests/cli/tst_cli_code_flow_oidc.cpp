// `oauth-debugger-cli token --flow authorization-code` and `--flow refresh` against a real authorization
// server (oidc-provider, tests/oidc/server.mjs), with tests/oidc/browser.mjs as the browser the CLI opens:
// exit codes, what stdout holds (the token alone, or the JSON response), what stderr tells (steps, the URL,
// the server's words), Ctrl-C, and the code flow fields of `profiles add` and `profiles show`.
#include "CliRunner.h"
#include "OidcFixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

namespace {
QProcessEnvironment variable(const QString &name, const QString &value)
{
    QProcessEnvironment environment;
    environment.insert(name, value);
    return environment;
}
} // namespace

class TestCliCodeFlowOidc final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void jsonHasAccessIdAndRefreshTokens();
    void refreshPrintsTheNewAccessTokenAndSaysItRotated();
    void reusedRefreshTokenIsInvalidGrant();
    void confidentialClientPrintsTheAccessTokenOnly_data();
    void confidentialClientPrintsTheAccessTokenOnly();
    void verboseRedactsSecretsAndTokens();
    void publicClientWithoutPkceIsRefused();
    void deniedConsentIsAccessDenied();
    void stateMismatchIsValidationFailure();
    void resourceGivesJwtAccessToken();
    void noBrowserPrintsTheUrlAndTimesOut();
    void interruptClosesTheListener();
    void usageErrors_data();
    void usageErrors();
    void browserThatCannotStart_data();
    void browserThatCannotStart();
    void profileKeepsTheCodeFlowSettings();

private:
    CliRun run(const QStringList &arguments, const QByteArray &input = {},
               const QProcessEnvironment &environment = {}) const
    {
        return m_runner->run(arguments, input, environment);
    }
    // token --flow authorization-code for `clientId` from discovery, browser.mjs (with `browserFlags`) as the
    // browser, then `extra`.
    QStringList codeFlow(const QString &clientId, const QString &auth, const QStringList &extra = {},
                         const QString &browserFlags = {}) const;
    QStringList refreshFlow(const QStringList &extra) const;
    QString browserCommand(const QString &flags = {}) const;
    // A complete code flow of public-client; its JSON token response.
    QJsonObject signIn();

    QString m_issuer;
    QString m_node;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliRunner> m_runner;
};

void TestCliCodeFlowOidc::initTestCase()
{
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY2(!m_node.isEmpty(), "node is not in PATH: browser.mjs needs it");
    QVERIFY2(QFile::exists(QStringLiteral(OIDC_BROWSER_MJS)), OIDC_BROWSER_MJS);
    QString error;
    m_issuer = OidcFixture::issuer(&error);
    QVERIFY2(!m_issuer.isEmpty(), qPrintable(error));
}

void TestCliCodeFlowOidc::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_runner = std::make_unique<CliRunner>(m_dir->path());
}

void TestCliCodeFlowOidc::cleanup()
{
    m_runner.reset();
    m_dir.reset();
}

QString TestCliCodeFlowOidc::browserCommand(const QString &flags) const
{
    QString command = QStringLiteral("\"%1\" \"%2\" %u").arg(m_node, QStringLiteral(OIDC_BROWSER_MJS));
    if (!flags.isEmpty())
        command += QLatin1Char(' ') + flags;
    return command;
}

QStringList TestCliCodeFlowOidc::codeFlow(const QString &clientId, const QString &auth,
                                          const QStringList &extra, const QString &browserFlags) const
{
    return QStringList { QStringLiteral("token"),
                         QStringLiteral("--flow"),
                         QStringLiteral("authorization-code"),
                         QStringLiteral("--issuer"),
                         m_issuer,
                         QStringLiteral("--client-id"),
                         clientId,
                         QStringLiteral("--auth"),
                         auth,
                         QStringLiteral("--browser-command"),
                         browserCommand(browserFlags),
                         QStringLiteral("--callback-timeout"),
                         QStringLiteral("30") }
    + extra;
}

QStringList TestCliCodeFlowOidc::refreshFlow(const QStringList &extra) const
{
    return QStringList { QStringLiteral("token"),
                         QStringLiteral("--flow"),
                         QStringLiteral("refresh"),
                         QStringLiteral("--issuer"),
                         m_issuer,
                         QStringLiteral("--client-id"),
                         QStringLiteral("public-client"),
                         QStringLiteral("--auth"),
                         QStringLiteral("none") }
    + extra;
}

QJsonObject TestCliCodeFlowOidc::signIn()
{
    const CliRun result = run(codeFlow(
        QStringLiteral("public-client"), QStringLiteral("none"),
        { QStringLiteral("--scope"), QStringLiteral("openid offline_access"), QStringLiteral("--json") }));
    if (!result.finished || result.exitCode != 0) {
        qWarning("%s", qPrintable(result.describe()));
        return {};
    }
    return QJsonDocument::fromJson(result.out).object();
}

void TestCliCodeFlowOidc::jsonHasAccessIdAndRefreshTokens()
{
    const CliRun result = run(codeFlow(
        QStringLiteral("public-client"), QStringLiteral("none"),
        { QStringLiteral("--scope"), QStringLiteral("openid offline_access"), QStringLiteral("--json") }));
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    QJsonParseError error;
    const QJsonObject response = QJsonDocument::fromJson(result.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(result.describe())); // stdout: the JSON only
    QVERIFY(!response.value(QStringLiteral("access_token")).toString().isEmpty());
    QVERIFY(response.value(QStringLiteral("id_token")).toString().count(QLatin1Char('.')) == 2);
    QVERIFY(!response.value(QStringLiteral("refresh_token")).toString().isEmpty());
    // stderr: one line per step, and the authorization URL to copy.
    const QString err = result.errText();
    QVERIFY2(err.contains(QStringLiteral("* Authorization URL built (RFC 6749 §4.1.1")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("\n") + m_issuer + QStringLiteral("/auth?")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("code_challenge_method=S256")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("* Callback received")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("* Tokens received")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("* ID token validated")), qPrintable(err));
    QVERIFY2(!err.contains(QStringLiteral("error:")), qPrintable(err));
}

void TestCliCodeFlowOidc::refreshPrintsTheNewAccessTokenAndSaysItRotated()
{
    const QJsonObject tokens = signIn();
    const QString refreshToken = tokens.value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!refreshToken.isEmpty());

    const CliRun result = run(refreshFlow({ QStringLiteral("--refresh-token-env"), QStringLiteral("RT") }),
                              {}, variable(QStringLiteral("RT"), refreshToken));
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.out.endsWith('\n') && result.out.count('\n') == 1, qPrintable(result.describe()));
    const QString accessToken = result.outText().trimmed();
    QVERIFY(accessToken.size() >= 20);
    QVERIFY(accessToken != tokens.value(QStringLiteral("access_token")).toString());
    QVERIFY2(result.errText().contains(QStringLiteral("rotated")), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QStringLiteral("--json")), qPrintable(result.describe()));
    QVERIFY2(!result.err.contains(refreshToken.toUtf8()), qPrintable(result.describe()));
}

void TestCliCodeFlowOidc::reusedRefreshTokenIsInvalidGrant()
{
    const QString first = signIn().value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!first.isEmpty());
    // From standard input, with --json: the new refresh token comes back.
    const CliRun refreshed
        = run(refreshFlow({ QStringLiteral("--refresh-token-stdin"), QStringLiteral("--json") }),
              first.toUtf8() + '\n');
    QVERIFY2(refreshed.finished && refreshed.exitCode == 0, qPrintable(refreshed.describe()));
    const QString second
        = QJsonDocument::fromJson(refreshed.out).object().value(QStringLiteral("refresh_token")).toString();
    QVERIFY2(!second.isEmpty() && second != first, qPrintable(refreshed.describe()));

    const CliRun reused = run(refreshFlow({ QStringLiteral("--refresh-token-env"), QStringLiteral("RT") }),
                              {}, variable(QStringLiteral("RT"), first));
    QVERIFY2(reused.finished && reused.exitCode == 3, qPrintable(reused.describe()));
    QVERIFY(reused.out.isEmpty());
    QVERIFY2(reused.errText().contains(QStringLiteral("error: invalid_grant")),
             qPrintable(reused.describe()));
    QVERIFY2(reused.errText().contains(QStringLiteral("sign in again")), qPrintable(reused.describe()));
}

void TestCliCodeFlowOidc::confidentialClientPrintsTheAccessTokenOnly_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("auth");
    QTest::newRow("client_secret_basic")
        << QStringLiteral("code-basic") << QStringLiteral("code-basic-secret") << QStringLiteral("basic");
    QTest::newRow("client_secret_post")
        << QStringLiteral("code-post") << QStringLiteral("code-post-secret") << QStringLiteral("post");
}

void TestCliCodeFlowOidc::confidentialClientPrintsTheAccessTokenOnly()
{
    QFETCH(QString, clientId);
    QFETCH(QString, secret);
    QFETCH(QString, auth);
    const CliRun result = run(codeFlow(clientId, auth,
                                       { QStringLiteral("--scope"), QStringLiteral("openid"),
                                         QStringLiteral("--client-secret-env"), QStringLiteral("SECRET") }),
                              {}, variable(QStringLiteral("SECRET"), secret));
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.out.endsWith('\n') && result.out.count('\n') == 1, qPrintable(result.describe()));
    QVERIFY(!result.outText().contains(QLatin1Char(' ')));
}

void TestCliCodeFlowOidc::verboseRedactsSecretsAndTokens()
{
    const CliRun result = run(codeFlow(QStringLiteral("code-post"), QStringLiteral("post"),
                                       { QStringLiteral("--scope"), QStringLiteral("openid offline_access"),
                                         QStringLiteral("--json"), QStringLiteral("--verbose"),
                                         QStringLiteral("--client-secret-env"), QStringLiteral("SECRET") }),
                              {}, variable(QStringLiteral("SECRET"), QStringLiteral("code-post-secret")));
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.err.contains("> POST /token"), qPrintable(result.describe()));
    QVERIFY2(!result.err.contains("code-post-secret"), qPrintable(result.describe()));
    const QJsonObject response = QJsonDocument::fromJson(result.out).object();
    for (const char *name : { "access_token", "id_token", "refresh_token" }) {
        const QByteArray value = response.value(QLatin1String(name)).toString().toUtf8();
        QVERIFY2(!value.isEmpty(), name);
        QVERIFY2(!result.err.contains(value), name);
    }
}

void TestCliCodeFlowOidc::publicClientWithoutPkceIsRefused()
{
    const CliRun result = run(codeFlow(QStringLiteral("public-client"), QStringLiteral("none"),
                                       { QStringLiteral("--pkce"), QStringLiteral("none") }));
    QVERIFY2(result.finished && result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
    QVERIFY2(!result.errText().contains(QStringLiteral("code_challenge")), qPrintable(result.describe()));
    // The server's own words.
    QVERIFY2(result.errText().contains(
                 QStringLiteral("error: invalid_request: Authorization Server policy requires PKCE")),
             qPrintable(result.describe()));
}

void TestCliCodeFlowOidc::deniedConsentIsAccessDenied()
{
    const CliRun result
        = run(codeFlow(QStringLiteral("public-client"), QStringLiteral("none"),
                       { QStringLiteral("--scope"), QStringLiteral("openid") }, QStringLiteral("--deny")));
    QVERIFY2(result.finished && result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.errText().contains(QStringLiteral("error: access_denied: End-User aborted interaction")),
             qPrintable(result.describe()));
}

void TestCliCodeFlowOidc::stateMismatchIsValidationFailure()
{
    const CliRun result = run(codeFlow(QStringLiteral("public-client"), QStringLiteral("none"),
                                       { QStringLiteral("--scope"), QStringLiteral("openid") },
                                       QStringLiteral("--forge-state")));
    QVERIFY2(result.finished && result.exitCode == 5, qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.errText().contains(QStringLiteral("state does not match")),
             qPrintable(result.describe()));
    QVERIFY2(!result.errText().contains(QStringLiteral("* Tokens received")), qPrintable(result.describe()));
}

void TestCliCodeFlowOidc::resourceGivesJwtAccessToken()
{
    const CliRun result
        = run(codeFlow(QStringLiteral("public-client"), QStringLiteral("none"),
                       { QStringLiteral("--scope"), QStringLiteral("openid read"),
                         QStringLiteral("--resource"), QStringLiteral("https://api.example.test") }));
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    const QList<QByteArray> parts = result.out.trimmed().split('.');
    QVERIFY2(parts.size() == 3, qPrintable(result.describe()));
    const QJsonObject claims
        = QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding))
              .object();
    QCOMPARE(claims.value(QStringLiteral("aud")).toString(), QStringLiteral("https://api.example.test"));
}

void TestCliCodeFlowOidc::noBrowserPrintsTheUrlAndTimesOut()
{
    QTcpServer probe; // a free port for --redirect-port
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    const CliRun result
        = run({ QStringLiteral("token"), QStringLiteral("--flow"), QStringLiteral("authorization-code"),
                QStringLiteral("--issuer"), m_issuer, QStringLiteral("--client-id"),
                QStringLiteral("public-client"), QStringLiteral("--auth"), QStringLiteral("none"),
                QStringLiteral("--no-browser"), QStringLiteral("--redirect-port"), QString::number(port),
                QStringLiteral("--callback-timeout"), QStringLiteral("1") });
    QVERIFY2(result.finished && result.exitCode == 4, qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
    const QString err = result.errText();
    QVERIFY2(
        err.contains(QStringLiteral("Open this URL in a browser:\n") + m_issuer + QStringLiteral("/auth?")),
        qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("redirect_uri=http%3A%2F%2F127.0.0.1%3A%1%2Fcallback").arg(port)),
             qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("--callback-timeout")), qPrintable(err));
}

void TestCliCodeFlowOidc::interruptClosesTheListener()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent"));
    QProcess cli;
    cli.setProcessEnvironment(environment);
    cli.start(QStringLiteral(OAUTH_DEBUGGER_CLI),
              { QStringLiteral("--profiles-dir"), m_runner->profilesDir(), QStringLiteral("token"),
                QStringLiteral("--flow"), QStringLiteral("authorization-code"), QStringLiteral("--issuer"),
                m_issuer, QStringLiteral("--client-id"), QStringLiteral("public-client"),
                QStringLiteral("--auth"), QStringLiteral("none"), QStringLiteral("--no-browser") });
    QVERIFY(cli.waitForStarted(10000));
    QByteArray err;
    const QRegularExpression waiting(QStringLiteral("redirect to http://127\\.0\\.0\\.1:(\\d+)/callback"));
    QRegularExpressionMatch match;
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     err += cli.readAllStandardError();
                     match = waiting.match(QString::fromUtf8(err));
                     return match.hasMatch();
                 },
                 20000),
             err.constData());
    const quint16 port = quint16(match.captured(1).toUInt());
    QTcpSocket before;
    before.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY2(before.waitForConnected(5000), "the listener is not there");
    before.abort();

    ::kill(pid_t(cli.processId()), SIGINT);
    QVERIFY(cli.waitForFinished(10000));
    err += cli.readAllStandardError();
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit); // handled, not killed by the signal
    QCOMPARE(cli.exitCode(), 130);
    QVERIFY(cli.readAllStandardOutput().isEmpty());
    QVERIFY2(err.contains("error: interrupted"), err.constData());
    QTcpSocket after;
    after.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!after.waitForConnected(1000));
}

void TestCliCodeFlowOidc::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QStringList adHoc { QStringLiteral("token"),
                              QStringLiteral("--token-url"),
                              QStringLiteral("http://127.0.0.1:9/token"),
                              QStringLiteral("--client-id"),
                              QStringLiteral("c"),
                              QStringLiteral("--auth"),
                              QStringLiteral("none") };
    QTest::newRow("unknown flow") << adHoc
            + QStringList { QStringLiteral("--flow"), QStringLiteral("implicit") }
                                  << QStringLiteral("--flow: unknown flow");
    QTest::newRow("code flow option with client credentials")
        << adHoc + QStringList { QStringLiteral("--pkce"), QStringLiteral("plain") }
        << QStringLiteral("--pkce applies to --flow authorization-code only");
    QTest::newRow("refresh token with the code flow")
        << adHoc
            + QStringList { QStringLiteral("--flow"), QStringLiteral("authorization-code"),
                            QStringLiteral("--refresh-token"), QStringLiteral("x") }
        << QStringLiteral("--refresh-token applies to --flow refresh only");
    QTest::newRow("refresh without a token")
        << adHoc + QStringList { QStringLiteral("--flow"), QStringLiteral("refresh") }
        << QStringLiteral("needs a refresh token");
    QTest::newRow("no browser and a browser command") << adHoc
            + QStringList { QStringLiteral("--flow"),
                            QStringLiteral("authorization-code"),
                            QStringLiteral("--authorization-url"),
                            QStringLiteral("http://127.0.0.1:9/auth"),
                            QStringLiteral("--no-browser"),
                            QStringLiteral("--browser-command"),
                            QStringLiteral("b %u") } << QStringLiteral("exclude each other");
    QTest::newRow("browser command without %u")
        << adHoc
            + QStringList { QStringLiteral("--flow"),
                            QStringLiteral("authorization-code"),
                            QStringLiteral("--authorization-url"),
                            QStringLiteral("http://127.0.0.1:9/auth"),
                            QStringLiteral("--browser-command"),
                            QStringLiteral("firefox") }
        << QStringLiteral("--browser-command: The browser command must contain %u");
    QTest::newRow("unknown PKCE method") << adHoc
            + QStringList { QStringLiteral("--flow"), QStringLiteral("authorization-code"),
                            QStringLiteral("--pkce"), QStringLiteral("S512") }
                                         << QStringLiteral("--pkce: unknown method");
    QTest::newRow("bad redirect port") << adHoc
            + QStringList { QStringLiteral("--flow"), QStringLiteral("authorization-code"),
                            QStringLiteral("--redirect-port"), QStringLiteral("70000") }
                                       << QStringLiteral("--redirect-port");
    QTest::newRow("no authorization endpoint")
        << adHoc + QStringList { QStringLiteral("--flow"), QStringLiteral("authorization-code") }
        << QStringLiteral("no authorization_endpoint: pass --authorization-url URL or --issuer URL");
    QTest::newRow("two readers of stdin") << adHoc
            + QStringList { QStringLiteral("--flow"), QStringLiteral("refresh"),
                            QStringLiteral("--refresh-token-stdin"), QStringLiteral("--client-secret-stdin") }
                                          << QStringLiteral("both read standard input");
}

void TestCliCodeFlowOidc::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CliRun result = run(arguments);
    QVERIFY2(result.finished && result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.errText().contains(message), qPrintable(result.describe()));
}

void TestCliCodeFlowOidc::browserThatCannotStart_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<bool>("emptyPath"); // PATH of the CLI: a directory without programs
    QTest::addColumn<QString>("message");
    QTest::newRow("missing program") << QStringList {
        QStringLiteral("--browser-command"), QStringLiteral("/nonexistent/browser --new-tab %u")
    } << false << QStringLiteral("error: cannot start the browser \"/nonexistent/browser\"");
    QTest::newRow("no xdg-open") << QStringList() << true << QStringLiteral("error: no browser found");
}

// Nothing can open the URL: said at once (exit 2) rather than waiting for a redirect that cannot come.
void TestCliCodeFlowOidc::browserThatCannotStart()
{
    QFETCH(QStringList, extra);
    QFETCH(bool, emptyPath);
    QFETCH(QString, message);
    QProcessEnvironment environment;
    if (emptyPath)
        environment.insert(QStringLiteral("PATH"), m_dir->path());
    const CliRun result = run(
        QStringList { QStringLiteral("token"), QStringLiteral("--flow"), QStringLiteral("authorization-code"),
                      QStringLiteral("--token-url"), m_issuer + QStringLiteral("/token"),
                      QStringLiteral("--authorization-url"), m_issuer + QStringLiteral("/auth"),
                      QStringLiteral("--client-id"), QStringLiteral("public-client"),
                      QStringLiteral("--auth"), QStringLiteral("none") }
            + extra,
        {}, environment);
    QVERIFY2(result.finished && result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.errText().contains(message), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QStringLiteral("--no-browser")), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(m_issuer + QStringLiteral("/auth?")), qPrintable(result.describe()));
}

void TestCliCodeFlowOidc::profileKeepsTheCodeFlowSettings()
{
    const CliRun add = run(
        { QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("code"),
          QStringLiteral("--issuer"), m_issuer, QStringLiteral("--client-id"), QStringLiteral("code-post"),
          QStringLiteral("--auth"), QStringLiteral("post"), QStringLiteral("--scope"),
          QStringLiteral("openid"), QStringLiteral("--redirect-port"), QStringLiteral("0"),
          QStringLiteral("--redirect-path"), QStringLiteral("/callback"), QStringLiteral("--pkce"),
          QStringLiteral("S256"), QStringLiteral("--browser-command"), browserCommand() });
    QVERIFY2(add.finished && add.exitCode == 0, qPrintable(add.describe()));
    const CliRun show = run({ QStringLiteral("profiles"), QStringLiteral("show"), QStringLiteral("code") });
    QVERIFY2(show.exitCode == 0, qPrintable(show.describe()));
    const QString text = show.outText();
    QVERIFY2(text.contains(QStringLiteral("redirect port: 0 (any free port)\n")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("redirect path: /callback\n")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("PKCE: S256\n")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("browser command: ") + browserCommand() + QLatin1Char('\n')),
             qPrintable(text));

    // The saved browser command and endpoints are used: no other option needed but the secret.
    const CliRun token = run({ QStringLiteral("token"), QStringLiteral("--profile"), QStringLiteral("code"),
                               QStringLiteral("--flow"), QStringLiteral("authorization-code"),
                               QStringLiteral("--client-secret-env"), QStringLiteral("SECRET") },
                             {}, variable(QStringLiteral("SECRET"), QStringLiteral("code-post-secret")));
    QVERIFY2(token.finished && token.exitCode == 0, qPrintable(token.describe()));
    QVERIFY(!token.outText().trimmed().isEmpty());
}

QTEST_GUILESS_MAIN(TestCliCodeFlowOidc)
#include "tst_cli_code_flow_oidc.moc"
