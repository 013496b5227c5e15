#include "TeachingSession.h"

#include "ApiRequest.h"
#include "AuthorizationCodeFlow.h"
#include "ClientCredentialsFlow.h"
#include "EndpointResult.h"
#include "HttpClient.h"
#include "JwksCache.h"
#include "JwtParser.h"
#include "SequenceDiagram.h"
#include "TeachingChecks.h"
#include "TokenEndpointReply.h"
#include "TokenInspector.h"
#include "UserInfoRequest.h"
#include "WireLog.h"

#include <QLoggingCategory>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcTeaching, "oauthdebugger.teaching")

namespace {
// The built-in titles and references, used when an explanation file lacks them.
struct StepDefault
{
    const char *id;
    const char *title;
    const char *reference;
};

const StepDefault stepDefaults[] = {
    { "client-credentials-token-request",
      QT_TRANSLATE_NOOP("TeachingSession", "Token request (client credentials)"), "RFC 6749 §4.4.2" },
    { "authorization-request", QT_TRANSLATE_NOOP("TeachingSession", "Authorization request"),
      "RFC 6749 §4.1.1, RFC 7636 §4.3" },
    { "callback", QT_TRANSLATE_NOOP("TeachingSession", "Callback with code and state"), "RFC 6749 §4.1.2" },
    { "code-token-request", QT_TRANSLATE_NOOP("TeachingSession", "Token request (authorization code)"),
      "RFC 6749 §4.1.3, RFC 7636 §4.5" },
    { "discovery", QT_TRANSLATE_NOOP("TeachingSession", "Discovery"),
      "OpenID Connect Discovery §4, RFC 8414 §3" },
    { "jwks", QT_TRANSLATE_NOOP("TeachingSession", "Fetching the signing keys (JWKS)"),
      "RFC 7517 §5, RFC 7515 §4.1.4" },
    { "access-token-validation", QT_TRANSLATE_NOOP("TeachingSession", "Checking a JWT access token"),
      "RFC 9068 §4, RFC 7519 §7.2" },
    { "id-token-validation", QT_TRANSLATE_NOOP("TeachingSession", "ID token validation"),
      "OIDC Core §3.1.3.7" },
    { "userinfo", QT_TRANSLATE_NOOP("TeachingSession", "UserInfo request"), "OIDC Core §5.3" },
    { "api-call", QT_TRANSLATE_NOOP("TeachingSession", "Calling the protected API"), "RFC 6750 §2.1" },
    { "refresh", QT_TRANSLATE_NOOP("TeachingSession", "Refresh token request"),
      "RFC 6749 §6, RFC 9700 §4.14" },
    { "run-stopped", QT_TRANSLATE_NOOP("TeachingSession", "The run stopped"), "RFC 6749 §5.2" },
};

bool hasOpenIdScope(const QString &scope)
{
    return scope.split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(QLatin1String("openid"));
}

QUrl withoutQuery(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
}

QString kidOf(const QString &token)
{
    const JwtParseResult parsed = JwtParser().parse(token);
    return parsed.kind == JwtParseResult::Kind::Jws ? parsed.token.kid : QString();
}

QString statusText(const HttpExchange &exchange)
{
    if (exchange.status == 0)
        return exchange.transportError;
    return QStringLiteral("HTTP %1 %2")
        .arg(exchange.status)
        .arg(QString::fromLatin1(exchange.reason))
        .trimmed();
}
// A browser redirect or navigation: not the client's own HTTP exchange, so it has no wire-log id.
SequenceDiagramArrow frontChannel(SequenceParticipant from, SequenceParticipant to, const QString &label,
                                  const QString &note = {})
{
    SequenceDiagramArrow arrow;
    arrow.from = from;
    arrow.to = to;
    arrow.kind = SequenceDiagramArrow::Kind::FrontChannel;
    arrow.label = label;
    arrow.note = note;
    return arrow;
}
} // namespace

