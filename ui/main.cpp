#include "AppIdentity.h"
#include "KeychainSecretStore.h"
#include "MainWindow.h"
#include "ProfileStore.h"

#include <QApplication>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    AppIdentity::apply();
    QApplication::setApplicationDisplayName(QStringLiteral("OAuth Debugger"));
    QApplication::setDesktopFileName(QStringLiteral("oauth-debugger"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/oauth-debugger.png")));

    KeychainSecretStore secrets;
    MainWindow window(ProfileStore(ProfileStore::defaultDirectory()), &secrets);
    window.show();
    QTimer::singleShot(0, &window, &MainWindow::launchSandbox); // after the first event loop turn
    return QApplication::exec();
}
