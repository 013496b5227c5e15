#pragma once

#include "FlowResult.h"
#include "Profile.h"
#include "TokenRepeatStats.h"

#include <QElapsedTimer>
#include <QObject>

class CliContext;
class ClientCredentialsFlow;
class SecretResolver;

// Resolves the client secret, then runs the client credentials flow. A missing secret ends as a
// TokenResult with FlowStatus::UsageError, so callers report every outcome the same way.
class TokenAcquirer final : public QObject
{
    Q_OBJECT
public:
    explicit TokenAcquirer(CliContext *context, QObject *parent = nullptr);

    // Emits finished() exactly once per call, maybe before returning. `saved`: see SecretResolver::resolve.
    // With count > 1 the grant runs count times in a row once the secret is resolved (the secret is read
    // once), stopping at the first failure; finished() carries the last result and repeatStats() what was
    // measured.
    void start(const Profile &profile, bool saved, const SecretResolver &secrets, int count = 1);

    const TokenRepeatStats &repeatStats() const { return m_stats; }

Q_SIGNALS:
    void finished(const TokenResult &result);

private:
    void requestNext();
    void onFlowFinished(const TokenResult &result);

    CliContext *m_context;
    ClientCredentialsFlow *m_flow;
    Profile m_profile;
    QString m_secret;
    int m_remaining = 0;
    TokenRepeatStats m_stats;
    QElapsedTimer m_runClock;
    QElapsedTimer m_requestClock;
};
