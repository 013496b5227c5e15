#pragma once

#include "Command.h"
#include "Profile.h"

class CliContext;
class IssuerDiscovery;
struct DiscoveryResult;

// `profiles discover NAME`: fetches the metadata of the profile's issuer (or --issuer) again and saves the
// endpoints and token URL it names; endpoints the metadata leaves out keep their value.
class ProfilesDiscoverCommand final : public Command
{
    Q_OBJECT
public:
    explicit ProfilesDiscoverCommand(CliContext *context, QObject *parent = nullptr);

private:
    std::optional<int> run(const QStringList &arguments) override;
    int onDiscovered(const DiscoveryResult &result);
    void printChanges(const Profile &before, const Profile &after) const;

    CliContext *m_context;
    IssuerDiscovery *m_discovery;
    Profile m_profile;
    QUrl m_issuer;
};
