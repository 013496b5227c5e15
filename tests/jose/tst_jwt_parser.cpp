// Reading a pasted token: a signed JWT is split and decoded, an encrypted one is recognised, anything else is
// opaque, and a broken JWT gets one specific error (RFC 7515 §5.2, RFC 7516 §5.2, RFC 9068 §2.1).
#include "Base64Url.h"
#include "JwtParser.h"

#include <QRandomGenerator>
#include <QTest>

using Kind = JwtParseResult::Kind;
using Error = JwtParseResult::Error;
Q_DECLARE_METATYPE(JwtParseResult::Kind)
Q_DECLARE_METATYPE(JwtParseResult::Error)

namespace {
// Raw string literals here never contain a URL, a backslash-quote or end in a quote: moc 6.4 misreads those
// and skips the class.
QByteArray b64(const QByteArray &bytes)
{
    return Base64Url::encode(bytes);
}

QByteArray jws(const QByteArray &header, const QByteArray &payload = R"({"sub":"alice"})",
               const QByteArray &signature = "signature")
{
    return b64(header) + '.' + b64(payload) + '.' + b64(signature);
}
} // namespace

class TestJwtParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classifies_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<Error>("error");
        QTest::addColumn<int>("errorPart");
        QTest::addColumn<QString>("mentions");

        const QByteArray rs256 = R"({"alg":"RS256"})";
        QTest::newRow("signed JWT") << jws(rs256) << Kind::Jws << Error::None << 0
                                    << QStringLiteral("signed JWT (JWS), alg \"RS256\"");
        QTest::newRow("empty") << QByteArray() << Kind::Invalid << Error::Empty << 0
                               << QStringLiteral("empty");
        QTest::newRow("blank") << QByteArray(" \n\t ") << Kind::Invalid << Error::Empty << 0
                               << QStringLiteral("empty");
        QTest::newRow("opaque, no dots") << QByteArray("2YotnFZFEjr1zCsicMWpAA") << Kind::Opaque
                                         << Error::None << 0 << QStringLiteral("introspection");
        QTest::newRow("opaque with one dot (Google style)")
            << QByteArray("ya29.a0AfH6SMBxQ-lh_4Jx") << Kind::Opaque << Error::None << 0
            << QStringLiteral("opaque token: not a JWT");
        QTest::newRow("opaque with odd characters")
            << QByteArray("gho_16C7e42F292c6912E7710c838347Ae178B4a~x") << Kind::Opaque << Error::None << 0
            << QStringLiteral("opaque");
        QTest::newRow("three parts of base64 garbage")
            << QByteArray("ab$c.def.ghi") << Kind::Invalid << Error::BadBase64Url << 1
            << QStringLiteral("part 1");
        QTest::newRow("three parts, header not JSON")
            << (b64("hello") + ".e30.c2ln") << Kind::Invalid << Error::HeaderNotJson << 1
            << QStringLiteral("not a JSON object");
        QTest::newRow("header broken JSON") << jws(R"({"alg":"RS256",})") << Kind::Invalid
                                            << Error::HeaderNotJson << 1 << QStringLiteral("not valid JSON");
        QTest::newRow("two parts (signature missing)")
            << (b64(rs256) + '.' + b64("{}")) << Kind::Invalid << Error::WrongPartCount << 0
            << QStringLiteral("has 2 parts");
        QTest::newRow("four parts") << (jws(rs256) + ".e30") << Kind::Invalid << Error::WrongPartCount << 0
                                    << QStringLiteral("has 4 parts");
        QTest::newRow("bad base64url in the payload") << (b64(rs256) + ".ab+c." + b64("sig")) << Kind::Invalid
                                                      << Error::BadBase64Url << 2 << QStringLiteral("part 2");
        QTest::newRow("bad base64url in the signature")
            << (b64(rs256) + ".e30.a") << Kind::Invalid << Error::BadBase64Url << 3
            << QStringLiteral("part 3");
        QTest::newRow("no alg") << jws(R"({"typ":"JWT"})") << Kind::Invalid << Error::MissingAlg << 1
                                << QStringLiteral("no \"alg\"");
        QTest::newRow("alg not a string") << jws(R"({"alg":256})") << Kind::Invalid << Error::MissingAlg << 1
                                          << QStringLiteral("not a non-empty string");
        QTest::newRow("crit with an unknown extension")
            << jws(R"({"alg":"RS256","crit":["exp"],"exp":1363284000})") << Kind::Invalid
            << Error::UnsupportedCritical << 1 << QStringLiteral("\"exp\"");
        QTest::newRow("crit names a missing member")
            << jws(R"({"alg":"RS256","crit":["b64"]})") << Kind::Invalid << Error::InvalidCritical << 1
            << QStringLiteral("no such member");
        QTest::newRow("crit names a standard parameter")
            << jws(R"({"alg":"RS256","crit":["alg"]})") << Kind::Invalid << Error::InvalidCritical << 1
            << QStringLiteral("standard header parameter");
        QTest::newRow("crit empty") << jws(R"({"alg":"RS256","crit":[]})") << Kind::Invalid
                                    << Error::InvalidCritical << 1 << QStringLiteral("non-empty array");
        QTest::newRow("crit not an array")
            << jws(R"({"alg":"RS256","crit":"exp","exp":1})") << Kind::Invalid << Error::InvalidCritical << 1
            << QStringLiteral("non-empty array");
        QTest::newRow("JWE") << (b64(R"({"alg":"RSA-OAEP","enc":"A256GCM"})") + ".a2V5.aXY.Y2lwaGVy.dGFn")
                             << Kind::Jwe << Error::None << 0
                             << QStringLiteral("encrypted (JWE), alg \"RSA-OAEP\" enc \"A256GCM\"; cannot be "
                                               "inspected without the key");
        QTest::newRow("JWE with dir (empty key part)")
            << (b64(R"({"alg":"dir","enc":"A128CBC-HS256"})") + "..aXY.Y2lwaGVy.dGFn") << Kind::Jwe
            << Error::None << 0 << QStringLiteral("alg \"dir\"");
        QTest::newRow("JWE without enc")
            << (b64(R"({"alg":"RSA-OAEP"})") + ".a2V5.aXY.Y2lwaGVy.dGFn") << Kind::Invalid
            << Error::MissingEnc << 1 << QStringLiteral("\"enc\"");
        QTest::newRow("JWE with bad base64url in part 4")
            << (b64(R"({"alg":"RSA-OAEP","enc":"A256GCM"})") + ".a2V5.aXY.Y2l*aGVy.dGFn") << Kind::Invalid
            << Error::BadBase64Url << 4 << QStringLiteral("part 4");
        QTest::newRow("non-ASCII") << QByteArray("eyJ\xc3\xa9.e30.e30") << Kind::Invalid << Error::NotAscii
                                   << 0 << QStringLiteral("position 3");
    }
    void classifies()
    {
        QFETCH(QByteArray, token);
        QFETCH(Kind, kind);
        QFETCH(Error, error);
        QFETCH(int, errorPart);
        QFETCH(QString, mentions);

        const JwtParseResult result = JwtParser().parse(token);
        QCOMPARE(result.kind, kind);
        QCOMPARE(result.error, error);
        QCOMPARE(result.errorPart, errorPart);
        QVERIFY2(result.message.contains(mentions), qPrintable(result.message));
        QCOMPARE(result.ok(), kind == Kind::Jws || kind == Kind::Jwe);
    }

    void splitsJws()
    {
        const QByteArray header = R"({"alg":"ES256","kid":"k1","typ":"JWT"})";
        const QByteArray token = jws(header, "{\"iss\":\"https://issuer.example\"}", QByteArray(64, '\x07'));
        const JwtParseResult result = JwtParser().parse(token);
        QCOMPARE(result.kind, Kind::Jws);
        const Jwt &jwt = result.token;
        QCOMPARE(jwt.partCount, 3);
        QCOMPARE(jwt.headerJson, header);
        QCOMPARE(jwt.alg, QStringLiteral("ES256"));
        QCOMPARE(jwt.kid, QStringLiteral("k1"));
        QCOMPARE(jwt.typ, QStringLiteral("JWT"));
        QVERIFY(!jwt.isAccessToken);
        QCOMPARE(jwt.signingInput, token.left(token.lastIndexOf('.')));
        QCOMPARE(jwt.signature, QByteArray(64, '\x07'));
        QVERIFY(jwt.payloadIsJson);
        QCOMPARE(jwt.claims.value(QLatin1String("iss")).toString(), QStringLiteral("https://issuer.example"));
        QVERIFY(result.warnings.isEmpty());
    }

    void payloadThatIsNotJson_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("text") << QByteArray("Example of Ed25519 signing");
        QTest::newRow("JSON array") << QByteArray("[1,2,3]");
        QTest::newRow("binary") << QByteArray("\x00\x01\xff\xfe", 4);
    }
    void payloadThatIsNotJson()
    {
        QFETCH(QByteArray, payload);
        const JwtParseResult result = JwtParser().parse(jws(R"({"alg":"EdDSA"})", payload));
        QCOMPARE(result.kind, Kind::Jws);
        QVERIFY(!result.token.payloadIsJson);
        QVERIFY(result.token.claims.isEmpty());
        QCOMPARE(result.token.payload, payload);
        QVERIFY2(result.message.contains(QLatin1String("the payload is not JSON")),
                 qPrintable(result.message));
    }

    void accessTokenType_data()
    {
        QTest::addColumn<QString>("typ");
        QTest::addColumn<bool>("isAccessToken");
        QTest::newRow("at+jwt") << QStringLiteral("at+jwt") << true;
        QTest::newRow("application/at+jwt") << QStringLiteral("application/at+jwt") << true;
        QTest::newRow("upper case (media types are case-insensitive)") << QStringLiteral("AT+JWT") << true;
        QTest::newRow("JWT") << QStringLiteral("JWT") << false;
        QTest::newRow("dpop+jwt") << QStringLiteral("dpop+jwt") << false;
    }
    void accessTokenType()
    {
        QFETCH(QString, typ);
        QFETCH(bool, isAccessToken);
        const QByteArray header = "{\"alg\":\"RS256\",\"typ\":\"" + typ.toLatin1() + "\"}";
        const JwtParseResult result = JwtParser().parse(jws(header));
        QCOMPARE(result.kind, Kind::Jws);
        QCOMPARE(result.token.typ, typ);
        QCOMPARE(result.token.isAccessToken, isAccessToken);
        QCOMPARE(result.message.contains(QLatin1String("RFC 9068")), isAccessToken);
    }

    void sizeCap()
    {
        const QByteArray prefix = b64(R"({"alg":"HS256"})") + '.';
        const QByteArray suffix = '.' + b64("sig");
        const qsizetype room = JwtParser::DefaultMaximumSize - prefix.size() - suffix.size();
        const QByteArray atLimit = prefix + QByteArray(room, 'A') + suffix;
        QCOMPARE(atLimit.size(), JwtParser::DefaultMaximumSize);
        QCOMPARE(JwtParser().parse(atLimit).kind, Kind::Jws);

        const QByteArray overLimit = prefix + QByteArray(room + 1, 'A') + suffix;
        const JwtParseResult bytes = JwtParser().parse(overLimit);
        QCOMPARE(bytes.error, Error::TooLarge);
        QVERIFY2(bytes.message.contains(QLatin1String("256 KiB")), qPrintable(bytes.message));
        QCOMPARE(JwtParser().parse(QString::fromLatin1(overLimit)).error, Error::TooLarge);

        JwtParser small;
        small.setMaximumSize(10);
        QCOMPARE(small.parse(QByteArray("abcdefghijk")).error, Error::TooLarge);
    }

    void understoodCriticalExtension()
    {
        JwtParser parser;
        parser.setUnderstoodCriticalHeaders({ QStringLiteral("exp") });
        const JwtParseResult result = parser.parse(jws(R"({"alg":"RS256","crit":["exp"],"exp":1363284000})"));
        QCOMPARE(result.kind, Kind::Jws);
        QCOMPARE(result.token.critical, QStringList { QStringLiteral("exp") });
    }

    void warnings_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("alg none") << jws(R"({"alg":"none"})", "{}", "") << QStringLiteral("unsecured");
        QTest::newRow("embedded jwk")
            << jws(R"({"alg":"RS256","jwk":{"kty":"RSA"}})") << QStringLiteral("\"jwk\"");
        QTest::newRow("jku") << jws("{\"alg\":\"RS256\",\"jku\":\"https://evil.example/jwks\"}")
                             << QStringLiteral("\"jku\"");
        QTest::newRow("kid not a string") << jws(R"({"alg":"RS256","kid":7})") << QStringLiteral("\"kid\"");
        QTest::newRow("padded part") << (b64(R"({"alg":"RS256"})") + ".e30=." + b64("s"))
                                     << QStringLiteral("part 2 has '=' padding");
        QTest::newRow("Bearer prefix") << ("Bearer " + jws(R"({"alg":"RS256"})")) << QStringLiteral("Bearer");
        QTest::newRow("duplicate alg (escaped spelling)")
            << jws(R"({"alg":"HS256","\u0061lg":"RS256"})")
            << QStringLiteral("header names \"alg\" more than once");
        QTest::newRow("duplicate claim") << jws(R"({"alg":"RS256"})", R"({"sub":"alice","sub":"admin"})")
                                         << QStringLiteral("payload names \"sub\" more than once");
        QTest::newRow("enc in a JWS")
            << jws(R"({"alg":"RS256","enc":"A128GCM"})") << QStringLiteral("\"enc\"");
    }
    void warnings()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, mentions);
        const JwtParseResult result = JwtParser().parse(token);
        QCOMPARE(result.kind, Kind::Jws);
        QVERIFY2(result.warnings.join(QLatin1Char('\n')).contains(mentions),
                 qPrintable(result.warnings.join(QLatin1Char('\n'))));
    }

    void duplicatesAreReadLastAndOnlyAtTopLevel()
    {
        const JwtParseResult result = JwtParser().parse(jws(R"({"alg":"none","alg":"RS256"})"));
        QCOMPARE(result.token.alg, QStringLiteral("RS256"));
        QCOMPARE(result.warnings.size(), 1);

        const JwtParseResult nested = JwtParser().parse(
            jws("{\"alg\":\"RS256\",\"x\":{\"a\":1,\"a\":2},\"y\":[\"alg\",\"alg\"],\"z\":\"alg\","
                "\"q\":\"\\\",\\\"alg\\\":\\\"b\"}"));
        QCOMPARE(nested.kind, Kind::Jws);
        QVERIFY2(nested.warnings.isEmpty(), qPrintable(nested.warnings.join(QLatin1Char('\n'))));
    }

    void stringOverload()
    {
        const QByteArray token = jws(R"({"alg":"RS256"})");
        QCOMPARE(JwtParser().parse(QString::fromLatin1(token)).token.signingInput,
                 JwtParser().parse(token).token.signingInput);
        const JwtParseResult accented = JwtParser().parse(QStringLiteral("eyJ\u00e9.e30.e30"));
        QCOMPARE(accented.error, Error::NotAscii);
        QVERIFY(accented.message.contains(QLatin1String("position 3")));
    }

    void garbageNeverCrashes()
    {
        QRandomGenerator random(20240501);
        const QByteArray alphabet = "eyJAZaz09-_.=+/ {}\":,\x00\xff";
        int jws = 0;
        for (int round = 0; round < 3000; ++round) {
            QByteArray token;
            const int length = random.bounded(0, 120);
            for (int i = 0; i < length; ++i)
                token.append(alphabet.at(random.bounded(alphabet.size())));
            if (round % 3 == 0)
                token.prepend("eyJhbGciOiJSUzI1NiJ9.");
            const JwtParseResult result = JwtParser().parse(token);
            QVERIFY(!result.message.isEmpty());
            QCOMPARE(result.ok(), result.error == Error::None && result.kind != Kind::Opaque);
            jws += result.kind == Kind::Jws ? 1 : 0;
        }
        QVERIFY(jws > 0);
    }
};

QTEST_GUILESS_MAIN(TestJwtParser)
#include "tst_jwt_parser.moc"
