#pragma once

#include "ServerEndpoints.h"

#include <QJsonObject>
#include <QStringList>
#include <QUrl>
#include <optional>

// An authorization server's metadata: OpenID Connect Discovery 1.0 §3 / RFC 8414 §2.
struct ServerMetadata
{
    ServerEndpoints endpoints; // issuer included
    QUrl tokenEndpoint;
    QStringList grantTypes; // grant_types_supported (default per RFC 8414: authorization_code, implicit)
    QStringList responseTypes;
    QStringList tokenEndpointAuthMethods; // default client_secret_basic
    QStringList codeChallengeMethods; // empty: the server does not advertise PKCE
    QStringList idTokenSigningAlgs;
    QStringList scopes;
    bool authorizationResponseIssParameterSupported = false; // RFC 9207
    bool requirePushedAuthorizationRequests = false;
    QJsonObject raw;

    // Reads a metadata document; fails on anything but a JSON object with a string "issuer".
    static std::optional<ServerMetadata> parse(const QByteArray &json, QString *error, QStringList *warnings);
};
