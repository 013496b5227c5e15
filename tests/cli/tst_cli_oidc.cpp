// oauth-debugger-cli against a real authorization server (oidc-provider, tests/oidc/server.mjs): client
// authentication methods, OAuth errors, resource indicators, the protected API, and what --verbose shows.
#include "CliRunner.h"
#include "FormEncoding.h"
#include "OidcFixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const QString HostileId = QStringLiteral("weird:client id%+");
const QString HostileSecret = QStringLiteral("s3cr:et%+ &/=?#~");

QProcessEnvironment secretEnvironment(const QString &secret)
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("CLI_TEST_SECRET"), secret);
    return environment;
}

// Every form a secret takes on the wire: as is, form-urlencoded, and inside a Basic header.
QList<QByteArray> wireForms(const QString &clientId, const QString &secret)
{
    const QByteArray basic = FormEncoding::basicAuthorization(clientId, secret);
    return { secret.toUtf8(), FormEncoding::encodeComponent(secret), basic.mid(basic.indexOf(' ') + 1) };
}
} // namespace

class TestCliOidc final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void clientAuthentication_data();
    void clientAuthentication();
    void secretFromStdin();
    void jsonPrintsTheTokenResponse();
    void wrongSecretIsInvalidClient();
    void wrongAuthMethodIsInvalidClient_data();
    void wrongAuthMethodIsInvalidClient();
    void unknownResourceIsInvalidTarget();
    void jwtResourceGivesJwt();
    void verboseShowsTheExchangeWithoutSecrets_data();
    void verboseShowsTheExchangeWithoutSecrets();
    void requestWithoutTokenShowsChallenge_data();
    void requestWithoutTokenShowsChallenge();
    void requestWithToken();
    void requestWithProfile();
    void requestWithBody();

private:
    CliRun run(const QStringList &arguments, const QByteArray &input = {},
               const QProcessEnvironment &environment = {}) const
    {
        return m_runner->run(arguments, input, environment);
    }
    QStringList adHoc(const QString &clientId, const QStringList &extra = {}) const;
    CliRun token(const QString &clientId, const QString &secret, const QStringList &extra = {}) const;

    QString m_issuer;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliRunner> m_runner;
};

void TestCliOidc::initTestCase()
{
    QString error;
    m_issuer = OidcFixture::issuer(&error);
    QVERIFY2(!m_issuer.isEmpty(), qPrintable(error));
}

void TestCliOidc::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_runner = std::make_unique<CliRunner>(m_dir->path());
}

void TestCliOidc::cleanup()
{
    m_runner.reset();
    m_dir.reset();
}

QStringList TestCliOidc::adHoc(const QString &clientId, const QStringList &extra) const
{
    return QStringList { QStringLiteral("token"),
                         QStringLiteral("--token-url"),
                         m_issuer + QStringLiteral("/token"),
                         QStringLiteral("--client-id"),
                         clientId,
                         QStringLiteral("--client-secret-env"),
                         QStringLiteral("CLI_TEST_SECRET") }
    + extra;
}

CliRun TestCliOidc::token(const QString &clientId, const QString &secret, const QStringList &extra) const
{
    return run(adHoc(clientId, extra), {}, secretEnvironment(secret));
}

void TestCliOidc::clientAuthentication_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("auth");
    QTest::newRow("client_secret_basic")
        << QStringLiteral("basic-client") << QStringLiteral("basic-secret") << QStringLiteral("basic");
    QTest::newRow("client_secret_post")
        << QStringLiteral("post-client") << QStringLiteral("post-secret") << QStringLiteral("post");
    QTest::newRow("hostile id and secret, basic") << HostileId << HostileSecret << QStringLiteral("basic");
}

void TestCliOidc::clientAuthentication()
{
    QFETCH(QString, clientId);
    QFETCH(QString, secret);
    QFETCH(QString, auth);
    const CliRun result
        = run(adHoc(clientId, { QStringLiteral("--auth"), auth }), {}, secretEnvironment(secret));
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    // stdout is the token and nothing else, ready for $(...)
    QVERIFY2(result.out.endsWith('\n') && result.out.count('\n') == 1, qPrintable(result.describe()));
    const QString accessToken = result.outText().trimmed();
    QVERIFY2(accessToken.size() >= 20 && !accessToken.contains(QLatin1Char(' ')),
             qPrintable(result.describe()));
    QVERIFY2(!result.errText().contains(QLatin1String("error:")), qPrintable(result.describe()));
}

void TestCliOidc::secretFromStdin()
{
    const CliRun result
        = run({ QStringLiteral("token"), QStringLiteral("--token-url"), m_issuer + QStringLiteral("/token"),
                QStringLiteral("--client-id"), HostileId, QStringLiteral("--client-secret-stdin") },
              HostileSecret.toUtf8() + '\n');
    QVERIFY2(result.exitCode == 0 && !result.outText().trimmed().isEmpty(), qPrintable(result.describe()));
}

