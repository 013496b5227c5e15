#include "SandboxTokenEndpoint.h"

#include "Pkce.h"
#include "SandboxClientAuth.h"
#include "SandboxContext.h"
#include "SandboxJwtMint.h"

#include <QHttpServerRequest>

#include <utility>

namespace {

const QString invalidGrant = QStringLiteral("invalid_grant");
const QString invalidRequest = QStringLiteral("invalid_request");
const QString demoUser = QStringLiteral("sandbox-user");

bool isSubset(const QString &requested, const QStringList &allowed)
{
    const QStringList scopes = requested.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &scope : scopes) {
        if (!allowed.contains(scope))
            return false;
    }
    return true;
}

bool verifierMatches(const SandboxAuthorizationCode &code, const QString &verifier)
{
    const QByteArray bytes = verifier.toLatin1();
    if (!Pkce::isValidVerifier(bytes))
        return false;
    const Pkce::Method method
        = code.codeChallengeMethod == QLatin1String("plain") ? Pkce::Method::Plain : Pkce::Method::S256;
    return Pkce::challenge(bytes, method) == code.codeChallenge.toLatin1();
}
} // namespace

SandboxTokenEndpoint::SandboxTokenEndpoint(SandboxContext *context)
    : m_context(context)
{
}

QStringList SandboxTokenEndpoint::supportedScopes()
{
    return { QStringLiteral("openid"),         QStringLiteral("profile"), QStringLiteral("email"),
             QStringLiteral("offline_access"), QStringLiteral("read"),    QStringLiteral("write") };
}

QHttpServerResponse SandboxTokenEndpoint::handle(const QHttpServerRequest &request)
{
    if (m_context->settings.has(SandboxFault::HtmlErrorPage))
        return htmlErrorPage();
    const SandboxHttp::Parameters form = SandboxHttp::formBody(request);
    if (std::optional<QHttpServerResponse> failure = SandboxHttp::checkFormPost(request, form))
        return std::move(*failure);
    const SandboxClientAuth auth = SandboxClientAuth::authenticate(request, form, m_context->clients, true);
    if (!auth.ok())
        return auth.failure();
    const QString grantType = form.value("grant_type");
    if (grantType.isEmpty())
        return SandboxHttp::oauthError(invalidRequest, tr("grant_type is missing"));
    const bool known = grantType == QLatin1String("client_credentials")
        || grantType == QLatin1String("authorization_code") || grantType == QLatin1String("refresh_token");
    if (!known)
        return SandboxHttp::oauthError(QStringLiteral("unsupported_grant_type"),
                                       tr("the sandbox supports client_credentials, authorization_code and "
                                          "refresh_token"));
    if (!auth.client->allowsGrant(grantType))
        return SandboxHttp::oauthError(QStringLiteral("unauthorized_client"),
                                       tr("this client may not use %1").arg(grantType));
    if (grantType == QLatin1String("client_credentials"))
        return clientCredentials(*auth.client, form);
    if (grantType == QLatin1String("authorization_code"))
        return authorizationCode(*auth.client, form);
    if (m_context->settings.has(SandboxFault::InvalidGrantOnRefresh))
        return SandboxHttp::oauthError(
            invalidGrant,
            tr("the refresh token is invalid, expired or revoked (sandbox fault switch %1)")
                .arg(SandboxSettings::faultName(SandboxFault::InvalidGrantOnRefresh)));
    return refreshToken(*auth.client, form);
}

QHttpServerResponse SandboxTokenEndpoint::clientCredentials(const SandboxClient &client,
                                                            const SandboxHttp::Parameters &form)
{
    const QString scope = form.has("scope") ? form.value("scope") : QStringLiteral("read");
    if (!isSubset(scope, { QStringLiteral("read"), QStringLiteral("write") }))
        return SandboxHttp::oauthError(QStringLiteral("invalid_scope"),
                                       tr("client_credentials tokens may have the scopes read and write"));
    return issue(client, client.clientId, scope, {}, {}, 0);
}

QHttpServerResponse SandboxTokenEndpoint::authorizationCode(const SandboxClient &client,
                                                            const SandboxHttp::Parameters &form)
{
    if (!form.has("code"))
        return SandboxHttp::oauthError(invalidRequest, tr("code is missing"));
    const std::optional<SandboxAuthorizationCode> code = m_context->store.takeCode(form.value("code"));
    if (!code || code->expiresAt <= m_context->now())
        return SandboxHttp::oauthError(invalidGrant, tr("unknown, used or expired authorization code"));
    if (code->clientId != client.clientId)
        return SandboxHttp::oauthError(invalidGrant, tr("the code was issued to another client"));
    // RFC 6749 §4.1.3: the same redirect_uri as in the authorization request.
    if (form.value("redirect_uri") != code->redirectUri)
        return SandboxHttp::oauthError(invalidGrant,
                                       tr("redirect_uri differs from the authorization request"));
    if (code->codeChallenge.isEmpty() && form.has("code_verifier"))
        return SandboxHttp::oauthError(invalidGrant, tr("code_verifier sent but no code_challenge was"));
    if (!code->codeChallenge.isEmpty() && !verifierMatches(*code, form.value("code_verifier")))
        return SandboxHttp::oauthError(invalidGrant, tr("code_verifier does not match the code_challenge"));
    const QString family
        = client.allowsGrant(QStringLiteral("refresh_token")) ? Pkce::randomToken(16) : QString();
    return issue(client, demoUser, code->scope, family, code->nonce, code->authTime);
}

