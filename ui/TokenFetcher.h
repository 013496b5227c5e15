#pragma once

#include "FlowResult.h"
#include "Profile.h"

#include <QObject>

class ClientCredentialsFlow;
class HttpClient;
class SecretVault;
struct SecretReply;

// Runs "Get token" for a profile: reads its client secret from the vault, then the client credentials flow.
// One request at a time; everything asynchronous.
class TokenFetcher final : public QObject
{
    Q_OBJECT
public:
    TokenFetcher(HttpClient *http, SecretVault *vault, QObject *parent = nullptr);

    bool isBusy() const { return m_busy; }
    // Ignored while busy. Emits finished() exactly once otherwise.
    void fetch(const Profile &profile);

    // The usage error to report when `reply` brought no client secret for `profile`.
    static TokenResult secretMissing(const Profile &profile, const SecretReply &reply);

Q_SIGNALS:
    void busyChanged(bool busy);
    void finished(const Profile &profile, const TokenResult &result);

private:
    void secretRead(const SecretReply &reply);
    void flowFinished(const TokenResult &result);
    void setBusy(bool busy);

    ClientCredentialsFlow *m_flow;
    SecretVault *m_vault;
    Profile m_profile;
    bool m_busy = false;
};
