#include "TokenActions.h"

#include "SecretVault.h"
#include "TokenIntrospection.h"
#include "TokenRevocation.h"
#include "UserInfoRequest.h"

#include <QHBoxLayout>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>

TokenActions::TokenActions(HttpClient *http, SecretVault *vault, QWidget *parent)
    : QWidget(parent)
    , m_introspection(new TokenIntrospection(http, this))
    , m_revocation(new TokenRevocation(http, this))
    , m_userInfo(new UserInfoRequest(http, this))
    , m_vault(vault)
    , m_introspect(new QPushButton(tr("Introspect"), this))
    , m_revoke(new QPushButton(tr("Revoke"), this))
    , m_userInfoButton(new QPushButton(tr("UserInfo"), this))
    , m_busyIndicator(new QProgressBar(this))
{
    setObjectName(QStringLiteral("tokenActions"));
    m_introspect->setObjectName(QStringLiteral("introspectButton"));
    m_revoke->setObjectName(QStringLiteral("revokeButton"));
    m_userInfoButton->setObjectName(QStringLiteral("userInfoButton"));
    m_busyIndicator->setObjectName(QStringLiteral("tokenActionsBusyIndicator"));
    m_busyIndicator->setRange(0, 0);
    m_busyIndicator->setMaximumWidth(60);
    m_busyIndicator->setMaximumHeight(12);
    m_busyIndicator->setTextVisible(false);
    m_busyIndicator->setAccessibleName(tr("Waiting for the authorization server"));
    m_busyIndicator->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_introspect);
    layout->addWidget(m_revoke);
    layout->addWidget(m_userInfoButton);
    layout->addWidget(m_busyIndicator);
    layout->addStretch(1);

    connect(m_introspect, &QPushButton::clicked, this, [this] { run(Action::Introspect); });
    connect(m_revoke, &QPushButton::clicked, this, [this] { run(Action::Revoke); });
    connect(m_userInfoButton, &QPushButton::clicked, this, [this] { run(Action::UserInfo); });
    connect(m_introspection, &TokenIntrospection::finished, this, &TokenActions::requestFinished);
    connect(m_revocation, &TokenRevocation::finished, this, &TokenActions::requestFinished);
    connect(m_userInfo, &UserInfoRequest::finished, this, &TokenActions::requestFinished);
    updateButtons();
}

void TokenActions::setProfile(const std::optional<Profile> &profile)
{
    m_profile = profile;
    updateButtons();
}

void TokenActions::setToken(const QString &token, TokenSource source)
{
    m_token = token;
    m_source = source;
    updateButtons();
}

QUrl TokenActions::endpointFor(Action action) const
{
    if (!m_profile)
        return {};
    switch (action) {
    case Action::Introspect:
        return m_profile->endpoints.introspection;
    case Action::Revoke:
        return m_profile->endpoints.revocation;
    case Action::UserInfo:
        break;
    }
    return m_profile->endpoints.userinfo;
}

QString TokenActions::whyNot(Action action) const
{
    if (!m_profile)
        return tr("Select a profile: its authorization server answers.");
    if (endpointFor(action).isEmpty()) {
        QString field;
        switch (action) {
        case Action::Introspect:
            field = tr("Introspection");
            break;
        case Action::Revoke:
            field = tr("Revocation");
            break;
        case Action::UserInfo:
            field = tr("UserInfo");
            break;
        }
        return tr("The profile “%1” has no %2 endpoint: fill in “%2” under Other endpoints in the profile "
                  "editor, or run Discover there.")
            .arg(m_profile->name, field);
    }
    if (m_token.isEmpty())
        return tr("Paste a token or use the current one first.");
    if (action == Action::UserInfo && m_source == TokenSource::IdToken)
        return tr("The UserInfo endpoint takes an access token, not an ID token.");
    if (m_busy)
        return tr("Waiting for the previous answer.");
    return {};
}

bool TokenActions::canRun(Action action) const
{
    return whyNot(action).isEmpty();
}

void TokenActions::updateButtons()
{
    const auto update = [this](QPushButton *button, Action action, const QString &what) {
        const QString reason = whyNot(action);
        button->setEnabled(reason.isEmpty());
        button->setToolTip(reason.isEmpty() ? what.arg(endpointFor(action).toDisplayString()) : reason);
    };
    update(m_introspect, Action::Introspect,
           tr("Ask the server whether this token is active and what it stands for (RFC 7662): POST %1"));
    update(m_revoke, Action::Revoke,
           tr("Tell the server this token is no longer needed (RFC 7009): POST %1"));
    update(m_userInfoButton, Action::UserInfo,
           tr("Fetch the user's claims with this access token (OIDC Core §5.3): GET %1"));
    m_busyIndicator->setVisible(m_busy);
    Q_EMIT availabilityChanged();
}

void TokenActions::run(Action action)
{
    if (!canRun(action))
        return;
    m_busy = true;
    m_running = action;
    m_runningProfile = *m_profile;
    m_runningToken = m_token;
    m_runningSource = m_source;
    updateButtons();
    Q_EMIT started(action, endpointFor(action));
    if (action == Action::UserInfo || !m_runningProfile.needsSecret()) {
        send(action, QString());
        return;
    }
    QPointer<TokenActions> self(this);
    m_vault->read(m_runningProfile.secretKey(), [self, action](const SecretReply &reply) {
        if (self)
            self->secretRead(action, reply);
    });
}

void TokenActions::secretRead(Action action, const SecretReply &reply)
{
    if (reply.status == SecretReply::Status::Failed) {
        requestFinished(
            EndpointResult::usageError(tr("Could not read the client secret: %1").arg(reply.error)));
        return;
    }
    send(action, reply.ok() ? reply.value : QString()); // the engine explains a missing secret
}

void TokenActions::send(Action action, const QString &secret)
{
    // RFC 7009 §2.1 / RFC 7662 §2.1: a hint only for what we know the token to be.
    const QString hint
        = m_runningSource == TokenSource::AccessToken ? QStringLiteral("access_token") : QString();
    switch (action) {
    case Action::Introspect:
        m_introspection->introspect(m_runningProfile, secret, m_runningToken, hint);
        break;
    case Action::Revoke:
        m_revocation->revoke(m_runningProfile, secret, m_runningToken, hint);
        break;
    case Action::UserInfo:
        m_userInfo->fetch(m_runningProfile, m_runningToken);
        break;
    }
}

void TokenActions::requestFinished(const EndpointResult &result)
{
    m_busy = false;
    updateButtons();
    Q_EMIT finished(m_running, result);
}
