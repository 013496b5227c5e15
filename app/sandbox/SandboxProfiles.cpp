#include "SandboxProfiles.h"

#include "SandboxClients.h"
#include "SandboxServer.h"
#include "ServerMetadata.h"

#include <QJsonDocument>

#include <algorithm>

namespace {

struct RoleDefaults
{
    const char *role;
    const char *name;
    const char *clientId;
    ClientAuthMethod authMethod;
    const char *scope;
};

// clang-format off
const RoleDefaults roleDefaults[] = {
    { SandboxProfiles::ClientCredentialsBasic,
      QT_TRANSLATE_NOOP("SandboxProfiles", "Sandbox · client credentials (basic)"),
      SandboxClients::ConfidentialId, ClientAuthMethod::ClientSecretBasic, "read write" },
    { SandboxProfiles::ClientCredentialsPost,
      QT_TRANSLATE_NOOP("SandboxProfiles", "Sandbox · client credentials (post)"),
      SandboxClients::ConfidentialId, ClientAuthMethod::ClientSecretPost, "read write" },
    { SandboxProfiles::CodeWithPkce,
      QT_TRANSLATE_NOOP("SandboxProfiles", "Sandbox · code + PKCE"),
      SandboxClients::PublicId, ClientAuthMethod::None, "openid profile email read" },
};
// clang-format on

const RoleDefaults *defaultsOf(const QString &role)
{
    for (const RoleDefaults &defaults : roleDefaults) {
        if (role == QLatin1String(defaults.role))
            return &defaults;
    }
    return nullptr;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host() == b.host() && a.port() == b.port();
}

} // namespace

QStringList SandboxProfiles::roles()
{
    QStringList names;
    for (const RoleDefaults &defaults : roleDefaults)
        names.append(QLatin1String(defaults.role));
    return names;
}

SandboxProfiles::Update SandboxProfiles::apply(const QList<Profile> &profiles, const QJsonObject &metadata,
                                               bool createMissing)
{
    Update update;
    update.profiles = profiles;
    QString error;
    QStringList warnings;
    const std::optional<ServerMetadata> parsed
        = ServerMetadata::parse(QJsonDocument(metadata).toJson(QJsonDocument::Compact), &error, &warnings);
    if (!parsed || !parsed->tokenEndpoint.isValid() || parsed->tokenEndpoint.isEmpty()) {
        update.error = tr("The sandbox's metadata has no usable issuer or token endpoint: %1")
                           .arg(error.isEmpty() ? tr("token_endpoint is missing") : error);
        return update;
    }
    for (Profile &profile : update.profiles) {
        if (!isSandboxProfile(profile))
            continue;
        const Profile before = profile;
        pointAt(&profile, *parsed);
        if (profile != before)
            update.updatedIds.append(profile.id);
    }
    if (!createMissing)
        return update;
    const QStringList allRoles = roles();
    for (const QString &role : allRoles) {
        if (!idOfRole(update.profiles, role).isEmpty())
            continue;
        Profile profile = create(role);
        pointAt(&profile, *parsed);
        update.profiles.append(profile);
        update.createdIds.append(profile.id);
    }
    return update;
}

SandboxProfiles::Update SandboxProfiles::apply(const QList<Profile> &profiles, const SandboxServer &server,
                                               bool createMissing)
{
    if (server.issuer().isEmpty()) {
        Update update;
        update.profiles = profiles;
        update.error = tr("The sandbox is not running.");
        return update;
    }
    return apply(profiles, server.metadata(), createMissing);
}

bool SandboxProfiles::hasSandboxProfiles(const QList<Profile> &profiles)
{
    return std::any_of(profiles.cbegin(), profiles.cend(),
                       [](const Profile &profile) { return isSandboxProfile(profile); });
}

QString SandboxProfiles::idOfRole(const QList<Profile> &profiles, const QString &role)
{
    for (const Profile &profile : profiles) {
        if (profile.sandboxRole == role)
            return profile.id;
    }
    return {};
}

QString SandboxProfiles::secretFor(const Profile &profile, const QUrl &issuer,
                                   const QList<SandboxClient> &clients)
{
    if (issuer.isEmpty() || !sameOrigin(profile.tokenUrl, issuer))
        return {};
    const SandboxClient *client = SandboxClients::find(clients, profile.clientId);
    return client ? client->clientSecret : QString();
}

Profile SandboxProfiles::create(const QString &role)
{
    const RoleDefaults *defaults = defaultsOf(role);
    Profile profile = Profile::create(tr(defaults->name));
    profile.sandboxRole = role;
    profile.scope = QLatin1String(defaults->scope);
    profile.timeoutSeconds = 10; // a local server: a hang is a fault switch, not the network
    // The public client registers http://127.0.0.1/callback, any port (RFC 8252 §7.3).
    profile.redirectPort = 0;
    profile.redirectPath = QStringLiteral("/callback");
    profile.pkceMethod = Pkce::Method::S256;
    return profile;
}

void SandboxProfiles::pointAt(Profile *profile, const ServerMetadata &metadata)
{
    profile->endpoints = metadata.endpoints;
    profile->tokenUrl = metadata.tokenEndpoint;
    // The role decides the client: a profile for Basic authentication stays one even if edited.
    if (const RoleDefaults *defaults = defaultsOf(profile->sandboxRole)) {
        profile->clientId = QLatin1String(defaults->clientId);
        profile->authMethod = defaults->authMethod;
    }
}
