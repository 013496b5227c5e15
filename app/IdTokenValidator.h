#pragma once

#include "Finding.h"

#include <QDateTime>
#include <optional>

struct Jwt;

// What the client knows when it receives an ID token.
struct IdTokenExpectations
{
    QString issuer; // the issuer the client talks to
    QString clientId;
    QString nonce; // empty when none was sent
    std::optional<qint64> maxAgeSeconds; // when max_age was requested
};

// OpenID Connect Core §3.1.3.7 checks on a decoded ID token, beyond the signature (the verifier's job) and
// exp/nbf (the general token findings).
namespace IdTokenValidator {

Findings validate(const Jwt &idToken, const IdTokenExpectations &expected, const QDateTime &now,
                  qint64 skewSeconds);

} // namespace IdTokenValidator
