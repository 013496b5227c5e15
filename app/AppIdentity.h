#pragma once

#include <QCoreApplication>

// The names under which both front ends store their data (QStandardPaths, keychain service).
namespace AppIdentity {

inline constexpr char OrganizationName[] = "OAuthDebugger";
inline constexpr char ApplicationName[] = "OAuthDebugger";
inline constexpr char KeychainService[] = "oauth-debugger";

inline void apply()
{
    QCoreApplication::setOrganizationName(QLatin1String(OrganizationName));
    QCoreApplication::setApplicationName(QLatin1String(ApplicationName));
    QCoreApplication::setApplicationVersion(QLatin1String(OAUTH_DEBUGGER_VERSION));
}

} // namespace AppIdentity
