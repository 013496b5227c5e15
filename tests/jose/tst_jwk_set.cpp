// Reading a JWKS (RFC 7517 §5) from an untrusted server: one bad key never sinks the set, every key is
// checked (EC points on their curve, exact coordinate lengths), and keys that should not be public are
// flagged.
#include "JwkParser.h"
#include "JwkSetParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

namespace {
// RFC 7515 A.3 public key (P-256).
const QString p256X = QStringLiteral("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU");
const QString p256Y = QStringLiteral("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0");
// RFC 8037 A.2 public key (Ed25519).
const QString ed25519X = QStringLiteral("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");

QJsonObject ecKey(const QString &kid, const QString &x = p256X, const QString &y = p256Y,
                  const QString &crv = QStringLiteral("P-256"))
{
    return { { QStringLiteral("kty"), QStringLiteral("EC") },
             { QStringLiteral("crv"), crv },
             { QStringLiteral("x"), x },
             { QStringLiteral("y"), y },
             { QStringLiteral("kid"), kid } };
}

QByteArray setOf(const QList<QJsonObject> &keys)
{
    QJsonArray array;
    for (const QJsonObject &key : keys)
        array.append(key);
    return QJsonDocument(QJsonObject { { QStringLiteral("keys"), array } }).toJson();
}

QString changedInTheMiddle(QString text)
{
    const qsizetype middle = text.size() / 2;
    text[middle] = text.at(middle) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    return text;
}
} // namespace

