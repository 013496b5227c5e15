#pragma once

#include "Jwk.h"
#include "JwsAlgorithm.h"
#include "JwsVerification.h"

#include <QString>
#include <QStringList>

// Whether a JWK may verify a given alg (RFC 7517 §4.2-4.4, RFC 8725 §3.1), and how to name it.
namespace JwsKeyPolicy {

struct Fit
{
    JwsVerification::RejectReason reason = JwsVerification::RejectReason::None;
    QString message; // why the key does not fit, when reason != None

    bool fits() const { return reason == JwsVerification::RejectReason::None; }
};

Fit check(const JwsAlgorithm &algorithm, const Jwk &key);
// Valid but weak: an RSA key under 2048 bits, an HMAC key shorter than the hash.
QStringList weaknesses(const JwsAlgorithm &algorithm, const Jwk &key);

JwsKeyInfo describe(const Jwk &key);
QString name(const Jwk &key); // "key \"abc\" (RSA 2048-bit)" or "the RSA 2048-bit key without kid"

} // namespace JwsKeyPolicy