TeachingSession::TeachingSession(WireLog *log, QObject *parent)
    : QObject(parent)
    , m_log(log)
    , m_gate(new ExchangeGate(this))
    , m_diagram(new SequenceDiagram(this))
{
    // Queued: the sender's own signals (a callback step, a recorded exchange) come before the step that
    // follows them.
    connect(m_gate, &ExchangeGate::requestHeld, this, &TeachingSession::onRequestHeld, Qt::QueuedConnection);
    connect(m_log, &WireLog::exchangeAdded, this, [this](const HttpExchange &exchange) {
        const int index = lastSendingStep();
        if (index < 0 || m_steps.at(index).frontChannel)
            return;
        TeachingStep &step = m_steps[index];
        if (withoutQuery(step.exchange.url) != withoutQuery(exchange.url)
            || step.exchange.method != exchange.method)
            return; // somebody else's exchange in a shared log
        recordExchange(index, exchange.id);
        // Keys and metadata have no result of their own: the checks are made here. The others wait for
        // their flow's result.
        if (step.id == QLatin1String("jwks"))
            completeStep(index, statusText(exchange), TeachingChecks::forJwks(exchange, m_verifiedKid));
        else if (step.id == QLatin1String("discovery"))
            completeStep(index, statusText(exchange), {});
    });
}

TeachingSession::~TeachingSession()
{
    teardown();
}

QString TeachingSession::flowName(Flow flow)
{
    switch (flow) {
    case Flow::ClientCredentials:
        return tr("Client credentials");
    case Flow::AuthorizationCode:
        return tr("Authorization code with PKCE");
    }
    return {};
}

void TeachingSession::start(const Options &options)
{
    teardown();
    m_options = options;
    m_steps.clear();
    m_current = -1;
    m_authorizationParameters.clear();
    m_authorizationUrl.clear();
    m_tokens = TokenResult();
    m_signInTokens = TokenResponse();
    m_refreshStep = -1;
    m_idTokenSubject.clear();
    m_verifiedKid.clear();
    m_idTokenSignature.reset();
    m_idTokenSignatureOk = false;
    m_nonceSent = false;
    m_phase = Phase::Token;
    m_finished = false;
    m_succeeded = false;
    m_running = true;
    m_diagram->clear();
    m_arrowSteps.clear();
    m_roles = SequenceDiagramRoles::fromProfile(options.profile);
    Q_EMIT cleared();
    Q_EMIT currentChanged(m_current);

    m_run = new QObject(this);
    m_http = new HttpClient(m_log, m_run);
    m_http->setExchangeGate(m_gate);
    m_jwks = new JwksCache(m_http, m_run); // a fresh cache: every run fetches the keys, so every run shows it

    if (options.flow == Flow::ClientCredentials) {
        auto *flow = new ClientCredentialsFlow(m_http, m_run);
        connect(flow, &ClientCredentialsFlow::finished, this, &TeachingSession::onClientCredentialsResult);
        flow->start(options.profile, options.clientSecret);
        return;
    }
    m_codeFlow = new AuthorizationCodeFlow(m_log, m_run);
    m_codeFlow->setExchangeGate(m_gate);
    m_codeFlow->setCallbackTimeoutSeconds(3600); // a class may talk for a while before the browser returns
    m_codeFlow->setRequireIssuerParameter(options.requireIssuerParameter);
    connect(m_codeFlow, &AuthorizationCodeFlow::stepReached, this, &TeachingSession::onCodeFlowStep);
    connect(m_codeFlow, &AuthorizationCodeFlow::authorizationUrlReady, this,
            &TeachingSession::onAuthorizationUrl);
    connect(m_codeFlow, &AuthorizationCodeFlow::finished, this, &TeachingSession::onCodeFlowFinished);
    m_codeFlow->start(options.profile, options.clientSecret);
}

void TeachingSession::teardown()
{
    // Deleting the run's objects cancels their requests and callbacks; what still waits at the gate belongs
    // to them and is dropped.
    // Later, not now: teardown may run inside a callback of one of them. Disconnected now, so nothing of
    // this run reaches the next one.
    if (m_run) {
        const QList<QObject *> objects = m_run->findChildren<QObject *>();
        for (QObject *object : objects)
            QObject::disconnect(object, nullptr, this, nullptr);
        m_run->deleteLater();
        m_run = nullptr;
    }
    m_http = nullptr;
    m_jwks = nullptr;
    m_codeFlow = nullptr;
    m_gate->refuseAll(tr("The step-through run was stopped."));
    m_running = false;
}

