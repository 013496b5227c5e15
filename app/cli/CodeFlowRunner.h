#pragma once

#include "FlowResult.h"
#include "Profile.h"

#include <QObject>
#include <QPointer>

class AuthorizationCodeFlow;
class CliContext;
class InterruptWatcher;
class SecretResolver;

// The authorization code flow and the refresh grant for the CLI: resolves the client secret, runs
// AuthorizationCodeFlow, writes each step as one line on stderr, prints the authorization URL (always, so it
// can be copied) and opens the browser unless told not to. Ctrl-C while it runs cancels the flow, which
// closes the redirect listener. stdout is left alone.
class CodeFlowRunner final : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        bool openBrowser = true;
        int callbackTimeoutSeconds = 300;
        bool requireIssuerParameter = false; // RFC 9207, from the server's metadata
        bool verbose = false; // each step's detail too
    };

    explicit CodeFlowRunner(CliContext *context, QObject *parent = nullptr);

    // Each emits finished() exactly once, maybe before returning. `saved`: see SecretResolver::resolve.
    void authorize(const Profile &profile, bool saved, const SecretResolver &secrets,
                   const Settings &settings);
    void refresh(const Profile &profile, bool saved, const SecretResolver &secrets,
                 const QString &refreshToken, bool verbose);

    // The user pressed Ctrl-C (or the process got SIGTERM): the result says "cancelled".
    bool wasInterrupted() const { return m_interrupted; }

Q_SIGNALS:
    void finished(const TokenResult &result);

private:
    void onAuthorizationUrl(const QUrl &url);
    void onInterrupted();
    void onFlowFinished(TokenResult result);
    void fail(FlowStatus status, const QString &message);

    CliContext *m_context;
    AuthorizationCodeFlow *m_flow;
    QPointer<InterruptWatcher> m_interrupts;
    Settings m_settings;
    QString m_browserCommand;
    QString m_browserError;
    bool m_active = false; // between authorize() or refresh() and finished()
    bool m_interrupted = false;
    bool m_callbackSeen = false;
};
