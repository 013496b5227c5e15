#pragma once

#include "Profile.h"
#include "TokenResponse.h"
#include "TokenSource.h"

#include <QDateTime>
#include <QWidget>
#include <functional>
#include <optional>

class HttpClient;
class InspectionResultView;
class JwksCache;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTimer;
class SecretField;
class SecretVault;
class TokenActions;
class TokenInspector;
class TokenPartsView;
struct InspectionResult;

// The "Inspect" tab: decodes any pasted token (or the current access or ID token), shows it colour-coded by
// part, checks its signature with an HMAC secret or the selected profile's keys, lists the findings and the
// claims, and asks the profile's server about it (Introspect, Revoke, UserInfo).
class InspectorPanel final : public QWidget
{
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;

    InspectorPanel(HttpClient *http, SecretVault *vault, QWidget *parent = nullptr);

    void setProfile(const std::optional<Profile> &profile);
    // The token response on display in the Token tab, for the "Inspect current ..." shortcuts.
    void setCurrentToken(const std::optional<TokenResponse> &token);

    // Puts the token in the box and inspects it at once.
    void inspectToken(const QString &token, TokenSource source);
    void inspect();
    void setClock(Clock clock);

    TokenActions *actions() const { return m_actions; }

private:
    QString normalizedToken() const;
    void scheduleInspection();
    void inspectionFinished(const InspectionResult &result);
    void updateShortcuts();
    void updateKeySource();
    void updateIntrospectButton();
    bool usesProfileKeys() const;

    Clock m_clock;
    JwksCache *m_cache;
    TokenInspector *m_inspector;
    QTimer *m_debounce;
    QTimer *m_ticker;
    std::optional<Profile> m_profile;
    std::optional<TokenResponse> m_current;
    TokenSource m_source = TokenSource::Pasted;
    QString m_inspected; // the token of the inspection under way
    bool m_busy = false;
    bool m_again = false; // the inputs changed while an inspection was under way

    QLineEdit *m_tokenEdit;
    QPushButton *m_inspectButton;
    QPushButton *m_useAccessToken;
    QPushButton *m_useIdToken;
    QLabel *m_sourceLabel;
    TokenPartsView *m_parts;
    QLabel *m_legend;
    SecretField *m_hmacSecret;
    QSpinBox *m_skew;
    QCheckBox *m_useProfileKeys;
    QLabel *m_keySource;
    TokenActions *m_actions;
    InspectionResultView *m_result;
};
