#pragma once

#include "Command.h"

#include <QCommandLineOption>

class CliContext;
class InterruptWatcher;
class SandboxServer;
class QCommandLineParser;
struct SandboxSettings;

// `sandbox`: runs the built-in sandbox authorization server on 127.0.0.1 until SIGINT or SIGTERM, printing
// its issuer (and, with --json, its demo clients and fault switches) on stdout once it listens. Fault
// switches and token lifetimes come from the command line. A teaching and test aid, not for production.
class SandboxCommand final : public Command
{
    Q_OBJECT
public:
    explicit SandboxCommand(CliContext *context, QObject *parent = nullptr);

private:
    std::optional<int> run(const QStringList &arguments) override;
    // Reads --fault and the lifetime options into settings; an exit code on a usage error.
    std::optional<int> readSettings(const QCommandLineParser &parser, const QString &command,
                                    SandboxSettings *settings) const;
    std::optional<int> readSeconds(const QCommandLineParser &parser, const QCommandLineOption &option,
                                   qint64 maximum, const QString &command, qint64 *seconds) const;
    void printReady(bool json) const;
    void onInterrupted(int signalNumber);

    CliContext *m_context;
    SandboxServer *m_server = nullptr;
    InterruptWatcher *m_watcher = nullptr;
    QCommandLineOption m_port;
    QCommandLineOption m_json;
    QCommandLineOption m_dataDir;
    QCommandLineOption m_autoApprove;
    QCommandLineOption m_fault;
    QCommandLineOption m_accessTokenLifetime;
    QCommandLineOption m_idTokenLifetime;
    QCommandLineOption m_refreshTokenLifetime;
    QCommandLineOption m_codeLifetime;
    QCommandLineOption m_slowSeconds;
};
