#pragma once

#include "Command.h"

class CliContext;

// `profiles remove NAME`: deletes the profile and its keychain secret (a missing keychain is not an error).
class ProfilesRemoveCommand final : public Command
{
    Q_OBJECT
public:
    explicit ProfilesRemoveCommand(CliContext *context, QObject *parent = nullptr);

private:
    std::optional<int> run(const QStringList &arguments) override;

    CliContext *m_context;
};