void TeachingSession::restart()
{
    const Options options = m_options;
    start(options);
}

void TeachingSession::cancel()
{
    if (!m_running)
        return;
    teardown();
    failRun(tr("Stopped by the user."));
}

bool TeachingSession::canNext() const
{
    if (m_current < 0 || m_current >= count())
        return false;
    return nextSends() || m_current < count() - 1;
}

bool TeachingSession::nextSends() const
{
    return m_running && m_current >= 0 && m_current < count()
        && m_steps.at(m_current).state == TeachingStep::State::Ready;
}

void TeachingSession::next()
{
    if (!canNext())
        return;
    if (!nextSends()) {
        setCurrent(m_current + 1);
        return;
    }
    TeachingStep &step = m_steps[m_current];
    step.state = TeachingStep::State::Sending;
    if (step.frontChannel) {
        step.outcome
            = tr("The browser is at the authorization server. Sign in and consent there; the browser "
                 "then comes back to %1.")
                  .arg(m_codeFlow ? m_codeFlow->redirectUri().toString() : QString());
        draw(frontChannel(SequenceParticipant::Client, SequenceParticipant::UserAgent,
                          tr("open the browser at %1").arg(m_authorizationUrl.path()),
                          tr("state, code_challenge, nonce")),
             m_current);
        draw(frontChannel(SequenceParticipant::UserAgent, SequenceParticipant::AuthorizationServer,
                          QStringLiteral("GET %1?response_type=code&…").arg(m_authorizationUrl.path())),
             m_current);
        updateStep(m_current);
        if (m_openBrowser)
            m_openBrowser(m_authorizationUrl);
        return;
    }
    updateStep(m_current);
    if (m_gate->front().ticket != step.ticket)
        qCWarning(lcTeaching) << "the gate's oldest request is not the current step's";
    m_gate->release();
}

void TeachingSession::back()
{
    if (canBack())
        setCurrent(m_current - 1);
}

void TeachingSession::setCurrent(int index)
{
    if (index < 0 || index >= count() || index == m_current)
        return;
    m_current = index;
    Q_EMIT currentChanged(m_current);
}

void TeachingSession::draw(const SequenceDiagramArrow &arrow, int stepIndex)
{
    m_arrowSteps.append(stepIndex);
    m_diagram->append(arrow);
}

int TeachingSession::stepOfArrow(int arrowIndex) const
{
    return arrowIndex >= 0 && arrowIndex < m_arrowSteps.size() ? m_arrowSteps.at(arrowIndex) : -1;
}

int TeachingSession::stepOfExchange(int exchangeId) const
{
    for (int i = 0; i < count(); ++i)
        if (exchangeId > 0 && m_steps.at(i).exchange.id == exchangeId)
            return i;
    return -1;
}

void TeachingSession::applyExplanation(TeachingStep &step, const QString &defaultTitle,
                                       const QString &defaultReference) const
{
    const TeachingExplanation explanation = m_explanations.load(step.id);
    step.title = explanation.found ? explanation.title : defaultTitle;
    step.reference = explanation.reference.isEmpty() ? defaultReference : explanation.reference;
}

int TeachingSession::addStep(TeachingStep step)
{
    for (const StepDefault &known : stepDefaults) {
        if (step.id == QLatin1String(known.id)) {
            applyExplanation(step, tr(known.title), QString::fromUtf8(known.reference));
            break;
        }
    }
    if (step.title.isEmpty())
        applyExplanation(step, step.id, QString());
    m_steps.append(step);
    const int index = count() - 1;
    Q_EMIT stepAdded(index);
    if (m_current < 0)
        setCurrent(index);
    return index;
}

void TeachingSession::updateStep(int index)
{
    Q_EMIT stepChanged(index);
}

int TeachingSession::lastSendingStep() const
{
    for (int i = count() - 1; i >= 0; --i)
        if (m_steps.at(i).state == TeachingStep::State::Sending)
            return i;
    return -1;
}

