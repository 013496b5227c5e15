#pragma once

#include "Command.h"

class CliContext;

// `profiles export [NAME...] [-o FILE]`: the named profiles (default all) as JSON, never with a secret.
class ProfilesExportCommand final : public Command
{
    Q_OBJECT
public:
    explicit ProfilesExportCommand(CliContext *context, QObject *parent = nullptr);

private:
    std::optional<int> run(const QStringList &arguments) override;

    CliContext *m_context;
};
