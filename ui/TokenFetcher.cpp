#include "TokenFetcher.h"

#include "ClientCredentialsFlow.h"
#include "SecretVault.h"

#include <QPointer>

TokenFetcher::TokenFetcher(HttpClient *http, SecretVault *vault, QObject *parent)
    : QObject(parent)
    , m_flow(new ClientCredentialsFlow(http, this))
    , m_vault(vault)
{
    connect(m_flow, &ClientCredentialsFlow::finished, this, &TokenFetcher::flowFinished);
}

void TokenFetcher::fetch(const Profile &profile)
{
    if (m_busy)
        return;
    m_profile = profile;
    setBusy(true);
    if (!profile.needsSecret()) {
        m_flow->start(profile, QString());
        return;
    }
    QPointer<TokenFetcher> self(this);
    m_vault->read(profile.secretKey(), [self](const SecretReply &reply) {
        if (self)
            self->secretRead(reply);
    });
}

void TokenFetcher::secretRead(const SecretReply &reply)
{
    if (reply.ok() && !reply.value.isEmpty()) {
        m_flow->start(m_profile, reply.value);
        return;
    }
    flowFinished(secretMissing(m_profile, reply));
}

TokenResult TokenFetcher::secretMissing(const Profile &profile, const SecretReply &reply)
{
    TokenResult result;
    result.status = FlowStatus::UsageError;
    switch (reply.status) {
    case SecretReply::Status::Ok:
    case SecretReply::Status::NotFound:
        result.message = tr("No client secret is stored for “%1”.").arg(profile.name);
        result.hint = tr("Edit the profile and enter the client secret, or choose the auth method “none” for "
                         "a public client.");
        break;
    case SecretReply::Status::Unavailable:
        result.message
            = tr("The keychain is not available (%1) and no client secret was entered in this session.")
                  .arg(reply.error);
        result.hint = tr("Edit the profile and enter the client secret: it will be kept until you quit.");
        break;
    case SecretReply::Status::Failed:
        result.message = tr("Could not read the client secret: %1").arg(reply.error);
        result.hint = tr("Unlock the keychain, or edit the profile and enter the secret again.");
        break;
    }
    return result;
}

void TokenFetcher::flowFinished(const TokenResult &result)
{
    setBusy(false);
    Q_EMIT finished(m_profile, result);
}

void TokenFetcher::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}