void TestCliOidc::jsonPrintsTheTokenResponse()
{
    const CliRun result
        = token(QStringLiteral("basic-client"), QStringLiteral("basic-secret"), { QStringLiteral("--json") });
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError && document.isObject(), qPrintable(result.describe()));
    const QJsonObject object = document.object();
    QVERIFY2(!object.value(QLatin1String("access_token")).toString().isEmpty(),
             qPrintable(result.describe()));
    QCOMPARE(object.value(QLatin1String("token_type")).toString().toLower(), QStringLiteral("bearer"));
    QVERIFY2(object.value(QLatin1String("expires_in")).toInt() > 0, qPrintable(result.describe()));
}

void TestCliOidc::wrongSecretIsInvalidClient()
{
    const CliRun result
        = run(adHoc(QStringLiteral("basic-client")), {}, secretEnvironment(QStringLiteral("wrong")));
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("error: invalid_client")),
             qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("(HTTP 401)")), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("\nhint: ")), qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
}

void TestCliOidc::wrongAuthMethodIsInvalidClient_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("auth");
    QTest::newRow("basic client sends post")
        << QStringLiteral("basic-client") << QStringLiteral("basic-secret") << QStringLiteral("post");
    QTest::newRow("post client sends basic")
        << QStringLiteral("post-client") << QStringLiteral("post-secret") << QStringLiteral("basic");
}

void TestCliOidc::wrongAuthMethodIsInvalidClient()
{
    QFETCH(QString, clientId);
    QFETCH(QString, secret);
    QFETCH(QString, auth);
    const CliRun result
        = run(adHoc(clientId, { QStringLiteral("--auth"), auth }), {}, secretEnvironment(secret));
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("invalid_client")), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("--auth")), qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
}

void TestCliOidc::unknownResourceIsInvalidTarget()
{
    const CliRun result
        = run(adHoc(QStringLiteral("basic-client"),
                    { QStringLiteral("--resource"), QStringLiteral("https://unknown.example") }),
              {}, secretEnvironment(QStringLiteral("basic-secret")));
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("error: invalid_target")),
             qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
}

void TestCliOidc::jwtResourceGivesJwt()
{
    const CliRun result = token(QStringLiteral("basic-client"), QStringLiteral("basic-secret"),
                                { QStringLiteral("--resource"), QStringLiteral("https://api.example.test"),
                                  QStringLiteral("--scope"), QStringLiteral("read write") });
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.outText().trimmed().split(QLatin1Char('.')).size() == 3, qPrintable(result.describe()));
}

void TestCliOidc::verboseShowsTheExchangeWithoutSecrets_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("auth");
    QTest::newRow("basic") << HostileId << HostileSecret << QStringLiteral("basic");
    QTest::newRow("post") << QStringLiteral("post-client") << QStringLiteral("post-secret")
                          << QStringLiteral("post");
}

void TestCliOidc::verboseShowsTheExchangeWithoutSecrets()
{
    QFETCH(QString, clientId);
    QFETCH(QString, secret);
    QFETCH(QString, auth);
    const CliRun result
        = run(adHoc(clientId, { QStringLiteral("--auth"), auth, QStringLiteral("--verbose") }), {},
              secretEnvironment(secret));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.err.contains("> POST /token"), qPrintable(result.describe()));
    QVERIFY2(result.err.contains("< HTTP/1.1 200"), qPrintable(result.describe()));
    const QList<QByteArray> forms = wireForms(clientId, secret);
    for (const QByteArray &form : forms)
        QVERIFY2(!result.err.contains(form),
                 qPrintable(QStringLiteral("secret form \"%1\" leaked\n%2")
                                .arg(QString::fromUtf8(form), result.describe())));
    const QByteArray accessToken = result.out.trimmed();
    QVERIFY2(!accessToken.isEmpty() && !result.err.contains(accessToken), qPrintable(result.describe()));
    // stdout stays the token alone
    QCOMPARE(result.out.count('\n'), 1);
}

void TestCliOidc::requestWithoutTokenShowsChallenge_data()
{
    QTest::addColumn<QStringList>("tokenArguments");
    QTest::addColumn<QString>("challenge");
    QTest::newRow("no token") << QStringList {} << QStringLiteral("realm \"oidc-test\"");
    QTest::newRow("bogus token") << QStringList { QStringLiteral("--token"), QStringLiteral("bogus-token") }
                                 << QStringLiteral("invalid_token");
}

