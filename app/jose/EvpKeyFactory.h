#pragma once

#include "OpenSslHandles.h"

#include <QByteArray>
#include <QString>

// A public key built from JWK members, or why it could not be built.
struct EvpKeyResult
{
    EvpPkeyPtr key;
    QString error;
};

// Builds public EVP_PKEYs from raw JWK parameters with OSSL_PARAM_BLD + EVP_PKEY_fromdata (OpenSSL 3).
namespace EvpKeyFactory {

// "P-256" → 32, "P-384" → 48, "P-521" → 66; 0 for a curve this code does not support.
int ecCoordinateBytes(const QString &crv);
// "Ed25519" → 32, "Ed448" → 57, "X25519" → 32, "X448" → 56; 0 otherwise.
int okpKeyBytes(const QString &crv);

EvpKeyResult rsaPublic(const QByteArray &modulus, const QByteArray &exponent);
// x and y must already have the curve's exact length. The point is checked to lie on the curve.
EvpKeyResult ecPublic(const QString &crv, const QByteArray &x, const QByteArray &y);
EvpKeyResult okpPublic(const QString &crv, const QByteArray &x);

// OpenSSL's public key validation (EVP_PKEY_public_check): 1 passes, 0 fails, -1 not available.
int publicCheck(EVP_PKEY *key);

} // namespace EvpKeyFactory