QHttpServerResponse SandboxTokenEndpoint::refreshToken(const SandboxClient &client,
                                                       const SandboxHttp::Parameters &form)
{
    const QString token = form.value("refresh_token");
    if (token.isEmpty())
        return SandboxHttp::oauthError(invalidRequest, tr("refresh_token is missing"));
    const std::optional<SandboxRefreshGrant> grant = m_context->store.refreshGrant(token);
    if (!grant || grant->clientId != client.clientId)
        return SandboxHttp::oauthError(invalidGrant, tr("unknown refresh token"));
    if (m_context->store.isFamilyRevoked(grant->family))
        return SandboxHttp::oauthError(invalidGrant, tr("the refresh token was revoked"));
    if (grant->expiresAt <= m_context->now())
        return SandboxHttp::oauthError(invalidGrant, tr("the refresh token expired"));
    if (grant->used) {
        // RFC 9700 §4.14.2: a rotated-away token came back; someone else may hold the family.
        m_context->store.revokeFamily(grant->family);
        return SandboxHttp::oauthError(invalidGrant,
                                       tr("refresh token reuse detected: the whole grant is revoked"));
    }
    const QString scope = form.has("scope") ? form.value("scope") : grant->scope;
    if (!isSubset(scope, grant->scope.split(QLatin1Char(' '), Qt::SkipEmptyParts)))
        return SandboxHttp::oauthError(QStringLiteral("invalid_scope"),
                                       tr("more scope than originally granted"));
    m_context->store.markUsed(token);
    return issue(client, demoUser, scope, grant->family, {}, grant->authTime);
}

QHttpServerResponse SandboxTokenEndpoint::issue(const SandboxClient &client, const QString &subject,
                                                const QString &scope, const QString &family,
                                                const QString &nonce, qint64 authTime)
{
    const SandboxSettings &settings = m_context->settings;
    // expires_in is the access token's lifetime, exp - iat (RFC 6749 §5.1). Under ExpiredToken the exp is
    // already past while expires_in still promises the lifetime: what a server with a wrong clock looks like.
    QJsonObject response { { QStringLiteral("access_token"), accessToken(client, subject, scope, family) },
                           { QStringLiteral("expires_in"), settings.accessTokenLifetime },
                           { QStringLiteral("scope"), scope } };
    if (!settings.has(SandboxFault::MissingTokenType))
        response.insert(QStringLiteral("token_type"), QStringLiteral("Bearer"));
    if (!family.isEmpty())
        response.insert(QStringLiteral("refresh_token"),
                        m_context->store.issueRefreshToken(client.clientId, scope,
                                                           m_context->now() + settings.refreshTokenLifetime,
                                                           authTime, family));
    if (!nonce.isEmpty() || scope.split(QLatin1Char(' ')).contains(QLatin1String("openid")))
        response.insert(QStringLiteral("id_token"), idToken(client, subject, nonce, authTime));
    return SandboxHttp::json(response);
}

QString SandboxTokenEndpoint::accessToken(const SandboxClient &client, const QString &subject,
                                          const QString &scope, const QString &family)
{
    const SandboxJwtMint::Times times
        = SandboxJwtMint::times(*m_context, m_context->settings.accessTokenLifetime);
    const QString jti = Pkce::randomToken(16);
    const QJsonObject claims { { QStringLiteral("iss"), m_context->issuerString() },
                               { QStringLiteral("sub"), subject },
                               { QStringLiteral("aud"), m_context->apiAudience() },
                               { QStringLiteral("client_id"), client.clientId },
                               { QStringLiteral("scope"), scope },
                               { QStringLiteral("iat"), times.issuedAt },
                               { QStringLiteral("exp"), times.expiresAt },
                               { QStringLiteral("jti"), jti } };
    m_context->store.recordAccessToken(jti, family);
    const QJsonObject header { { QStringLiteral("typ"), QStringLiteral("at+jwt") } };
    return SandboxJwtMint::mint(*m_context, header, claims);
}

QString SandboxTokenEndpoint::idToken(const SandboxClient &client, const QString &subject,
                                      const QString &nonce, qint64 authTime) const
{
    const SandboxJwtMint::Times times
        = SandboxJwtMint::times(*m_context, m_context->settings.idTokenLifetime);
    QJsonObject claims { { QStringLiteral("iss"), m_context->announcedIssuer() },
                         { QStringLiteral("sub"), subject },
                         { QStringLiteral("aud"), client.clientId },
                         { QStringLiteral("iat"), times.issuedAt },
                         { QStringLiteral("exp"), times.expiresAt },
                         // The sign-in's time, also in ID tokens from a refresh (OIDC Core §12.2);
                         // under ExpiredToken no later than iat.
                         { QStringLiteral("auth_time"), qMin(authTime, times.issuedAt) } };
    if (!nonce.isEmpty())
        claims.insert(QStringLiteral("nonce"), nonce);
    const QJsonObject header { { QStringLiteral("typ"), QStringLiteral("JWT") } };
    return SandboxJwtMint::mint(*m_context, header, claims);
}

QHttpServerResponse SandboxTokenEndpoint::htmlErrorPage()
{
    // What a crashed application server or a misrouted proxy typically answers: no JSON at all.
    const QString text = tr("The server encountered an internal error and could not complete your request "
                            "(sandbox fault switch %1).")
                             .arg(SandboxSettings::faultName(SandboxFault::HtmlErrorPage));
    const QString page = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                        "<title>500 Internal Server Error</title></head><body>"
                                        "<h1>Internal Server Error</h1><p>")
        + text.toHtmlEscaped() + QStringLiteral("</p></body></html>");
    return QHttpServerResponse(QByteArrayLiteral("text/html; charset=utf-8"), page.toUtf8(),
                               QHttpServerResponse::StatusCode::InternalServerError);
}
