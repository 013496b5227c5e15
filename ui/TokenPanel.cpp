#include "TokenPanel.h"

#include "FindingsView.h"
#include "FlowStepsView.h"
#include "TokenResultFormat.h"
#include "TokenView.h"
#include "WireLog.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace {

QString grantTypeFor(TokenPanel::Origin origin)
{
    switch (origin) {
    case TokenPanel::Origin::ClientCredentials:
        return QStringLiteral("client_credentials");
    case TokenPanel::Origin::SignIn:
        return QStringLiteral("authorization_code");
    case TokenPanel::Origin::Refresh:
        break;
    }
    return QStringLiteral("refresh_token");
}

QProgressBar *busyBar(QProgressBar *bar, const QString &name)
{
    bar->setRange(0, 0);
    bar->setMaximumWidth(120);
    bar->setMaximumHeight(12);
    bar->setTextVisible(false);
    bar->setAccessibleName(name);
    bar->hide();
    return bar;
}

} // namespace

TokenPanel::TokenPanel(Clipboard *clipboard, WireLog *log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_getTokenAction(new QAction(tr("&Get Token"), this))
    , m_signInAction(new QAction(tr("&Sign In (Code + PKCE)"), this))
    , m_refreshAction(new QAction(tr("&Refresh Token"), this))
    , m_getTokenButton(new QPushButton(tr("Get token"), this))
    , m_signInButton(new QPushButton(tr("Sign in (code + PKCE)"), this))
    , m_refreshButton(new QPushButton(tr("Refresh"), this))
    , m_busyIndicator(new QProgressBar(this))
    , m_profileLabel(new QLabel(this))
    , m_insecureLabel(new QLabel(tr("INSECURE"), this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_placeholder(new QLabel(this))
    , m_errorLabel(new QLabel(this))
    , m_signInAgainButton(new QPushButton(tr("Sign in again"), this))
    , m_statusLabel(new QLabel(this))
    , m_clipboard(clipboard)
    , m_findingsTitle(new QLabel(this))
    , m_flowSteps(new FlowStepsView(clipboard, this))
{
    setObjectName(QStringLiteral("tokenPanel"));
    m_getTokenAction->setObjectName(QStringLiteral("getTokenAction"));
    m_signInAction->setObjectName(QStringLiteral("signInAction"));
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_getTokenButton->setObjectName(QStringLiteral("getTokenButton"));
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_busyIndicator->setObjectName(QStringLiteral("tokenBusyIndicator"));
    m_profileLabel->setObjectName(QStringLiteral("tokenProfileLabel"));
    m_insecureLabel->setObjectName(QStringLiteral("insecureLabel"));
    m_splitter->setObjectName(QStringLiteral("tokenSplitter"));
    m_placeholder->setObjectName(QStringLiteral("tokenPlaceholderLabel"));
    m_errorLabel->setObjectName(QStringLiteral("tokenErrorLabel"));
    m_signInAgainButton->setObjectName(QStringLiteral("signInAgainButton"));
    m_statusLabel->setObjectName(QStringLiteral("tokenStatusLabel"));
    m_findingsTitle->setObjectName(QStringLiteral("tokenFindingsTitle"));

    m_getTokenAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_getTokenAction->setStatusTip(
        tr("Request a token with the selected profile (client credentials grant)"));
    m_signInAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_signInAction->setStatusTip(tr("Sign in through the browser with the selected profile (authorization "
                                    "code grant with PKCE)"));
    m_refreshAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_refreshAction->setStatusTip(tr("Trade the refresh token for a new access token"));
    m_getTokenButton->setDefault(true);
    m_getTokenButton->setToolTip(m_getTokenAction->statusTip());
    m_getTokenButton->setMinimumWidth(110);
    busyBar(m_busyIndicator, tr("Requesting a token"));
    m_profileLabel->setTextFormat(Qt::RichText);
    m_profileLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_insecureLabel->setStyleSheet(QStringLiteral(
        "background: #b02a37; color: white; font-weight: bold; padding: 2px 6px; border-radius: 3px;"));
    m_insecureLabel->setToolTip(tr("Certificate errors were ignored for this request: the profile accepts "
                                   "invalid certificates. Anyone on the network path could have read it."));
    m_insecureLabel->hide();

    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setStyleSheet(QStringLiteral("color: palette(placeholder-text); padding: 24px;"));

    m_errorLabel->setTextFormat(Qt::RichText);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setOpenExternalLinks(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_errorLabel->setStyleSheet(
        QStringLiteral("QLabel { background: #f8d7da; color: #58151c; border: 1px solid "
                       "#f1aeb5; border-radius: 4px; padding: 8px; }"));
    m_errorLabel->hide();
    m_signInAgainButton->setToolTip(tr("The refresh token is no longer accepted: sign in through the browser "
                                       "for a new one"));
    m_signInAgainButton->hide();

    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *header = new QHBoxLayout;
    header->addWidget(m_getTokenButton);
    header->addWidget(m_signInButton);
    header->addWidget(m_refreshButton);
    header->addWidget(m_busyIndicator);
    header->addWidget(m_profileLabel, 1);
    header->addWidget(m_insecureLabel);

    auto *errorRow = new QHBoxLayout;
    errorRow->addStretch(1);
    errorRow->addWidget(m_signInAgainButton);

    auto *body = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(body);
    m_bodyLayout = bodyLayout;
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(m_statusLabel);
    bodyLayout->addWidget(m_errorLabel);
    bodyLayout->addLayout(errorRow);
    bodyLayout->addWidget(m_placeholder, 100); // the token view goes below it once there is a token
    bodyLayout->addWidget(m_findingsTitle);
    bodyLayout->addStretch(1); // keeps an error at the top when no token is shown
    m_findingsTitle->hide();
    m_statusLabel->hide();

    m_splitter->addWidget(body);
    m_splitter->addWidget(m_flowSteps);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_flowSteps->hide(); // until the first sign-in

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_splitter, 1);

    connect(m_getTokenButton, &QPushButton::clicked, m_getTokenAction, &QAction::trigger);
    connect(m_signInButton, &QPushButton::clicked, m_signInAction, &QAction::trigger);
    connect(m_signInAgainButton, &QPushButton::clicked, m_signInAction, &QAction::trigger);
    connect(m_refreshButton, &QPushButton::clicked, m_refreshAction, &QAction::trigger);
    connect(m_flowSteps, &FlowStepsView::revealed, this, [this] {
        const int width = m_splitter->width();
        m_splitter->setSizes({ width - width * 9 / 20, width * 9 / 20 });
    });
    setProfile(std::nullopt);
}

void TokenPanel::setClock(const std::function<QDateTime()> &clock)
{
    m_clock = clock;
    if (m_tokenView)
        m_tokenView->setClock(clock);
}

FindingsView *TokenPanel::findingsView()
{
    if (m_findingsView)
        return m_findingsView;
    // Built with the first result, like the token view.
    m_findingsView = new FindingsView(m_findingsTitle->parentWidget());
    m_findingsView->setObjectName(QStringLiteral("tokenFindingsView"));
    m_findingsView->setMaximumHeight(120);
    m_findingsView->hide();
    m_bodyLayout->insertWidget(m_bodyLayout->indexOf(m_findingsTitle) + 1, m_findingsView);
    return m_findingsView;
}

TokenView *TokenPanel::tokenView()
{
    if (m_tokenView)
        return m_tokenView;
    // Built with the first token: nothing shows it before, and the window appears sooner without it.
    m_tokenView = new TokenView(m_clipboard, m_placeholder->parentWidget());
    m_tokenView->hide();
    if (m_clock)
        m_tokenView->setClock(m_clock);
    m_tokenView->setAutoRefreshNote(m_autoRefreshNote);
    m_bodyLayout->insertWidget(m_bodyLayout->indexOf(m_placeholder) + 1, m_tokenView, 100);
    connect(m_tokenView, &TokenView::inspectRequested, this, &TokenPanel::inspectRequested);
    return m_tokenView;
}

void TokenPanel::setProfile(const std::optional<Profile> &profile)
{
    m_profile = profile;
    updatePlaceholder();
    if (!profile) {
        m_profileLabel->setText(tr("<i>No profile selected</i>"));
    } else {
        const QString name = profile->name.toHtmlEscaped();
        const QString endpoint = profile->tokenUrl.toDisplayString().toHtmlEscaped();
        m_profileLabel->setText(tr("<b>%1</b> &nbsp;·&nbsp; %2 &nbsp;·&nbsp; %3")
                                    .arg(name, clientAuthMethodName(profile->authMethod), endpoint));
        m_profileLabel->setToolTip(profile->tokenUrl.toDisplayString());
    }
    updateActions();
}

void TokenPanel::setBusy(bool busy, const QString &activity)
{
    if (busy && !m_busy)
        m_idleStatus = m_statusLabel->isHidden() ? QString() : m_statusLabel->text();
    if (!busy && m_busy) {
        m_statusLabel->setText(m_idleStatus);
        m_statusLabel->setVisible(!m_idleStatus.isEmpty());
    }
    m_busy = busy;
    m_busyIndicator->setVisible(busy);
    updatePlaceholder();
    if (busy && (m_profile || !activity.isEmpty())) {
        m_statusLabel->setText(
            activity.isEmpty() ? tr("Requesting a token from %1…").arg(m_profile->tokenUrl.toDisplayString())
                               : activity);
        m_statusLabel->show();
    }
    updateActions();
}

void TokenPanel::updatePlaceholder()
{
    if (m_busy)
        m_placeholder->setText(tr("The token appears here as soon as the server sends it."));
    else if (m_profile)
        m_placeholder->setText(tr("No token yet. Click Get token (client credentials) or Sign in (code + "
                                  "PKCE): the requests and the responses appear in the wire log below."));
    else
        m_placeholder->setText(tr("No profile selected. Add a profile with the token endpoint and the "
                                  "client of the server you want to debug, then click Get token."));
}

void TokenPanel::setAutoRefreshNote(const QString &note)
{
    m_autoRefreshNote = note;
    if (m_tokenView)
        m_tokenView->setAutoRefreshNote(note);
}

QString TokenPanel::signInProblem() const
{
    if (!m_profile)
        return tr("Select a profile first.");
    if (m_profile->endpoints.authorization.isEmpty())
        return tr("The profile “%1” has no authorization endpoint: fill in “Authorization” under Other "
                  "endpoints in the profile editor, or run Discover there.")
            .arg(m_profile->name);
    if (m_busy)
        return tr("Wait for the running request to finish, or cancel it.");
    return {};
}

QString TokenPanel::refreshProblem() const
{
    if (!m_token)
        return tr("No token yet: sign in first.");
    if (m_refreshToken.isEmpty())
        return tr("The current token came without a refresh token (ask for the offline_access scope, or "
                  "sign in again when it expires).");
    if (m_refreshRejected)
        return tr("The server rejected the refresh token: sign in again.");
    if (m_busy)
        return tr("Wait for the running request to finish, or cancel it.");
    return {};
}

void TokenPanel::updateActions()
{
    const bool enabled = m_profile.has_value() && !m_busy;
    m_getTokenAction->setEnabled(enabled);
    m_getTokenButton->setEnabled(enabled);

    const QString signIn = signInProblem();
    m_signInAction->setEnabled(signIn.isEmpty());
    m_signInButton->setEnabled(signIn.isEmpty());
    m_signInAgainButton->setEnabled(signIn.isEmpty());
    m_signInButton->setToolTip(
        signIn.isEmpty() ? tr("Open the browser at %1 and exchange the code that comes back (RFC 6749 "
                              "§4.1 with PKCE, RFC 7636)")
                               .arg(m_profile->endpoints.authorization.toDisplayString())
                         : signIn);

    const QString refresh = refreshProblem();
    m_refreshAction->setEnabled(refresh.isEmpty());
    m_refreshButton->setEnabled(refresh.isEmpty());
    m_refreshButton->setToolTip(
        refresh.isEmpty() ? tr("Trade the refresh token for a new access token at %1 (RFC 6749 §6)")
                                .arg(m_tokenProfile ? m_tokenProfile->tokenUrl.toDisplayString() : QString())
                          : refresh);
}

QString TokenPanel::exchangeSummary(const TokenResult &result, const QUrl &tokenUrl) const
{
    // The token endpoint's answer, not a JWKS fetch that followed it.
    const HttpExchange *exchange = nullptr;
    for (auto it = result.exchangeIds.crbegin(); it != result.exchangeIds.crend() && !exchange; ++it) {
        const HttpExchange *candidate = m_log->findById(*it);
        if (candidate && candidate->url.adjusted(QUrl::RemoveQuery) == tokenUrl.adjusted(QUrl::RemoveQuery))
            exchange = candidate;
    }
    if (!exchange && !result.exchangeIds.isEmpty())
        exchange = m_log->findById(result.exchangeIds.constLast());
    if (!exchange)
        return {};
    if (exchange->status == 0)
        return tr("%1 %2, no response after %3 ms")
            .arg(QString::fromLatin1(exchange->method), exchange->url.toDisplayString())
            .arg(exchange->durationMs);
    return tr("%1 %2 → HTTP %3, %4 ms")
        .arg(QString::fromLatin1(exchange->method), exchange->url.toDisplayString())
        .arg(exchange->status)
        .arg(exchange->durationMs);
}

void TokenPanel::showResult(const Profile &profile, const TokenResult &result, Origin origin)
{
    m_placeholder->hide();
    m_insecureLabel->setVisible(result.insecure);
    showFindings(profile, result, origin);
    if (result.ok())
        showToken(profile, result, origin);
    else
        showFailure(profile, result, origin);
    updateActions();
    Q_EMIT tokenChanged();
}

void TokenPanel::showToken(const Profile &profile, const TokenResult &result, Origin origin)
{
    const QString previousRefreshToken = m_refreshToken;
    m_token = result.token;
    m_tokenProfile = profile;
    m_refreshRejected = false;
    m_errorLabel->hide();
    m_signInAgainButton->hide();
    tokenView()->setToken(result.token);
    if (origin != Origin::Refresh || !result.token.refreshToken.isEmpty())
        m_refreshToken = result.token.refreshToken;
    if (origin == Origin::Refresh) {
        if (result.token.refreshToken.isEmpty())
            m_tokenView->setRefreshNote(
                tr("The server sent no new refresh token: the previous one stays in use."));
        else if (result.token.refreshToken != previousRefreshToken)
            m_tokenView->setRefreshNote(tr("↻ The server rotated the refresh token: the new one replaces "
                                           "the old, which may no longer work."));
        else
            m_tokenView->setRefreshNote(tr("The server sent the same refresh token back."));
    }

    const QDateTime received
        = result.token.receivedAt.isValid() ? result.token.receivedAt : QDateTime::currentDateTimeUtc();
    const QString time = QLocale().toString(received.toLocalTime().time());
    QString status;
    switch (origin) {
    case Origin::ClientCredentials:
        status = tr("Token for “%1” received at %2.").arg(profile.name, time);
        break;
    case Origin::SignIn:
        status = tr("Signed in with “%1” at %2 (authorization code with PKCE).").arg(profile.name, time);
        break;
    case Origin::Refresh:
        status = tr("Token for “%1” refreshed at %2.").arg(profile.name, time);
        break;
    }
    const QString summary = exchangeSummary(result, profile.tokenUrl);
    if (!summary.isEmpty())
        status += QLatin1Char(' ') + summary;
    m_statusLabel->setText(status);
    m_statusLabel->show();
    m_tokenView->show();
}

void TokenPanel::showFailure(const Profile &profile, const TokenResult &result, Origin origin)
{
    const QString summary = exchangeSummary(result, profile.tokenUrl);
    m_statusLabel->setText(summary.isEmpty() ? tr("Profile “%1”.").arg(profile.name)
                                             : tr("Profile “%1”: %2").arg(profile.name, summary));
    m_statusLabel->show();
    QString heading = tr("Token request failed:");
    if (origin == Origin::SignIn)
        heading = tr("Sign-in failed:");
    else if (origin == Origin::Refresh)
        heading = tr("Refresh failed:");
    m_errorLabel->setText(TokenResultFormat::errorHtml(result, heading));
    m_errorLabel->show();

    // A failed refresh leaves the token it was for on display: it may still be valid.
    const bool keepToken = origin == Origin::Refresh && m_token.has_value();
    if (m_tokenView)
        m_tokenView->setRefreshNote(QString());
    m_refreshRejected = keepToken && result.oauthError.error == QLatin1String("invalid_grant");
    m_signInAgainButton->setVisible(m_refreshRejected);
    if (keepToken)
        return;
    m_token.reset();
    m_tokenProfile.reset();
    m_refreshToken.clear();
    if (m_tokenView) {
        m_tokenView->clear();
        m_tokenView->hide();
    }
}

void TokenPanel::showFindings(const Profile &profile, const TokenResult &result, Origin origin)
{
    FindingsView *findingsView = this->findingsView();
    findingsView->setFindings(TokenResultFormat::findings(profile, result, grantTypeFor(origin)),
                              result.warnings);
    const QString summary = findingsView->summary();
    m_findingsTitle->setText(summary.isEmpty() ? tr("<b>Findings:</b> nothing to report")
                                               : tr("<b>Findings:</b> %1").arg(summary));
    m_findingsTitle->show();
    findingsView->setVisible(!findingsView->findings().isEmpty());
}
