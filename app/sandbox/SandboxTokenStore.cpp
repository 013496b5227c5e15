#include "SandboxTokenStore.h"

#include "Pkce.h"

QString SandboxTokenStore::issueCode(const SandboxAuthorizationCode &code)
{
    const QString value = Pkce::randomToken(32);
    m_codes.insert(value, code);
    return value;
}

std::optional<SandboxAuthorizationCode> SandboxTokenStore::takeCode(const QString &code)
{
    const auto it = m_codes.constFind(code);
    if (it == m_codes.constEnd())
        return std::nullopt;
    SandboxAuthorizationCode taken = it.value();
    m_codes.erase(it);
    return taken;
}

QString SandboxTokenStore::issueRefreshToken(const QString &clientId, const QString &scope, qint64 expiresAt,
                                             qint64 authTime, QString family)
{
    if (family.isEmpty())
        family = Pkce::randomToken(16);
    const QString value = Pkce::randomToken(32);
    m_refreshTokens.insert(value,
                           SandboxRefreshGrant { clientId, scope, family, false, expiresAt, authTime });
    return value;
}

std::optional<SandboxRefreshGrant> SandboxTokenStore::refreshGrant(const QString &token) const
{
    const auto it = m_refreshTokens.constFind(token);
    if (it == m_refreshTokens.constEnd())
        return std::nullopt;
    return it.value();
}

void SandboxTokenStore::markUsed(const QString &token)
{
    const auto it = m_refreshTokens.find(token);
    if (it != m_refreshTokens.end())
        it->used = true;
}

void SandboxTokenStore::revokeFamily(const QString &family)
{
    m_revokedFamilies.insert(family);
    for (auto it = m_accessFamilies.constBegin(); it != m_accessFamilies.constEnd(); ++it) {
        if (it.value() == family)
            m_revokedJtis.insert(it.key());
    }
}

void SandboxTokenStore::recordAccessToken(const QString &jti, const QString &family)
{
    if (!family.isEmpty())
        m_accessFamilies.insert(jti, family);
}
