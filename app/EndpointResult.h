#pragma once

#include "FlowResult.h"
#include "HttpClient.h"
#include "Profile.h"
#include "WwwAuthenticate.h"

#include <QJsonObject>
#include <optional>

// The answer of an introspection (RFC 7662), revocation (RFC 7009) or userinfo (OIDC Core §5.3) endpoint.
struct EndpointResult
{
    FlowStatus status = FlowStatus::ServerError;
    int httpStatus = 0;
    QByteArray contentType;
    QByteArray body;
    QJsonObject json; // the response object, when the body is one
    std::optional<bool> active; // introspection only
    OAuthError oauthError;
    BearerChallenge challenge; // userinfo: the resource server's challenge on 401/403
    QString message;
    QString hint;
    QStringList warnings;
    QList<int> exchangeIds;
    bool insecure = false;

    bool ok() const { return status == FlowStatus::Success; }

    // Common reading: transport failures, HTTP status, OAuth error objects, JSON bodies.
    static EndpointResult fromReply(const HttpResult &reply);
    // Why a request to `endpoint` cannot be sent for this profile (missing URL or secret); empty when it can.
    static QString precondition(const Profile &profile, const QUrl &endpoint, const QString &endpointName,
                                const QString &clientSecret, bool authenticatesClient);
    static EndpointResult usageError(const QString &message);
};
