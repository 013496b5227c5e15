#pragma once

#include "Command.h"

#include <QCommandLineOption>

class CliContext;
class InterruptWatcher;
class SandboxServer;

// `sandbox`: runs the built-in sandbox authorization server on 127.0.0.1 until SIGINT or SIGTERM, printing
// its issuer (and, with --json, its demo clients) on stdout once it listens. A teaching and test aid, not for
// production.
class SandboxCommand final : public Command
{
    Q_OBJECT
public:
    explicit SandboxCommand(CliContext *context, QObject *parent = nullptr);

private:
    std::optional<int> run(const QStringList &arguments) override;
    void printReady(bool json) const;
    void onInterrupted(int signalNumber);

    CliContext *m_context;
    SandboxServer *m_server = nullptr;
    InterruptWatcher *m_watcher = nullptr;
    QCommandLineOption m_port;
    QCommandLineOption m_json;
    QCommandLineOption m_dataDir;
    QCommandLineOption m_autoApprove;
};
