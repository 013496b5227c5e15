#pragma once

#include "Command.h"

class CliContext;
struct Profile;

// `profiles show NAME`: the profile's fields, one "label: value" line each, or --json. Never a secret.
class ProfilesShowCommand final : public Command
{
    Q_OBJECT
public:
    explicit ProfilesShowCommand(CliContext *context, QObject *parent = nullptr);

private:
    std::optional<int> run(const QStringList &arguments) override;
    void printText(const Profile &profile) const;

    CliContext *m_context;
};
