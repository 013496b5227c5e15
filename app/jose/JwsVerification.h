#pragma once

#include <QString>
#include <QStringList>

// The key a verification used (or rejected), for display.
struct JwsKeyInfo
{
    QString kid;
    QString kty;
    QString alg; // the key's own "alg", when it has one
    QString crv;
    QString thumbprint; // RFC 7638, when known
    int bits = 0;
    bool isSecret = false; // a caller-supplied HMAC secret rather than a JWK
};

// Outcome of checking a JWS signature. Only Status::Valid means the signature proves anything.
struct JwsVerification
{
    enum class Status {
        Valid,
        InvalidSignature,
        NoMatchingKey, // e.g. no key with the header's kid: the caller may re-fetch the JWKS once
        UnsupportedAlgorithm,
        Rejected, // a security rule refused the token or the key: see reason
        MalformedKey,
    };
    enum class RejectReason {
        None,
        NotJws, // a JWE, an opaque token, or a token that failed to parse
        AlgNone, // "none", in any case
        AlgNotAllowed, // not in the caller's allow-list
        AlgorithmConfusion, // an HMAC alg with only public keys: a public key is never an HMAC secret
        KeyTypeMismatch, // e.g. an EC key for RS256, or a secret for ES256
        KeyAlgMismatch, // the key's "alg" differs from the header's
        CurveMismatch, // e.g. a P-384 key for ES256
        KeyUseMismatch, // "use" is not "sig", or "key_ops" lacks "verify"
    };

    Status status = Status::InvalidSignature;
    RejectReason reason = RejectReason::None;
    QString alg; // the header's alg
    bool hasKey = false; // key is meaningful: the key that verified, failed, or was rejected
    JwsKeyInfo key;
    int keysTried = 0; // candidates the signature was checked against
    int keysSkipped = 0; // fitting keys not tried: more than JwsVerifier::MaximumCandidates fitted
    QString message; // one line for people
    QStringList warnings; // valid but worth knowing: short RSA key, short HMAC secret...

    bool isValid() const { return status == Status::Valid; }
};
