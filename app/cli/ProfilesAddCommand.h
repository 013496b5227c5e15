#pragma once

#include "Command.h"
#include "CommonOptions.h"
#include "SecretResolver.h"

class CliContext;

// `profiles add NAME`: saves a profile from the same options as `token`; a secret given with it goes to the
// keychain. --force replaces a profile of that name, keeping its id so a stored secret stays attached.
class ProfilesAddCommand final : public Command
{
    Q_OBJECT
public:
    explicit ProfilesAddCommand(CliContext *context, QObject *parent = nullptr);

    void start(const QStringList &arguments) override;

private:
    std::optional<int> run(const QStringList &arguments);
    void storeSecret(const Profile &profile, const QString &secret);

    CliContext *m_context;
    CommonOptions m_options;
    SecretResolver m_secrets;
};