void TestCliOidc::requestWithoutTokenShowsChallenge()
{
    QFETCH(QStringList, tokenArguments);
    QFETCH(QString, challenge);
    const CliRun result = run(QStringList { QStringLiteral("request") } + tokenArguments
                              + QStringList { m_issuer + QStringLiteral("/api/hello") });
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY2(result.errText().startsWith(QLatin1String("HTTP 401 Unauthorized\n")),
             qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("challenge: ")), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(challenge), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1String("hint: ")), qPrintable(result.describe()));
    // the body, as received, is still the data on stdout
    QVERIFY2(QJsonDocument::fromJson(result.out).isObject(), qPrintable(result.describe()));
}

void TestCliOidc::requestWithToken()
{
    const CliRun fetched = token(QStringLiteral("basic-client"), QStringLiteral("basic-secret"));
    QVERIFY2(fetched.exitCode == 0, qPrintable(fetched.describe()));
    const QString accessToken = fetched.outText().trimmed();
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("CLI_TEST_TOKEN"), accessToken);
    const CliRun result
        = run({ QStringLiteral("request"), QStringLiteral("--token-env"), QStringLiteral("CLI_TEST_TOKEN"),
                QStringLiteral("--verbose"), m_issuer + QStringLiteral("/api/hello") },
              {}, environment);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(QJsonDocument::fromJson(result.out).object().value(QLatin1String("message")).toString(),
             QStringLiteral("hello"));
    QVERIFY2(result.err.contains("> GET /api/hello"), qPrintable(result.describe()));
    QVERIFY2(!result.errText().contains(accessToken), qPrintable(result.describe()));

    const CliRun capped
        = run({ QStringLiteral("request"), QStringLiteral("--token-env"), QStringLiteral("CLI_TEST_TOKEN"),
                QStringLiteral("--max-body"), QStringLiteral("10"), m_issuer + QStringLiteral("/api/hello") },
              {}, environment);
    QVERIFY2(capped.exitCode == 3, qPrintable(capped.describe()));
    QVERIFY2(capped.errText().contains(QLatin1String("--max-body")), qPrintable(capped.describe()));
    QVERIFY2(capped.out.size() <= 10, qPrintable(capped.describe()));
}

void TestCliOidc::requestWithProfile()
{
    const CliRun add = run({ QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("api"),
                             QStringLiteral("--token-url"), m_issuer + QStringLiteral("/token"),
                             QStringLiteral("--client-id"), QStringLiteral("post-client"),
                             QStringLiteral("--auth"), QStringLiteral("post") });
    QVERIFY2(add.exitCode == 0, qPrintable(add.describe()));

    const CliRun result = run({ QStringLiteral("request"), QStringLiteral("--profile"), QStringLiteral("api"),
                                QStringLiteral("--client-secret-env"), QStringLiteral("CLI_TEST_SECRET"),
                                m_issuer + QStringLiteral("/api/hello") },
                              {}, secretEnvironment(QStringLiteral("post-secret")));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.outText().contains(QLatin1String("hello")), qPrintable(result.describe()));
    QVERIFY2(result.errText().startsWith(QLatin1String("HTTP 200")), qPrintable(result.describe()));

    // The same profile with the wrong secret fails at the token endpoint, before any API call.
    const CliRun wrong = run({ QStringLiteral("request"), QStringLiteral("--profile"), QStringLiteral("api"),
                               QStringLiteral("--client-secret-env"), QStringLiteral("CLI_TEST_SECRET"),
                               m_issuer + QStringLiteral("/api/hello") },
                             {}, secretEnvironment(QStringLiteral("wrong")));
    QVERIFY2(wrong.exitCode == 3 && wrong.errText().contains(QLatin1String("invalid_client")),
             qPrintable(wrong.describe()));
    QVERIFY2(!wrong.errText().contains(QLatin1String("HTTP 200")) && wrong.out.isEmpty(),
             qPrintable(wrong.describe()));
}

void TestCliOidc::requestWithBody()
{
    // -d @- posts a form read from stdin, like curl: here a token request by hand.
    const CliRun result
        = run({ QStringLiteral("request"), QStringLiteral("-d"), QStringLiteral("@-"),
                m_issuer + QStringLiteral("/token") },
              "grant_type=client_credentials&client_id=post-client&client_secret=post-secret");
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(!QJsonDocument::fromJson(result.out)
                  .object()
                  .value(QLatin1String("access_token"))
                  .toString()
                  .isEmpty(),
             qPrintable(result.describe()));

    const CliRun get = run({ QStringLiteral("request"), QStringLiteral("-X"), QStringLiteral("GET"),
                             m_issuer + QStringLiteral("/token") });
    QVERIFY2(get.exitCode == 3, qPrintable(get.describe()));
}
QTEST_GUILESS_MAIN(TestCliOidc)
#include "tst_cli_oidc.moc"
