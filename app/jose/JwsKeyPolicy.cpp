#include "JwsKeyPolicy.h"

#include "JoseText.h"

#include <QCoreApplication>

namespace JwsKeyPolicy {

namespace {
using Reason = JwsVerification::RejectReason;
using Family = JwsAlgorithm::Family;

QString tr(const char *text)
{
    return QCoreApplication::translate("JwsKeyPolicy", text);
}

Fit reject(Reason reason, const QString &message)
{
    Fit fit;
    fit.reason = reason;
    fit.message = message;
    return fit;
}

QString shape(const Jwk &key)
{
    if (!key.crv.isEmpty())
        return tr("%1 %2").arg(key.kty, key.crv);
    if (key.bits > 0)
        return tr("%1 %2-bit").arg(key.kty).arg(key.bits);
    return key.kty;
}
} // namespace

QString name(const Jwk &key)
{
    if (key.kid.isEmpty())
        return tr("the %1 key without kid").arg(shape(key));
    return tr("key %1 (%2)").arg(JoseText::quoted(key.kid), shape(key));
}

JwsKeyInfo describe(const Jwk &key)
{
    JwsKeyInfo info;
    info.kid = key.kid;
    info.kty = key.kty;
    info.alg = key.alg;
    info.crv = key.crv;
    info.thumbprint = key.thumbprint;
    info.bits = key.bits;
    return info;
}

Fit check(const JwsAlgorithm &algorithm, const Jwk &key)
{
    if (!key.use.isEmpty() && key.use != QLatin1String("sig"))
        return reject(
            Reason::KeyUseMismatch,
            tr("%1 has \"use\": %2, so it is not for signatures").arg(name(key), JoseText::quoted(key.use)));
    if (key.hasKeyOps() && !key.keyOps.contains(QLatin1String("verify")))
        return reject(Reason::KeyUseMismatch, tr("%1 has \"key_ops\" without \"verify\"").arg(name(key)));
    if (algorithm.family == Family::Hmac && !key.isSymmetric())
        return reject(Reason::AlgorithmConfusion,
                      tr("the token uses %1, an HMAC algorithm, but %2 is a public key: refusing (algorithm "
                         "confusion; a public key must never be used as an HMAC secret)")
                          .arg(algorithm.name, name(key)));
    if (key.kty != algorithm.keyType())
        return reject(Reason::KeyTypeMismatch,
                      tr("%1 needs a key of type %2, but %3 is of type %4")
                          .arg(algorithm.name, algorithm.keyType(), name(key), JoseText::quoted(key.kty)));
    if (!key.alg.isEmpty() && key.alg != algorithm.name)
        return reject(Reason::KeyAlgMismatch,
                      tr("%1 is for %2 only, but the token says %3")
                          .arg(name(key), JoseText::quoted(key.alg), algorithm.name));
    if (algorithm.family == Family::Ecdsa && key.crv != algorithm.curve)
        return reject(Reason::CurveMismatch,
                      tr("%1 needs a key on curve %2, but %3 is on %4")
                          .arg(algorithm.name, algorithm.curve, name(key), key.crv));
    if (algorithm.family == Family::EdDsa) {
        const bool signingCurve = key.crv == QLatin1String("Ed25519") || key.crv == QLatin1String("Ed448");
        if (!signingCurve || (!algorithm.curve.isEmpty() && key.crv != algorithm.curve))
            return reject(Reason::CurveMismatch,
                          tr("%1 needs an %2 key, but %3 is on %4")
                              .arg(algorithm.name,
                                   algorithm.curve.isEmpty() ? tr("Ed25519 or Ed448") : algorithm.curve,
                                   name(key), key.crv));
    }
    return {};
}

QStringList weaknesses(const JwsAlgorithm &algorithm, const Jwk &key)
{
    QStringList result;
    if (key.type == Jwk::Type::Rsa && key.bits < 2048)
        result << tr("%1 has only %2 bits; RSA keys must have at least 2048 (RFC 7518 §3.3)")
                      .arg(name(key))
                      .arg(key.bits);
    if (key.isSymmetric() && key.secret.size() < algorithm.hashBytes)
        result << tr("the HMAC key is %1 bytes; %2 needs at least %3 (RFC 7518 §3.2)")
                      .arg(key.secret.size())
                      .arg(algorithm.name)
                      .arg(algorithm.hashBytes);
    return result;
}

} // namespace JwsKeyPolicy
