#pragma once

#include <QString>
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
    // authorization_response_iss_parameter_supported (RFC 9207): callbacks must then carry iss
    bool issParameterSupported = false;

    bool operator==(const ServerEndpoints &other) const
    {
        return issuer == other.issuer && authorization == other.authorization
            && introspection == other.introspection && revocation == other.revocation
            && userinfo == other.userinfo && jwks == other.jwks
            && deviceAuthorization == other.deviceAuthorization
            && pushedAuthorization == other.pushedAuthorization
            && issParameterSupported == other.issParameterSupported;
    }
};

// RFC 8414 §3.3 / OIDC Discovery §4.3: the announced issuer must be the requested one. Compared as written,
// and also after URL normalisation (host case, escapes of unreserved characters), which changes nothing a
// server could exploit; a different path, scheme, port or trailing slash is always a mismatch.
inline bool issuerMatches(const QString &announced, const QUrl &requested)
{
    return announced == requested.toString()
        || QUrl(announced, QUrl::StrictMode).toDisplayString() == requested.toDisplayString();
}
