// SandboxKeys: generated once, kept private in the data folder, published as a JWKS that verifies what they
// sign.
#include "JwkSetParser.h"
#include "JwsVerifier.h"
#include "JwtParser.h"
#include "SandboxKeys.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

class TestSandboxKeys final : public QObject
{
    Q_OBJECT

    static JwkSet parsedSet(const SandboxKeys &keys)
    {
        const JwkSetParseResult parsed
            = JwkSetParser::parse(QJsonDocument(keys.jwks()).toJson(QJsonDocument::Compact));
        return parsed.set;
    }

private Q_SLOTS:
    void generatesPrivateFilesAndKeepsThem()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString folder = dir.filePath(QStringLiteral("data"));
        QString rsaKid;
        QString ecKid;
        {
            SandboxKeys keys(folder);
            QVERIFY2(keys.load(), qPrintable(keys.error()));
            rsaKid = keys.kid(QStringLiteral("RS256"));
            ecKid = keys.kid(QStringLiteral("ES256"));
        }
        QVERIFY(!rsaKid.isEmpty());
        QVERIFY(rsaKid != ecKid);
        const QStringList files = QDir(folder).entryList(QDir::Files);
        QCOMPARE(files.size(), 2);
        for (const QString &file : files) {
            const QFileInfo info(QDir(folder).filePath(file));
            // QFileInfo adds the "User" bits for the current user; group and others must have nothing.
            const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
                | QFileDevice::ExeOther | QFileDevice::ExeOwner;
            QCOMPARE(info.permissions() & others, QFileDevice::Permissions());
            QVERIFY(info.permissions().testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        }
        SandboxKeys again(folder);
        QVERIFY2(again.load(), qPrintable(again.error()));
        QCOMPARE(again.kid(QStringLiteral("RS256")), rsaKid);
        QCOMPARE(again.kid(QStringLiteral("ES256")), ecKid);
    }

    void jwksKidsAreRfc7638Thumbprints()
    {
        QTemporaryDir dir;
        SandboxKeys keys(dir.path());
        QVERIFY(keys.load());
        const JwkSet set = parsedSet(keys);
        QCOMPARE(set.keys.size(), 2);
        QVERIFY(!set.hasPrivateMaterial());
        for (const Jwk &key : set.keys) {
            QCOMPARE(key.kid, key.thumbprint);
            QCOMPARE(key.use, QStringLiteral("sig"));
        }
    }

    void signedTokensVerify_data()
    {
        QTest::addColumn<QString>("alg");
        QTest::newRow("RS256") << QStringLiteral("RS256");
        QTest::newRow("ES256") << QStringLiteral("ES256");
    }

    void signedTokensVerify()
    {
        QFETCH(QString, alg);
        QTemporaryDir dir;
        SandboxKeys keys(dir.path());
        QVERIFY(keys.load());
        const QJsonObject claims { { QStringLiteral("sub"), QStringLiteral("someone") } };
        const QByteArray token = keys.sign(alg, { { QStringLiteral("typ"), QStringLiteral("JWT") } }, claims);
        QVERIFY(!token.isEmpty());
        const JwtParseResult parsed = JwtParser().parse(token);
        QCOMPARE(parsed.kind, JwtParseResult::Kind::Jws);
        QCOMPARE(parsed.token.alg, alg);
        QCOMPARE(parsed.token.kid, keys.kid(alg));
        QCOMPARE(parsed.token.claims, claims);
        if (alg == QLatin1String("ES256"))
            QCOMPARE(parsed.token.signature.size(), 64); // JOSE r||s, not DER
        const JwsVerification verification = JwsVerifier().verify(parsed.token, parsedSet(keys));
        QVERIFY2(verification.isValid(), qPrintable(verification.message));

        // One changed byte of the payload breaks it.
        QByteArray tampered = token;
        const qsizetype dot = tampered.indexOf('.');
        tampered[dot + 2] = tampered[dot + 2] == 'A' ? 'B' : 'A';
        const JwtParseResult bad = JwtParser().parse(tampered);
        QVERIFY(!JwsVerifier().verify(bad.token, parsedSet(keys)).isValid());
    }

    void unknownAlgorithmSignsNothing()
    {
        QTemporaryDir dir;
        SandboxKeys keys(dir.path());
        QVERIFY(keys.load());
        QVERIFY(keys.sign(QStringLiteral("HS256"), {}, {}).isEmpty());
        QVERIFY(keys.sign(QStringLiteral("none"), {}, {}).isEmpty());
    }

    void corruptKeyFileIsReportedNotReplaced()
    {
        QTemporaryDir dir;
        {
            SandboxKeys keys(dir.path());
            QVERIFY(keys.load());
        }
        const QString path = dir.filePath(QStringLiteral("sandbox-rsa.pem"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("not a key");
        file.close();
        SandboxKeys keys(dir.path());
        QVERIFY(!keys.load());
        QVERIFY(keys.error().contains(path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("not a key"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxKeys)
#include "tst_sandbox_keys.moc"
