#pragma once

#include "JwkSet.h"
#include "JwsAlgorithm.h"
#include "JwsVerification.h"
#include "Jwt.h"

#include <QByteArray>
#include <QStringList>

// Checks a parsed JWS signature against a JWKS, one JWK, or an HMAC secret, applying the rules of
// RFC 8725 (JWT BCP) §3.1-3.2 and RFC 7515 §10: no "none", no algorithm confusion, the key's alg, use and
// curve must fit the header's alg.
class JwsVerifier final
{
public:
    static constexpr int MinimumRsaBits = 2048;
    // At most this many keys of a JWKS are tried for one token. Without a cap, a kid-less token against a
    // maximal JWKS (thousands of fitting keys) costs a signature check per key: hundreds of milliseconds.
    static constexpr int MaximumCandidates = 16;

    // Empty (the default): every supported algorithm except "none" is allowed.
    void setAllowedAlgorithms(const QStringList &algorithms) { m_allowedAlgorithms = algorithms; }

    // Key selection: by the header's kid when it has one (no match: NoMatchingKey); otherwise every key whose
    // kty, use, alg and crv fit is tried. Either way, only the first MaximumCandidates keys are tried; the
    // outcome then says how many were skipped (keysSkipped) and why.
    JwsVerification verify(const Jwt &token, const JwkSet &keys) const;
    // The one key the caller chose; a kid that differs from the header's is only a warning.
    JwsVerification verify(const Jwt &token, const Jwk &key) const;
    // HS256/384/512 with a secret the user supplied.
    JwsVerification verifyWithSecret(const Jwt &token, const QByteArray &secret) const;

private:
    bool precheck(const Jwt &token, JwsVerification &result) const;
    JwsVerification tryFirstCandidates(const Jwt &token, const JwsAlgorithm &algorithm,
                                       const QList<Jwk> &candidates, const JwsVerification &result) const;
    JwsVerification tryCandidates(const Jwt &token, const JwsAlgorithm &algorithm,
                                  const QList<Jwk> &candidates, JwsVerification result) const;

    QStringList m_allowedAlgorithms;
};
