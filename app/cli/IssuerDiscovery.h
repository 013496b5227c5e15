#pragma once

#include "Discovery.h"

#include <QObject>

class CliContext;

// Discovery as every command runs it: warnings and failures printed on stderr, and an issuer mismatch
// refused (exit 5) unless the user accepted it, in which case it is only a warning.
class IssuerDiscovery final : public QObject
{
    Q_OBJECT
public:
    explicit IssuerDiscovery(CliContext *context, QObject *parent = nullptr);

    // Emits succeeded() or failed() exactly once, asynchronously.
    void start(const QUrl &issuer, const TransportOptions &transport, bool acceptMismatch);

Q_SIGNALS:
    void succeeded(const DiscoveryResult &result);
    void failed(int exitCode);

private:
    void onFinished(const DiscoveryResult &result);

    CliContext *m_context;
    Discovery *m_discovery;
    bool m_acceptMismatch = false;
};
