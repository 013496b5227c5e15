#pragma once

#include "Command.h"
#include "SecretResolver.h"

class CliContext;
class ClientSetup;
struct Profile;

// `profiles add NAME`: saves a profile from the same options as `token`, the endpoints discovered from
// --issuer or given one by one; a secret given with it goes to the keychain. --force replaces a profile of
// that name, keeping its id so a stored secret stays attached.
class ProfilesAddCommand final : public Command
{
    Q_OBJECT
public:
    explicit ProfilesAddCommand(CliContext *context, QObject *parent = nullptr);

private:
    std::optional<int> run(const QStringList &arguments) override;
    std::optional<int> save(Profile profile);
    bool existsUnlessForced(const QList<Profile> &profiles, const QString &name) const;
    void storeSecret(const Profile &profile, const QString &secret);

    CliContext *m_context;
    ClientSetup *m_setup;
    SecretResolver m_secrets;
    bool m_force = false;
};
