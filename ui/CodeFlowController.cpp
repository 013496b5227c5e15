#include "CodeFlowController.h"

#include "AuthorizationCodeFlow.h"
#include "BrowserLauncher.h"
#include "RefreshScheduler.h"
#include "SecretVault.h"
#include "TokenFetcher.h"

#include <QDesktopServices>
#include <QLocale>
#include <QPointer>

CodeFlowController::BrowserOpener CodeFlowController::systemBrowserOpener()
{
    return [](const QUrl &url, const QString &commandTemplate, QString *error) {
        if (!commandTemplate.trimmed().isEmpty())
            return BrowserLauncher::open(url, commandTemplate, error);
        if (QDesktopServices::openUrl(url))
            return true;
        *error = tr("the desktop has no browser for %1 URLs").arg(url.scheme());
        return false;
    };
}

CodeFlowController::CodeFlowController(WireLog *log, SecretVault *vault, QObject *parent)
    : QObject(parent)
    , m_flow(new AuthorizationCodeFlow(log, this))
    , m_scheduler(new RefreshScheduler(this))
    , m_vault(vault)
    , m_opener(systemBrowserOpener())
{
    m_flow->setCallbackTimeoutSeconds(m_callbackTimeoutSeconds);
    connect(m_flow, &AuthorizationCodeFlow::stepReached, this, &CodeFlowController::forwardStep);
    connect(m_flow, &AuthorizationCodeFlow::authorizationUrlReady, this, &CodeFlowController::openBrowser);
    connect(m_flow, &AuthorizationCodeFlow::finished, this, &CodeFlowController::flowFinished);
    connect(m_scheduler, &RefreshScheduler::refreshDue, this, &CodeFlowController::refreshDue);
}

CodeFlowController::~CodeFlowController() = default;

void CodeFlowController::setBrowserOpener(BrowserOpener opener)
{
    m_opener = std::move(opener);
}

void CodeFlowController::setCallbackTimeoutSeconds(int seconds)
{
    m_callbackTimeoutSeconds = seconds;
    m_flow->setCallbackTimeoutSeconds(seconds);
}

bool CodeFlowController::isWaitingForBrowser() const
{
    return m_busy && m_operation == Operation::SignIn && m_flow->listenerPort() != 0;
}

QUrl CodeFlowController::redirectUri() const
{
    return m_flow->redirectUri();
}

QString CodeFlowController::browserCommand(const Profile &profile) const
{
    return profile.browserCommand.trimmed().isEmpty() ? m_defaultBrowserCommand.trimmed()
                                                      : profile.browserCommand.trimmed();
}

void CodeFlowController::signIn(const Profile &profile)
{
    if (m_busy)
        return;
    m_authorizationUrl.clear();
    begin(Operation::SignIn, profile, false);
}

void CodeFlowController::refresh(const Profile &profile, const QString &refreshToken)
{
    if (m_busy)
        return;
    m_refreshToken = refreshToken;
    begin(Operation::Refresh, profile, false);
}

void CodeFlowController::begin(Operation operation, const Profile &profile, bool automatic)
{
    m_operation = operation;
    m_profile = profile;
    m_automatic = automatic;
    m_cancelling = false;
    m_busy = true;
    Q_EMIT busyChanged(true);
    Q_EMIT started(operation, profile, automatic);
    if (!profile.needsSecret()) {
        run(QString());
        return;
    }
    m_waitingForSecret = true;
    const int generation = ++m_generation;
    QPointer<CodeFlowController> self(this);
    m_vault->read(profile.secretKey(), [self, generation](const SecretReply &reply) {
        if (self)
            self->secretRead(generation, reply);
    });
}

void CodeFlowController::secretRead(int generation, const SecretReply &reply)
{
    if (generation != m_generation || !m_waitingForSecret)
        return; // cancelled meanwhile
    m_waitingForSecret = false;
    if (reply.ok() && !reply.value.isEmpty()) {
        run(reply.value);
        return;
    }
    const TokenResult result = TokenFetcher::secretMissing(m_profile, reply);
    FlowStep step;
    step.kind = FlowStep::Kind::Failed;
    step.ok = false;
    step.title = tr("No client secret");
    step.detail = result.message;
    Q_EMIT stepReached(step);
    end(result);
}

void CodeFlowController::run(const QString &secret)
{
    // The engine needs the server's word on RFC 9207's iss parameter, which a profile does not keep: the
    // callback's iss is checked when present, never required.
    m_flow->setRequireIssuerParameter(false);
    if (m_operation == Operation::SignIn)
        m_flow->start(m_profile, secret);
    else
        m_flow->refresh(m_profile, secret, m_refreshToken);
}

