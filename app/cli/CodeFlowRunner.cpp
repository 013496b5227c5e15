#include "CodeFlowRunner.h"

#include "AuthorizationCodeFlow.h"
#include "BrowserLauncher.h"
#include "CliContext.h"
#include "CliLogging.h"
#include "Console.h"
#include "FlowReport.h"
#include "InterruptWatcher.h"
#include "SecretResolver.h"

#include <QProcess>
#include <QTimer>

CodeFlowRunner::CodeFlowRunner(CliContext *context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_flow(new AuthorizationCodeFlow(context->wireLog(), this))
{
    connect(m_flow, &AuthorizationCodeFlow::stepReached, this, [this](const FlowStep &step) {
        m_callbackSeen = m_callbackSeen || step.kind == FlowStep::Kind::CallbackReceived;
        FlowReport::printStep(m_context->console(), step, m_settings.verbose);
    });
    connect(m_flow, &AuthorizationCodeFlow::authorizationUrlReady, this, &CodeFlowRunner::onAuthorizationUrl);
    connect(m_flow, &AuthorizationCodeFlow::finished, this, &CodeFlowRunner::onFlowFinished);
}

void CodeFlowRunner::authorize(const Profile &profile, bool saved, const SecretResolver &secrets,
                               const Settings &settings)
{
    m_settings = settings;
    m_browserCommand = profile.browserCommand;
    m_browserError.clear();
    m_active = true;
    m_interrupted = false;
    m_callbackSeen = false;
    m_interrupts = new InterruptWatcher(this);
    connect(m_interrupts, &InterruptWatcher::interrupted, this, &CodeFlowRunner::onInterrupted);
    m_flow->setCallbackTimeoutSeconds(settings.callbackTimeoutSeconds);
    m_flow->setRequireIssuerParameter(settings.requireIssuerParameter);
    secrets.resolve(profile, saved, m_context->secretStore(),
                    [this, profile](const SecretResolver::Outcome &outcome) {
                        if (!m_active) // interrupted while the keychain was asked
                            return;
                        if (!outcome.ok) {
                            fail(FlowStatus::UsageError, outcome.error);
                            return;
                        }
                        m_context->addSecret(outcome.secret);
                        qCDebug(lcCli) << "authorization code flow at" << profile.endpoints.authorization;
                        m_flow->start(profile, outcome.secret);
                    });
}

void CodeFlowRunner::refresh(const Profile &profile, bool saved, const SecretResolver &secrets,
                             const QString &refreshToken, bool verbose)
{
    m_settings = Settings();
    m_settings.verbose = verbose;
    m_active = true;
    m_interrupted = false;
    m_context->addSecret(refreshToken);
    secrets.resolve(profile, saved, m_context->secretStore(),
                    [this, profile, refreshToken](const SecretResolver::Outcome &outcome) {
                        if (!outcome.ok) {
                            fail(FlowStatus::UsageError, outcome.error);
                            return;
                        }
                        m_context->addSecret(outcome.secret);
                        qCDebug(lcCli) << "refreshing at" << profile.tokenUrl;
                        m_flow->refresh(profile, outcome.secret, refreshToken);
                    });
}

void CodeFlowRunner::onAuthorizationUrl(const QUrl &url)
{
    Console &console = m_context->console();
    const QString text = url.toString(QUrl::FullyEncoded);
    if (!m_settings.openBrowser) {
        console.message(tr("Open this URL in a browser:"));
        console.message(text);
    } else {
        console.message(tr("Authorization URL (if no browser opens, copy it into one):"));
        console.message(text);
        QString error;
        if (!BrowserLauncher::open(url, m_browserCommand, &error)) {
            m_browserError = error;
            // Not from inside the flow's signal: cancel once it has returned.
            QTimer::singleShot(0, m_flow, &AuthorizationCodeFlow::cancel);
            return;
        }
        const QStringList command = QProcess::splitCommand(m_browserCommand);
        console.message(tr("* Browser opened (%1)")
                            .arg(command.isEmpty() ? QStringLiteral("xdg-open") : command.constFirst()));
    }
    console.message(tr("Waiting up to %1 s for the redirect to %2 (Ctrl-C cancels)")
                        .arg(m_settings.callbackTimeoutSeconds)
                        .arg(m_flow->redirectUri().toString()));
}

void CodeFlowRunner::onInterrupted()
{
    if (!m_active)
        return;
    m_interrupted = true;
    if (m_flow->isRunning())
        m_flow->cancel(); // closes the listener, then finishes
    else
        fail(FlowStatus::UsageError, QString());
}

void CodeFlowRunner::onFlowFinished(TokenResult result)
{
    m_active = false;
    if (m_interrupts)
        m_interrupts->deleteLater(); // then the default signal handlers are back
    if (m_interrupted) {
        result.message = tr("interrupted: the authorization was cancelled and the redirect listener closed");
        result.hint.clear();
    } else if (!m_browserError.isEmpty()) {
        result.status = FlowStatus::UsageError;
        result.message = m_browserError;
        result.hint
            = tr("pass --browser-command CMD (%u stands for the URL), or --no-browser and open the URL "
                 "yourself");
    } else if (result.status == FlowStatus::TransportError && !m_callbackSeen) {
        result.hint = tr("finish signing in sooner, or raise --callback-timeout (%1 s now)")
                          .arg(m_settings.callbackTimeoutSeconds);
    }
    if (m_callbackSeen && !result.ok()) {
        // The listener is still sending the browser its "sign-in failed" page: give it a moment before the
        // command ends the process.
        QTimer::singleShot(300, this, [this, result] { Q_EMIT finished(result); });
        return;
    }
    Q_EMIT finished(result);
}

void CodeFlowRunner::fail(FlowStatus status, const QString &message)
{
    TokenResult result;
    result.status = status;
    result.message = message;
    onFlowFinished(result);
}