QString TeachingSession::stepIdFor(const HttpExchange &request) const
{
    const Profile &profile = m_options.profile;
    if (withoutQuery(request.url) == withoutQuery(profile.tokenUrl) && m_phase == Phase::Refresh)
        return QStringLiteral("refresh");
    if (withoutQuery(request.url) == withoutQuery(profile.tokenUrl))
        return m_options.flow == Flow::ClientCredentials ? QStringLiteral("client-credentials-token-request")
                                                         : QStringLiteral("code-token-request");
    if (request.url.path().contains(QLatin1String("/.well-known/")))
        return QStringLiteral("discovery");
    if (withoutQuery(request.url) == withoutQuery(profile.endpoints.jwks) || m_phase == Phase::Keys)
        return QStringLiteral("jwks");
    if (withoutQuery(request.url) == withoutQuery(profile.endpoints.userinfo) && m_phase == Phase::UserInfo)
        return QStringLiteral("userinfo");
    return QStringLiteral("api-call");
}

void TeachingSession::onRequestHeld(const ExchangeGate::HeldRequest &held)
{
    if (!m_running)
        return;
    bool waiting = false;
    const QList<ExchangeGate::HeldRequest> all = m_gate->held();
    for (const ExchangeGate::HeldRequest &request : all)
        waiting = waiting || request.ticket == held.ticket;
    if (!waiting)
        return; // refused or dropped before this queued call arrived
    TeachingStep step;
    step.id = stepIdFor(held.request);
    step.exchange = held.request;
    step.ticket = held.ticket;
    step.state = TeachingStep::State::Ready;
    step.outcome = tr("Not sent yet: press Next to send it.");
    addStep(step);
}

void TeachingSession::recordExchange(int index, int exchangeId)
{
    const HttpExchange *recorded = m_log->findById(exchangeId);
    if (!recorded)
        return;
    m_steps[index].exchange = *recorded;
    const QList<SequenceDiagramArrow> arrows = m_roles.arrowsFor(*recorded);
    for (const SequenceDiagramArrow &arrow : arrows)
        draw(arrow, index);
    updateStep(index);
}

void TeachingSession::completeStep(int index, const QString &outcome, const QList<TeachingCheck> &checks)
{
    if (index < 0 || index >= count())
        return;
    TeachingStep &step = m_steps[index];
    step.outcome = outcome;
    step.checks = checks;
    step.state = TeachingChecks::anyFailed(checks) ? TeachingStep::State::Failed : TeachingStep::State::Done;
    updateStep(index);
    if (step.state == TeachingStep::State::Failed && !m_finished) {
        teardown();
        finishRun(false);
    }
}

void TeachingSession::failRun(const QString &message, const QList<TeachingCheck> &checks)
{
    if (m_finished)
        return;
    QList<TeachingCheck> shown = checks;
    if (!TeachingChecks::anyFailed(shown))
        shown.append({ TeachingCheck::Outcome::Failed, message, QString() });
    const int sending = lastSendingStep();
    if (sending >= 0) {
        completeStep(sending, message, shown);
    } else {
        TeachingStep step;
        step.id = QStringLiteral("run-stopped");
        step.state = TeachingStep::State::Failed;
        step.outcome = message;
        step.checks = shown;
        setCurrent(addStep(step));
    }
    if (!m_finished) {
        teardown();
        finishRun(false);
    }
}

void TeachingSession::finishRun(bool succeeded)
{
    if (m_finished)
        return;
    m_running = false;
    m_finished = true;
    m_succeeded = succeeded;
    Q_EMIT finished(succeeded);
}

// ---- client credentials ----

void TeachingSession::onClientCredentialsResult(const TokenResult &result)
{
    const int index = lastSendingStep();
    if (index < 0) {
        failRun(result.message.isEmpty() ? tr("The token request could not be sent.") : result.message);
        return;
    }
    m_tokens = result;
    const QList<TeachingCheck> checks
        = TeachingChecks::forTokenResponse(result, m_steps.at(index).exchange, m_options.profile);
    completeStep(index, result.ok() ? tr("An access token came back.") : result.message, checks);
    if (m_finished)
        return;
    inspectAccessToken();
}

