#pragma once

#include "SandboxClient.h"

#include <QList>
#include <optional>

// The sandbox's demo clients: "sandbox-confidential" (a random secret generated once per data folder and
// kept in sandbox-clients.json, 0600) and the public PKCE client "sandbox-public".
namespace SandboxClients {

inline constexpr char ConfidentialId[] = "sandbox-confidential";
inline constexpr char PublicId[] = "sandbox-public";

std::optional<QList<SandboxClient>> loadOrCreate(const QString &dataFolder, QString *error);
const SandboxClient *find(const QList<SandboxClient> &clients, const QString &clientId);

} // namespace SandboxClients
