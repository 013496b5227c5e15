// bench-jwt-verify: JWS verifications per second through the engine's own path (JwkSetParser keys,
// JwtParser, JwsVerifier), per algorithm, and the cost of rejecting a kid-less token against a maximal JWKS.
//   bench-jwt-verify [--seconds S]
// Prints tab-separated lines for bench/run.sh:
//   verify <alg> <verifications/s> <parse+verify/s>
//   kidless <keys in the JWKS> <keys read> <JWKS bytes> <parse ms> <reject ms> <keys tried> <message>
#include "Base64Url.h"
#include "JoseTestKeys.h"
#include "JwkSetParser.h"
#include "JwsVerifier.h"
#include "JwtParser.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>

namespace {

struct Subject
{
    QString alg;
    QByteArray token;
    JwkSet keys;
};

QByteArray payload()
{
    const QJsonObject claims { { QStringLiteral("iss"), QStringLiteral("https://issuer.example") },
                               { QStringLiteral("sub"), QStringLiteral("bench-user") },
                               { QStringLiteral("aud"), QStringLiteral("bench-api") },
                               { QStringLiteral("iat"), 1700000000 },
                               { QStringLiteral("exp"), 1700003600 },
                               { QStringLiteral("scope"), QStringLiteral("read write") } };
    return QJsonDocument(claims).toJson(QJsonDocument::Compact);
}

QJsonObject header(const QString &alg, const QString &kid)
{
    QJsonObject object { { QStringLiteral("alg"), alg }, { QStringLiteral("typ"), QStringLiteral("JWT") } };
    if (!kid.isEmpty())
        object.insert(QStringLiteral("kid"), kid);
    return object;
}

JwkSet parseKeys(const QList<QJsonObject> &jwks)
{
    const JwkSetParseResult parsed = JwkSetParser::parse(JoseTestKeys::jwks(jwks));
    if (!parsed.ok || parsed.set.keys.size() != jwks.size()) {
        std::fprintf(stderr, "bench-jwt-verify: the JWKS did not parse: %s\n", qPrintable(parsed.error));
        std::exit(1);
    }
    return parsed.set;
}

Subject signedSubject(const QString &alg, EVP_PKEY *key)
{
    const QString kid = QStringLiteral("bench-1");
    return { alg, JoseTestKeys::compact(header(alg, kid), payload(), key),
             parseKeys({ JoseTestKeys::publicJwk(key, kid, alg) }) };
}

Subject hmacSubject()
{
    const QByteArray secret(32, 'k');
    const QString kid = QStringLiteral("bench-hmac");
    const QJsonObject jwk { { QStringLiteral("kty"), QStringLiteral("oct") },
                            { QStringLiteral("k"), QString::fromLatin1(Base64Url::encode(secret)) },
                            { QStringLiteral("kid"), kid },
                            { QStringLiteral("alg"), QStringLiteral("HS256") } };
    const QString alg = QStringLiteral("HS256");
    return { alg, JoseTestKeys::compact(header(alg, kid), payload(), nullptr, secret), parseKeys({ jwk }) };
}

// Runs work for at least `seconds` and returns how many times per second it ran.
double perSecond(double seconds, const std::function<void()> &work)
{
    QElapsedTimer clock;
    clock.start();
    qint64 count = 0;
    const qint64 budgetNs = static_cast<qint64>(seconds * 1e9);
    qint64 elapsed = 0;
    do {
        for (int i = 0; i < 16; ++i)
            work();
        count += 16;
        elapsed = clock.nsecsElapsed();
    } while (elapsed < budgetNs);
    return static_cast<double>(count) * 1e9 / static_cast<double>(elapsed);
}

void benchVerify(const Subject &subject, double seconds)
{
    const JwtParser parser;
    const JwsVerifier verifier;
    const Jwt token = parser.parse(subject.token).token;
    const JwsVerification first = verifier.verify(token, subject.keys);
    if (!first.isValid()) {
        std::fprintf(stderr, "bench-jwt-verify: %s did not verify: %s\n", qPrintable(subject.alg),
                     qPrintable(first.message));
        std::exit(1);
    }
    // The volatile sink keeps the compiler from dropping work whose result is unused.
    volatile bool sink = false;
    const double verifyRate
        = perSecond(seconds, [&] { sink = verifier.verify(token, subject.keys).isValid(); });
    const double parseVerifyRate = perSecond(
        seconds, [&] { sink = verifier.verify(parser.parse(subject.token).token, subject.keys).isValid(); });
    static_cast<void>(sink);
    std::printf("verify\t%s\t%.0f\t%.0f\n", qPrintable(subject.alg), verifyRate, parseVerifyRate);
}

// A kid-less ES256 token against the largest JWKS the parser accepts, every key a fitting P-256 key that is
// not the signer's: the worst case for "try every fitting key".
void benchKidlessMaximalJwks()
{
    const EvpPkeyPtr signer = JoseTestKeys::generateEc("P-256");
    const EvpPkeyPtr other = JoseTestKeys::generateEc("P-256");
    const QJsonObject jwk = JoseTestKeys::publicJwk(other.get());
    const qsizetype perKey = QJsonDocument(jwk).toJson(QJsonDocument::Compact).size() + 1;
    QList<QJsonObject> keys(static_cast<int>((JwkSetParser::MaximumSize - 16) / perKey), jwk);
    const QByteArray document = JoseTestKeys::jwks(keys);

    QElapsedTimer clock;
    clock.start();
    const JwkSetParseResult parsed = JwkSetParser::parse(document);
    const double parseMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    if (!parsed.ok) {
        std::fprintf(stderr, "bench-jwt-verify: the maximal JWKS did not parse: %s\n",
                     qPrintable(parsed.error));
        std::exit(1);
    }
    const QString alg = QStringLiteral("ES256");
    const Jwt token
        = JwtParser().parse(JoseTestKeys::compact(header(alg, {}), payload(), signer.get())).token;
    clock.restart();
    const JwsVerification result = JwsVerifier().verify(token, parsed.set);
    const double rejectMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    std::printf("kidless\t%lld\t%lld\t%lld\t%.1f\t%.1f\t%d\t%s\n", static_cast<long long>(keys.size()),
                static_cast<long long>(parsed.set.keys.size()), static_cast<long long>(document.size()),
                parseMs, rejectMs, result.keysTried, qPrintable(result.message));
}

} // namespace

int main(int argc, char *argv[])
{
    double seconds = 1.0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
            seconds = std::atof(argv[++i]);
        } else {
            std::fprintf(stderr, "usage: bench-jwt-verify [--seconds S]\n");
            return 2;
        }
    }
    if (!(seconds > 0.0 && seconds <= 600.0)) {
        std::fprintf(stderr, "bench-jwt-verify: --seconds needs a number of seconds above 0 and up to 600\n");
        return 2;
    }

    const EvpPkeyPtr rsa = JoseTestKeys::generateRsa(2048);
    const EvpPkeyPtr ec = JoseTestKeys::generateEc("P-256");
    const EvpPkeyPtr ed = JoseTestKeys::generateEd25519();
    benchVerify(signedSubject(QStringLiteral("RS256"), rsa.get()), seconds);
    benchVerify(signedSubject(QStringLiteral("ES256"), ec.get()), seconds);
    benchVerify(signedSubject(QStringLiteral("EdDSA"), ed.get()), seconds);
    benchVerify(hmacSubject(), seconds);
    benchKidlessMaximalJwks();
    return 0;
}
