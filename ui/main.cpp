#include "AfterFirstPaint.h"
#include "AppIdentity.h"
#include "FirstPaintProbe.h"
#include "KeychainSecretStore.h"
#include "MainWindow.h"
#include "ProfileStore.h"

#include <QApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    // Qt's own OAuth log lines ("State mismatch", "Error transferring ...") repeat, less precisely, what the
    // flow steps and the wire log show; QT_LOGGING_RULES still overrides this.
    QLoggingCategory::setFilterRules(QStringLiteral("oauthdebugger.*.debug=false\nqt.networkauth.*=false"));
    QApplication app(argc, argv);
    AppIdentity::apply();
    QApplication::setApplicationDisplayName(QStringLiteral("OAuth Debugger"));
    QApplication::setDesktopFileName(QStringLiteral("oauth-debugger"));

    KeychainSecretStore secrets;
    MainWindow window(ProfileStore(ProfileStore::defaultDirectory()), &secrets);
    FirstPaintProbe::installIfRequested(&window); // bench/gui: print start-up time and quit
    window.show();
    // What the window does not need to appear waits until it has: the sandbox server, decoding the icon.
    AfterFirstPaint::call(&window, &window, [&window] {
        QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/oauth-debugger.png")));
        window.launchSandbox();
    });
    return QApplication::exec();
}
