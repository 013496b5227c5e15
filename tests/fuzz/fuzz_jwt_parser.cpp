// JwtParser::parse on arbitrary bytes, then everything that reads a parsed token: the typed claims, the JWS
// verifier (against a fixed JWKS with the RFC 7515 / RFC 8037 example keys, a public-only copy of it, single
// keys and an HMAC secret), the token findings and the ID token checks.
//
// Two input forms: a compact token as text, or, when the input starts with '{', "header\0payload\0signature"
// in clear, which this target base64url-encodes. The second lets the fuzzer mutate the JSON itself.
#include "Base64Url.h"
#include "FindingsEngine.h"
#include "FuzzSupport.h"
#include "IdTokenValidator.h"
#include "JwkSetParser.h"
#include "JwsVerifier.h"
#include "JwtClaims.h"
#include "JwtParser.h"

#include <cstdlib>

namespace {

// RFC 7515 A.1 (oct), A.2 (RSA), A.3 (P-256), A.4 (P-521) and RFC 8037 A.4 (Ed25519), public parts, with
// kids.
const char *const exampleKeys
    = "{\"keys\":["
      "{\"kty\":\"oct\",\"kid\":\"a1\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-"
      "1qS0gZH75aKtMN3Yj0iPS4hcgUuTwj"
      "AzZr1Z9CAow\"},"
      "{\"kty\":\"RSA\",\"kid\":\"a2\",\"e\":\"AQAB\",\"n\":\"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_"
      "wWJcyQoTbji9k0l8W26mPddxH"
      "mfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_"
      "7OMg0LOL-bSf63kpa"
      "SHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_"
      "I5IhlJH7aGhyxXFvUK-DWNmo"
      "udF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ\"},"
      "{\"kty\":\"EC\",\"kid\":\"a3\",\"crv\":\"P-256\",\"x\":"
      "\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
      "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"},"
      "{\"kty\":\"EC\",\"kid\":\"a4\",\"crv\":\"P-521\",\"x\":"
      "\"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_"
      "NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk\",\"y\":\"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-"
      "x3S1WDhjDly79ajL4Kkd0AZMa"
      "Zmh9ubmf63e3kyMj2\"},"
      "{\"kty\":\"OKP\",\"kid\":\"ed\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_"
      "7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}"
      "]}";

constexpr qint64 Now = 1900000000;

struct Fixture
{
    JwkSet allKeys;
    JwkSet publicKeys;
    QByteArray secret = "fuzzing-secret-of-thirty-two-bytes!";
    QDateTime now = QDateTime::fromSecsSinceEpoch(Now, Qt::UTC);
    JwtParser parser;
    JwtParser extendedParser; // understands a critical extension
    JwsVerifier verifier;
    JwsVerifier restrictedVerifier; // an allow-list
    FindingsEngine::TokenContext accessContext;
    FindingsEngine::TokenContext otherContext;
    IdTokenExpectations idToken;
};

Fixture *fixture = nullptr;

// "header\0payload\0signature" -> the compact JWS of those bytes.
QByteArray compactFrom(const QByteArray &input)
{
    const QList<QByteArray> parts = input.split('\0');
    QByteArray token = Base64Url::encode(parts.value(0)) + '.' + Base64Url::encode(parts.value(1)) + '.'
        + Base64Url::encode(parts.value(2));
    for (qsizetype i = 3; i < parts.size(); ++i) // more parts: a JWE shape
        token += '.' + Base64Url::encode(parts.at(i));
    return token;
}

void readClaims(const QJsonObject &json)
{
    const JwtClaims claims(json);
    (void)claims.expiresAt().toDateTime();
    (void)claims.notBefore().toDateTime();
    (void)claims.issuedAt().toDateTime();
    (void)claims.authTime().toDateTime();
    (void)claims.issuer();
    (void)claims.subject();
    (void)claims.authorizedParty();
    (void)claims.nonce();
    (void)claims.jwtId();
    (void)claims.clientId();
    (void)claims.audience().contains(QStringLiteral("client-1"));
    (void)claims.scopes();
    (void)claims.problems();
    for (const qint64 skew : { qint64(0), qint64(60) }) {
        (void)claims.isExpired(fixture->now, skew);
        (void)claims.isNotYetValid(fixture->now, skew);
    }
    (void)claims.secondsUntilExpiry(fixture->now);
    (void)claims.expiryText(fixture->now);
}

void inspect(const JwtParseResult &parsed)
{
    const Fixture &f = *fixture;
    const Jwt &token = parsed.token;
    if (parsed.kind == JwtParseResult::Kind::Jws) {
        if (token.payloadIsJson)
            readClaims(token.claims);
        const JwsVerification all = f.verifier.verify(token, f.allKeys);
        const JwsVerification publicOnly = f.verifier.verify(token, f.publicKeys);
        (void)f.restrictedVerifier.verify(token, f.publicKeys);
        (void)f.verifier.verifyWithSecret(token, f.secret);
        for (const Jwk &key : f.allKeys.keysWithKid(token.kid))
            (void)f.verifier.verify(token, key);
        (void)FindingsEngine::forToken(token, &all, f.accessContext);
        (void)FindingsEngine::forToken(token, &publicOnly, f.otherContext);
    }
    if (parsed.ok()) {
        (void)FindingsEngine::forToken(token, nullptr, f.otherContext);
        (void)IdTokenValidator::validate(token, f.idToken, f.now, 60);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::silenceQtMessages();
    fixture = new Fixture;
    const JwkSetParseResult keys = JwkSetParser::parse(QByteArray(exampleKeys));
    if (!keys.ok || keys.set.keys.size() != 5 || !keys.set.problems.isEmpty())
        std::abort(); // the fixture itself is broken: nothing below would mean anything
    fixture->allKeys = keys.set;
    for (const Jwk &key : keys.set.keys) {
        if (!key.isSymmetric())
            fixture->publicKeys.keys.append(key);
    }
    fixture->extendedParser.setUnderstoodCriticalHeaders({ QStringLiteral("b64"), QStringLiteral("x-ext") });
    fixture->restrictedVerifier.setAllowedAlgorithms({ QStringLiteral("RS256"), QStringLiteral("ES256") });
    fixture->accessContext.now = fixture->now;
    fixture->accessContext.expectedIssuer = QStringLiteral("joe");
    fixture->accessContext.issuerPublishesPublicKeys = true;
    fixture->accessContext.expectAccessToken = true;
    fixture->otherContext.now = fixture->now;
    fixture->otherContext.skewSeconds = 0;
    fixture->otherContext.publicClient = true;
    fixture->idToken.issuer = QStringLiteral("joe");
    fixture->idToken.clientId = QStringLiteral("client-1");
    fixture->idToken.nonce = QStringLiteral("n-0S6_WzA2Mj");
    fixture->idToken.maxAgeSeconds = 3600;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = FuzzSupport::bytes(data, size);
    const bool structured = size > 0 && data[0] == '{';
    const QByteArray token = structured ? compactFrom(input) : input;

    inspect(fixture->parser.parse(token));
    inspect(fixture->extendedParser.parse(token));
    if (!structured) // the QString entry point: its own non-ASCII check, then the same parser
        (void)fixture->parser.parse(QString::fromUtf8(token));
    return 0;
}
