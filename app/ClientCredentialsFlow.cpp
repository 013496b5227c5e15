#include "ClientCredentialsFlow.h"

#include "ClientAuthentication.h"
#include "TokenEndpointReply.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

Q_LOGGING_CATEGORY(lcFlow, "oauthdebugger.flow")

ClientCredentialsFlow::ClientCredentialsFlow(HttpClient *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{
}

HttpRequestSpec ClientCredentialsFlow::buildRequest(const Profile &profile, const QString &clientSecret)
{
    QList<QPair<QString, QString>> fields { { QStringLiteral("grant_type"),
                                              QStringLiteral("client_credentials") } };
    if (!profile.scope.trimmed().isEmpty())
        fields.append({ QStringLiteral("scope"), profile.scope.simplified() });
    if (!profile.audience.isEmpty())
        fields.append({ QStringLiteral("audience"), profile.audience });
    for (const QString &resource : profile.resources)
        fields.append({ QStringLiteral("resource"), resource });
    fields.append(profile.extraParameters);

    return ClientAuthentication::formPost(tr("Token request (client credentials)"), profile.tokenUrl, fields,
                                          profile, clientSecret);
}

void ClientCredentialsFlow::start(const Profile &profile, const QString &clientSecret)
{
    QString problem;
    const auto problems = profile.validate();
    if (!problems.isEmpty())
        problem = problems.first().second;
    else if (profile.needsSecret() && clientSecret.isEmpty())
        problem = tr("Profile \"%1\" authenticates with %2, but no client secret was given.")
                      .arg(profile.name, clientAuthMethodName(profile.authMethod));
    if (!problem.isEmpty()) {
        TokenResult result;
        result.status = FlowStatus::UsageError;
        result.message = problem;
        QTimer::singleShot(0, this, [this, result] { Q_EMIT finished(result); });
        return;
    }

    qCDebug(lcFlow) << "client credentials grant for" << profile.name << "at" << profile.tokenUrl;
    TransportOptions options = profile.transportOptions();
    const QPointer<ClientCredentialsFlow> self(this);
    m_http->send(buildRequest(profile, clientSecret), options, [self, profile](const HttpResult &reply) {
        if (!self)
            return;
        TokenResult result = TokenEndpointReply::interpret(reply);
        result.insecure = result.insecure || profile.insecure;
        if (profile.insecure)
            result.warnings.prepend(tr("Certificate verification is off for this profile (insecure)."));
        Q_EMIT self->finished(result);
    });
}
