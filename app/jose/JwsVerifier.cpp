#include "JwsVerifier.h"

#include "JoseText.h"
#include "JwsCrypto.h"
#include "JwsKeyPolicy.h"

#include <QCoreApplication>

namespace {
using Status = JwsVerification::Status;
using Reason = JwsVerification::RejectReason;
using Family = JwsAlgorithm::Family;

QString tr(const char *text)
{
    return QCoreApplication::translate("JwsVerifier", text);
}

void finish(JwsVerification &result, Status status, const QString &message, Reason reason = Reason::None)
{
    result.status = status;
    result.reason = reason;
    result.message = message;
}

void setKey(JwsVerification &result, const Jwk &key)
{
    result.hasKey = true;
    result.key = JwsKeyPolicy::describe(key);
}

QString caseHint(const QString &alg)
{
    static const QStringList known {
        QStringLiteral("HS256"), QStringLiteral("HS384"),   QStringLiteral("HS512"), QStringLiteral("RS256"),
        QStringLiteral("RS384"), QStringLiteral("RS512"),   QStringLiteral("PS256"), QStringLiteral("PS384"),
        QStringLiteral("PS512"), QStringLiteral("ES256"),   QStringLiteral("ES384"), QStringLiteral("ES512"),
        QStringLiteral("EdDSA"), QStringLiteral("Ed25519"), QStringLiteral("Ed448"),
    };
    for (const QString &name : known) {
        if (name.compare(alg, Qt::CaseInsensitive) == 0)
            return tr("; algorithm names are case-sensitive: did you mean %1?").arg(name);
    }
    return {};
}

// A JOSE ECDSA signature has a fixed length; a DER one (what OpenSSL produces) starts with a SEQUENCE tag.
QString ecdsaLengthProblem(const JwsAlgorithm &algorithm, const QByteArray &signature)
{
    const int expected = 2 * algorithm.coordinateBytes;
    if (algorithm.family != Family::Ecdsa || signature.size() == expected)
        return {};
    QString message
        = tr("invalid signature: an %1 signature is %2 bytes (r||s, RFC 7518 §3.4); this one is %3")
              .arg(algorithm.name)
              .arg(expected)
              .arg(signature.size());
    if (!signature.isEmpty() && signature.at(0) == '\x30')
        message += tr(", and looks DER-encoded: the signer must convert it to r||s");
    return message;
}
} // namespace

bool JwsVerifier::precheck(const Jwt &token, JwsVerification &result) const
{
    result.alg = token.alg;
    if (!token.isJws() || token.signingInput.isEmpty()) {
        finish(result, Status::Rejected, tr("only a signed JWT (JWS) has a signature to check"),
               Reason::NotJws);
        return false;
    }
    const JwsAlgorithm algorithm = JwsAlgorithm::fromName(token.alg);
    if (algorithm.family == Family::None) {
        finish(result, Status::Rejected,
               tr("alg %1 means the token is unsecured: it is never valid").arg(JoseText::quoted(token.alg)),
               Reason::AlgNone);
        return false;
    }
    if (!m_allowedAlgorithms.isEmpty() && !m_allowedAlgorithms.contains(token.alg)) {
        finish(result, Status::Rejected,
               tr("alg %1 is not among the allowed algorithms (%2)")
                   .arg(JoseText::quoted(token.alg), m_allowedAlgorithms.join(QLatin1String(", "))),
               Reason::AlgNotAllowed);
        return false;
    }
    if (!algorithm.isKnown()) {
        finish(result, Status::UnsupportedAlgorithm,
               tr("unsupported signature algorithm %1").arg(JoseText::quoted(token.alg))
                   + caseHint(token.alg));
        return false;
    }
    return true;
}

