// `inspect`: decode, verify against the real oidc-provider's keys, findings, exit codes (0 valid, 5 invalid).
#include "CliRunner.h"
#include "OidcFixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestCliInspectOidc final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_issuer;
    QString m_jwt;

    CliRunner runner() const { return CliRunner(m_dir.path()); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_issuer = OidcFixture::issuer(&error);
        QVERIFY2(!m_issuer.isEmpty(), qPrintable(error));
        const CliRun token = runner().run(
            { QStringLiteral("token"), QStringLiteral("--token-url"), m_issuer + QStringLiteral("/token"),
              QStringLiteral("--client-id"), QStringLiteral("basic-client"),
              QStringLiteral("--client-secret-env"), QStringLiteral("SECRET"), QStringLiteral("--resource"),
              QStringLiteral("https://api.example.test") },
            {}, [] {
                QProcessEnvironment e;
                e.insert(QStringLiteral("SECRET"), QStringLiteral("basic-secret"));
                return e;
            }());
        QVERIFY2(token.exitCode == 0, qPrintable(token.describe()));
        m_jwt = token.outText().trimmed();
        QCOMPARE(m_jwt.count(QLatin1Char('.')), 2);
    }

    void verifiesAgainstTheIssuersKeys()
    {
        const CliRun run = runner().run({ QStringLiteral("inspect"), QStringLiteral("--issuer"), m_issuer,
                                          QStringLiteral("--access-token"), m_jwt });
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(run.outText().contains(QStringLiteral("RFC 9068 access token")), qPrintable(run.describe()));
        QVERIFY2(run.outText().contains(QStringLiteral("signature: signature valid")),
                 qPrintable(run.describe()));
        QVERIFY(run.outText().contains(QStringLiteral("iss: ") + m_issuer));
    }

    void aChangedPayloadFailsWithExitFive()
    {
        QString tampered = m_jwt;
        const int dot = tampered.indexOf(QLatin1Char('.'));
        const int middle = dot + (tampered.indexOf(QLatin1Char('.'), dot + 1) - dot) / 2;
        tampered[middle] = tampered.at(middle) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        const CliRun run = runner().run({ QStringLiteral("inspect"), QStringLiteral("--jwks"),
                                          m_issuer + QStringLiteral("/jwks"), tampered });
        QVERIFY2(run.exitCode == 5, qPrintable(run.describe()));
        QVERIFY(run.outText().contains(QStringLiteral("token.signature-invalid"))
                || run.outText().contains(QStringLiteral("malformed")));
    }

    void jsonReportsTheVerification()
    {
        const CliRun run
            = runner().run({ QStringLiteral("inspect"), QStringLiteral("--json"), QStringLiteral("--jwks"),
                             m_issuer + QStringLiteral("/jwks"), QStringLiteral("-") },
                           m_jwt.toUtf8() + '\n');
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(root.value(QStringLiteral("kind")).toString(), QStringLiteral("jws"));
        QCOMPARE(
            root.value(QStringLiteral("signature")).toObject().value(QStringLiteral("status")).toString(),
            QStringLiteral("valid"));
        QCOMPARE(root.value(QStringLiteral("claims")).toObject().value(QStringLiteral("iss")).toString(),
                 m_issuer);
        QVERIFY(root.value(QStringLiteral("valid")).toBool());
    }

    void hmacWithTheRightAndWrongSecret()
    {
        // RFC 7515 Appendix A.1: HS256 with the key below (its JWK "k", base64url-decoded).
        const QString token = QStringLiteral(
            "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
            "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        const QByteArray key = QByteArray::fromBase64(
            "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
            QByteArray::Base64UrlEncoding);
        QVERIFY(!key.isEmpty());
        // The RFC key is binary and cannot travel as a command-line argument; a wrong secret must fail
        // (exit 5). The valid HS256 case is covered by the JOSE tests.
        const CliRun wrong = runner().run(
            { QStringLiteral("inspect"), QStringLiteral("--secret"), QStringLiteral("not-the-key"), token });
        QVERIFY2(wrong.exitCode == 5, qPrintable(wrong.describe()));
        QVERIFY(wrong.outText().contains(QStringLiteral("token.signature-invalid")));
        // This token expired in 2011: also an error finding.
        QVERIFY(wrong.outText().contains(QStringLiteral("token.expired")));
    }

    void tokenPrintsFindingsOnStderr()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("SECRET"), QStringLiteral("basic-secret"));
        const CliRun run = runner().run({ QStringLiteral("token"), QStringLiteral("--token-url"),
                                          m_issuer + QStringLiteral("/token"), QStringLiteral("--client-id"),
                                          QStringLiteral("basic-client"),
                                          QStringLiteral("--client-secret-env"), QStringLiteral("SECRET"),
                                          QStringLiteral("--scope"), QStringLiteral("read unknown-scope") },
                                        {}, env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        // The server drops the unknown scope silently; the finding says so, on stderr only.
        QVERIFY2(run.errText().contains(QStringLiteral("finding: info response.scope-differs")),
                 qPrintable(run.describe()));
        QVERIFY(!run.outText().contains(QStringLiteral("finding")));
    }

    void opaqueTokensAreRecognised()
    {
        const CliRun run
            = runner().run({ QStringLiteral("inspect"), QStringLiteral("2YotnFZFEjr1zCsicMWpAA") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY(run.outText().contains(QStringLiteral("kind: opaque")));
        QVERIFY(run.outText().contains(QStringLiteral("introspection")));
    }

    void usageErrors()
    {
        QCOMPARE(runner().run({ QStringLiteral("inspect") }).exitCode, 2);
        QCOMPARE(runner().run({ QStringLiteral("inspect"), QStringLiteral("--id-token"), m_jwt }).exitCode,
                 2);
        QCOMPARE(runner()
                     .run({ QStringLiteral("inspect"), QStringLiteral("--jwks"), QStringLiteral("not a url"),
                            m_jwt })
                     .exitCode,
                 2);
    }

    void unreachableJwksIsATransportFailure()
    {
        const CliRun run = runner().run({ QStringLiteral("inspect"), QStringLiteral("--jwks"),
                                          QStringLiteral("http://127.0.0.1:1/jwks"), m_jwt });
        QVERIFY2(run.exitCode == 4, qPrintable(run.describe()));
    }
};

QTEST_GUILESS_MAIN(TestCliInspectOidc)
#include "tst_cli_inspect_oidc.moc"