void TeachingSession::inspectAccessToken()
{
    const Profile &profile = m_options.profile;
    const JwtParseResult parsed = JwtParser().parse(m_tokens.token.accessToken);
    const bool keysKnown = profile.endpoints.jwks.isValid() || profile.endpoints.issuer.isValid();
    if (parsed.kind != JwtParseResult::Kind::Jws || !keysKnown) {
        callApi(); // an opaque token means nothing to the client: only the server can read it
        return;
    }
    m_phase = Phase::Keys;
    m_verifiedKid = parsed.token.kid;
    InspectionRequest request;
    request.token = m_tokens.token.accessToken;
    request.jwksUrl = profile.endpoints.jwks;
    request.issuer = profile.endpoints.issuer;
    request.transport = profile.transportOptions();
    request.expectAccessToken = true;
    auto *inspector = new TokenInspector(m_http, m_jwks, m_run);
    connect(inspector, &TokenInspector::finished, this, &TeachingSession::onAccessTokenInspected);
    inspector->inspect(request);
}

void TeachingSession::onAccessTokenInspected(const InspectionResult &inspection)
{
    const int sending = lastSendingStep();
    if (sending >= 0 && inspection.status != FlowStatus::Success
        && inspection.status != FlowStatus::ValidationError) {
        failRun(inspection.message); // the keys could not be fetched
        return;
    }
    TeachingStep step;
    step.id = QStringLiteral("access-token-validation");
    step.state = TeachingStep::State::Done;
    const int index = addStep(step);
    completeStep(index, inspection.message,
                 TeachingChecks::forInspection(inspection, m_options.profile.endpoints.issuer.toString()));
    if (m_finished)
        return;
    callApi();
}

// ---- authorization code ----

void TeachingSession::onAuthorizationUrl(const QUrl &url)
{
    m_authorizationUrl = url;
    m_nonceSent = m_codeFlow && !m_codeFlow->nonce().isEmpty();
    TeachingStep step;
    step.id = QStringLiteral("authorization-request");
    step.frontChannel = true;
    step.exchange.purpose = tr("Authorization request (in the browser)");
    step.exchange.method = "GET";
    step.exchange.url = url;
    step.parameters = m_authorizationParameters;
    step.outcome = tr("Not opened yet: press Next to send the browser to the authorization server.");
    addStep(step);
}

