#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

#include "Pkce.h"
#include "ServerEndpoints.h"
#include "TransportOptions.h"

enum class ClientAuthMethod {
    ClientSecretBasic, // RFC 6749 §2.3.1, HTTP Basic with form-urlencoded id and secret
    ClientSecretPost, // RFC 6749 §2.3.1, client_id and client_secret in the body
    None, // public client: client_id only
};

QString clientAuthMethodName(ClientAuthMethod method); // "client_secret_basic", ...
std::optional<ClientAuthMethod> clientAuthMethodFromName(const QString &name); // also accepts basic|post|none

// A saved client configuration. Never holds the client secret: that lives in a SecretStore under secretKey().
struct Profile
{
    // 1: token endpoint and client settings. 2: adds the issuer and the other endpoints.
    static constexpr int FormatVersion = 2;

    QString id; // stable identifier (UUID without braces); keys the secret
    QString name;
    QUrl tokenUrl;
    ServerEndpoints endpoints; // issuer and the other endpoints, usually filled by discovery
    QString clientId;
    ClientAuthMethod authMethod = ClientAuthMethod::ClientSecretBasic;
    QString scope; // space-separated
    QString audience;
    QStringList resources; // RFC 8707 resource indicators, absolute URIs
    QList<QPair<QString, QString>> extraParameters; // extra token request parameters, in order
    int timeoutSeconds = 30;
    QString caFile;
    bool insecure = false; // accept invalid certificates (marked in every result)

    // Authorization code flow (RFC 6749 §4.1, RFC 7636, RFC 8252)
    int redirectPort = 0; // loopback listener port on 127.0.0.1; 0 picks a free one
    QString redirectPath = QStringLiteral("/callback");
    Pkce::Method pkceMethod = Pkce::Method::S256;
    QString browserCommand; // e.g. "firefox --private-window %u"; empty: the system browser
    bool autoRefresh = false; // refresh the access token before it expires
    int refreshLeadSeconds = 60; // how long before expiry

    // Set on the ready-made profiles for the built-in sandbox (SandboxProfiles names them, e.g.
    // "client-credentials-basic"), so they can follow its port; empty for every other profile. Optional in
    // the file: older files have none and older versions ignore it, so the format version stays.
    QString sandboxRole;

    static Profile create(const QString &name); // fresh id, defaults
    QString secretKey() const { return QStringLiteral("profile/") + id; }
    bool needsSecret() const { return authMethod != ClientAuthMethod::None; }
    TransportOptions transportOptions() const;

    // Problems a user must fix before the profile can be used; empty when valid. Keyed by field name.
    QList<QPair<QString, QString>> validate() const;

    QJsonObject toJson() const;
    static std::optional<Profile> fromJson(const QJsonObject &object, QString *error);

    bool operator==(const Profile &other) const;
    bool operator!=(const Profile &other) const { return !(*this == other); }
};