void CodeFlowController::openBrowser(const QUrl &url)
{
    m_authorizationUrl = url;
    Q_EMIT authorizationUrlReady(url);
    const QString command = browserCommand(m_profile);
    QString error;
    FlowStep step;
    step.kind = FlowStep::Kind::BrowserOpened;
    step.reference = QStringLiteral("RFC 8252 §4.1");
    if (m_opener && m_opener(url, command, &error)) {
        step.title = tr("Browser opened");
        step.detail = command.isEmpty()
            ? tr("The system browser was asked to open the authorization URL: sign in there.")
            : tr("Started “%1” with the authorization URL: sign in there.").arg(command);
    } else {
        step.ok = false;
        step.title = tr("Could not open the browser");
        step.detail
            = tr("%1. Copy the authorization URL into a browser yourself: the listener keeps waiting.")
                  .arg(error.isEmpty() ? tr("No browser is set up") : error);
    }
    Q_EMIT stepReached(step);
    if (m_busy)
        Q_EMIT waitingForBrowser(redirectUri(), m_callbackTimeoutSeconds);
}

bool CodeFlowController::openBrowserAgain(QString *error)
{
    if (!isWaitingForBrowser() || !m_authorizationUrl.isValid()) {
        *error = tr("The sign-in is no longer waiting for the browser.");
        return false;
    }
    return m_opener && m_opener(m_authorizationUrl, browserCommand(m_profile), error);
}

void CodeFlowController::cancel()
{
    if (!m_busy)
        return;
    m_cancelling = true;
    if (m_waitingForSecret) {
        m_waitingForSecret = false;
        ++m_generation;
        FlowStep step;
        step.kind = FlowStep::Kind::Failed;
        step.ok = false;
        step.title = tr("Cancelled");
        step.detail = tr("Cancelled while reading the client secret.");
        Q_EMIT stepReached(step);
        TokenResult result;
        result.status = FlowStatus::UsageError;
        result.message = tr("Cancelled.");
        end(result);
        return;
    }
    m_flow->cancel(); // emits a failed step, then finished()
}

void CodeFlowController::forwardStep(const FlowStep &step)
{
    if (!m_cancelling || step.kind != FlowStep::Kind::Failed) {
        Q_EMIT stepReached(step);
        return;
    }
    FlowStep cancelled = step;
    cancelled.title = tr("Cancelled");
    cancelled.detail = m_operation == Operation::SignIn
        ? tr("You cancelled the sign-in: the listener is closed, a late redirect finds nobody.")
        : tr("You cancelled the refresh.");
    Q_EMIT stepReached(cancelled);
}

void CodeFlowController::flowFinished(const TokenResult &result)
{
    if (!m_busy)
        return;
    end(result);
}

void CodeFlowController::end(const TokenResult &result)
{
    m_busy = false;
    m_cancelled = m_cancelling;
    m_cancelling = false;
    Q_EMIT busyChanged(false);
    Q_EMIT finished(m_operation, m_profile, result);
}

void CodeFlowController::scheduleRefresh(const Profile &profile, const QDateTime &expiresAt,
                                         const QString &refreshToken)
{
    m_scheduler->stop();
    m_scheduledProfile = profile;
    m_scheduledExpiry = expiresAt;
    m_scheduledRefreshToken = refreshToken;
    if (!profile.autoRefresh) {
        setRefreshNote(QString());
        return;
    }
    if (refreshToken.isEmpty()) {
        setRefreshNote(tr("Automatic refresh is on, but there is no refresh token: sign in again when the "
                          "token expires."));
        return;
    }
    if (!expiresAt.isValid()) {
        setRefreshNote(tr("Automatic refresh is on, but the server gave no expires_in: there is no time to "
                          "refresh at."));
        return;
    }
    m_scheduler->schedule(expiresAt, profile.refreshLeadSeconds);
    setRefreshNote(
        tr("Refreshing automatically %1 s before expiry, at %2.")
            .arg(profile.refreshLeadSeconds)
            .arg(QLocale().toString(m_scheduler->dueAt().toLocalTime().time(), QLocale::LongFormat)));
}

void CodeFlowController::profileChanged(const Profile &profile)
{
    if (m_scheduledProfile.id.isEmpty() || profile.id != m_scheduledProfile.id)
        return;
    const bool sameTiming = profile.autoRefresh == m_scheduledProfile.autoRefresh
        && profile.refreshLeadSeconds == m_scheduledProfile.refreshLeadSeconds;
    if (sameTiming) {
        m_scheduledProfile = profile; // a due refresh uses the profile as edited
        return;
    }
    scheduleRefresh(profile, m_scheduledExpiry, m_scheduledRefreshToken);
}

void CodeFlowController::stopAutomaticRefresh()
{
    m_scheduler->stop();
    m_scheduledProfile = Profile();
    m_scheduledExpiry = QDateTime();
    m_scheduledRefreshToken.clear();
    setRefreshNote(QString());
}

bool CodeFlowController::isRefreshScheduled() const
{
    return m_scheduler->isScheduled();
}

void CodeFlowController::refreshDue()
{
    if (m_busy) {
        // Something else runs: try again shortly rather than interrupt it.
        m_scheduler->schedule(
            QDateTime::currentDateTimeUtc().addSecs(10 + m_scheduledProfile.refreshLeadSeconds),
            m_scheduledProfile.refreshLeadSeconds);
        return;
    }
    m_refreshToken = m_scheduledRefreshToken;
    begin(Operation::Refresh, m_scheduledProfile, true);
}

void CodeFlowController::setRefreshNote(const QString &note)
{
    m_refreshNote = note;
    Q_EMIT automaticRefreshChanged(note);
}
