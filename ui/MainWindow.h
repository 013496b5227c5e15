#pragma once

#include "CodeFlowController.h"
#include "MessageBar.h"

#include <QMainWindow>

class Clipboard;
class HttpClient;
class InspectorPanel;
class ProfileStore;
class ProfilesPanel;
class QDockWidget;
class QLabel;
class QNetworkAccessManager;
class QTabWidget;
class RequestPanel;
class SandboxController;
class SandboxProfileSync;
class SecretStore;
class SecretVault;
class TeachingPanel;
class TokenFetcher;
class TokenPanel;
class WireLog;
class WireLogPanel;
struct Profile;
struct TokenResult;

// The application window: profiles on the left; Token, Inspect, Request and Step through tabs over the wire
// log on the right. What varies is injected: the profile directory, the secret store and optionally the
// network manager.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(const ProfileStore &store, SecretStore *secrets, QNetworkAccessManager *network = nullptr,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    MessageBar *messageBar() const { return m_messageBar; }
    Clipboard *clipboard() const { return m_clipboard; }
    SecretVault *secretVault() const { return m_vault; }
    WireLog *wireLog() const { return m_log; }
    CodeFlowController *codeFlow() const { return m_codeFlow; } // e.g. to replace the browser
    TeachingPanel *teachingPanel() const { return m_teaching; }
    SandboxController *sandbox() const { return m_sandbox; }
    // Starts the built-in sandbox as the launch calls for (the first one also creates its profiles).
    void launchSandbox();

    void showMessage(const QString &text, MessageBar::Type type);

private:
    void createMenus();
    void getToken();
    void currentProfileChanged();
    void tokenFinished(const Profile &profile, const TokenResult &result);
    void signIn();
    void refresh();
    void codeFlowFinished(CodeFlowController::Operation operation, const Profile &profile,
                          const TokenResult &result);
    void updateBusy();
    void showBrowserSettings();
    void updateStatusBar();
    void showAbout();
    void createSandboxDock();

    WireLog *m_log;
    HttpClient *m_http;
    SecretVault *m_vault;
    Clipboard *m_clipboard;
    TokenFetcher *m_fetcher;
    CodeFlowController *m_codeFlow;
    MessageBar *m_messageBar;
    ProfilesPanel *m_profiles;
    TokenPanel *m_tokenPanel;
    InspectorPanel *m_inspector;
    RequestPanel *m_requestPanel;
    WireLogPanel *m_wireLogPanel;
    QLabel *m_statusLabel;
    QTabWidget *m_tabs;
    TeachingPanel *m_teaching;
    SandboxController *m_sandbox;
    SandboxProfileSync *m_sandboxSync;
    QDockWidget *m_sandboxDock = nullptr;
};
