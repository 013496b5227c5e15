#pragma once

#include "Profile.h"
#include "SandboxClient.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QStringList>

class SandboxServer;
struct ServerMetadata;

// The ready-made profiles for the built-in sandbox: client credentials with Basic and with POST
// authentication (the confidential demo client) and code + PKCE (the public one). They carry a
// Profile::sandboxRole, so when the sandbox comes back on another port they follow it: the issuer, the
// endpoints, the client and its authentication method come from the running sandbox, while what a user
// may have changed (name, scope, timeout, redirect port, browser, extra parameters…) is kept.
// Secrets are never part of a profile; secretFor() answers them from the running sandbox instead.
class SandboxProfiles final
{
    Q_DECLARE_TR_FUNCTIONS(SandboxProfiles)
public:
    static constexpr char ClientCredentialsBasic[] = "client-credentials-basic";
    static constexpr char ClientCredentialsPost[] = "client-credentials-post";
    static constexpr char CodeWithPkce[] = "code-pkce";
    static QStringList roles(); // in the order they are created

    struct Update
    {
        QList<Profile> profiles; // all profiles, the sandbox ones updated or added
        QStringList createdIds;
        QStringList updatedIds; // existing sandbox profiles that changed
        QString error; // empty on success: the sandbox's metadata could not be read
        bool changed() const { return !createdIds.isEmpty() || !updatedIds.isEmpty(); }
    };

    // Points every profile with a sandbox role at the server that `metadata` (its discovery document)
    // describes. With createMissing, adds a profile for each role that no profile has yet.
    static Update apply(const QList<Profile> &profiles, const QJsonObject &metadata, bool createMissing);
    static Update apply(const QList<Profile> &profiles, const SandboxServer &server, bool createMissing);

    static bool isSandboxProfile(const Profile &profile) { return !profile.sandboxRole.isEmpty(); }
    static bool hasSandboxProfiles(const QList<Profile> &profiles);
    // The id of the first profile with `role`; empty when none has it.
    static QString idOfRole(const QList<Profile> &profiles, const QString &role);

    // The client secret a profile gets from the running sandbox: only when its token endpoint is on the
    // sandbox's origin and its client is one of the sandbox's confidential clients, so a secret never goes
    // to another server. Empty otherwise.
    static QString secretFor(const Profile &profile, const QUrl &issuer, const QList<SandboxClient> &clients);

private:
    static Profile create(const QString &role);
    static void pointAt(Profile *profile, const ServerMetadata &metadata);
};
