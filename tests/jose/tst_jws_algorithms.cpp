// Every supported alg end to end: keys made here, signed here, exported as a public JWK, read back through
// the JWKS parser and verified (RFC 7518 §3.2-3.5, RFC 8037 §3.1). Plus the ECDSA r||s <-> DER conversion.
#include "Base64Url.h"
#include "EcdsaSignature.h"
#include "JoseTestKeys.h"
#include "JwkSetParser.h"
#include "JwsVerifier.h"
#include "JwtParser.h"

#include <QJsonDocument>
#include <QTest>

Q_DECLARE_METATYPE(JwsVerification::Status)

namespace {
using Status = JwsVerification::Status;

const QByteArray claims = R"({"iss":"https:\/\/as.example","sub":"alice","exp":1900000000})";

Jwt parsed(const QByteArray &token)
{
    const JwtParseResult result = JwtParser().parse(token);
    return result.token;
}

JwkSet parsedSet(const QByteArray &jwks)
{
    return JwkSetParser::parse(jwks).set;
}
} // namespace

class TestJwsAlgorithms final : public QObject
{
    Q_OBJECT

private:
    EvpPkeyPtr m_rsa;
    EvpPkeyPtr m_p256;
    EvpPkeyPtr m_p384;
    EvpPkeyPtr m_p521;
    EvpPkeyPtr m_ed25519;

    EVP_PKEY *keyFor(const QString &alg) const
    {
        if (alg.startsWith(QLatin1String("RS")) || alg.startsWith(QLatin1String("PS")))
            return m_rsa.get();
        if (alg == QLatin1String("ES256"))
            return m_p256.get();
        if (alg == QLatin1String("ES384"))
            return m_p384.get();
        if (alg == QLatin1String("ES512"))
            return m_p521.get();
        return m_ed25519.get();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_rsa = JoseTestKeys::generateRsa(2048);
        m_p256 = JoseTestKeys::generateEc("P-256");
        m_p384 = JoseTestKeys::generateEc("P-384");
        m_p521 = JoseTestKeys::generateEc("P-521");
        m_ed25519 = JoseTestKeys::generateEd25519();
        QVERIFY(m_rsa && m_p256 && m_p384 && m_p521 && m_ed25519);
    }

    void signedHereVerifiesThroughTheJwks_data()
    {
        QTest::addColumn<QString>("alg");
        QTest::addColumn<int>("signatureSize");
        for (const char *alg : { "RS256", "RS384", "RS512", "PS256", "PS384", "PS512" })
            QTest::newRow(alg) << QString::fromLatin1(alg) << 256;
        QTest::newRow("ES256") << QStringLiteral("ES256") << 64;
        QTest::newRow("ES384") << QStringLiteral("ES384") << 96;
        QTest::newRow("ES512") << QStringLiteral("ES512") << 132;
        QTest::newRow("EdDSA") << QStringLiteral("EdDSA") << 64;
        QTest::newRow("Ed25519 (fully specified)") << QStringLiteral("Ed25519") << 64;
    }
    void signedHereVerifiesThroughTheJwks()
    {
        QFETCH(QString, alg);
        QFETCH(int, signatureSize);
        EVP_PKEY *key = keyFor(alg);
        const QString kid = QStringLiteral("key-") + alg;
        const QByteArray token = JoseTestKeys::compact(
            { { QStringLiteral("alg"), alg }, { QStringLiteral("kid"), kid } }, claims, key);
        const Jwt jwt = parsed(token);
        QCOMPARE(jwt.signature.size(), signatureSize);

        // A JWKS with a decoy of the same type first, and the real key, restricted to this alg.
        EvpPkeyPtr decoy = alg.startsWith(QLatin1Char('E')) && alg != QLatin1String("EdDSA")
                && alg != QLatin1String("Ed25519")
            ? JoseTestKeys::generateEc(alg == QLatin1String("ES256")       ? "P-256"
                                           : alg == QLatin1String("ES384") ? "P-384"
                                                                           : "P-521")
            : alg.startsWith(QLatin1String("Ed")) ? JoseTestKeys::generateEd25519()
                                                  : JoseTestKeys::generateRsa(2048);
        const JwkSet keys = parsedSet(JoseTestKeys::jwks({
            JoseTestKeys::publicJwk(decoy.get(), QStringLiteral("decoy")),
            JoseTestKeys::publicJwk(key, kid, alg),
        }));
        QCOMPARE(keys.keys.size(), 2);

        const JwsVerification byKid = JwsVerifier().verify(jwt, keys);
        QVERIFY2(byKid.isValid(), qPrintable(byKid.message));
        QCOMPARE(byKid.key.kid, kid);
        QCOMPARE(byKid.keysTried, 1);
        QVERIFY(byKid.warnings.isEmpty());

        // Without kid, both keys are candidates: the decoy fails, the real key verifies.
        const Jwt noKid = parsed(JoseTestKeys::compact({ { QStringLiteral("alg"), alg } }, claims, key));
        const JwsVerification byType = JwsVerifier().verify(noKid, keys);
        QVERIFY2(byType.isValid(), qPrintable(byType.message));
        QCOMPARE(byType.key.kid, kid);
        QCOMPARE(byType.keysTried, 2);

        const JwsVerification tampered = JwsVerifier().verify(parsed(JoseTestKeys::tamper(token, 1)), keys);
        QCOMPARE(tampered.status, Status::InvalidSignature);
        const JwsVerification wrongKey = JwsVerifier().verify(jwt, keys.keys.first());
        QCOMPARE(wrongKey.status, Status::InvalidSignature);
    }

