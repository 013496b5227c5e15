// oauth-debugger-sandbox: the sandbox authorization server as a program of its own. `oauth-debugger-cli
// sandbox` runs it (SandboxLauncher), so that the CLI itself does not load Qt HTTP Server and Qt WebSockets
// at every start: a token request has no use for them. It behaves, prints and exits exactly as
// `oauth-debugger-cli sandbox`.
#include "AppIdentity.h"
#include "CliContext.h"
#include "Console.h"
#include "SandboxCommand.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    AppIdentity::apply();
    // As oauth-debugger-cli: engine debug output only when QT_LOGGING_RULES asks for it.
    QLoggingCategory::setFilterRules(QStringLiteral("oauthdebugger.*.debug=false\nqt.networkauth.*=false"));

    Console console;
    CliContext context(&console, nullptr); // the sandbox reads no client secret
    SandboxCommand command(&context);
    // Queued: a command that ends before the event loop runs must still end it.
    QObject::connect(
        &command, &Command::finished, &app, [](int exitCode) { QCoreApplication::exit(exitCode); },
        Qt::QueuedConnection);
    QStringList arguments = QCoreApplication::arguments();
    arguments.first() = QStringLiteral("oauth-debugger-cli sandbox"); // messages name the command users typed
    command.start(arguments);
    return QCoreApplication::exec();
}
