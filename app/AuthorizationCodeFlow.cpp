#include "AuthorizationCodeFlow.h"

#include "ExchangeGate.h"
#include "FormEncoding.h"
#include "HttpClient.h"
#include "JwksCache.h"
#include "RecordingNetworkAccessManager.h"
#include "TextSanitizer.h"
#include "TokenEndpointReply.h"
#include "TokenInspector.h"
#include "WireLog.h"

#include <QHostAddress>
#include <QLoggingCategory>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>
#include <QOAuthOobReplyHandler>
#include <QUrlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcFlow)

namespace {
// Values placed in Qt's parameter map end up in a QUrlQuery as already-encoded text: encode them fully
// ('+' included, which a form decoder would read as a space).
QVariant encoded(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

// A callback value as Qt hands it over: still percent-encoded where QUrlQuery kept escapes. The query of a
// redirect is application/x-www-form-urlencoded (RFC 6749 §4.1.2): decode it as such, once.
QString callbackValue(const QVariantMap &parameters, const QString &name)
{
    QByteArray raw = parameters.value(name).toString().toUtf8();
    raw.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(raw));
}

bool hasOpenIdScope(const QString &scope)
{
    return scope.split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(QLatin1String("openid"));
}

QString pageFor(bool ok, const QString &text)
{
    const QString color = ok ? QStringLiteral("#1a7f37") : QStringLiteral("#b42318");
    return QStringLiteral("<h2 style=\"font-family:sans-serif;color:%1\">%2</h2>"
                          "<p style=\"font-family:sans-serif\">%3</p>")
        .arg(color, ok ? AuthorizationCodeFlow::tr("Signed in") : AuthorizationCodeFlow::tr("Sign-in failed"),
             text.toHtmlEscaped());
}
} // namespace

AuthorizationCodeFlow::AuthorizationCodeFlow(WireLog *log, QObject *parent)
    : QObject(parent)
    , m_log(log)
    , m_http(new HttpClient(log, this))
    , m_jwks(new JwksCache(m_http, this))
{
    m_callbackTimer.setSingleShot(true);
    connect(&m_callbackTimer, &QTimer::timeout, this, [this] {
        fail(FlowStatus::TransportError,
             tr("No authorization callback arrived within %1 s; the listener is closed.")
                 .arg(m_callbackTimeoutSeconds),
             tr("Finish signing in in the browser sooner, or raise the timeout."));
    });
}

AuthorizationCodeFlow::~AuthorizationCodeFlow()
{
    teardown();
}

void AuthorizationCodeFlow::setExchangeGate(ExchangeGate *gate)
{
    m_gate = gate;
    m_http->setExchangeGate(gate);
    if (m_manager)
        m_manager->setExchangeGate(gate);
}

QUrl AuthorizationCodeFlow::redirectUri() const
{
    return m_redirectUri;
}

quint16 AuthorizationCodeFlow::listenerPort() const
{
    return m_listener && m_listener->isListening() ? m_listener->port() : 0;
}

