#pragma once

#include "FlowResult.h"
#include "Profile.h"
#include "TokenSource.h"

#include <QDateTime>
#include <QWidget>
#include <functional>
#include <optional>

class Clipboard;
class FindingsView;
class FlowStepsView;
class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QVBoxLayout;
class TokenView;
class WireLog;

// The "Token" tab: Get token (client credentials), Sign in (code + PKCE) and Refresh, each enabled only when
// it can run (the tooltip says why not); the token on display (TokenView), the findings, the server's error
// when a request failed, and beside it all the steps of the last sign-in (FlowStepsView).
class TokenPanel final : public QWidget
{
    Q_OBJECT
public:
    enum class Origin { ClientCredentials, SignIn, Refresh };

    TokenPanel(Clipboard *clipboard, WireLog *log, QWidget *parent = nullptr);

    QAction *getTokenAction() const { return m_getTokenAction; }
    QAction *signInAction() const { return m_signInAction; }
    QAction *refreshAction() const { return m_refreshAction; }
    FlowStepsView *flowSteps() const { return m_flowSteps; }

    void setProfile(const std::optional<Profile> &profile);
    // `activity` says what runs ("Signing in…"); empty: a token request.
    void setBusy(bool busy, const QString &activity = QString());
    void showResult(const Profile &profile, const TokenResult &result,
                    Origin origin = Origin::ClientCredentials);
    void setAutoRefreshNote(const QString &note);

    // The token on display, if any, the profile it came from and the refresh token to use next (the last
    // one the server sent: a refresh response without one keeps the previous).
    std::optional<TokenResponse> currentToken() const { return m_token; }
    std::optional<Profile> tokenProfile() const { return m_tokenProfile; }
    QString refreshToken() const { return m_refreshToken; }

    void setClock(const std::function<QDateTime()> &clock);

Q_SIGNALS:
    void tokenChanged();
    void inspectRequested(const QString &token, TokenSource source);

private:
    void updateActions();
    void updatePlaceholder();
    void showToken(const Profile &profile, const TokenResult &result, Origin origin);
    void showFailure(const Profile &profile, const TokenResult &result, Origin origin);
    void showFindings(const Profile &profile, const TokenResult &result, Origin origin);
    TokenView *tokenView(); // builds it on first use
    FindingsView *findingsView(); // the same
    QString exchangeSummary(const TokenResult &result, const QUrl &tokenUrl) const;
    QString signInProblem() const; // why Sign in is disabled; empty when it can run
    QString refreshProblem() const;

    WireLog *m_log;
    std::optional<Profile> m_profile;
    std::optional<TokenResponse> m_token;
    std::optional<Profile> m_tokenProfile;
    QString m_refreshToken;
    bool m_refreshRejected = false; // the server refused the refresh token (invalid_grant)
    bool m_busy = false;
    QString m_idleStatus; // the status line before a request started, back when it ends without a result

    QAction *m_getTokenAction;
    QAction *m_signInAction;
    QAction *m_refreshAction;
    QPushButton *m_getTokenButton;
    QPushButton *m_signInButton;
    QPushButton *m_refreshButton;
    QProgressBar *m_busyIndicator;
    QLabel *m_profileLabel;
    QLabel *m_insecureLabel;
    QSplitter *m_splitter;
    QLabel *m_placeholder;
    QLabel *m_errorLabel;
    QPushButton *m_signInAgainButton;
    QLabel *m_statusLabel;
    QVBoxLayout *m_bodyLayout = nullptr;
    TokenView *m_tokenView = nullptr; // built with the first token (tokenView())
    Clipboard *m_clipboard;
    std::function<QDateTime()> m_clock; // for the token view, once built
    QString m_autoRefreshNote;
    QLabel *m_findingsTitle;
    FindingsView *m_findingsView = nullptr; // built with the first result (findingsView())
    FlowStepsView *m_flowSteps;
};
