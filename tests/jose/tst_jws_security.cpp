// The attacks a verifier must refuse (RFC 8725 §2-3, RFC 7515 §10): alg none, algorithm confusion, keys used
// outside their declared alg, curve or use, wrong-length ECDSA signatures, unknown critical extensions.
#include "Base64Url.h"
#include "JoseTestKeys.h"
#include "JwkParser.h"
#include "JwkSetParser.h"
#include "JwsVerifier.h"
#include "JwtParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

Q_DECLARE_METATYPE(JwsVerification::Status)
Q_DECLARE_METATYPE(JwsVerification::RejectReason)

namespace {
using Status = JwsVerification::Status;
using Reason = JwsVerification::RejectReason;

const QByteArray claims = R"({"sub":"admin","exp":1900000000})";

Jwt parsed(const QByteArray &token)
{
    const JwtParseResult result = JwtParser().parse(token);
    return result.token;
}

// A token with any header, signed with nothing in particular (for checks that happen before the crypto).
QByteArray unsigned3(const QByteArray &header, const QByteArray &signature = "sig")
{
    return Base64Url::encode(header) + '.' + Base64Url::encode(claims) + '.' + Base64Url::encode(signature);
}

QByteArray hmacToken(const QByteArray &header, const QByteArray &secret)
{
    const QByteArray signingInput = Base64Url::encode(header) + '.' + Base64Url::encode(claims);
    return signingInput + '.'
        + Base64Url::encode(JoseTestKeys::hmac(QStringLiteral("HS256"), secret, signingInput));
}
} // namespace

class TestJwsSecurity final : public QObject
{
    Q_OBJECT

private:
    EvpPkeyPtr m_rsa;
    EvpPkeyPtr m_p256;
    JwkSet m_keys; // RSA "rsa-1" (RS256), EC "ec-1" (P-256, no alg)

    Jwk key(const QJsonObject &jwk) const
    {
        const JwkParseResult result = JwkParser::parse(jwk);
        return result.key;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_rsa = JoseTestKeys::generateRsa(2048);
        m_p256 = JoseTestKeys::generateEc("P-256");
        QVERIFY(m_rsa && m_p256);
        m_keys
            = JwkSetParser::parse(
                  JoseTestKeys::jwks({
                      JoseTestKeys::publicJwk(m_rsa.get(), QStringLiteral("rsa-1"), QStringLiteral("RS256")),
                      JoseTestKeys::publicJwk(m_p256.get(), QStringLiteral("ec-1")),
                  }))
                  .set;
        QCOMPARE(m_keys.keys.size(), 2);
    }

    void algNoneIsNeverValid_data()
    {
        QTest::addColumn<QString>("alg");
        QTest::addColumn<QByteArray>("signature");
        for (const char *alg : { "none", "None", "NONE", "nOnE" })
            QTest::addRow("%s, empty signature", alg) << QString::fromLatin1(alg) << QByteArray();
        QTest::newRow("none with a signature part") << QStringLiteral("none") << QByteArray("anything");
    }
    void algNoneIsNeverValid()
    {
        QFETCH(QString, alg);
        QFETCH(QByteArray, signature);
        const JwtParseResult result
            = JwtParser().parse(unsigned3("{\"alg\":\"" + alg.toLatin1() + "\"}", signature));
        QCOMPARE(result.kind, JwtParseResult::Kind::Jws); // readable, so the user can see what it claims
        const Jwt &jwt = result.token;

        for (const JwsVerification &verification :
             { JwsVerifier().verify(jwt, m_keys), JwsVerifier().verify(jwt, m_keys.keys.first()),
               JwsVerifier().verifyWithSecret(jwt, QByteArray(32, 'k')) }) {
            QCOMPARE(verification.status, Status::Rejected);
            QCOMPARE(verification.reason, Reason::AlgNone);
            QVERIFY(verification.message.contains(QLatin1String("unsecured")));
        }
    }

