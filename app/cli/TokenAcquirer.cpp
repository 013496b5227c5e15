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
    connect(m_flow, &ClientCredentialsFlow::finished, this, &TokenAcquirer::onFlowFinished);
}

void TokenAcquirer::start(const Profile &profile, bool saved, const SecretResolver &secrets, int count)
{
    m_stats.start(qMax(1, count));
    secrets.resolve(profile, saved, m_context->secretStore(),
                    [this, profile, count](const SecretResolver::Outcome &outcome) {
                        if (!outcome.ok) {
                            TokenResult result;
                            result.status = FlowStatus::UsageError;
                            result.message = outcome.error;
                            Q_EMIT finished(result);
                            return;
                        }
                        m_context->addSecret(outcome.secret);
                        qCDebug(lcCli) << "requesting" << count << "token(s) from" << profile.tokenUrl;
                        m_profile = profile;
                        m_secret = outcome.secret;
                        m_remaining = qMax(1, count);
                        m_runClock.start();
                        requestNext();
                    });
}

void TokenAcquirer::requestNext()
{
    --m_remaining;
    m_requestClock.start();
    m_flow->start(m_profile, m_secret);
}

void TokenAcquirer::onFlowFinished(const TokenResult &result)
{
    if (result.ok())
        m_stats.addToken(m_requestClock.nsecsElapsed());
    if (result.ok() && m_remaining > 0) {
        requestNext();
        return;
    }
    m_stats.stop(m_runClock.nsecsElapsed());
    m_remaining = 0;
    m_secret.clear();
    Q_EMIT finished(result);
}
