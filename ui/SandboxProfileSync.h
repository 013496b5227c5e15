#pragma once

#include "MessageBar.h"
#include "Profile.h"
#include "ProfileStore.h"

#include <QObject>

class ProfilesPanel;
class SandboxController;
class SecretVault;

// Ties the built-in sandbox to the profiles. On the very first launch (no profile file yet) it starts the
// sandbox, creates the ready-made sandbox profiles and selects the client-credentials one, so "Get token"
// works at once with no account anywhere; on later launches it starts the sandbox when sandbox profiles
// exist (and the user has not turned that off). Whenever the sandbox starts, the sandbox profiles follow
// its port. The sandbox's secrets reach the flows through the vault's fallback when the keychain has none
// (or no keychain runs), so they are never written to a profile file.
class SandboxProfileSync final : public QObject
{
    Q_OBJECT
public:
    // Construct before the panel loads the profiles: whether the file exists decides the first launch.
    SandboxProfileSync(const ProfileStore &store, ProfilesPanel *profiles, SecretVault *vault,
                       SandboxController *sandbox, QObject *parent = nullptr);

    bool isFirstLaunch() const { return m_firstLaunch; }
    // Starts the sandbox as the launch calls for; reports through message(). Call once, after the window
    // is shown.
    void launch();
    // "Create/Update sandbox profiles": adds the missing ones, points all at the sandbox and stores the
    // confidential client's secret in the keychain (or this session's memory when there is none).
    void createOrUpdateProfiles();

Q_SIGNALS:
    void message(const QString &text, MessageBar::Type type);
    void panelRequested(); // the first launch shows the sandbox panel

private:
    struct Outcome
    {
        bool ok = false;
        QStringList createdIds;
        QStringList updatedIds;
    };
    Outcome sync(bool createMissing, const QString &selectId);
    void sandboxStarted();
    void storeSecrets(const QList<Profile> &profiles);
    QString fallbackSecret(const QString &key) const;

    ProfileStore m_store;
    ProfilesPanel *m_profiles;
    SecretVault *m_vault;
    SandboxController *m_sandbox;
    QList<Profile> m_known; // the profiles as last read, to find a secret key's profile
    bool m_firstLaunch;
    bool m_launched = false;
    bool m_launching = false; // inside launch()'s start: the first launch syncs by itself
};