JwsVerification JwsVerifier::verify(const Jwt &token, const JwkSet &keys) const
{
    JwsVerification result;
    if (!precheck(token, result))
        return result;
    const JwsAlgorithm algorithm = JwsAlgorithm::fromName(token.alg);

    bool hasSymmetricKey = false;
    for (const Jwk &key : keys.keys)
        hasSymmetricKey = hasSymmetricKey || key.isSymmetric();
    if (algorithm.family == Family::Hmac && !hasSymmetricKey) {
        finish(
            result, Status::Rejected,
            tr("the token uses %1, an HMAC algorithm, but only public keys were supplied: refusing "
               "(algorithm "
               "confusion; a public key must never be used as an HMAC secret). Supply the shared secret to "
               "check an HMAC token")
                .arg(algorithm.name),
            Reason::AlgorithmConfusion);
        return result;
    }

    QList<Jwk> candidates;
    if (!token.kid.isEmpty()) {
        const QList<Jwk> matches = keys.keysWithKid(token.kid);
        if (matches.isEmpty()) {
            finish(
                result, Status::NoMatchingKey,
                tr("no key with kid %1 in the JWKS (%2 keys); if the issuer rotated its keys, fetch the JWKS "
                   "again")
                    .arg(JoseText::quoted(token.kid))
                    .arg(keys.keys.size()));
            return result;
        }
        JwsKeyPolicy::Fit firstRejection;
        for (const Jwk &key : matches) {
            const JwsKeyPolicy::Fit fit = JwsKeyPolicy::check(algorithm, key);
            if (fit.fits()) {
                candidates << key;
            } else if (firstRejection.fits()) {
                firstRejection = fit;
                setKey(result, key);
            }
        }
        if (candidates.isEmpty()) {
            finish(result, Status::Rejected, firstRejection.message, firstRejection.reason);
            return result;
        }
        result.hasKey = false; // the rejected key is not the one the outcome is about
        result.key = {};
    } else {
        for (const Jwk &key : keys.keys) {
            if (JwsKeyPolicy::check(algorithm, key).fits())
                candidates << key;
        }
        if (candidates.isEmpty()) {
            const QString curve = algorithm.curve.isEmpty() ? QString() : tr(" on %1").arg(algorithm.curve);
            finish(result, Status::NoMatchingKey,
                   tr("no key in the JWKS can verify %1: none has kty %2%3 with \"use\" sig (or none) and "
                      "\"alg\" "
                      "%1 (or none)")
                       .arg(algorithm.name, algorithm.keyType(), curve));
            return result;
        }
    }
    return tryFirstCandidates(token, algorithm, candidates, result);
}

JwsVerification JwsVerifier::tryFirstCandidates(const Jwt &token, const JwsAlgorithm &algorithm,
                                                const QList<Jwk> &candidates,
                                                const JwsVerification &result) const
{
    if (candidates.size() <= MaximumCandidates)
        return tryCandidates(token, algorithm, candidates, result);
    JwsVerification capped = tryCandidates(token, algorithm, candidates.mid(0, MaximumCandidates), result);
    capped.keysSkipped = static_cast<int>(candidates.size()) - MaximumCandidates;
    const QString why = token.kid.isEmpty()
        ? tr("the token has no kid and %1 keys of the JWKS fit %2: only the first %3 were tried")
              .arg(candidates.size())
              .arg(algorithm.name)
              .arg(MaximumCandidates)
        : tr("%1 keys of the JWKS share the kid %2: only the first %3 were tried")
              .arg(candidates.size())
              .arg(JoseText::quoted(token.kid))
              .arg(MaximumCandidates);
    if (capped.isValid())
        capped.warnings << why;
    else
        capped.message += tr("; %1 (a kid in the token's header names the one key to use; or verify against "
                             "that key alone)")
                              .arg(why);
    return capped;
}

JwsVerification JwsVerifier::verify(const Jwt &token, const Jwk &key) const
{
    JwsVerification result;
    if (!precheck(token, result))
        return result;
    const JwsAlgorithm algorithm = JwsAlgorithm::fromName(token.alg);
    setKey(result, key);
    const JwsKeyPolicy::Fit fit = JwsKeyPolicy::check(algorithm, key);
    if (!fit.fits()) {
        finish(result, Status::Rejected, fit.message, fit.reason);
        return result;
    }
    if (!token.kid.isEmpty() && !key.kid.isEmpty() && token.kid != key.kid)
        result.warnings << tr("the header names kid %1, but the key's kid is %2")
                               .arg(JoseText::quoted(token.kid), JoseText::quoted(key.kid));
    return tryCandidates(token, algorithm, { key }, result);
}