AuthorizationCodeFlow::CallbackCheck AuthorizationCodeFlow::checkCallback(const QVariantMap &parameters,
                                                                          const QString &expectedState,
                                                                          const QString &expectedIssuer,
                                                                          bool requireIssuer)
{
    CallbackCheck check;
    const QString error = callbackValue(parameters, QStringLiteral("error"));
    const QString code = callbackValue(parameters, QStringLiteral("code"));
    const QString state = callbackValue(parameters, QStringLiteral("state"));
    const QString issuer = callbackValue(parameters, QStringLiteral("iss"));
    // The state comes first even for errors: an error response for somebody else's request is not ours to
    // show.
    if (!error.isEmpty()) {
        check.status = FlowStatus::ServerError;
        check.error.error = TextSanitizer::sanitize(error, false, 200);
        check.error.description = TextSanitizer::sanitize(
            callbackValue(parameters, QStringLiteral("error_description")), false, 2000);
        check.error.uri
            = TextSanitizer::sanitize(callbackValue(parameters, QStringLiteral("error_uri")), false, 500);
        check.message = check.error.description.isEmpty()
            ? tr("The authorization server answered %1.").arg(check.error.error)
            : tr("The authorization server answered %1: %2").arg(check.error.error, check.error.description);
        if (!state.isEmpty() && state != expectedState) {
            check.status = FlowStatus::ValidationError;
            check.message
                = tr("An error response arrived with a state that is not this request's: ignored as "
                     "forged or stale (RFC 6749 §10.12).");
        }
        return check;
    }
    if (code.isEmpty()) {
        check.status = FlowStatus::ServerError;
        check.message = tr("The callback has neither a code nor an error (RFC 6749 §4.1.2).");
        return check;
    }
    if (state.isEmpty()) {
        check.status = FlowStatus::ValidationError;
        check.message = tr("The callback has no state: it cannot be tied to this request, so it is rejected "
                           "(RFC 6749 §10.12).");
        return check;
    }
    if (state != expectedState) {
        check.status = FlowStatus::ValidationError;
        check.message
            = tr("The callback's state does not match the one sent: possible CSRF or a stale browser tab; "
                 "rejected (RFC 6749 §10.12).");
        return check;
    }
    if (!issuer.isEmpty() && !expectedIssuer.isEmpty() && issuer != expectedIssuer) {
        check.status = FlowStatus::ValidationError;
        check.message
            = tr("The callback's iss \"%1\" is not the issuer \"%2\": possible mix-up attack (RFC 9207).")
                  .arg(TextSanitizer::sanitize(issuer, false, 300), expectedIssuer);
        return check;
    }
    if (issuer.isEmpty() && requireIssuer) {
        check.status = FlowStatus::ValidationError;
        check.message
            = tr("The server announces the iss parameter, but the callback has none (RFC 9207 §2.4).");
        return check;
    }
    return check;
}

bool AuthorizationCodeFlow::prepare(const Profile &profile, const QString &clientSecret, bool interactive,
                                    QString *problem)
{
    const auto problems = profile.validate();
    if (!problems.isEmpty()) {
        *problem = problems.first().second;
        return false;
    }
    if (interactive && profile.endpoints.authorization.isEmpty()) {
        *problem = tr("Profile \"%1\" has no authorization endpoint; run discovery or enter it.")
                       .arg(profile.name);
        return false;
    }
    if (profile.needsSecret() && clientSecret.isEmpty()) {
        *problem = tr("Profile \"%1\" authenticates with %2, but no client secret was given.")
                       .arg(profile.name, clientAuthMethodName(profile.authMethod));
        return false;
    }
    teardown();
    m_profile = profile;
    m_secret = clientSecret;
    m_exchangeIds.clear();
    m_redirectUri.clear();
    m_callbackSeen = false;
    m_running = true;

    m_manager = new RecordingNetworkAccessManager(m_log, this);
    m_manager->setTransportOptions(profile.transportOptions());
    m_manager->setExchangeGate(m_gate);
    m_manager->setRequestHook([this](RecordingNetworkAccessManager::Outgoing &outgoing) {
        outgoing.purpose
            = m_refreshing ? tr("Token request (refresh)") : tr("Token request (authorization code)");
        outgoing.request.setRawHeader("Accept", "application/json");
        if (m_profile.authMethod == ClientAuthMethod::ClientSecretBasic)
            outgoing.request.setRawHeader("Authorization",
                                          FormEncoding::basicAuthorization(m_profile.clientId, m_secret));
        outgoing.secrets = QStringList { m_secret, QString::fromLatin1(m_verifier), m_previousRefreshToken };
        outgoing.secrets.removeAll(QString());
    });
    connect(m_manager, &RecordingNetworkAccessManager::exchangeFinished, this,
            &AuthorizationCodeFlow::handleExchange);

    m_flow = new QOAuth2AuthorizationCodeFlow(m_manager, this);
    m_flow->setAuthorizationUrl(profile.endpoints.authorization);
    m_flow->setAccessTokenUrl(profile.tokenUrl);
    m_flow->setClientIdentifier(profile.clientId);
    m_flow->setScope(profile.scope.simplified());
    // Never setClientIdentifierSharedKey: 6.4 would put the secret (or an empty one) in every body.
    m_flow->setModifyParametersFunction(
        [this](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *parameters) {
            modifyParameters(static_cast<int>(stage), parameters);
        });
    return true;
}

