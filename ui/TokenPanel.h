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
class QAction;
class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;
class TokenFieldsModel;
class WireLog;

// The "Token" tab: the Get token button, the token fields (masked until revealed), a live expiry countdown,
// copy buttons, what the access token is (with a way to inspect it), the findings about the response and the
// profile, and the server's error when the request failed.
class TokenPanel final : public QWidget
{
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;

    TokenPanel(Clipboard *clipboard, WireLog *log, QWidget *parent = nullptr);

    QAction *getTokenAction() const { return m_getTokenAction; }

    void setProfile(const std::optional<Profile> &profile);
    void setBusy(bool busy);
    void showResult(const Profile &profile, const TokenResult &result);

    // The access token on display, if any.
    std::optional<TokenResponse> currentToken() const { return m_token; }

    void setClock(Clock clock);

Q_SIGNALS:
    void tokenChanged();
    void inspectRequested(const QString &token, TokenSource source);

private:
    void updateCountdown();
    void updateActions();
    void showError(const TokenResult &result);
    void copyAccessToken();
    void copyAuthorizationHeader();
    void showTokenKind(const TokenResponse &token);
    void showFindings(const Profile &profile, const TokenResult &result);
    QString exchangeSummary(const TokenResult &result) const;

    Clipboard *m_clipboard;
    WireLog *m_log;
    Clock m_clock;
    QTimer *m_timer;
    std::optional<Profile> m_profile;
    std::optional<TokenResponse> m_token;
    bool m_busy = false;

    QAction *m_getTokenAction;
    QPushButton *m_getTokenButton;
    QProgressBar *m_busyIndicator;
    QLabel *m_profileLabel;
    QLabel *m_insecureLabel;
    QLabel *m_placeholder;
    QLabel *m_errorLabel;
    QLabel *m_statusLabel;
    QLabel *m_expiryLabel;
    TokenFieldsModel *m_fieldsModel;
    QTableView *m_fieldsView;
    QWidget *m_tokenBox;
    QCheckBox *m_revealCheck;
    QPushButton *m_copyTokenButton;
    QPushButton *m_copyHeaderButton;
    QLabel *m_copyNote;
    QLabel *m_tokenKind;
    QPushButton *m_inspectAccessButton;
    QPushButton *m_inspectIdButton;
    QLabel *m_findingsTitle;
    FindingsView *m_findingsView;
};