    void hmac_data()
    {
        QTest::addColumn<QString>("alg");
        QTest::newRow("HS256") << QStringLiteral("HS256");
        QTest::newRow("HS384") << QStringLiteral("HS384");
        QTest::newRow("HS512") << QStringLiteral("HS512");
    }
    void hmac()
    {
        QFETCH(QString, alg);
        const QByteArray secret = QByteArray("0123456789abcdef").repeated(4); // 64 bytes: enough for HS512
        const QByteArray token
            = JoseTestKeys::compact({ { QStringLiteral("alg"), alg } }, claims, nullptr, secret);
        const Jwt jwt = parsed(token);

        const JwsVerification withSecret = JwsVerifier().verifyWithSecret(jwt, secret);
        QVERIFY2(withSecret.isValid(), qPrintable(withSecret.message));
        QVERIFY(withSecret.key.isSecret);
        QVERIFY(withSecret.warnings.isEmpty());
        QCOMPARE(JwsVerifier().verifyWithSecret(jwt, secret.left(63)).status, Status::InvalidSignature);
        QCOMPARE(JwsVerifier().verifyWithSecret(parsed(JoseTestKeys::tamper(token, 1)), secret).status,
                 Status::InvalidSignature);
        QCOMPARE(JwsVerifier().verifyWithSecret(parsed(JoseTestKeys::tamper(token, 2)), secret).status,
                 Status::InvalidSignature);

        // The same secret as an oct JWK, through the JWKS path.
        const QByteArray jwks
            = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"shared\",\"k\":\"" + Base64Url::encode(secret) + "\"}]}";
        const JwsVerification withJwk = JwsVerifier().verify(jwt, parsedSet(jwks));
        QVERIFY2(withJwk.isValid(), qPrintable(withJwk.message));
        QCOMPARE(withJwk.key.kty, QStringLiteral("oct"));
    }

    void shortHmacSecretWarns()
    {
        const QByteArray secret = "short";
        const Jwt jwt = parsed(JoseTestKeys::compact({ { QStringLiteral("alg"), QStringLiteral("HS256") } },
                                                     claims, nullptr, secret));
        const JwsVerification result = JwsVerifier().verifyWithSecret(jwt, secret);
        QVERIFY(result.isValid());
        QCOMPARE(result.warnings.size(), 1);
        QVERIFY(result.warnings.first().contains(QLatin1String("at least 32")));
        QCOMPARE(JwsVerifier().verifyWithSecret(jwt, QByteArray()).status, Status::MalformedKey);
    }

    void paddingIsPartOfTheAlgorithm_data()
    {
        QTest::addColumn<QString>("signedAs");
        QTest::addColumn<QString>("claimedAs");
        QTest::addColumn<int>("saltLength");
        QTest::newRow("PSS signature labelled RS256")
            << QStringLiteral("PS256") << QStringLiteral("RS256") << JoseTestKeys::PssSaltIsHashLength;
        QTest::newRow("PKCS#1 signature labelled PS256")
            << QStringLiteral("RS256") << QStringLiteral("PS256") << JoseTestKeys::PssSaltIsHashLength;
        QTest::newRow("SHA-256 signature labelled RS512")
            << QStringLiteral("RS256") << QStringLiteral("RS512") << JoseTestKeys::PssSaltIsHashLength;
        QTest::newRow("PSS with an empty salt") << QStringLiteral("PS256") << QStringLiteral("PS256") << 0;
        QTest::newRow("PSS with a 20-byte salt") << QStringLiteral("PS384") << QStringLiteral("PS384") << 20;
    }
    void paddingIsPartOfTheAlgorithm()
    {
        QFETCH(QString, signedAs);
        QFETCH(QString, claimedAs);
        QFETCH(int, saltLength);
        const QByteArray header = "{\"alg\":\"" + claimedAs.toLatin1() + "\"}";
        const QByteArray signingInput = Base64Url::encode(header) + '.' + Base64Url::encode(claims);
        const QByteArray signature = JoseTestKeys::sign(m_rsa.get(), signedAs, signingInput, saltLength);
        QVERIFY(!signature.isEmpty());
        const Jwt jwt = parsed(signingInput + '.' + Base64Url::encode(signature));
        const JwkSet keys = parsedSet(JoseTestKeys::jwks({ JoseTestKeys::publicJwk(m_rsa.get()) }));
        QCOMPARE(JwsVerifier().verify(jwt, keys).status, Status::InvalidSignature);
    }

