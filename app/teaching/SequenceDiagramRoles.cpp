#include "SequenceDiagramRoles.h"

#include "HttpExchange.h"
#include "Profile.h"
#include "Redaction.h"
#include "SequenceDiagramLabels.h"

#include <QCoreApplication>

namespace {
// Scheme, host, port and path; a trailing slash does not make another endpoint.
QString endpointKey(const QUrl &url)
{
    QUrl key = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo
                            | QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    if (key.path().isEmpty())
        key.setPath(QStringLiteral("/"));
    key.setHost(key.host().toLower());
    key.setScheme(key.scheme().toLower());
    return key.toString(QUrl::FullyEncoded);
}
} // namespace

SequenceDiagramRoles SequenceDiagramRoles::fromProfile(const Profile &profile)
{
    SequenceDiagramRoles roles;
    const ServerEndpoints &endpoints = profile.endpoints;
    for (const QUrl &url :
         { profile.tokenUrl, endpoints.authorization, endpoints.introspection, endpoints.revocation,
           endpoints.userinfo, endpoints.jwks, endpoints.deviceAuthorization, endpoints.pushedAuthorization })
        roles.addAuthorizationServerUrl(url);
    return roles;
}

void SequenceDiagramRoles::addAuthorizationServerUrl(const QUrl &url)
{
    if (url.isValid() && !url.isEmpty() && !m_authorizationServerUrls.contains(url))
        m_authorizationServerUrls.append(url);
}

SequenceParticipant SequenceDiagramRoles::serverFor(const QUrl &url) const
{
    // Discovery documents (RFC 8414 §3, OIDC Discovery §4) live under /.well-known/ on the issuer's origin,
    // in front of or behind the issuer's path.
    if (url.path().contains(QLatin1String("/.well-known/")))
        return SequenceParticipant::AuthorizationServer;
    const QString key = endpointKey(url);
    for (const QUrl &known : m_authorizationServerUrls) {
        if (endpointKey(known) == key)
            return SequenceParticipant::AuthorizationServer;
    }
    return SequenceParticipant::ResourceServer;
}

QList<SequenceDiagramArrow> SequenceDiagramRoles::arrowsFor(const HttpExchange &exchange) const
{
    const HttpExchange shown = Redaction::redacted(exchange);
    const SequenceParticipant server = serverFor(exchange.url);
    const bool failed = !exchange.transportError.isEmpty() || exchange.status == 0 || exchange.status >= 400;

    SequenceDiagramArrow request;
    request.from = SequenceParticipant::Client;
    request.to = server;
    request.kind = SequenceDiagramArrow::Kind::Request;
    request.label = SequenceDiagramLabels::request(shown);
    request.exchangeId = exchange.id;
    request.ok = exchange.status != 0 || exchange.transportError.isEmpty();

    SequenceDiagramArrow response;
    response.from = server;
    response.to = SequenceParticipant::Client;
    response.kind = SequenceDiagramArrow::Kind::Response;
    response.label = SequenceDiagramLabels::response(shown);
    response.exchangeId = exchange.id;
    response.ok = !failed;
    if (exchange.insecure)
        response.note = QCoreApplication::translate("SequenceDiagram", "certificate not verified (insecure)");
    return { request, response };
}