void TeachingSession::onCodeFlowStep(const FlowStep &flowStep)
{
    switch (flowStep.kind) {
    case FlowStep::Kind::AuthorizationUrlBuilt:
        m_authorizationParameters = flowStep.parameters;
        break;
    case FlowStep::Kind::CallbackReceived: {
        int authorization = -1;
        for (int i = 0; i < count(); ++i)
            if (m_steps.at(i).frontChannel)
                authorization = i;
        if (authorization >= 0) {
            TeachingStep &step = m_steps[authorization];
            step.state = TeachingStep::State::Done;
            step.outcome
                = tr("The user signed in and consented; the server sent the browser back with a code.");
            updateStep(authorization);
        }
        const QString redirectPath = m_codeFlow ? m_codeFlow->redirectUri().path() : QString();
        draw(frontChannel(SequenceParticipant::AuthorizationServer, SequenceParticipant::UserAgent,
                          QStringLiteral("302 → %1?code=…&state=…").arg(redirectPath),
                          tr("after sign-in and consent")),
             authorization);
        SequenceDiagramArrow callback
            = frontChannel(SequenceParticipant::UserAgent, SequenceParticipant::Client,
                           QStringLiteral("GET %1?code=…&state=…").arg(redirectPath),
                           flowStep.ok ? tr("state checked") : tr("rejected"));
        callback.ok = flowStep.ok;
        draw(callback, count()); // the callback step, added next

        TeachingStep step;
        step.id = QStringLiteral("callback");
        step.frontChannel = true;
        step.exchange.purpose = tr("Callback (from the browser)");
        step.exchange.method = "GET";
        QUrl received = m_codeFlow ? m_codeFlow->redirectUri() : QUrl();
        QUrlQuery query;
        for (const auto &parameter : flowStep.parameters)
            query.addQueryItem(parameter.first,
                               QString::fromLatin1(QUrl::toPercentEncoding(parameter.second)));
        received.setQuery(query);
        step.exchange.url = received;
        step.parameters = flowStep.parameters;
        step.state = TeachingStep::State::Done;
        const int index = addStep(step);
        completeStep(index, flowStep.detail,
                     TeachingChecks::forCallback(flowStep.parameters, flowStep.ok, flowStep.detail,
                                                 m_options.profile.endpoints.issuer.toString()));
        break;
    }
    case FlowStep::Kind::CodeExchanged: {
        const int index = lastSendingStep();
        if (index < 0 || flowStep.exchangeIds.isEmpty())
            break;
        const HttpExchange *recorded = m_log->findById(flowStep.exchangeIds.constFirst());
        if (!recorded)
            break;
        if (m_phase == Phase::Refresh) {
            onRefreshAnswered(*recorded);
            break;
        }
        HttpResult reply;
        reply.exchange = *recorded;
        reply.exchangeIds = { recorded->id };
        if (!recorded->transportError.isEmpty()) {
            reply.error = TransportError::Network;
            reply.errorMessage = recorded->transportError;
        }
        const TokenResult result = TokenEndpointReply::interpret(reply);
        m_tokens = result;
        QList<TeachingCheck> checks = TeachingChecks::forCodeExchange(*recorded, m_authorizationUrl);
        checks += TeachingChecks::forTokenResponse(result, *recorded, m_options.profile);
        m_verifiedKid = kidOf(result.token.idToken);
        m_phase = Phase::Keys;
        completeStep(index, result.ok() ? tr("Tokens came back.") : result.message, checks);
        break;
    }
    case FlowStep::Kind::IdTokenValidated:
        m_idTokenSignature = flowStep.detail;
        m_idTokenSignatureOk = flowStep.ok;
        break;
    case FlowStep::Kind::BrowserOpened:
    case FlowStep::Kind::TokensReceived:
    case FlowStep::Kind::Failed:
        break;
    }
}

void TeachingSession::onCodeFlowFinished(const TokenResult &result)
{
    if (m_finished)
        return;
    if (m_phase == Phase::Refresh) {
        onRefreshFinished(result);
        return;
    }
    const bool validated = m_idTokenSignature.has_value();
    if (validated || !result.token.idToken.isEmpty()) {
        TeachingStep step;
        step.id = QStringLiteral("id-token-validation");
        step.state = TeachingStep::State::Done;
        const int index = addStep(step);
        const QString idToken = result.ok() ? result.token.idToken : m_tokens.token.idToken;
        QList<TeachingCheck> checks = TeachingChecks::forTokenValidation(
            idToken, m_idTokenSignature, m_idTokenSignatureOk, result.findings,
            m_options.profile.endpoints.issuer.toString(), m_options.profile.clientId, m_nonceSent);
        if (!result.ok() && !TeachingChecks::anyFailed(checks))
            checks.append({ TeachingCheck::Outcome::Failed, result.message, QString() });
        completeStep(index,
                     result.ok() ? tr("The ID token is genuine and meant for this client.") : result.message,
                     checks);
        if (m_finished)
            return;
        const JwtParseResult parsed = JwtParser().parse(idToken);
        m_idTokenSubject = parsed.token.claims.value(QLatin1String("sub")).toString();
    }
    if (!result.ok()) {
        failRun(result.message);
        return;
    }
    m_tokens = result;
    const Profile &profile = m_options.profile;
    if (profile.endpoints.userinfo.isValid() && hasOpenIdScope(profile.scope))
        fetchUserInfo();
    else
        callApi();
}

void TeachingSession::fetchUserInfo()
{
    m_phase = Phase::UserInfo;
    auto *request = new UserInfoRequest(m_http, m_run);
    connect(request, &UserInfoRequest::finished, this, &TeachingSession::onUserInfo);
    request->fetch(m_options.profile, m_tokens.token.accessToken);
}

void TeachingSession::onUserInfo(const EndpointResult &result)
{
    const int index = lastSendingStep();
    if (index < 0) {
        failRun(result.message);
        return;
    }
    completeStep(index, result.ok() ? tr("The claims about the signed-in user came back.") : result.message,
                 TeachingChecks::forUserInfo(result, m_idTokenSubject));
    if (!m_finished)
        callApi();
}

