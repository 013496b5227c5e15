#pragma once

#include "CodeFlowController.h"
#include "MessageBar.h"

#include <QMainWindow>

class Clipboard;
class HttpClient;
class InspectorPanel;
class ProfileStore;
class ProfilesPanel;
class QLabel;
class QNetworkAccessManager;
class QTabWidget;
class RequestPanel;
class SecretStore;
class SecretVault;
class TokenFetcher;
class TokenPanel;
class WireLog;
class WireLogPanel;
struct Profile;
struct TokenResult;

// The application window: profiles on the left; Token, Inspect and Request tabs over the wire log on the
// right. What varies is injected: the profile directory, the secret store and optionally the network manager.
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
};
