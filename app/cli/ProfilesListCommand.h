#pragma once

#include "Command.h"

class CliContext;

// `profiles list`: one line per profile (name, token URL, client id, auth method, tab-separated), or --json.
class ProfilesListCommand final : public Command
{
    Q_OBJECT
public:
    explicit ProfilesListCommand(CliContext *context, QObject *parent = nullptr);

private:
    std::optional<int> run(const QStringList &arguments) override;

    CliContext *m_context;
};