    void algorithmConfusionIsRejected_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("HMAC keyed with the public key PEM")
            << JoseTestKeys::publicKeyPem(m_rsa.get()) << QByteArray(R"({"alg":"HS256"})");
        QTest::newRow("HMAC keyed with the public key DER")
            << JoseTestKeys::publicKeyDer(m_rsa.get()) << QByteArray(R"({"alg":"HS256"})");
        QTest::newRow("HMAC keyed with the JWK text")
            << QJsonDocument(JoseTestKeys::publicJwk(m_rsa.get())).toJson(QJsonDocument::Compact)
            << QByteArray(R"({"alg":"HS256"})");
        QTest::newRow("kid pointing at the RSA key")
            << JoseTestKeys::publicKeyPem(m_rsa.get()) << QByteArray(R"({"alg":"HS256","kid":"rsa-1"})");
    }
    void algorithmConfusionIsRejected()
    {
        QFETCH(QByteArray, secret);
        QFETCH(QByteArray, header);
        QVERIFY(!secret.isEmpty());
        const Jwt jwt = parsed(hmacToken(header, secret));

        // The forgery is a correct HMAC: only the rule stops it.
        QVERIFY(JwsVerifier().verifyWithSecret(jwt, secret).isValid());

        const JwsVerification viaSet = JwsVerifier().verify(jwt, m_keys);
        QCOMPARE(viaSet.status, Status::Rejected);
        QCOMPARE(viaSet.reason, Reason::AlgorithmConfusion);
        QVERIFY2(viaSet.message.contains(QLatin1String("algorithm confusion")), qPrintable(viaSet.message));

        const JwsVerification viaKey = JwsVerifier().verify(jwt, m_keys.keys.first());
        QCOMPARE(viaKey.status, Status::Rejected);
        QCOMPARE(viaKey.reason, Reason::AlgorithmConfusion);
    }

    void hmacKidOnAPublicKeyInAMixedSet()
    {
        // A set with a real symmetric key too: the RSA key named by kid is still never an HMAC key.
        QByteArray jwks = JoseTestKeys::jwks(
            { JoseTestKeys::publicJwk(m_rsa.get(), QStringLiteral("rsa-1")),
              QJsonObject { { QStringLiteral("kty"), QStringLiteral("oct") },
                            { QStringLiteral("kid"), QStringLiteral("hmac-1") },
                            { QStringLiteral("k"), QStringLiteral("c2VjcmV0c2VjcmV0") } } });
        const JwkSet mixed = JwkSetParser::parse(jwks).set;
        QCOMPARE(mixed.keys.size(), 2);
        const QByteArray pem = JoseTestKeys::publicKeyPem(m_rsa.get());

        const JwsVerification byKid
            = JwsVerifier().verify(parsed(hmacToken(R"({"alg":"HS256","kid":"rsa-1"})", pem)), mixed);
        QCOMPARE(byKid.status, Status::Rejected);
        QCOMPARE(byKid.reason, Reason::AlgorithmConfusion);
        QCOMPARE(byKid.key.kid, QStringLiteral("rsa-1"));

        const JwsVerification noKid
            = JwsVerifier().verify(parsed(hmacToken(R"({"alg":"HS256"})", pem)), mixed);
        QCOMPARE(noKid.status, Status::InvalidSignature);
        QCOMPARE(noKid.keysTried, 1); // the oct key only
        QCOMPARE(noKid.key.kty, QStringLiteral("oct"));
    }

    void keyRulesAreEnforced_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QJsonObject>("jwk");
        QTest::addColumn<Reason>("reason");

        const QJsonObject rsa = JoseTestKeys::publicJwk(m_rsa.get(), QStringLiteral("k"));
        const QJsonObject p256 = JoseTestKeys::publicJwk(m_p256.get(), QStringLiteral("k"));
        QJsonObject rsaForRs512 = rsa;
        rsaForRs512.insert(QStringLiteral("alg"), QStringLiteral("RS512"));
        QJsonObject rsaForPs256 = rsa;
        rsaForPs256.insert(QStringLiteral("alg"), QStringLiteral("PS256"));
        QJsonObject encryptionKey = rsa;
        encryptionKey.insert(QStringLiteral("use"), QStringLiteral("enc"));
        QJsonObject wrapOnly = rsa;
        wrapOnly.insert(QStringLiteral("key_ops"), QJsonArray { QStringLiteral("wrapKey") });
        const EvpPkeyPtr p384Key = JoseTestKeys::generateEc("P-384");
        const QJsonObject p384 = JoseTestKeys::publicJwk(p384Key.get(), QStringLiteral("k"));
        const QJsonObject x25519 { { QStringLiteral("kty"), QStringLiteral("OKP") },
                                   { QStringLiteral("crv"), QStringLiteral("X25519") },
                                   { QStringLiteral("kid"), QStringLiteral("k") },
                                   { QStringLiteral("x"),
                                     QStringLiteral("hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo") } };

        const QByteArray rs256 = R"({"alg":"RS256","kid":"k"})";
        QTest::newRow("key alg RS512, token RS256") << rs256 << rsaForRs512 << Reason::KeyAlgMismatch;
        QTest::newRow("key alg PS256, token RS256") << rs256 << rsaForPs256 << Reason::KeyAlgMismatch;
        QTest::newRow("encryption key (use enc)") << rs256 << encryptionKey << Reason::KeyUseMismatch;
        QTest::newRow("key_ops without verify") << rs256 << wrapOnly << Reason::KeyUseMismatch;
        QTest::newRow("P-384 key for ES256")
            << QByteArray(R"({"alg":"ES256","kid":"k"})") << p384 << Reason::CurveMismatch;
        QTest::newRow("P-256 key for ES384")
            << QByteArray(R"({"alg":"ES384","kid":"k"})") << p256 << Reason::CurveMismatch;
        QTest::newRow("P-256 key for ES512")
            << QByteArray(R"({"alg":"ES512","kid":"k"})") << p256 << Reason::CurveMismatch;
        QTest::newRow("X25519 key for EdDSA")
            << QByteArray(R"({"alg":"EdDSA","kid":"k"})") << x25519 << Reason::CurveMismatch;
        QTest::newRow("RSA key for ES256")
            << QByteArray(R"({"alg":"ES256","kid":"k"})") << rsa << Reason::KeyTypeMismatch;
        QTest::newRow("EC key for PS256")
            << QByteArray(R"({"alg":"PS256","kid":"k"})") << p256 << Reason::KeyTypeMismatch;
    }
    void keyRulesAreEnforced()
    {
        QFETCH(QByteArray, header);
        QFETCH(QJsonObject, jwk);
        QFETCH(Reason, reason);
        const Jwt jwt = parsed(unsigned3(header, QByteArray(64, 's')));
        const Jwk single = key(jwk);
        QVERIFY(single.publicKey);

        const JwsVerification direct = JwsVerifier().verify(jwt, single);
        QCOMPARE(direct.status, Status::Rejected);
        QCOMPARE(direct.reason, reason);
        QVERIFY(direct.hasKey);
        QCOMPARE(direct.key.kid, QStringLiteral("k"));

        // Named by kid in a set: the same refusal, not a silent search for another key.
        const JwsVerification viaSet = JwsVerifier().verify(jwt, JwkSet::fromKey(single));
        QCOMPARE(viaSet.status, Status::Rejected);
        QCOMPARE(viaSet.reason, reason);
        QCOMPARE(viaSet.message, direct.message);
    }

    void keyWithAnotherAlgIsNotACandidateWithoutKid()
    {
        QJsonObject rs512
            = JoseTestKeys::publicJwk(m_rsa.get(), QStringLiteral("only"), QStringLiteral("RS512"));
        const Jwt jwt = parsed(JoseTestKeys::compact({ { QStringLiteral("alg"), QStringLiteral("RS256") } },
                                                     claims, m_rsa.get()));
        const JwsVerification result = JwsVerifier().verify(jwt, JwkSet::fromKey(key(rs512)));
        QCOMPARE(result.status, Status::NoMatchingKey);
        QCOMPARE(result.keysTried, 0);
    }

    void unknownKid()
    {
        const Jwt jwt
            = parsed(JoseTestKeys::compact({ { QStringLiteral("alg"), QStringLiteral("RS256") },
                                             { QStringLiteral("kid"), QStringLiteral("rotated-2025") } },
                                           claims, m_rsa.get()));
        const JwsVerification result = JwsVerifier().verify(jwt, m_keys);
        QCOMPARE(result.status, Status::NoMatchingKey);
        QVERIFY2(result.message.contains(QLatin1String("no key with kid \"rotated-2025\" in the JWKS")),
                 qPrintable(result.message));
        QVERIFY(!result.hasKey);
        QCOMPARE(JwsVerifier().verify(jwt, JwkSet()).status, Status::NoMatchingKey);
    }

    void es256SignatureOfWrongLength_data()
    {
        QTest::addColumn<int>("length");
        QTest::newRow("empty") << 0;
        QTest::newRow("one byte short") << 63;
        QTest::newRow("one byte long") << 65;
        QTest::newRow("ES384-sized") << 96;
        QTest::newRow("DER-sized") << 72;
    }
    void es256SignatureOfWrongLength()
    {
        QFETCH(int, length);
        const QByteArray header = Base64Url::encode(R"({"alg":"ES256","kid":"ec-1"})");
        const QByteArray signingInput = header + '.' + Base64Url::encode(claims);
        const QByteArray good = JoseTestKeys::sign(m_p256.get(), QStringLiteral("ES256"), signingInput);
        QCOMPARE(good.size(), 64);
        QVERIFY(JwsVerifier().verify(parsed(signingInput + '.' + Base64Url::encode(good)), m_keys).isValid());

        const QByteArray resized = QByteArray(good + good).left(length);
        const JwsVerification result
            = JwsVerifier().verify(parsed(signingInput + '.' + Base64Url::encode(resized)), m_keys);
        QCOMPARE(result.status, Status::InvalidSignature);
        QVERIFY2(result.message.contains(QLatin1String("is 64 bytes")), qPrintable(result.message));
    }

    void secretCannotVerifyAPublicKeyAlgorithm()
    {
        const Jwt jwt = parsed(JoseTestKeys::compact({ { QStringLiteral("alg"), QStringLiteral("RS256") } },
                                                     claims, m_rsa.get()));
        const JwsVerification result
            = JwsVerifier().verifyWithSecret(jwt, JoseTestKeys::publicKeyPem(m_rsa.get()));
        QCOMPARE(result.status, Status::Rejected);
        QCOMPARE(result.reason, Reason::KeyTypeMismatch);
    }

    void unsupportedAlgorithms_data()
    {
        QTest::addColumn<QString>("alg");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("lower-case rs256") << QStringLiteral("rs256") << QStringLiteral("did you mean RS256?");
        QTest::newRow("RS1") << QStringLiteral("RS1")
                             << QStringLiteral("unsupported signature algorithm \"RS1\"");
        QTest::newRow("ES256K") << QStringLiteral("ES256K") << QStringLiteral("unsupported");
        QTest::newRow("a JWE alg") << QStringLiteral("RSA-OAEP") << QStringLiteral("unsupported");
    }
    void unsupportedAlgorithms()
    {
        QFETCH(QString, alg);
        QFETCH(QString, mentions);
        const Jwt jwt = parsed(unsigned3("{\"alg\":\"" + alg.toLatin1() + "\"}"));
        const JwsVerification result = JwsVerifier().verify(jwt, m_keys);
        QCOMPARE(result.status, Status::UnsupportedAlgorithm);
        QVERIFY2(result.message.contains(mentions), qPrintable(result.message));
    }

    void allowList()
    {
        JwsVerifier verifier;
        verifier.setAllowedAlgorithms({ QStringLiteral("ES256") });
        const Jwt rs256 = parsed(JoseTestKeys::compact({ { QStringLiteral("alg"), QStringLiteral("RS256") } },
                                                       claims, m_rsa.get()));
        QVERIFY(JwsVerifier().verify(rs256, m_keys).isValid());
        const JwsVerification refused = verifier.verify(rs256, m_keys);
        QCOMPARE(refused.status, Status::Rejected);
        QCOMPARE(refused.reason, Reason::AlgNotAllowed);
        const Jwt es256 = parsed(JoseTestKeys::compact({ { QStringLiteral("alg"), QStringLiteral("ES256") } },
                                                       claims, m_p256.get()));
        QVERIFY(verifier.verify(es256, m_keys).isValid());
    }

    void embeddedJwkIsNotTrusted()
    {
        // The attacker signs with its own key and ships that key in the header (CVE-2018-0114 style).
        const EvpPkeyPtr attacker = JoseTestKeys::generateRsa(2048);
        const QJsonObject header { { QStringLiteral("alg"), QStringLiteral("RS256") },
                                   { QStringLiteral("jwk"), JoseTestKeys::publicJwk(attacker.get()) } };
        const JwtParseResult result
            = JwtParser().parse(JoseTestKeys::compact(header, claims, attacker.get()));
        QCOMPARE(result.kind, JwtParseResult::Kind::Jws);
        QVERIFY(result.warnings.join(QLatin1Char(' ')).contains(QLatin1String("\"jwk\"")));
        QCOMPARE(JwsVerifier().verify(result.token, m_keys).status, Status::InvalidSignature);
    }

    void onlyJwsCanBeVerified()
    {
        const JwtParseResult jwe = JwtParser().parse(Base64Url::encode(R"({"alg":"dir","enc":"A256GCM"})")
                                                     + "..aXY.Y2lwaGVy.dGFn");
        QCOMPARE(jwe.kind, JwtParseResult::Kind::Jwe);
        const JwsVerification result = JwsVerifier().verify(jwe.token, m_keys);
        QCOMPARE(result.status, Status::Rejected);
        QCOMPARE(result.reason, Reason::NotJws);
        QCOMPARE(JwsVerifier().verify(Jwt(), m_keys).reason, Reason::NotJws);
    }

    void unknownCriticalHeaderIsAParseError()
    {
        // Even with a valid signature: RFC 7515 §4.1.11 says the token must be rejected.
        const QJsonObject header { { QStringLiteral("alg"), QStringLiteral("RS256") },
                                   { QStringLiteral("crit"),
                                     QJsonArray { QStringLiteral("http://example.invalid/ext") } },
                                   { QStringLiteral("http://example.invalid/ext"), true } };
        const JwtParseResult result = JwtParser().parse(JoseTestKeys::compact(header, claims, m_rsa.get()));
        QVERIFY(!result.ok());
        QCOMPARE(result.error, JwtParseResult::Error::UnsupportedCritical);
        QVERIFY(result.message.contains(QStringLiteral("RFC 7515 §4.1.11")));
    }
};

QTEST_GUILESS_MAIN(TestJwsSecurity)
#include "tst_jws_security.moc"
