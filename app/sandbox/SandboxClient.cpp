#include "SandboxClient.h"

#include <QHostAddress>
#include <QJsonArray>

namespace {
bool isLoopbackLiteral(const QUrl &uri)
{
    const QHostAddress address(uri.host());
    return !address.isNull() && address.isLoopback();
}
} // namespace

bool SandboxClient::acceptsRedirectUri(const QUrl &uri) const
{
    if (!uri.isValid() || uri.hasFragment())
        return false;
    for (const QString &registered : redirectUris) {
        const QUrl candidate(registered);
        if (candidate == uri)
            return true;
        if (isLoopbackLiteral(candidate) && uri.scheme() == QLatin1String("http")
            && candidate.host() == uri.host() && candidate.path() == uri.path()
            && candidate.query() == uri.query() && uri.userInfo().isEmpty())
            return true;
    }
    return false;
}

QJsonObject SandboxClient::toJson() const
{
    QJsonObject object { { QStringLiteral("client_id"), clientId },
                         { QStringLiteral("token_endpoint_auth_method"), tokenEndpointAuthMethod },
                         { QStringLiteral("grant_types"), QJsonArray::fromStringList(grantTypes) },
                         { QStringLiteral("redirect_uris"), QJsonArray::fromStringList(redirectUris) } };
    if (!clientSecret.isEmpty())
        object.insert(QStringLiteral("client_secret"), clientSecret);
    return object;
}
