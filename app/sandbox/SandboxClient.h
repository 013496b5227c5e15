#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

// A client registered with the sandbox authorization server.
struct SandboxClient
{
    QString clientId;
    QString clientSecret; // empty for a public client
    QString tokenEndpointAuthMethod; // "client_secret_basic" (post accepted too) or "none"
    QStringList grantTypes;
    QStringList redirectUris; // loopback: any port matches (RFC 8252 §7.3)

    bool isPublic() const { return clientSecret.isEmpty(); }
    bool allowsGrant(const QString &grantType) const { return grantTypes.contains(grantType); }
    // Exact match, except that a loopback IP literal's port is ignored (RFC 8252 §7.3).
    bool acceptsRedirectUri(const QUrl &uri) const;
    // client_id, client_secret (when any), token_endpoint_auth_method, grant_types, redirect_uris.
    QJsonObject toJson() const;
};
