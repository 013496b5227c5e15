#include "UserInfoRequest.h"

#include <QPointer>
#include <QTimer>

UserInfoRequest::UserInfoRequest(HttpClient *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{
}

void UserInfoRequest::fetch(const Profile &profile, const QString &accessToken)
{
    QString problem = EndpointResult::precondition(profile, profile.endpoints.userinfo,
                                                   tr("userinfo endpoint"), QString(), false);
    if (problem.isEmpty() && accessToken.isEmpty())
        problem = tr("The userinfo endpoint needs an access token.");
    if (!problem.isEmpty()) {
        const EndpointResult result = EndpointResult::usageError(problem);
        QTimer::singleShot(0, this, [this, result] { Q_EMIT finished(result); });
        return;
    }
    HttpRequestSpec request;
    request.purpose = tr("UserInfo request");
    request.url = profile.endpoints.userinfo;
    request.headers.append(HttpHeader("Authorization", "Bearer " + accessToken.toUtf8()));
    request.headers.append(HttpHeader("Accept", "application/json, application/jwt"));
    request.secrets.append(accessToken);
    const QPointer<UserInfoRequest> self(this);
    m_http->send(request, profile.transportOptions(), [self](const HttpResult &reply) {
        if (!self)
            return;
        EndpointResult result = EndpointResult::fromReply(reply);
        if (result.ok() && result.json.isEmpty()) {
            if (result.contentType.toLower().startsWith("application/jwt")) {
                result.warnings.append(
                    tr("The claims come as a signed or encrypted JWT (OIDC Core §5.3.2); inspect "
                       "it to read them."));
            } else {
                result.status = FlowStatus::ServerError;
                result.message = tr("The userinfo response is neither a JSON object nor a JWT.");
            }
        } else if (result.ok() && !result.json.value(QLatin1String("sub")).isString()) {
            result.warnings.append(
                tr("The userinfo response has no \"sub\" claim (OIDC Core §5.3.2 requires it)."));
        }
        Q_EMIT self->finished(result);
    });
}