JwsVerification JwsVerifier::verifyWithSecret(const Jwt &token, const QByteArray &secret) const
{
    JwsVerification result;
    if (!precheck(token, result))
        return result;
    const JwsAlgorithm algorithm = JwsAlgorithm::fromName(token.alg);
    result.hasKey = true;
    result.key.kty = QStringLiteral("oct");
    result.key.isSecret = true;
    result.key.bits = static_cast<int>(secret.size() * 8);
    if (algorithm.family != Family::Hmac) {
        finish(result, Status::Rejected,
               tr("the token uses %1, a public-key algorithm: a shared secret cannot verify it; supply the "
                  "issuer's public key or JWKS")
                   .arg(algorithm.name),
               Reason::KeyTypeMismatch);
        return result;
    }
    if (secret.isEmpty()) {
        finish(result, Status::MalformedKey, tr("the HMAC secret is empty"));
        return result;
    }
    if (secret.size() < algorithm.hashBytes)
        result.warnings << tr("the secret is %1 bytes; %2 needs at least %3 (RFC 7518 §3.2)")
                               .arg(secret.size())
                               .arg(algorithm.name)
                               .arg(algorithm.hashBytes);
    result.keysTried = 1;
    const JwsCrypto::Outcome outcome
        = JwsCrypto::verifyHmac(algorithm, secret, token.signingInput, token.signature);
    if (outcome == JwsCrypto::Outcome::Valid)
        finish(result, Status::Valid, tr("signature valid: %1 with the supplied secret").arg(algorithm.name));
    else if (outcome == JwsCrypto::Outcome::KeyError)
        finish(result, Status::MalformedKey,
               tr("OpenSSL could not compute %1 with this secret").arg(algorithm.name));
    else
        finish(result, Status::InvalidSignature,
               tr("invalid signature: %1 does not match with the supplied secret").arg(algorithm.name));
    return result;
}

JwsVerification JwsVerifier::tryCandidates(const Jwt &token, const JwsAlgorithm &algorithm,
                                           const QList<Jwk> &candidates, JwsVerification result) const
{
    if (candidates.size() == 1)
        setKey(result, candidates.first());
    const QString lengthProblem = ecdsaLengthProblem(algorithm, token.signature);
    if (!lengthProblem.isEmpty()) {
        finish(result, Status::InvalidSignature, lengthProblem);
        return result;
    }
    if (token.signature.isEmpty()) {
        finish(result, Status::InvalidSignature,
               tr("invalid signature: the token's signature part is empty"));
        return result;
    }

    int keyErrors = 0;
    for (const Jwk &key : candidates) {
        if (!key.isSymmetric() && !key.publicKey) {
            ++keyErrors;
            continue;
        }
        ++result.keysTried;
        const JwsCrypto::Outcome outcome = key.isSymmetric()
            ? JwsCrypto::verifyHmac(algorithm, key.secret, token.signingInput, token.signature)
            : JwsCrypto::verifySignature(algorithm, key.publicKey.get(), token.signingInput, token.signature);
        if (outcome == JwsCrypto::Outcome::KeyError)
            ++keyErrors;
        if (outcome != JwsCrypto::Outcome::Valid)
            continue;
        setKey(result, key);
        result.warnings << JwsKeyPolicy::weaknesses(algorithm, key);
        finish(result, Status::Valid,
               tr("signature valid: %1 verified with %2").arg(algorithm.name, JwsKeyPolicy::name(key)));
        return result;
    }
    if (keyErrors == candidates.size()) {
        finish(
            result, Status::MalformedKey,
            candidates.size() == 1
                ? tr("%1 cannot be used for %2").arg(JwsKeyPolicy::name(candidates.first()), algorithm.name)
                : tr("none of the %1 candidate keys can be used for %2")
                      .arg(candidates.size())
                      .arg(algorithm.name));
        return result;
    }
    finish(result, Status::InvalidSignature,
           candidates.size() == 1
               ? tr("invalid signature: %1 does not verify with %2")
                     .arg(algorithm.name, JwsKeyPolicy::name(candidates.first()))
               : tr("invalid signature: %1 does not verify with any of the %2 candidate keys")
                     .arg(algorithm.name)
                     .arg(candidates.size()));
    return result;
}
