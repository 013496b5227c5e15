#pragma once

#include "FlowResult.h"
#include "FlowStep.h"
#include "Profile.h"

#include <QDateTime>
#include <QObject>
#include <QUrl>
#include <functional>

class AuthorizationCodeFlow;
class RefreshScheduler;
class SecretVault;
class WireLog;
struct SecretReply;

// Runs "Sign in (code + PKCE)" and "Refresh" for a profile: reads the client secret from the vault, drives
// AuthorizationCodeFlow, sends the user's browser to the authorization URL through an injectable opener and
// refreshes automatically before expiry when the profile asks for it. One operation at a time; everything
// asynchronous; finished() follows every start exactly once.
class CodeFlowController final : public QObject
{
    Q_OBJECT
public:
    enum class Operation { SignIn, Refresh };
    Q_ENUM(Operation)

    // Sends the user to `url`. `commandTemplate` is the browser command ("%u" = the URL), empty for the
    // system browser. False with the reason in *error when no browser could be started.
    using BrowserOpener
        = std::function<bool(const QUrl &url, const QString &commandTemplate, QString *error)>;
    // BrowserLauncher for a command, QDesktopServices for the system browser.
    static BrowserOpener systemBrowserOpener();

    CodeFlowController(WireLog *log, SecretVault *vault, QObject *parent = nullptr);
    ~CodeFlowController() override;

    void setBrowserOpener(BrowserOpener opener);
    // The browser command for profiles without one (the application setting); empty: the system browser.
    void setDefaultBrowserCommand(const QString &command) { m_defaultBrowserCommand = command; }
    void setCallbackTimeoutSeconds(int seconds);
    int callbackTimeoutSeconds() const { return m_callbackTimeoutSeconds; }

    bool isBusy() const { return m_busy; }
    Operation operation() const { return m_operation; }
    bool isAutomatic() const { return m_automatic; }
    bool isWaitingForBrowser() const;
    bool wasCancelled() const { return m_cancelled; } // the last operation ended by cancel()
    QUrl authorizationUrl() const { return m_authorizationUrl; } // of the running or last sign-in
    QUrl redirectUri() const;
    QString browserCommand(const Profile &profile) const; // the command used for `profile`, empty: system

    // Both are ignored while busy.
    void signIn(const Profile &profile);
    void refresh(const Profile &profile, const QString &refreshToken);
    void cancel();
    // Opens the authorization URL once more while the listener still waits; false with a message when not.
    bool openBrowserAgain(QString *error);

    // After every token: schedules the automatic refresh when `profile` asks for it, or stops it. The note
    // says what will happen (empty when automatic refresh is off).
    void scheduleRefresh(const Profile &profile, const QDateTime &expiresAt, const QString &refreshToken);
    // The profile was edited or selected: follows a change of its refresh settings.
    void profileChanged(const Profile &profile);
    void stopAutomaticRefresh();
    bool isRefreshScheduled() const;
    QString automaticRefreshNote() const { return m_refreshNote; }

Q_SIGNALS:
    void busyChanged(bool busy);
    void started(CodeFlowController::Operation operation, const Profile &profile, bool automatic);
    void stepReached(const FlowStep &step);
    void authorizationUrlReady(const QUrl &url);
    void waitingForBrowser(const QUrl &redirectUri, int timeoutSeconds);
    void finished(CodeFlowController::Operation operation, const Profile &profile, const TokenResult &result);
    void automaticRefreshChanged(const QString &note);

private:
    void begin(Operation operation, const Profile &profile, bool automatic);
    void secretRead(int generation, const SecretReply &reply);
    void run(const QString &secret);
    void openBrowser(const QUrl &url);
    void forwardStep(const FlowStep &step);
    void flowFinished(const TokenResult &result);
    void end(const TokenResult &result);
    void refreshDue();
    void setRefreshNote(const QString &note);

    AuthorizationCodeFlow *m_flow;
    RefreshScheduler *m_scheduler;
    SecretVault *m_vault;
    BrowserOpener m_opener;
    QString m_defaultBrowserCommand;
    int m_callbackTimeoutSeconds = 300;

    Operation m_operation = Operation::SignIn;
    Profile m_profile;
    QString m_refreshToken; // the one a refresh sends
    QUrl m_authorizationUrl;
    int m_generation = 0; // a secret read answered after a cancel belongs to an older generation
    bool m_busy = false;
    bool m_automatic = false;
    bool m_cancelling = false;
    bool m_cancelled = false;
    bool m_waitingForSecret = false;

    Profile m_scheduledProfile;
    QDateTime m_scheduledExpiry;
    QString m_scheduledRefreshToken;
    QString m_refreshNote;
};
