#include "SandboxTokenAdmin.h"

#include "SandboxClientAuth.h"
#include "SandboxContext.h"
#include "SandboxTokenValidator.h"

#include <QHttpServerRequest>

#include <utility>

namespace {
const QString invalidRequest = QStringLiteral("invalid_request");
} // namespace

SandboxTokenAdmin::SandboxTokenAdmin(SandboxContext *context)
    : m_context(context)
{
}

QHttpServerResponse SandboxTokenAdmin::introspect(const QHttpServerRequest &request)
{
    const SandboxHttp::Parameters form = SandboxHttp::formBody(request);
    if (std::optional<QHttpServerResponse> failure = SandboxHttp::checkFormPost(request, form))
        return std::move(*failure);
    const SandboxClientAuth auth = SandboxClientAuth::authenticate(request, form, m_context->clients, false);
    if (!auth.ok())
        return auth.failure();
    if (!form.has("token"))
        return SandboxHttp::oauthError(invalidRequest, tr("token is missing"));
    const QString token = form.value("token");
    const SandboxTokenCheck check = SandboxTokenValidator::check(*m_context, token);
    if (check.valid) {
        QJsonObject response = check.claims;
        response.insert(QStringLiteral("active"), true);
        response.insert(QStringLiteral("token_type"), QStringLiteral("Bearer"));
        return SandboxHttp::json(response);
    }
    const std::optional<SandboxRefreshGrant> grant = m_context->store.refreshGrant(token);
    if (grant && !grant->used && !m_context->store.isFamilyRevoked(grant->family)
        && grant->expiresAt > m_context->now())
        return SandboxHttp::json({ { QStringLiteral("active"), true },
                                   { QStringLiteral("client_id"), grant->clientId },
                                   { QStringLiteral("scope"), grant->scope },
                                   { QStringLiteral("token_type"), QStringLiteral("refresh_token") },
                                   { QStringLiteral("exp"), grant->expiresAt },
                                   { QStringLiteral("iss"), m_context->issuerString() } });
    // RFC 7662 §2.2: nothing more than "active": false about a token that is not active.
    return SandboxHttp::json({ { QStringLiteral("active"), false } });
}

QHttpServerResponse SandboxTokenAdmin::revoke(const QHttpServerRequest &request)
{
    const SandboxHttp::Parameters form = SandboxHttp::formBody(request);
    if (std::optional<QHttpServerResponse> failure = SandboxHttp::checkFormPost(request, form))
        return std::move(*failure);
    const SandboxClientAuth auth = SandboxClientAuth::authenticate(request, form, m_context->clients, true);
    if (!auth.ok())
        return auth.failure();
    if (!form.has("token"))
        return SandboxHttp::oauthError(invalidRequest, tr("token is missing"));
    const QString token = form.value("token");
    const QString clientId = auth.client->clientId;
    const SandboxTokenCheck check = SandboxTokenValidator::check(*m_context, token);
    if (check.valid && check.claims.value(QLatin1String("client_id")).toString() == clientId)
        m_context->store.revokeAccessToken(check.claims.value(QLatin1String("jti")).toString());
    const std::optional<SandboxRefreshGrant> grant = m_context->store.refreshGrant(token);
    if (grant && grant->clientId == clientId)
        m_context->store.revokeFamily(grant->family);
    // RFC 7009 §2.2: 200 whether or not the token was valid.
    return QHttpServerResponse(QHttpServerResponse::StatusCode::Ok);
}
