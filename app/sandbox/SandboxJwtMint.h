#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

struct SandboxContext;

// How the sandbox mints its access and ID tokens, with the token fault switches applied: ExpiredToken moves
// iat and exp into the past, BadSignature alters the signature, UnknownKid names a key the JWKS lacks and
// AlgNone leaves the token unsigned. Without a fault, an RS256 JWS from the sandbox's RSA key.
namespace SandboxJwtMint {

// How far in the past an ExpiredToken's exp lies: well beyond the usual 60 s clock-skew leeway, so no
// client may accept it.
inline constexpr qint64 ExpiredBySeconds = 300;

struct Times
{
    qint64 issuedAt = 0;
    qint64 expiresAt = 0;
};

// iat and exp for a token that lives `lifetime` seconds from now (the context's clock).
Times times(const SandboxContext &context, qint64 lifetime);

// The compact token for these claims; header members other than alg and kid (typ) are kept.
QString mint(const SandboxContext &context, const QJsonObject &header, const QJsonObject &claims);

// A kid that looks like the sandbox's own (an RFC 7638-style thumbprint) but is not in its JWKS.
QString unknownKid(const SandboxContext &context);

} // namespace SandboxJwtMint
