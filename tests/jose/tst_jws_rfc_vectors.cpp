// The published JWS examples: RFC 7515 Appendix A.1-A.4 and RFC 8037 Appendix A.4. Each verifies as printed,
// and stops verifying after a one-character change in the middle of its header, payload or signature.
#include "Base64Url.h"
#include "JoseTestKeys.h"
#include "JwkSetParser.h"
#include "JwsVerifier.h"
#include "JwtParser.h"

#include <QTest>

Q_DECLARE_METATYPE(JwsVerification::Status)

namespace {
using Status = JwsVerification::Status;

// RFC 7515 A.1: {"typ":"JWT",\r\n "alg":"HS256"} over the "joe" claims, HMAC key from the JWK below.
const QByteArray a1Token
    = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
      ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
      ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const QByteArray a1Key = R"({"kty":"oct",
    "k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"})";

// RFC 7515 A.2: RS256.
const QByteArray a2Token
    = "eyJhbGciOiJSUzI1NiJ9"
      ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
      ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_"
      "O8W2Fp5jujGbds9uJdb"
      "F9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_"
      "eSN9383"
      "LcOLn6_dO--xi12jzDwusC-"
      "eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWy"
      "wlVmtVrBp0igcN_IoypGlUPQGe77Rw";
const QByteArray a2Key = R"({"kty":"RSA","e":"AQAB",
    "n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"})";

// RFC 7515 A.3: ES256 on P-256.
const QByteArray a3Token
    = "eyJhbGciOiJFUzI1NiJ9"
      ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
      ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
const QByteArray a3Key = R"({"kty":"EC","crv":"P-256",
    "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
    "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})";

// RFC 7515 A.4: ES512 on P-521, over the non-JSON payload "Payload".
const QByteArray a4Token
    = "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA"
      ".AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-KGDKB34XO0aw_7Xd"
      "tAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn";
const QByteArray a4Key = R"({"kty":"EC","crv":"P-521",
    "x":"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk",
    "y":"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2"})";

// RFC 8037 A.4: Ed25519 over "Example of Ed25519 signing".
const QByteArray ed25519Token
    = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
      ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
const QByteArray ed25519Key
    = R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})";

JwkSet setOf(const QByteArray &jwk)
{
    const JwkSetParseResult parsed = JwkSetParser::parse(jwk);
    return parsed.set;
}

struct Vector
{
    const char *name;
    QByteArray token;
    QByteArray jwk;
    QString kty;
};

QList<Vector> vectors()
{
    return {
        { "RFC 7515 A.1 HS256", a1Token, a1Key, QStringLiteral("oct") },
        { "RFC 7515 A.2 RS256", a2Token, a2Key, QStringLiteral("RSA") },
        { "RFC 7515 A.3 ES256", a3Token, a3Key, QStringLiteral("EC") },
        { "RFC 7515 A.4 ES512", a4Token, a4Key, QStringLiteral("EC") },
        { "RFC 8037 A.4 EdDSA", ed25519Token, ed25519Key, QStringLiteral("OKP") },
    };
}
} // namespace

