#pragma once

#include "SandboxHttp.h"

#include <QCoreApplication>

struct SandboxClient;
struct SandboxContext;
class QHttpServerRequest;

// POST /token (RFC 6749 §3.2): client_credentials, authorization_code with PKCE (RFC 7636) and refresh_token
// with rotation and reuse detection. Access tokens are RFC 9068 JWTs signed RS256; ID tokens too. Lifetimes
// and the token-side fault switches (SandboxSettings) are read at each request.
class SandboxTokenEndpoint final
{
    Q_DECLARE_TR_FUNCTIONS(SandboxTokenEndpoint)
public:
    explicit SandboxTokenEndpoint(SandboxContext *context);

    QHttpServerResponse handle(const QHttpServerRequest &request);

    // Scopes the sandbox knows; a request for any other is invalid_scope.
    static QStringList supportedScopes();

private:
    QHttpServerResponse clientCredentials(const SandboxClient &client, const SandboxHttp::Parameters &form);
    QHttpServerResponse authorizationCode(const SandboxClient &client, const SandboxHttp::Parameters &form);
    QHttpServerResponse refreshToken(const SandboxClient &client, const SandboxHttp::Parameters &form);
    // The token response; a refresh token when family is set, an ID token when nonce is set or scope has
    // openid.
    // authTime: when the user signed in (0 for client credentials, which has no user and no ID token).
    QHttpServerResponse issue(const SandboxClient &client, const QString &subject, const QString &scope,
                              const QString &family, const QString &nonce, qint64 authTime);
    QString accessToken(const SandboxClient &client, const QString &subject, const QString &scope,
                        const QString &family);
    QString idToken(const SandboxClient &client, const QString &subject, const QString &nonce,
                    qint64 authTime) const;
    // The HtmlErrorPage fault's answer: 500 with text/html instead of an RFC 6749 §5.2 JSON error.
    static QHttpServerResponse htmlErrorPage();

    SandboxContext *m_context;
};
