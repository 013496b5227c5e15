#include "AppIdentity.h"
#include "CliContext.h"
#include "CommandGroup.h"
#include "Console.h"
#include "DeferredKeychainStore.h"
#include "DiscoverCommand.h"
#include "InspectCommand.h"
#include "IntrospectCommand.h"
#include "ProfilesCommand.h"
#include "RequestCommand.h"
#include "RevokeCommand.h"
#include "SandboxLauncher.h"
#include "TokenCommand.h"
#include "UserInfoCommand.h"

#include <QCoreApplication>
#include <QLoggingCategory>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("main", text);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The same names as the desktop app: both find profiles.json in the same application data directory.
    AppIdentity::apply();
    // stderr is the user's: engine debug output only when QT_LOGGING_RULES asks for it, and none of
    // QtNetworkAuth's own lines (a failed token request is logged there, and reported by the command).
    QLoggingCategory::setFilterRules(QStringLiteral("oauthdebugger.*.debug=false\nqt.networkauth.*=false"));

    Console console;
    // The keychain module loads only when a command reads or writes the keychain.
    DeferredKeychainStore secrets;
    CliContext context(&console, &secrets);

    CommandGroup root(
        &context,
        tr("Debug OAuth 2.0 clients from the command line. Data goes to stdout, diagnostics to "
           "stderr.\nExit codes: 0 success, 2 usage error, 3 the server answered with an error, "
           "4 network, TLS or timeout failure, 5 validation failure."));
    root.setVersion(QCoreApplication::applicationVersion());
    root.addCommand(QStringLiteral("token"),
                    tr("Get an access token: client credentials, authorization code (browser) or refresh."),
                    [&context](QObject *parent) { return new TokenCommand(&context, parent); });
    root.addCommand(QStringLiteral("request"), tr("Send an HTTP request with a bearer token."),
                    [&context](QObject *parent) { return new RequestCommand(&context, parent); });
    root.addCommand(QStringLiteral("discover"),
                    tr("Show an authorization server's metadata from its issuer."),
                    [&context](QObject *parent) { return new DiscoverCommand(&context, parent); });
    root.addCommand(QStringLiteral("inspect"),
                    tr("Decode a token, verify its signature and print its claims and findings."),
                    [&context](QObject *parent) { return new InspectCommand(&context, parent); });
    root.addCommand(QStringLiteral("introspect"), tr("Ask whether a token is active and what it stands for."),
                    [&context](QObject *parent) { return new IntrospectCommand(&context, parent); });
    root.addCommand(QStringLiteral("revoke"), tr("Revoke an access or refresh token."),
                    [&context](QObject *parent) { return new RevokeCommand(&context, parent); });
    root.addCommand(QStringLiteral("userinfo"), tr("Fetch the OpenID Connect userinfo claims for a token."),
                    [&context](QObject *parent) { return new UserInfoCommand(&context, parent); });
    root.addCommand(QStringLiteral("sandbox"),
                    tr("Run the built-in sandbox authorization server on 127.0.0.1 (a teaching aid, not for "
                       "production)."),
                    [&context](QObject *parent) { return new SandboxLauncher(&context, parent); });
    root.addCommand(QStringLiteral("profiles"),
                    tr("List, show, add, discover, remove, import and export profiles."),
                    [&context](QObject *parent) { return ProfilesCommand::create(&context, parent); });

    // Queued: a command that ends before the event loop runs must still end it.
    QObject::connect(
        &root, &Command::finished, &app, [](int exitCode) { QCoreApplication::exit(exitCode); },
        Qt::QueuedConnection);
    QStringList arguments = QCoreApplication::arguments();
    arguments.first() = QStringLiteral("oauth-debugger-cli");
    root.start(arguments);
    return QCoreApplication::exec();
}
