#pragma once

#include <QUrl>

// The authorization server's endpoints besides the token endpoint, as discovery (RFC 8414 §2) names them.
struct ServerEndpoints
{
    QUrl issuer;
    QUrl authorization; // authorization_endpoint
    QUrl introspection; // introspection_endpoint (RFC 7662)
    QUrl revocation; // revocation_endpoint (RFC 7009)
    QUrl userinfo; // userinfo_endpoint (OIDC Core §5.3)
    QUrl jwks; // jwks_uri
    QUrl deviceAuthorization; // device_authorization_endpoint (RFC 8628)
    QUrl pushedAuthorization; // pushed_authorization_request_endpoint (RFC 9126)

    bool operator==(const ServerEndpoints &other) const
    {
        return issuer == other.issuer && authorization == other.authorization
            && introspection == other.introspection && revocation == other.revocation
            && userinfo == other.userinfo && jwks == other.jwks
            && deviceAuthorization == other.deviceAuthorization
            && pushedAuthorization == other.pushedAuthorization;
    }
};