void AuthorizationCodeFlow::start(const Profile &profile, const QString &clientSecret)
{
    QString problem;
    m_refreshing = false;
    if (!prepare(profile, clientSecret, true, &problem)) {
        TokenResult result;
        result.status = FlowStatus::UsageError;
        result.message = problem;
        QTimer::singleShot(0, this, [this, result] { Q_EMIT finished(result); });
        return;
    }
    // 6.4's default handler listens on every interface: bind the loopback address only (RFC 8252 §8.3).
    m_listener
        = new QOAuthHttpServerReplyHandler(QHostAddress::LocalHost, quint16(profile.redirectPort), this);
    if (!m_listener->isListening()) {
        fail(FlowStatus::UsageError,
             tr("Cannot listen on 127.0.0.1:%1 for the redirect: the port is in use or not allowed.")
                 .arg(profile.redirectPort),
             tr("Choose another redirect port, or 0 for any free port."));
        return;
    }
    m_listener->setCallbackPath(profile.redirectPath);
    m_redirectUri = QUrl(m_listener->callback());
    m_flow->setReplyHandler(m_listener);
    connect(m_listener, &QAbstractOAuthReplyHandler::callbackReceived, this,
            &AuthorizationCodeFlow::handleCallback);

    m_state = Pkce::randomToken(32); // 6.4 seeds its own state from the clock
    m_flow->setState(m_state);
    m_verifier = profile.pkceMethod == Pkce::Method::None ? QByteArray() : Pkce::generateVerifier(64);
    m_nonce = hasOpenIdScope(profile.scope) ? Pkce::randomToken(24) : QString();

    connect(m_flow, &QOAuth2AuthorizationCodeFlow::authorizeWithBrowser, this, [this](const QUrl &url) {
        QList<QPair<QString, QString>> parameters;
        const QList<QPair<QString, QString>> items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
        for (const auto &item : items)
            parameters.append(item);
        if (!m_verifier.isEmpty())
            parameters.append(
                { QStringLiteral("code_verifier (kept by the client)"), QString::fromLatin1(m_verifier) });
        step(FlowStep::Kind::AuthorizationUrlBuilt, tr("Authorization URL built"),
             tr("The browser is sent to the authorization endpoint; the redirect comes back to %1.")
                 .arg(redirectUri().toString()),
             QStringLiteral("RFC 6749 §4.1.1, RFC 7636 §4.3"), parameters);
        m_callbackTimer.start(m_callbackTimeoutSeconds * 1000);
        Q_EMIT authorizationUrlReady(url);
    });
    m_flow->grant();
}

void AuthorizationCodeFlow::refresh(const Profile &profile, const QString &clientSecret,
                                    const QString &refreshToken)
{
    QString problem;
    m_refreshing = true;
    if (refreshToken.isEmpty())
        problem = tr("There is no refresh token to use.");
    if (!problem.isEmpty() || !prepare(profile, clientSecret, false, &problem)) {
        TokenResult result;
        result.status = FlowStatus::UsageError;
        result.message = problem;
        QTimer::singleShot(0, this, [this, result] { Q_EMIT finished(result); });
        return;
    }
    m_previousRefreshToken = refreshToken;
    m_verifier.clear();
    m_nonce.clear();
    m_flow->setReplyHandler(new QOAuthOobReplyHandler(m_flow)); // no listener: nothing comes back by redirect
    m_flow->setRefreshToken(refreshToken);
    step(FlowStep::Kind::CodeExchanged, tr("Refresh token sent"),
         tr("The client trades its refresh token for a new access token."), QStringLiteral("RFC 6749 §6"));
    m_flow->refreshAccessToken();
}

