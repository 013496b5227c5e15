#pragma once

#include <QByteArray>
#include <QString>

// What a JWS "alg" value (RFC 7518 §3.1, RFC 8037 §3.1) asks of a verifier: the family, the digest, the key.
struct JwsAlgorithm
{
    enum class Family {
        Unknown,
        None, // "none": an unsecured JWS, never accepted
        Hmac, // HS256/384/512
        RsaPkcs1, // RS256/384/512
        RsaPss, // PS256/384/512
        Ecdsa, // ES256/384/512
        EdDsa, // EdDSA (RFC 8037), Ed25519 / Ed448 (fully specified, RFC 9864)
    };

    QString name;
    Family family = Family::Unknown;
    QByteArray digest; // OpenSSL digest name ("SHA256"); empty for EdDSA
    int hashBytes = 0; // digest length: PSS salt length, minimum HMAC key length
    QString curve; // JWK crv the key must have: "P-256" for ES256, "Ed25519" for Ed25519; empty = any
    int coordinateBytes = 0; // ECDSA: length of r and of s in the JOSE signature (32, 48, 66)

    bool isKnown() const { return family != Family::Unknown; }
    QString keyType() const; // the JWK kty this algorithm needs: "oct", "RSA", "EC", "OKP"

    // Exact, case-sensitive lookup (RFC 7515 §4.1.1). "none" in any case is Family::None.
    static JwsAlgorithm fromName(const QString &name);
};