// ---- both flows end here ----

void TeachingSession::callApi()
{
    m_phase = Phase::Api;
    if (m_options.apiUrl.isEmpty()) {
        refreshOrFinish();
        return;
    }
    ApiRequestSpec spec;
    spec.url = m_options.apiUrl;
    spec.bearerToken = m_tokens.token.accessToken;
    spec.transport = m_options.profile.transportOptions();
    auto *request = new ApiRequest(m_http, m_run);
    connect(request, &ApiRequest::finished, this, &TeachingSession::onApiResponse);
    request->send(spec);
}

void TeachingSession::onApiResponse(const ApiResponse &response)
{
    const int index = lastSendingStep();
    if (index < 0) {
        failRun(response.message);
        return;
    }
    completeStep(index, response.status == FlowStatus::Success ? tr("The API answered.") : response.message,
                 TeachingChecks::forApiResponse(response));
    if (m_finished)
        return;
    refreshOrFinish();
}

// ---- refresh (code flow only) ----

void TeachingSession::refreshOrFinish()
{
    const QString refreshToken = m_tokens.token.refreshToken;
    if (m_options.flow != Flow::AuthorizationCode || refreshToken.isEmpty() || !m_codeFlow) {
        teardown();
        finishRun(true);
        return;
    }
    // Always the last steps of the run, not a button of its own: the class sees the whole life of a grant
    // on one diagram, and the refresh still waits for Next like every other request, so a teacher who
    // wants to stop at the API call just does.
    m_phase = Phase::Refresh;
    m_signInTokens = m_tokens.token;
    m_idTokenSignature.reset();
    m_idTokenSignatureOk = false;
    m_codeFlow->refresh(m_options.profile, m_options.clientSecret, refreshToken);
}

void TeachingSession::onRefreshAnswered(const HttpExchange &recorded)
{
    const int index = lastSendingStep();
    if (index < 0)
        return;
    m_refreshStep = index;
    HttpResult reply;
    reply.exchange = recorded;
    reply.exchangeIds = { recorded.id };
    if (!recorded.transportError.isEmpty()) {
        reply.error = TransportError::Network;
        reply.errorMessage = recorded.transportError;
    }
    TokenResult result = TokenEndpointReply::interpret(reply);
    if (result.oauthError.error == QLatin1String("invalid_grant"))
        result.hint = tr("The refresh token is no longer valid (expired, revoked or already used): sign in "
                         "again.");
    m_verifiedKid = kidOf(result.token.idToken); // the keys, should they be fetched again, are for this one
    const QList<TeachingCheck> checks
        = TeachingChecks::forRefreshResponse(result, recorded, m_signInTokens, m_options.profile);
    QString outcome = tr("A new access token came back; the old one is not used any more.");
    if (!result.ok())
        outcome = result.hint.isEmpty() ? result.message : tr("%1 %2").arg(result.message, result.hint);
    completeStep(index, outcome, checks);
}

void TeachingSession::onRefreshFinished(const TokenResult &result)
{
    if (m_refreshStep < 0) {
        failRun(result.message.isEmpty() ? tr("The refresh request could not be sent.") : result.message);
        return;
    }
    // A refreshed ID token's signature is checked after the answer: its verdict joins the refresh's checks.
    TeachingStep &step = m_steps[m_refreshStep];
    QList<TeachingCheck> checks = step.checks;
    if (m_idTokenSignature)
        checks.append(
            { m_idTokenSignatureOk ? TeachingCheck::Outcome::Passed : TeachingCheck::Outcome::Failed,
              *m_idTokenSignature, QStringLiteral("RFC 7515 §5.2") });
    if (!result.ok() && !TeachingChecks::anyFailed(checks))
        checks.append({ TeachingCheck::Outcome::Failed, result.message, QString() });
    const QString outcome = result.ok() ? step.outcome : result.message;
    completeStep(m_refreshStep, outcome, checks);
    if (m_finished)
        return;
    m_tokens = result;
    teardown();
    finishRun(true);
}
