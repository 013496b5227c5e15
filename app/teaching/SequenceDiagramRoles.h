#pragma once

#include "SequenceDiagramArrow.h"

#include <QList>
#include <QUrl>

struct HttpExchange;
struct Profile;

// Which lifeline answers an HTTP exchange of the client: the authorization server's endpoints (token,
// authorization, JWKS, discovery documents, introspection, revocation, userinfo, ...) are the authorization
// server, anything else the resource server. Endpoints are compared without query or fragment, since the
// sandbox serves its demo API on the authorization server's own origin.
class SequenceDiagramRoles final
{
public:
    SequenceDiagramRoles() = default;
    // The profile's token URL, issuer and discovered endpoints.
    static SequenceDiagramRoles fromProfile(const Profile &profile);

    void addAuthorizationServerUrl(const QUrl &url);
    SequenceParticipant serverFor(const QUrl &url) const;

    // The request (client → server) and the response or transport failure (server → client), labelled
    // from Redaction::redacted(exchange): no secret reaches a label.
    QList<SequenceDiagramArrow> arrowsFor(const HttpExchange &exchange) const;

private:
    QList<QUrl> m_authorizationServerUrls;
};