    void shortRsaKeyWarnsButVerifies()
    {
        const EvpPkeyPtr weak = JoseTestKeys::generateRsa(1024);
        QVERIFY(weak);
        const Jwt jwt = parsed(JoseTestKeys::compact({ { QStringLiteral("alg"), QStringLiteral("RS256") } },
                                                     claims, weak.get()));
        const JwkSet keys
            = parsedSet(JoseTestKeys::jwks({ JoseTestKeys::publicJwk(weak.get(), QStringLiteral("old")) }));
        QCOMPARE(keys.keys.first().bits, 1024);
        const JwsVerification result = JwsVerifier().verify(jwt, keys);
        QVERIFY2(result.isValid(), qPrintable(result.message));
        QCOMPARE(result.key.bits, 1024);
        QCOMPARE(result.warnings.size(), 1);
        QVERIFY2(result.warnings.first().contains(QLatin1String("only 1024 bits")),
                 qPrintable(result.warnings.first()));
    }

    void ecdsaDerToRawRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("coordinateBytes");
        QByteArray leadingZeros(64, '\x5a');
        leadingZeros[0] = '\0';
        leadingZeros[1] = '\0';
        leadingZeros[32] = '\0';
        QByteArray highBits(96, '\xff');
        QByteArray p521(132, '\x01');
        p521[0] = '\0';
        p521[66] = '\0';
        QTest::newRow("P-256, leading zero bytes in r and s") << leadingZeros << 32;
        QTest::newRow("P-384, high bits set (DER adds a sign byte)") << highBits << 48;
        QTest::newRow("P-521, 66-byte values") << p521 << 66;
    }
    void ecdsaDerToRawRoundTrip()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, coordinateBytes);
        const QByteArray der = EcdsaSignature::rawToDer(raw);
        QVERIFY(!der.isEmpty());
        QCOMPARE(der.at(0), '\x30');
        QCOMPARE(EcdsaSignature::derToRaw(der, coordinateBytes), raw);
        QVERIFY(EcdsaSignature::derToRaw(der + '\0', coordinateBytes).isEmpty()); // trailing byte
        QVERIFY(EcdsaSignature::derToRaw(der.left(der.size() - 1), coordinateBytes).isEmpty()); // truncated
    }

    void ecdsaConversionRefusesBadInput()
    {
        QVERIFY(EcdsaSignature::rawToDer(QByteArray()).isEmpty());
        QVERIFY(EcdsaSignature::rawToDer(QByteArray(63, '\x01')).isEmpty());
        QVERIFY(EcdsaSignature::derToRaw(QByteArray("garbage"), 32).isEmpty());
        // A P-384-sized value does not fit a P-256 signature.
        const QByteArray der = EcdsaSignature::rawToDer(QByteArray(96, '\x11'));
        QVERIFY(EcdsaSignature::derToRaw(der, 32).isEmpty());
    }

    void derEncodedEs256SignatureIsInvalidWithAHint()
    {
        const QByteArray header = Base64Url::encode(R"({"alg":"ES256"})");
        const QByteArray signingInput = header + '.' + Base64Url::encode(claims);
        const QByteArray raw = JoseTestKeys::sign(m_p256.get(), QStringLiteral("ES256"), signingInput);
        const QByteArray der = EcdsaSignature::rawToDer(raw);
        const JwkSet keys = parsedSet(JoseTestKeys::jwks({ JoseTestKeys::publicJwk(m_p256.get()) }));
        QVERIFY(JwsVerifier().verify(parsed(signingInput + '.' + Base64Url::encode(raw)), keys).isValid());

        const JwsVerification result
            = JwsVerifier().verify(parsed(signingInput + '.' + Base64Url::encode(der)), keys);
        QCOMPARE(result.status, Status::InvalidSignature);
        QVERIFY2(result.message.contains(QLatin1String("DER-encoded")), qPrintable(result.message));
    }
};

QTEST_GUILESS_MAIN(TestJwsAlgorithms)
#include "tst_jws_algorithms.moc"
