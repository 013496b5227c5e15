#include "TokenAcquirer.h"

#include "CliContext.h"
#include "CliLogging.h"
#include "ClientCredentialsFlow.h"
#include "SecretResolver.h"

TokenAcquirer::TokenAcquirer(CliContext *context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_flow(new ClientCredentialsFlow(context->http(), this))
{
    connect(m_flow, &ClientCredentialsFlow::finished, this, &TokenAcquirer::finished);
}

void TokenAcquirer::start(const Profile &profile, bool saved, const SecretResolver &secrets)
{
    secrets.resolve(profile, saved, m_context->secretStore(),
                    [this, profile](const SecretResolver::Outcome &outcome) {
                        if (!outcome.ok) {
                            TokenResult result;
                            result.status = FlowStatus::UsageError;
                            result.message = outcome.error;
                            Q_EMIT finished(result);
                            return;
                        }
                        m_context->addSecret(outcome.secret);
                        qCDebug(lcCli) << "requesting a token from" << profile.tokenUrl;
                        m_flow->start(profile, outcome.secret);
                    });
}
