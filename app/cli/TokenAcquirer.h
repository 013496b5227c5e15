#pragma once

#include "FlowResult.h"
#include "Profile.h"

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
    void start(const Profile &profile, bool saved, const SecretResolver &secrets);

Q_SIGNALS:
    void finished(const TokenResult &result);

private:
    CliContext *m_context;
    ClientCredentialsFlow *m_flow;
};
