#pragma once

#include "ExchangeGate.h"
#include "FlowResult.h"
#include "FlowStep.h"
#include "Profile.h"
#include "SequenceDiagramRoles.h"
#include "TeachingExplanations.h"
#include "TeachingStep.h"

#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>

class ApiRequest;
class AuthorizationCodeFlow;
class HttpClient;
class JwksCache;
class SequenceDiagram;
class WireLog;
struct ApiResponse;
struct EndpointResult;
struct InspectionResult;

// Runs a profile's flow one exchange at a time with the real engine classes, for teaching: every request
// waits at an ExchangeGate until next(), the answer and the client's checks are then shown, and the run is
// drawn as a sequence diagram as it happens. back() reviews earlier steps read-only; restart() cancels
// everything in flight and starts over. A failure (HTTP error, transport error, failed check) ends the run
// with a failed step.
class TeachingSession final : public QObject
{
    Q_OBJECT
public:
    enum class Flow {
        ClientCredentials, // token request → JWKS (JWT access token) → protected API
        AuthorizationCode, // authorization request → callback → token request → JWKS → ID token → userinfo →
                           // API → refresh (when a refresh token came back)
    };

    struct Options
    {
        Flow flow = Flow::ClientCredentials;
        Profile profile;
        QString clientSecret;
        QUrl apiUrl; // the protected API called at the end; skipped when empty
        bool requireIssuerParameter = false; // RFC 9207
    };

    explicit TeachingSession(WireLog *log, QObject *parent = nullptr);
    ~TeachingSession() override;

    // Opens the authorization URL in a browser for the front-channel step (the GUI's BrowserLauncher, a
    // test's fake browser). Without one, the URL is only shown.
    void setBrowserOpener(std::function<void(const QUrl &)> opener) { m_openBrowser = std::move(opener); }
    TeachingExplanations &explanations() { return m_explanations; }

    void start(const Options &options);
    void next(); // send the prepared request / open the browser, or move to the following step
    void back(); // review the previous step; nothing is resent
    void restart(); // cancel everything in flight, clear, start again with the same options
    void cancel(); // stop, keeping the steps so far

    bool isRunning() const { return m_running; }
    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && m_succeeded; }
    bool canNext() const;
    bool canBack() const { return m_current > 0; }
    // True when next() would send a request or open the browser (not just move forward).
    bool nextSends() const;

    int count() const { return int(m_steps.size()); }
    const TeachingStep &step(int index) const { return m_steps.at(index); }
    int current() const { return m_current; }
    void setCurrent(int index); // for a click in the step list or on a diagram arrow
    int stepOfExchange(int exchangeId) const; // -1 when no step shows it
    int stepOfArrow(int arrowIndex) const; // the step that drew the diagram's arrow, -1 when none

    SequenceDiagram *diagram() const { return m_diagram; }
    ExchangeGate *gate() const { return m_gate; }
    Options options() const { return m_options; }

    static QString flowName(Flow flow);

Q_SIGNALS:
    void stepAdded(int index);
    void stepChanged(int index);
    void currentChanged(int index);
    void finished(bool succeeded);
    void cleared();

private:
    // Which part of the run the next held request belongs to.
    enum class Phase { Token, Keys, UserInfo, Api, Refresh };

    void onRequestHeld(const ExchangeGate::HeldRequest &held);
    void onClientCredentialsResult(const TokenResult &result);
    void onCodeFlowStep(const FlowStep &step);
    void onAuthorizationUrl(const QUrl &url);
    void onCodeFlowFinished(const TokenResult &result);
    void inspectAccessToken();
    void onAccessTokenInspected(const InspectionResult &inspection);
    void fetchUserInfo();
    void onUserInfo(const EndpointResult &result);
    void callApi();
    void onApiResponse(const ApiResponse &response);
    // The end of a run: a code flow that received a refresh token goes on with a refresh, the rest finish.
    void refreshOrFinish();
    void onRefreshAnswered(const HttpExchange &recorded);
    void onRefreshFinished(const TokenResult &result);

    int addStep(TeachingStep step);
    void updateStep(int index);
    int lastSendingStep() const;
    // Fills a step from the wire log's record of `exchangeId` and draws its arrows.
    void recordExchange(int index, int exchangeId);
    void draw(const SequenceDiagramArrow &arrow, int stepIndex);
    void completeStep(int index, const QString &outcome, const QList<TeachingCheck> &checks);
    void failRun(const QString &message, const QList<TeachingCheck> &checks = {});
    void finishRun(bool succeeded);
    void teardown();
    QString stepIdFor(const HttpExchange &request) const;
    void applyExplanation(TeachingStep &step, const QString &defaultTitle,
                          const QString &defaultReference) const;

    WireLog *m_log;
    ExchangeGate *m_gate;
    SequenceDiagram *m_diagram;
    TeachingExplanations m_explanations;
    std::function<void(const QUrl &)> m_openBrowser;
    Options m_options;
    SequenceDiagramRoles m_roles;

    QPointer<QObject> m_run; // parent of everything of one run: deleting it cancels the run
    HttpClient *m_http = nullptr;
    JwksCache *m_jwks = nullptr;
    QPointer<AuthorizationCodeFlow> m_codeFlow;

    QList<TeachingStep> m_steps;
    QList<int> m_arrowSteps; // per diagram arrow, the step it belongs to
    QList<QPair<QString, QString>> m_authorizationParameters;
    QUrl m_authorizationUrl;
    TokenResult m_tokens;
    TokenResponse m_signInTokens; // the code exchange's tokens, which a refresh replaces
    int m_refreshStep = -1;
    QString m_idTokenSubject;
    QString m_verifiedKid; // the kid of the token whose keys are fetched
    std::optional<QString> m_idTokenSignature; // the code flow's verdict on the ID token's signature
    bool m_idTokenSignatureOk = false;
    bool m_nonceSent = false;
    Phase m_phase = Phase::Token;
    int m_current = -1;
    bool m_running = false;
    bool m_finished = false;
    bool m_succeeded = false;
};
