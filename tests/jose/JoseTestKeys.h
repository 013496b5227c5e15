#pragma once

#include "OpenSslHandles.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Test-side signing: fresh keys, compact JWS creation and JWK export, so that every algorithm can be checked
// end to end through the same JWKS path a real issuer's keys take.
namespace JoseTestKeys {

EvpPkeyPtr generateRsa(int bits);
EvpPkeyPtr generateEc(const char *curve); // "P-256", "P-384", "P-521"
EvpPkeyPtr generateEd25519();

// Signs signingInput as alg (RS*, PS*, ES* in JOSE r||s form, EdDSA) with a private key. For PS*, the salt
// length defaults to the hash length (RFC 7518 §3.5); pass another to produce a non-conforming signature.
constexpr int PssSaltIsHashLength = -1; // RSA_PSS_SALTLEN_DIGEST
QByteArray sign(EVP_PKEY *key, const QString &alg, const QByteArray &signingInput,
                int pssSaltLength = PssSaltIsHashLength);
QByteArray hmac(const QString &alg, const QByteArray &secret, const QByteArray &signingInput);

// A compact JWS over header and payload: signed with key, or HMACed with secret when key is null.
QByteArray compact(const QJsonObject &header, const QByteArray &payload, EVP_PKEY *key,
                   const QByteArray &secret = {});

// The public JWK of key, with kid and alg added when non-empty.
QJsonObject publicJwk(EVP_PKEY *key, const QString &kid = {}, const QString &alg = {});
QByteArray jwks(const QList<QJsonObject> &keys); // {"keys":[...]}

// The public key as a SubjectPublicKeyInfo, DER and PEM: what an algorithm-confusion attacker HMACs with.
QByteArray publicKeyDer(EVP_PKEY *key);
QByteArray publicKeyPem(EVP_PKEY *key);

// The token with one character changed in the middle of part (0-based), staying in the base64url alphabet.
QByteArray tamper(const QByteArray &token, int part);

} // namespace JoseTestKeys
