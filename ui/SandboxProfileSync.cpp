#include "SandboxProfileSync.h"

#include "ProfilesPanel.h"
#include "SandboxController.h"
#include "SandboxProfiles.h"
#include "SecretVault.h"

#include <QFileInfo>
#include <QPointer>

SandboxProfileSync::SandboxProfileSync(const ProfileStore &store, ProfilesPanel *profiles, SecretVault *vault,
                                       SandboxController *sandbox, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_profiles(profiles)
    , m_vault(vault)
    , m_sandbox(sandbox)
    , m_firstLaunch(!QFileInfo::exists(store.filePath()))
{
    m_vault->setFallback([this](const QString &key) { return fallbackSecret(key); });
    connect(m_sandbox, &SandboxController::runningChanged, this, [this](bool running) {
        if (running)
            sandboxStarted();
    });
}

void SandboxProfileSync::launch()
{
    if (m_launched)
        return;
    m_launched = true;
    if (m_firstLaunch) {
        m_launching = true;
        const bool started = m_sandbox->start();
        m_launching = false;
        if (!started) {
            Q_EMIT message(tr("%1 You can add a profile for your own server, or start the sandbox from "
                              "Tools → Sandbox.")
                               .arg(m_sandbox->errorString()),
                           MessageBar::Type::Warning);
            return;
        }
        const Outcome outcome = sync(true, {});
        if (!outcome.ok)
            return;
        m_profiles->selectProfile(
            SandboxProfiles::idOfRole(m_known, QLatin1String(SandboxProfiles::ClientCredentialsBasic)));
        // No keychain write here: a fresh keychain would greet the first launch with a "create a keyring"
        // prompt. The vault's fallback answers the secret from the running sandbox instead.
        Q_EMIT panelRequested();
        Q_EMIT message(
            tr("The built-in sandbox is running at %1 with ready-made profiles: press Get token. It "
               "is a teaching and test aid on this computer, not for production.")
                .arg(m_sandbox->issuer().toString()),
            MessageBar::Type::Positive);
        return;
    }
    m_known = m_store.load().profiles;
    if (!m_sandbox->startsWithApp() || !SandboxProfiles::hasSandboxProfiles(m_known))
        return;
    if (!m_sandbox->start())
        Q_EMIT message(tr("%1 The sandbox profiles will not work until it runs (Tools → Sandbox).")
                           .arg(m_sandbox->errorString()),
                       MessageBar::Type::Warning);
}

void SandboxProfileSync::createOrUpdateProfiles()
{
    if (!m_sandbox->isRunning()) {
        Q_EMIT message(tr("Start the sandbox first: the profiles take its address."),
                       MessageBar::Type::Warning);
        return;
    }
    const auto current = m_profiles->currentProfile();
    const Outcome outcome = sync(true, current ? current->id : QString());
    if (!outcome.ok)
        return;
    QList<Profile> sandboxProfiles;
    for (const Profile &profile : std::as_const(m_known)) {
        if (SandboxProfiles::isSandboxProfile(profile))
            sandboxProfiles.append(profile);
    }
    storeSecrets(sandboxProfiles);
    if (!outcome.createdIds.isEmpty() && current && !SandboxProfiles::isSandboxProfile(*current))
        m_profiles->selectProfile(outcome.createdIds.constFirst());
    if (outcome.createdIds.isEmpty() && outcome.updatedIds.isEmpty())
        Q_EMIT message(tr("The sandbox profiles already point at %1.").arg(m_sandbox->issuer().toString()),
                       MessageBar::Type::Information);
    else
        Q_EMIT message(
            tr("Sandbox profiles: %n created", nullptr, static_cast<int>(outcome.createdIds.size()))
                + QStringLiteral(", ")
                + tr("%n updated to %1", nullptr, static_cast<int>(outcome.updatedIds.size()))
                      .arg(m_sandbox->issuer().toString())
                + QLatin1Char('.'),
            MessageBar::Type::Positive);
}

void SandboxProfileSync::sandboxStarted()
{
    if (m_launching)
        return; // the first launch creates and selects the profiles itself
    const auto current = m_profiles->currentProfile();
    sync(false, current ? current->id : QString());
}

SandboxProfileSync::Outcome SandboxProfileSync::sync(bool createMissing, const QString &selectId)
{
    Outcome outcome;
    const ProfileStore::LoadResult loaded = m_store.load();
    if (!loaded.error.isEmpty()) {
        Q_EMIT message(tr("The sandbox profiles were not updated: %1").arg(loaded.error),
                       MessageBar::Type::Error);
        return outcome;
    }
    m_known = loaded.profiles;
    const SandboxProfiles::Update update
        = SandboxProfiles::apply(loaded.profiles, *m_sandbox->server(), createMissing);
    if (!update.error.isEmpty()) {
        Q_EMIT message(update.error, MessageBar::Type::Error);
        return outcome;
    }
    outcome.ok = true;
    if (!update.changed())
        return outcome;
    QString error;
    if (!m_store.save(update.profiles, &error)) {
        Q_EMIT message(tr("The sandbox profiles could not be saved: %1").arg(error), MessageBar::Type::Error);
        outcome.ok = false;
        return outcome;
    }
    m_known = update.profiles;
    outcome.createdIds = update.createdIds;
    outcome.updatedIds = update.updatedIds;
    m_profiles->loadProfiles(); // the panel shows what is now on disk
    if (!selectId.isEmpty())
        m_profiles->selectProfile(selectId);
    return outcome;
}

void SandboxProfileSync::storeSecrets(const QList<Profile> &profiles)
{
    for (const Profile &profile : profiles) {
        const QString secret = m_sandbox->secretFor(profile);
        if (!profile.needsSecret() || secret.isEmpty())
            continue;
        QPointer<SandboxProfileSync> self(this);
        const QString name = profile.name;
        m_vault->write(profile.secretKey(), secret,
                       [self, name](const SecretReply &reply, bool keptForSession) {
                           // Without a keychain the fallback answers anyway; only a real failure is worth a
                           // word.
                           if (self && keptForSession && reply.status == SecretReply::Status::Failed)
                               Q_EMIT self->message(
                                   tr("The secret of \"%1\" was not stored in the keychain: %2. This session "
                                      "and the running sandbox still have it.")
                                       .arg(name, reply.error),
                                   MessageBar::Type::Warning);
                       });
    }
}

QString SandboxProfileSync::fallbackSecret(const QString &key) const
{
    if (!m_sandbox->isRunning())
        return {};
    const auto current = m_profiles->currentProfile();
    if (current && current->secretKey() == key)
        return m_sandbox->secretFor(*current);
    for (const Profile &profile : m_known) {
        if (profile.secretKey() == key)
            return m_sandbox->secretFor(profile);
    }
    return {};
}