void AuthorizationCodeFlow::cancel()
{
    if (m_running)
        fail(FlowStatus::UsageError, tr("Cancelled."));
}

void AuthorizationCodeFlow::modifyParameters(int stage, QMultiMap<QString, QVariant> *parameters)
{
    using Stage = QAbstractOAuth::Stage;
    const auto replace = [parameters](const QString &key, const QString &value) {
        parameters->remove(key);
        parameters->insert(key, encoded(value));
    };
    const auto addResources = [this, parameters] {
        for (const QString &resource : std::as_const(m_profile.resources))
            parameters->insert(QStringLiteral("resource"), encoded(resource));
    };
    switch (static_cast<Stage>(stage)) {
    case Stage::RequestingAuthorization:
        // 6.4 inserts client_id, scope, state and redirect_uri unencoded: a '+' or '%' would change meaning.
        replace(QStringLiteral("client_id"), m_profile.clientId);
        replace(QStringLiteral("state"), m_state);
        replace(QStringLiteral("redirect_uri"), redirectUri().toString());
        if (m_profile.scope.simplified().isEmpty())
            parameters->remove(QStringLiteral("scope"));
        else
            replace(QStringLiteral("scope"), m_profile.scope.simplified());
        if (!m_verifier.isEmpty()) {
            replace(QStringLiteral("code_challenge"),
                    QString::fromLatin1(Pkce::challenge(m_verifier, m_profile.pkceMethod)));
            replace(QStringLiteral("code_challenge_method"), Pkce::methodName(m_profile.pkceMethod));
        }
        if (!m_nonce.isEmpty())
            replace(QStringLiteral("nonce"), m_nonce);
        if (!m_profile.audience.isEmpty())
            replace(QStringLiteral("audience"), m_profile.audience);
        addResources();
        for (const auto &extra : std::as_const(m_profile.extraParameters))
            parameters->insert(extra.first, encoded(extra.second));
        break;
    case Stage::RequestingAccessToken: {
        // 6.4 percent-encodes the code it received still encoded: decode Qt's layer, then the form layer.
        const QString doubled = parameters->value(QStringLiteral("code")).toString();
        QByteArray once = QByteArray::fromPercentEncoding(doubled.toUtf8());
        once.replace('+', ' ');
        replace(QStringLiteral("code"), QString::fromUtf8(QByteArray::fromPercentEncoding(once)));
        replace(QStringLiteral("redirect_uri"),
                m_redirectUri.toString()); // must equal the authorization request's
        if (!m_verifier.isEmpty())
            replace(QStringLiteral("code_verifier"), QString::fromLatin1(m_verifier));
        parameters->remove(QStringLiteral("client_secret"));
        if (m_profile.authMethod == ClientAuthMethod::ClientSecretBasic)
            parameters->remove(QStringLiteral("client_id"));
        else if (m_profile.authMethod == ClientAuthMethod::ClientSecretPost)
            replace(QStringLiteral("client_secret"), m_secret);
        addResources();
        break;
    }
    case Stage::RefreshingAccessToken:
        // 6.4 adds redirect_uri and an empty client_secret to refresh requests; RFC 6749 §6 has neither.
        parameters->remove(QStringLiteral("redirect_uri"));
        parameters->remove(QStringLiteral("client_secret"));
        replace(QStringLiteral("refresh_token"), m_previousRefreshToken);
        if (m_profile.authMethod == ClientAuthMethod::ClientSecretBasic)
            parameters->remove(QStringLiteral("client_id"));
        else
            replace(QStringLiteral("client_id"), m_profile.clientId);
        if (m_profile.authMethod == ClientAuthMethod::ClientSecretPost)
            replace(QStringLiteral("client_secret"), m_secret);
        addResources();
        break;
    case Stage::RequestingTemporaryCredentials:
        break;
    }
}