class TestJwsRfcVectors final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verifies_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QByteArray>("jwk");
        QTest::addColumn<QString>("kty");
        for (const Vector &vector : vectors())
            QTest::newRow(vector.name) << vector.token << vector.jwk << vector.kty;
    }
    void verifies()
    {
        QFETCH(QByteArray, token);
        QFETCH(QByteArray, jwk);
        QFETCH(QString, kty);

        const JwtParseResult parsed = JwtParser().parse(token);
        QCOMPARE(parsed.kind, JwtParseResult::Kind::Jws);
        const JwkSet keys = setOf(jwk);
        QCOMPARE(keys.keys.size(), 1);
        QVERIFY(keys.problems.isEmpty());

        const JwsVerification viaSet = JwsVerifier().verify(parsed.token, keys);
        QVERIFY2(viaSet.isValid(), qPrintable(viaSet.message));
        QCOMPARE(viaSet.key.kty, kty);
        QCOMPARE(viaSet.keysTried, 1);

        const JwsVerification viaKey = JwsVerifier().verify(parsed.token, keys.keys.first());
        QVERIFY2(viaKey.isValid(), qPrintable(viaKey.message));
    }

    void hmacVectorWithRawSecret()
    {
        const JwtParseResult parsed = JwtParser().parse(a1Token);
        const QByteArray secret = setOf(a1Key).keys.first().secret;
        QCOMPARE(secret.size(), 64);
        QVERIFY(JwsVerifier().verifyWithSecret(parsed.token, secret).isValid());
        QByteArray wrong = secret;
        wrong[10] = static_cast<char>(wrong.at(10) ^ 0x01);
        QCOMPARE(JwsVerifier().verifyWithSecret(parsed.token, wrong).status, Status::InvalidSignature);
    }

    void tamperedPartFails_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QByteArray>("jwk");
        QTest::addColumn<int>("part");

        const char *partNames[] = { "header", "payload", "signature" };
        for (const Vector &vector : vectors()) {
            for (int part = 0; part < 3; ++part)
                QTest::addRow("%s %s", vector.name, partNames[part]) << vector.token << vector.jwk << part;
        }
    }
    void tamperedPartFails()
    {
        QFETCH(QByteArray, token);
        QFETCH(QByteArray, jwk);
        QFETCH(int, part);

        const QByteArray tampered = JoseTestKeys::tamper(token, part);
        QVERIFY(tampered != token);
        QCOMPARE(tampered.size(), token.size());
        const JwtParseResult parsed = JwtParser().parse(tampered);
        if (part == 0) {
            // These headers are short: a changed middle character lands in the JSON syntax or in "alg" and
            // leaves a control character behind, so the header is refused before any key is used.
            QCOMPARE(parsed.error, JwtParseResult::Error::HeaderNotJson);
            return;
        }
        QCOMPARE(parsed.kind, JwtParseResult::Kind::Jws);
        const JwsVerification verification = JwsVerifier().verify(parsed.token, setOf(jwk));
        QCOMPARE(verification.status, Status::InvalidSignature);
    }

    void headerChangeThatKeepsJsonFails_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QByteArray>("jwk");
        for (const Vector &vector : vectors())
            QTest::newRow(vector.name) << vector.token << vector.jwk;
    }
    void headerChangeThatKeepsJsonFails()
    {
        // The header's bytes change but it still parses to the same JSON object (a space before the closing
        // brace): only the signature, computed over the encoded bytes, can catch it.
        QFETCH(QByteArray, token);
        QFETCH(QByteArray, jwk);
        const QList<QByteArray> parts = token.split('.');
        QByteArray header = JwtParser().parse(token).token.headerJson;
        QVERIFY(header.endsWith('}'));
        header.chop(1);
        header += " }";
        const QByteArray forged = Base64Url::encode(header) + '.' + parts.at(1) + '.' + parts.at(2);
        const JwtParseResult parsed = JwtParser().parse(forged);
        QCOMPARE(parsed.kind, JwtParseResult::Kind::Jws);
        QCOMPARE(parsed.token.header, JwtParser().parse(token).token.header);
        const JwsVerification verification = JwsVerifier().verify(parsed.token, setOf(jwk));
        QCOMPARE(verification.status, Status::InvalidSignature);
    }

    void rfcPayloadsAreDecoded()
    {
        const JwtParseResult a2 = JwtParser().parse(a2Token);
        QVERIFY(a2.token.payloadIsJson);
        QCOMPARE(a2.token.claims.value(QLatin1String("iss")).toString(), QStringLiteral("joe"));
        QCOMPARE(a2.token.claims.value(QLatin1String("exp")).toInteger(), 1300819380);

        const JwtParseResult ed = JwtParser().parse(ed25519Token);
        QVERIFY(!ed.token.payloadIsJson);
        QCOMPARE(ed.token.payload, QByteArray("Example of Ed25519 signing"));
        QVERIFY(ed.message.contains(QLatin1String("not JSON")));
    }

    void rfc7638Thumbprint()
    {
        // RFC 7638 §3.1 example key and its thumbprint.
        const QByteArray jwk = R"({"kty":"RSA","e":"AQAB","alg":"RS256","kid":"2011-04-29",
            "n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"})";
        const JwkSet keys = setOf(jwk);
        QCOMPARE(keys.keys.size(), 1);
        QCOMPARE(keys.keys.first().thumbprint, QStringLiteral("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"));
        QCOMPARE(keys.keys.first().bits, 2048);
    }
};

QTEST_GUILESS_MAIN(TestJwsRfcVectors)
#include "tst_jws_rfc_vectors.moc"