class TestJwkSet final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rejectsDocumentsThatAreNotAJwks_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not JSON");
        QTest::newRow("text") << QByteArray("<html>Not Found</html>") << QStringLiteral("not JSON");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("JSON object");
        QTest::newRow("object without keys") << QByteArray(R"({"issuer":"x"})") << QStringLiteral("\"keys\"");
        QTest::newRow("keys not an array")
            << QByteArray(R"({"keys":{"kty":"RSA"}})") << QStringLiteral("not an array");
        QTest::newRow("too large") << QByteArray(JwkSetParser::MaximumSize + 1, ' ')
                                   << QStringLiteral("limit");
    }
    void rejectsDocumentsThatAreNotAJwks()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        const JwkSetParseResult result = JwkSetParser::parse(json);
        QVERIFY(!result.ok);
        QVERIFY(result.set.keys.isEmpty());
        QVERIFY2(result.error.contains(mentions), qPrintable(result.error));
    }

    void oneBadKeyDoesNotSinkTheSet()
    {
        const QJsonObject bad { { QStringLiteral("kty"), QStringLiteral("RSA") },
                                { QStringLiteral("kid"), QStringLiteral("broken") },
                                { QStringLiteral("n"), QStringLiteral("not base64!") },
                                { QStringLiteral("e"), QStringLiteral("AQAB") } };
        const JwkSetParseResult result = JwkSetParser::parse(setOf({ bad, ecKey(QStringLiteral("good")) }));
        QVERIFY(result.ok);
        QCOMPARE(result.set.keys.size(), 1);
        QCOMPARE(result.set.keys.first().kid, QStringLiteral("good"));
        QVERIFY(result.set.keys.first().publicKey);
        QCOMPARE(result.set.problems.size(), 1);
        QCOMPARE(result.set.problems.first().index, 0);
        QCOMPARE(result.set.problems.first().kid, QStringLiteral("broken"));
        QVERIFY2(result.set.problems.first().message.contains(QLatin1String("\"n\" is not valid base64url")),
                 qPrintable(result.set.problems.first().message));
        QCOMPARE(result.set.keysWithKid(QStringLiteral("good")).size(), 1);
        QVERIFY(result.set.keysWithKid(QStringLiteral("broken")).isEmpty());
    }

    void badKeys_data()
    {
        QTest::addColumn<QJsonObject>("key");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("EC point not on the curve")
            << ecKey(QStringLiteral("k"), p256X, changedInTheMiddle(p256Y))
            << QStringLiteral("on curve P-256");
        QTest::newRow("EC coordinate too short")
            << ecKey(QStringLiteral("k"), p256X.left(42)) << QStringLiteral("must be 32 bytes each");
        QTest::newRow("EC coordinate of the wrong curve")
            << ecKey(QStringLiteral("k"), p256X, p256Y, QStringLiteral("P-384"))
            << QStringLiteral("48 bytes");
        QTest::newRow("EC curve unsupported")
            << ecKey(QStringLiteral("k"), p256X, p256Y, QStringLiteral("secp256k1"))
            << QStringLiteral("unsupported EC curve");
        QTest::newRow("EC without y") << QJsonObject { { QStringLiteral("kty"), QStringLiteral("EC") },
                                                       { QStringLiteral("crv"), QStringLiteral("P-256") },
                                                       { QStringLiteral("x"), p256X } }
                                      << QStringLiteral("\"y\" is missing");
        QTest::newRow("unknown kty") << QJsonObject { { QStringLiteral("kty"), QStringLiteral("PQC") } }
                                     << QStringLiteral("unsupported key type");
        QTest::newRow("no kty") << QJsonObject { { QStringLiteral("n"), QStringLiteral("AQAB") } }
                                << QStringLiteral("no \"kty\"");
        QTest::newRow("RSA n is a number") << QJsonObject { { QStringLiteral("kty"), QStringLiteral("RSA") },
                                                            { QStringLiteral("n"), 12345 },
                                                            { QStringLiteral("e"), QStringLiteral("AQAB") } }
                                           << QStringLiteral("not a string");
        QTest::newRow("RSA exponent absurd")
            << QJsonObject { { QStringLiteral("kty"), QStringLiteral("RSA") },
                             { QStringLiteral("n"), QString(344, QLatin1Char('w')) },
                             { QStringLiteral("e"), QString(20, QLatin1Char('A')) } }
            << QStringLiteral("public exponent");
        QTest::newRow("Ed25519 wrong length")
            << QJsonObject { { QStringLiteral("kty"), QStringLiteral("OKP") },
                             { QStringLiteral("crv"), QStringLiteral("Ed25519") },
                             { QStringLiteral("x"), ed25519X.left(40) } }
            << QStringLiteral("must be 32 bytes");
        QTest::newRow("oct without k") << QJsonObject { { QStringLiteral("kty"), QStringLiteral("oct") } }
                                       << QStringLiteral("\"k\" is missing");
    }
    void badKeys()
    {
        QFETCH(QJsonObject, key);
        QFETCH(QString, mentions);

        const JwkParseResult single = JwkParser::parse(key);
        QVERIFY(!single.ok);
        QVERIFY2(single.error.contains(mentions), qPrintable(single.error));
        QVERIFY(!single.key.publicKey);

        const JwkSetParseResult set = JwkSetParser::parse(setOf({ key, ecKey(QStringLiteral("good")) }));
        QVERIFY(set.ok);
        QCOMPARE(set.set.keys.size(), 1);
        QCOMPARE(set.set.problems.size(), 1);
        QVERIFY(set.set.problems.first().message.contains(mentions));
    }

    void keepsKeyMembers()
    {
        QJsonObject key = ecKey(QStringLiteral("2024-05"));
        key.insert(QStringLiteral("use"), QStringLiteral("sig"));
        key.insert(QStringLiteral("alg"), QStringLiteral("ES256"));
        const JwkParseResult result = JwkParser::parse(key);
        QVERIFY(result.ok);
        QCOMPARE(result.key.type, Jwk::Type::Ec);
        QCOMPARE(result.key.kid, QStringLiteral("2024-05"));
        QCOMPARE(result.key.use, QStringLiteral("sig"));
        QCOMPARE(result.key.alg, QStringLiteral("ES256"));
        QCOMPARE(result.key.crv, QStringLiteral("P-256"));
        QCOMPARE(result.key.bits, 256);
        QVERIFY(!result.key.thumbprint.isEmpty());
        QVERIFY(result.key.warnings.isEmpty());

        key.remove(QStringLiteral("use"));
        key.insert(QStringLiteral("key_ops"), QJsonArray { QStringLiteral("verify") });
        QCOMPARE(JwkParser::parse(key).key.keyOps, QStringList { QStringLiteral("verify") });
    }

    void okpKeys()
    {
        const JwkParseResult ed = JwkParser::parse(
            QByteArray(R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})"));
        QVERIFY2(ed.ok, qPrintable(ed.error));
        QCOMPARE(ed.key.type, Jwk::Type::Okp);
        QVERIFY(ed.key.publicKey);
        // RFC 8037 A.3: the thumbprint of this key.
        QCOMPARE(ed.key.thumbprint, QStringLiteral("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"));

        const JwkParseResult x25519 = JwkParser::parse(
            QByteArray(R"({"kty":"OKP","crv":"X25519","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"})"));
        QVERIFY(x25519.ok);
        QVERIFY(x25519.key.warnings.join(QLatin1Char(' ')).contains(QLatin1String("key-agreement")));
    }

    void privateMaterialIsFlagged()
    {
        QJsonObject withD = ecKey(QStringLiteral("leaky"));
        withD.insert(QStringLiteral("d"), QStringLiteral("jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"));
        const JwkSetParseResult result = JwkSetParser::parse(setOf({ withD, ecKey(QStringLiteral("fine")) }));
        QVERIFY(result.ok);
        QCOMPARE(result.set.keys.size(), 2); // flagged, not dropped: the user should see what is published
        QVERIFY(result.set.keys.first().hasPrivateMembers);
        QVERIFY(!result.set.keys.last().hasPrivateMembers);
        QVERIFY(result.set.hasPrivateMaterial());
        QCOMPARE(result.set.warnings.size(), 1);
        QVERIFY2(result.set.warnings.first().contains(QLatin1String("publishes private key material (d)")),
                 qPrintable(result.set.warnings.first()));
        QVERIFY(result.set.warnings.first().contains(QLatin1String("\"leaky\"")));
    }

    void setWarnings_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("symmetric key published")
            << QByteArray(R"({"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"hmac"}]})")
            << QStringLiteral("symmetric key");
        QTest::newRow("duplicate kid")
            << setOf({ ecKey(QStringLiteral("same")), ecKey(QStringLiteral("same")) })
            << QStringLiteral("share the kid \"same\"");
        QTest::newRow("no keys") << QByteArray(R"({"keys":[]})") << QStringLiteral("no usable key");
        QTest::newRow("single JWK instead of a set")
            << QJsonDocument(ecKey(QStringLiteral("solo"))).toJson() << QStringLiteral("single JWK");
    }
    void setWarnings()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        const JwkSetParseResult result = JwkSetParser::parse(json);
        QVERIFY(result.ok);
        QVERIFY2(result.set.warnings.join(QLatin1Char('\n')).contains(mentions),
                 qPrintable(result.set.warnings.join(QLatin1Char('\n'))));
    }

    void entriesThatAreNotObjects()
    {
        const JwkSetParseResult result = JwkSetParser::parse(R"({"keys":[1,"two",null,[]]})");
        QVERIFY(result.ok);
        QVERIFY(result.set.keys.isEmpty());
        QCOMPARE(result.set.problems.size(), 4);
        QCOMPARE(result.set.problems.at(3).index, 3);
    }

    void garbageNeverCrashes()
    {
        const QByteArray valid = setOf({ ecKey(QStringLiteral("a")),
                                         QJsonObject { { QStringLiteral("kty"), QStringLiteral("OKP") },
                                                       { QStringLiteral("crv"), QStringLiteral("Ed25519") },
                                                       { QStringLiteral("x"), ed25519X } } });
        QRandomGenerator random(7517);
        int parsedKeys = 0;
        for (int round = 0; round < 2000; ++round) {
            QByteArray mutated = valid;
            const int edits = random.bounded(1, 4);
            for (int i = 0; i < edits; ++i)
                mutated[random.bounded(mutated.size())] = static_cast<char>(random.bounded(256));
            const JwkSetParseResult result = JwkSetParser::parse(mutated);
            QCOMPARE(result.ok, result.error.isEmpty());
            for (const Jwk &key : result.set.keys)
                QVERIFY(key.publicKey || key.isSymmetric());
            parsedKeys += static_cast<int>(result.set.keys.size());
        }
        QVERIFY(parsedKeys > 0);
    }
};

QTEST_GUILESS_MAIN(TestJwkSet)
#include "tst_jwk_set.moc"