void AuthorizationCodeFlow::handleCallback(const QVariantMap &parameters)
{
    if (!m_running || m_callbackSeen) {
        if (m_listener)
            m_listener->setCallbackText(
                pageFor(false, tr("This sign-in was already handled; close this tab.")));
        return;
    }
    m_callbackSeen = true;
    m_callbackTimer.stop();
    const CallbackCheck check = checkCallback(parameters, m_state, m_profile.endpoints.issuer.toString(),
                                              m_requireIss || m_profile.endpoints.issParameterSupported);
    QList<QPair<QString, QString>> shown;
    for (auto it = parameters.constBegin(); it != parameters.constEnd(); ++it)
        shown.append({ it.key(), TextSanitizer::sanitize(callbackValue(parameters, it.key()), false, 300) });
    if (m_listener) {
        m_listener->setCallbackText(pageFor(check.status == FlowStatus::Success,
                                            check.status == FlowStatus::Success
                                                ? tr("You can close this tab and return to OAuth Debugger.")
                                                : check.message));
        m_listener->close(); // one callback only: the port is free again
    }
    if (check.status != FlowStatus::Success) {
        step(FlowStep::Kind::CallbackReceived, tr("Callback rejected"), check.message,
             QStringLiteral("RFC 6749 §4.1.2"), shown, {}, false);
        fail(check.status, check.message,
             check.error.isEmpty() ? QString() : TokenEndpointReply::hintForOAuthError(check.error.error),
             check.error);
        return;
    }
    step(FlowStep::Kind::CallbackReceived, tr("Callback received"),
         tr("The code arrived with the expected state; it is exchanged at the token endpoint."),
         QStringLiteral("RFC 6749 §4.1.2, §10.12"), shown);
}

void AuthorizationCodeFlow::handleExchange(const HttpExchange &exchange, const QString &transportError,
                                           bool timedOut, bool tooLarge)
{
    if (exchange.id > 0) // a request refused at a teaching gate never went out
        m_exchangeIds.append(exchange.id);
    if (!m_running)
        return;
    step(FlowStep::Kind::CodeExchanged, m_refreshing ? tr("Refresh request answered") : tr("Code exchanged"),
         tr("%1 %2 answered %3.")
             .arg(QString::fromLatin1(exchange.method), exchange.url.toDisplayString(),
                  exchange.status ? QString::number(exchange.status) : transportError),
         m_refreshing ? QStringLiteral("RFC 6749 §6") : QStringLiteral("RFC 6749 §4.1.3, RFC 7636 §4.5"), {},
         { exchange.id }, transportError.isEmpty() && exchange.status >= 200 && exchange.status < 300);
    HttpResult reply;
    reply.exchange = exchange;
    reply.exchangeIds = { exchange.id };
    if (!transportError.isEmpty()) {
        reply.error = timedOut ? TransportError::Timeout
            : tooLarge         ? TransportError::TooLarge
                               : TransportError::Network;
        reply.errorMessage = transportError;
    }
    TokenResult result = TokenEndpointReply::interpret(reply);
    if (!result.ok()) {
        if (result.oauthError.error == QLatin1String("invalid_grant") && m_refreshing)
            result.hint = tr(
                "The refresh token is no longer valid (expired, revoked or already used): sign in again.");
        finish(result);
        return;
    }
    step(FlowStep::Kind::TokensReceived, tr("Tokens received"),
         result.token.idToken.isEmpty() ? tr("Access token received.")
                                        : tr("Access token and ID token received."),
         QStringLiteral("RFC 6749 §5.1"), {}, { exchange.id });
    if (m_refreshing && !result.token.refreshToken.isEmpty()
        && result.token.refreshToken != m_previousRefreshToken)
        result.warnings.append(tr("The server rotated the refresh token: use the new one from now on."));
    else if (m_refreshing && result.token.refreshToken.isEmpty())
        result.token.refreshToken
            = m_previousRefreshToken; // none issued: the old one stays valid (RFC 6749 §6)
    if (!m_nonce.isEmpty() || !result.token.idToken.isEmpty()) {
        validateIdToken(result);
        return;
    }
    finish(result);
}

