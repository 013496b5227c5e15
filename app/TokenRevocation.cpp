#include "TokenRevocation.h"

#include "ClientAuthentication.h"

#include <QPointer>
#include <QTimer>

TokenRevocation::TokenRevocation(HttpClient *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{
}

void TokenRevocation::revoke(const Profile &profile, const QString &clientSecret, const QString &token,
                             const QString &tokenTypeHint)
{
    QString problem = EndpointResult::precondition(profile, profile.endpoints.revocation,
                                                   tr("revocation endpoint"), clientSecret, true);
    if (problem.isEmpty() && token.isEmpty())
        problem = tr("There is no token to revoke.");
    if (!problem.isEmpty()) {
        const EndpointResult result = EndpointResult::usageError(problem);
        QTimer::singleShot(0, this, [this, result] { Q_EMIT finished(result); });
        return;
    }
    const HttpRequestSpec request = ClientAuthentication::tokenPost(
        tr("Token revocation"), profile.endpoints.revocation, token, tokenTypeHint, profile, clientSecret);
    const QPointer<TokenRevocation> self(this);
    m_http->send(request, profile.transportOptions(), [self](const HttpResult &reply) {
        if (!self)
            return;
        EndpointResult result = EndpointResult::fromReply(reply);
        if (result.httpStatus == 503) {
            const QByteArray retryAfter = reply.exchange.responseHeader("retry-after");
            result.hint = retryAfter.isEmpty()
                ? tr("The server cannot revoke the token right now (RFC 7009 §2.2.1); try again later.")
                : tr("The server cannot revoke the token right now; it asks to retry after %1 (RFC 7009 "
                     "§2.2.1).")
                      .arg(QString::fromLatin1(retryAfter));
        } else if (result.oauthError.error == QLatin1String("unsupported_token_type")) {
            result.hint
                = tr("The server does not revoke this type of token (RFC 7009 §2.2.1); self-contained JWT "
                     "access tokens often cannot be revoked.");
        }
        Q_EMIT self->finished(result);
    });
}
