#pragma once

#include "CodeFlowController.h"
#include "MessageBar.h"

#include <QMainWindow>

class Clipboard;
class HttpClient;
class InspectorPanel;
class LazyPage;
class ProfileStore;
class ProfilesPanel;
class QDockWidget;
class QLabel;
class QNetworkAccessManager;
class QTabWidget;
class RequestPanel;
class SandboxController;
class SandboxPanel;
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
// network manager. The pages hidden at start (Inspect, Request, Step through, the Sandbox dock's panel) are
// built when first shown or asked for, so the window appears sooner; what they must know by then (the
// current profile, the current token) is handed to them when they are built.
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
    // The pages built on first use: these build them if they are not built yet.
    InspectorPanel *inspectorPanel();
    RequestPanel *requestPanel();
    TeachingPanel *teachingPanel();
    SandboxPanel *sandboxPanel();
    SandboxController *sandbox() const { return m_sandbox; }
    // Starts the built-in sandbox as the launch calls for (the first one also creates its profiles), then
    // emits sandboxLaunched(). The first launch generates the sandbox's keys on a worker thread, so that
    // part finishes later, with the window responsive meanwhile.
    void launchSandbox();

    void showMessage(const QString &text, MessageBar::Type type);

Q_SIGNALS:
    void sandboxLaunched();

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
    QWidget *createInspectorPanel();
    QWidget *createRequestPanel();
    QWidget *createTeachingPanel();
    QWidget *createSandboxPanel();
    void setRequestToken(const QString &token, const QString &source);
    void finishSandboxLaunch();

    WireLog *m_log;
    HttpClient *m_http;
    SecretVault *m_vault;
    Clipboard *m_clipboard;
    TokenFetcher *m_fetcher;
    CodeFlowController *m_codeFlow;
    MessageBar *m_messageBar;
    ProfilesPanel *m_profiles;
    TokenPanel *m_tokenPanel;
    InspectorPanel *m_inspector = nullptr; // built on first use, as are the pages below
    RequestPanel *m_requestPanel = nullptr;
    WireLogPanel *m_wireLogPanel;
    QLabel *m_statusLabel;
    QTabWidget *m_tabs;
    TeachingPanel *m_teaching = nullptr;
    SandboxPanel *m_sandboxPanel = nullptr;
    // The placeholders of the pages above until they are built.
    LazyPage *m_inspectorPage = nullptr;
    LazyPage *m_requestPage = nullptr;
    LazyPage *m_teachingPage = nullptr;
    LazyPage *m_sandboxPage = nullptr;
    // The token "Attach token" sends, kept for a Request tab not built yet.
    QString m_requestToken;
    QString m_requestTokenSource;
    SandboxController *m_sandbox;
    SandboxProfileSync *m_sandboxSync;
    QDockWidget *m_sandboxDock = nullptr;
    bool m_sandboxLaunchPending = false; // the first launch waits for the sandbox's asynchronous start
};