void AuthorizationCodeFlow::validateIdToken(TokenResult result)
{
    if (result.token.idToken.isEmpty()) {
        if (!m_refreshing) {
            result.status = FlowStatus::ValidationError;
            result.message
                = tr("The openid scope was requested, but no ID token came back (OIDC Core §3.1.3.3).");
        }
        finish(result);
        return;
    }
    InspectionRequest request;
    request.token = result.token.idToken;
    request.jwksUrl = m_profile.endpoints.jwks;
    request.issuer = m_profile.endpoints.issuer;
    request.transport = m_profile.transportOptions();
    IdTokenExpectations expectations;
    expectations.issuer = m_profile.endpoints.issuer.toString();
    expectations.clientId = m_profile.clientId;
    expectations.nonce = m_refreshing ? QString() : m_nonce;
    request.idToken = expectations;
    auto *inspector = new TokenInspector(m_http, m_jwks, this);
    connect(inspector, &TokenInspector::finished, this,
            [this, inspector, result](const InspectionResult &inspection) mutable {
                inspector->deleteLater();
                result.findings += inspection.findings;
                result.exchangeIds += inspection.exchangeIds;
                if (inspection.status != FlowStatus::Success) {
                    result.status = inspection.status;
                    result.message = tr("The ID token failed validation: %1").arg(inspection.message);
                    step(FlowStep::Kind::IdTokenValidated, tr("ID token rejected"), inspection.message,
                         QStringLiteral("OIDC Core §3.1.3.7"), {}, inspection.exchangeIds, false);
                } else {
                    step(FlowStep::Kind::IdTokenValidated, tr("ID token validated"),
                         inspection.verification
                             ? inspection.verification->message
                             : tr("Claims checked; the signature was not checked (no JWKS or issuer)."),
                         QStringLiteral("OIDC Core §3.1.3.7"), {}, inspection.exchangeIds);
                }
                finish(result);
            });
    inspector->inspect(request);
}

void AuthorizationCodeFlow::fail(FlowStatus status, const QString &message, const QString &hint,
                                 const OAuthError &error)
{
    TokenResult result;
    result.status = status;
    result.message = message;
    result.hint = hint;
    result.oauthError = error;
    step(FlowStep::Kind::Failed, tr("Flow failed"), message, QString(), {}, {}, false);
    finish(result);
}

void AuthorizationCodeFlow::finish(TokenResult result)
{
    if (!m_running)
        return;
    m_running = false;
    result.exchangeIds = m_exchangeIds + result.exchangeIds;
    result.insecure = result.insecure || m_profile.insecure;
    teardown();
    Q_EMIT finished(result);
}

void AuthorizationCodeFlow::step(FlowStep::Kind kind, const QString &title, const QString &detail,
                                 const QString &reference, const QList<QPair<QString, QString>> &parameters,
                                 const QList<int> &exchangeIds, bool ok)
{
    FlowStep s;
    s.kind = kind;
    s.title = title;
    s.detail = detail;
    s.reference = reference;
    s.parameters = parameters;
    s.exchangeIds = exchangeIds;
    s.ok = ok;
    Q_EMIT stepReached(s);
}

void AuthorizationCodeFlow::teardown()
{
    m_callbackTimer.stop();
    if (m_listener) {
        m_listener->close();
        // Qt writes its answer to the browser after callbackReceived returns: let it flush first.
        QTimer::singleShot(2000, m_listener, &QObject::deleteLater);
    }
    if (m_flow) {
        m_flow->disconnect(this);
        m_flow->deleteLater();
    }
    if (m_manager) {
        m_manager->disconnect(this);
        m_manager->deleteLater();
    }
}
