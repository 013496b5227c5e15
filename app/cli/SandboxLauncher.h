#pragma once

#include "Command.h"

class CliContext;

// `sandbox`: replaces this process with oauth-debugger-sandbox (SandboxMain.cpp), which lives next to the
// CLI, with the same arguments. Same process id, standard streams and exit status, so scripts see no
// difference; the CLI itself then starts without the sandbox's libraries.
class SandboxLauncher final : public Command
{
    Q_OBJECT
public:
    explicit SandboxLauncher(CliContext *context, QObject *parent = nullptr);

    static QString programPath();

private:
    std::optional<int> run(const QStringList &arguments) override;

    CliContext *m_context;
};
