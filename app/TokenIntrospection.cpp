#include "TokenIntrospection.h"

#include "ClientAuthentication.h"

#include <QPointer>
#include <QTimer>

TokenIntrospection::TokenIntrospection(HttpClient *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{
}

void TokenIntrospection::introspect(const Profile &profile, const QString &clientSecret, const QString &token,
                                    const QString &tokenTypeHint)
{
    QString problem = EndpointResult::precondition(profile, profile.endpoints.introspection,
                                                   tr("introspection endpoint"), clientSecret, true);
    if (problem.isEmpty() && token.isEmpty())
        problem = tr("There is no token to introspect.");
    if (!problem.isEmpty()) {
        const EndpointResult result = EndpointResult::usageError(problem);
        QTimer::singleShot(0, this, [this, result] { Q_EMIT finished(result); });
        return;
    }
    const HttpRequestSpec request
        = ClientAuthentication::tokenPost(tr("Token introspection"), profile.endpoints.introspection, token,
                                          tokenTypeHint, profile, clientSecret);
    const QPointer<TokenIntrospection> self(this);
    m_http->send(request, profile.transportOptions(), [self](const HttpResult &reply) {
        if (!self)
            return;
        EndpointResult result = EndpointResult::fromReply(reply);
        if (result.oauthError.error == QLatin1String("unsupported_token_type"))
            result.hint
                = tr("The server does not introspect this type of token; self-contained JWT access tokens "
                     "are often verified locally instead (use inspect with the issuer's JWKS).");
        if (result.ok()) {
            const QJsonValue active = result.json.value(QLatin1String("active"));
            if (active.isBool()) {
                result.active = active.toBool();
            } else {
                result.status = FlowStatus::ServerError;
                result.message = result.json.isEmpty()
                    ? tr("The introspection response is not a JSON object (RFC 7662 §2.2).")
                    : tr("The introspection response has no boolean \"active\" (RFC 7662 §2.2 requires it).");
            }
        }
        Q_EMIT self->finished(result);
    });
}
