#pragma once

#include "TokenResponse.h"
#include "TokenSource.h"

#include <QDateTime>
#include <QWidget>
#include <functional>
#include <optional>

class Clipboard;
class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;
class QTimer;
class TokenFieldsModel;

// One token response on display: a live expiry countdown, notes about refreshing, every field (tokens
// masked until revealed), copy buttons that clear the clipboard later, what the access token is, and
// buttons that take the access token or the ID token to the Inspect tab.
class TokenView final : public QWidget
{
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;

    explicit TokenView(Clipboard *clipboard, QWidget *parent = nullptr);

    void setToken(const TokenResponse &token); // masked again, notes cleared
    void clear();
    void setRefreshNote(const QString &note); // e.g. that the refresh token rotated; empty hides it
    void setAutoRefreshNote(const QString &note);
    void setClock(Clock clock);

Q_SIGNALS:
    void inspectRequested(const QString &token, TokenSource source);

private:
    void updateCountdown();
    void copyAccessToken();
    void copyAuthorizationHeader();
    void showTokenKind(const TokenResponse &token);
    void updateCopyButtons();

    Clipboard *m_clipboard;
    Clock m_clock;
    QTimer *m_timer;
    std::optional<TokenResponse> m_token;

    QLabel *m_expiryLabel;
    QLabel *m_refreshNote;
    QLabel *m_autoRefreshNote;
    TokenFieldsModel *m_fieldsModel;
    QTableView *m_fieldsView;
    QCheckBox *m_revealCheck;
    QPushButton *m_copyTokenButton;
    QPushButton *m_copyHeaderButton;
    QLabel *m_copyNote;
    QLabel *m_tokenKind;
    QPushButton *m_inspectAccessButton;
    QPushButton *m_inspectIdButton;
};
