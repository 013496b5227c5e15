#pragma once

#include "JwsAlgorithm.h"

#include <QByteArray>

#include <openssl/types.h>

// The cryptographic check alone, with no policy: callers choose the key and the algorithm.
namespace JwsCrypto {

enum class Outcome {
    Valid,
    Invalid, // the signature does not match (including a malformed or wrongly sized signature)
    KeyError, // the key cannot be used with this algorithm (wrong type, OpenSSL refused it)
};

Outcome verifyHmac(const JwsAlgorithm &algorithm, const QByteArray &secret, const QByteArray &signingInput,
                   const QByteArray &signature);
// RSA (PKCS#1 v1.5 and PSS), ECDSA (JOSE r||s) and EdDSA.
Outcome verifySignature(const JwsAlgorithm &algorithm, EVP_PKEY *key, const QByteArray &signingInput,
                        const QByteArray &signature);

} // namespace JwsCrypto
