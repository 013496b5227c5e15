#pragma once

#include "EndpointResult.h"
#include "Profile.h"
#include "TokenSource.h"

#include <QWidget>
#include <optional>

class HttpClient;
class QProgressBar;
class QPushButton;
class SecretVault;
class TokenIntrospection;
class TokenRevocation;
class UserInfoRequest;
struct SecretReply;

// Asks the selected profile's authorization server about a token: Introspect (RFC 7662), Revoke (RFC 7009)
// and UserInfo (OIDC Core §5.3), with the client secret from the SecretVault. A button is disabled, with a
// tooltip saying why, when the profile lacks its endpoint. One request at a time; the wire log records it.
class TokenActions final : public QWidget
{
    Q_OBJECT
public:
    enum class Action { Introspect, Revoke, UserInfo };
    Q_ENUM(Action)

    TokenActions(HttpClient *http, SecretVault *vault, QWidget *parent = nullptr);

    void setProfile(const std::optional<Profile> &profile);
    void setToken(const QString &token, TokenSource source);

    bool isBusy() const { return m_busy; }
    bool canRun(Action action) const;
    QString whyNot(Action action) const; // empty when the action can run
    void run(Action action);

Q_SIGNALS:
    void started(TokenActions::Action action, const QUrl &endpoint);
    void finished(TokenActions::Action action, const EndpointResult &result);
    void availabilityChanged();

private:
    QUrl endpointFor(Action action) const;
    void secretRead(Action action, const SecretReply &reply);
    void send(Action action, const QString &secret);
    void requestFinished(const EndpointResult &result);
    void updateButtons();

    TokenIntrospection *m_introspection;
    TokenRevocation *m_revocation;
    UserInfoRequest *m_userInfo;
    SecretVault *m_vault;
    std::optional<Profile> m_profile;
    QString m_token;
    TokenSource m_source = TokenSource::Pasted;
    bool m_busy = false;
    Action m_running = Action::Introspect;
    Profile m_runningProfile; // what run() was asked with: the inputs may change before the secret arrives
    QString m_runningToken;
    TokenSource m_runningSource = TokenSource::Pasted;

    QPushButton *m_introspect;
    QPushButton *m_revoke;
    QPushButton *m_userInfoButton;
    QProgressBar *m_busyIndicator;
};
