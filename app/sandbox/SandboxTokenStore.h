#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <optional>

// An authorization code the sandbox issued (RFC 6749 §4.1.2), bound to what the token request must repeat.
struct SandboxAuthorizationCode
{
    QString clientId;
    QString redirectUri;
    QString codeChallenge; // empty when the client sent none
    QString codeChallengeMethod; // "S256" or "plain"
    QString scope;
    QString nonce;
    qint64 expiresAt = 0; // seconds since the epoch
    qint64 authTime = 0; // when the user signed in (approved), for the ID token's auth_time
};

// A refresh token and the family it belongs to: every token rotated from one grant shares the family.
struct SandboxRefreshGrant
{
    QString clientId;
    QString scope;
    QString family;
    bool used = false; // rotated away: presenting it again is reuse (RFC 9700 §4.14.2)
    qint64 expiresAt = 0; // seconds since the epoch
    qint64 authTime = 0; // the sign-in that started the grant: refreshed ID tokens keep it (OIDC Core §12.2)
};

// What the sandbox remembers in memory: codes, refresh tokens, revoked access tokens.
class SandboxTokenStore final
{
public:
    QString issueCode(const SandboxAuthorizationCode &code);
    // Single use: the code is gone afterwards, whether or not it was still valid.
    std::optional<SandboxAuthorizationCode> takeCode(const QString &code);

    // A new refresh token valid until expiresAt (seconds since the epoch); an empty family starts a new one.
    QString issueRefreshToken(const QString &clientId, const QString &scope, qint64 expiresAt,
                              qint64 authTime, QString family = {});
    std::optional<SandboxRefreshGrant> refreshGrant(const QString &token) const;
    void markUsed(const QString &token);
    bool isFamilyRevoked(const QString &family) const { return m_revokedFamilies.contains(family); }
    // Revokes every refresh token of the family and every access token issued from it.
    void revokeFamily(const QString &family);

    void recordAccessToken(const QString &jti, const QString &family);
    void revokeAccessToken(const QString &jti) { m_revokedJtis.insert(jti); }
    bool isAccessTokenRevoked(const QString &jti) const { return m_revokedJtis.contains(jti); }

private:
    QHash<QString, SandboxAuthorizationCode> m_codes;
    QHash<QString, SandboxRefreshGrant> m_refreshTokens;
    QHash<QString, QString> m_accessFamilies; // jti → family
    QSet<QString> m_revokedJtis;
    QSet<QString> m_revokedFamilies;
};
