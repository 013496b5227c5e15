#pragma once

#include "ClaimValues.h"

#include <QDateTime>
#include <QJsonObject>
#include <optional>

// Typed reading of a JWT claims set (RFC 7519 §4.1, RFC 9068 §2.2, OIDC Core §2). The clock is always a
// parameter: nothing here reads the current time.
class JwtClaims final
{
public:
    explicit JwtClaims(const QJsonObject &claims = {});

    const QJsonObject &json() const { return m_claims; }

    NumericDateClaim expiresAt() const { return numericDate(QStringLiteral("exp")); }
    NumericDateClaim notBefore() const { return numericDate(QStringLiteral("nbf")); }
    NumericDateClaim issuedAt() const { return numericDate(QStringLiteral("iat")); }
    NumericDateClaim authTime() const { return numericDate(QStringLiteral("auth_time")); }
    NumericDateClaim numericDate(const QString &name) const;

    StringClaim issuer() const { return string(QStringLiteral("iss")); }
    StringClaim subject() const { return string(QStringLiteral("sub")); }
    StringClaim authorizedParty() const { return string(QStringLiteral("azp")); }
    StringClaim nonce() const { return string(QStringLiteral("nonce")); }
    StringClaim jwtId() const { return string(QStringLiteral("jti")); }
    StringClaim scope() const { return string(QStringLiteral("scope")); }
    StringClaim clientId() const { return string(QStringLiteral("client_id")); }
    StringClaim string(const QString &name) const;
    AudienceClaim audience() const;
    QStringList scopes() const; // "scope" split on spaces

    // One line per standard claim that is present but malformed.
    QStringList problems() const;

    // Expired when now >= exp + skew (RFC 7519 §4.1.4). A malformed exp counts as expired: fail closed.
    bool isExpired(const QDateTime &now, qint64 skewSeconds = 0) const;
    // Not yet valid when now < nbf - skew (RFC 7519 §4.1.5). A malformed nbf counts as not yet valid.
    bool isNotYetValid(const QDateTime &now, qint64 skewSeconds = 0) const;

    std::optional<qint64> secondsUntilExpiry(const QDateTime &now) const; // negative once expired
    QString expiryText(const QDateTime &now) const; // "expires in 4 min 12 s", "expired 3 h 2 min ago"

private:
    QJsonObject m_claims;
};
