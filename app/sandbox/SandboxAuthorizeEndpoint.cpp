#include "SandboxAuthorizeEndpoint.h"

#include "Pkce.h"
#include "SandboxClients.h"
#include "SandboxContext.h"
#include "SandboxTokenEndpoint.h"

#include <QHttpServerRequest>
#include <QUrlQuery>

namespace {

// A state that differs from the one sent (128 random bits never equal it), even when none was sent.
QString wrongState()
{
    return Pkce::randomToken(16);
}

bool isChallenge(const QString &challenge)
{
    return challenge.size() >= 43 && challenge.size() <= 128;
}

QString page(const QString &title, const QString &body)
{
    return QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
        + title.toHtmlEscaped() + QStringLiteral("</title></head><body><h1>") + title.toHtmlEscaped()
        + QStringLiteral("</h1>") + body + QStringLiteral("</body></html>");
}
} // namespace

SandboxAuthorizeEndpoint::SandboxAuthorizeEndpoint(SandboxContext *context)
    : m_context(context)
{
}

QHttpServerResponse SandboxAuthorizeEndpoint::handle(const QHttpServerRequest &request)
{
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    if (!post && request.method() != QHttpServerRequest::Method::Get)
        return SandboxHttp::methodNotAllowed("GET, POST");
    const SandboxHttp::Parameters parameters
        = post ? SandboxHttp::formBody(request) : SandboxHttp::query(request);
    const SandboxClient *client = SandboxClients::find(m_context->clients, parameters.value("client_id"));
    if (!client)
        return errorPage(tr("Unknown client_id. The sandbox does not redirect to an unverified client."));
    const QUrl redirectUri(parameters.value("redirect_uri"), QUrl::StrictMode);
    if (!parameters.has("redirect_uri") || !client->acceptsRedirectUri(redirectUri))
        return errorPage(
            tr("redirect_uri is missing or not registered for this client (loopback redirects may "
               "use any port: RFC 8252 §7.3)."));
    const QString state = parameters.value("state");
    const QString invalidRequest = QStringLiteral("invalid_request");
    if (!parameters.repeated.isEmpty())
        return redirectError(redirectUri, invalidRequest,
                             tr("parameter %1 sent more than once").arg(parameters.repeated), state);
    if (parameters.value("response_type") != QLatin1String("code"))
        return redirectError(redirectUri, QStringLiteral("unsupported_response_type"),
                             tr("the sandbox supports response_type=code only"), state);
    if (!client->allowsGrant(QStringLiteral("authorization_code")))
        return redirectError(redirectUri, QStringLiteral("unauthorized_client"), {}, state);
    const QString scope = parameters.value("scope");
    const QStringList scopes = scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &item : scopes) {
        if (!SandboxTokenEndpoint::supportedScopes().contains(item))
            return redirectError(redirectUri, QStringLiteral("invalid_scope"),
                                 tr("unknown scope %1").arg(item), state);
    }
    const QString challenge = parameters.value("code_challenge");
    // RFC 7636 §4.3: plain when the method is absent.
    const QString method = parameters.has("code_challenge_method") ? parameters.value("code_challenge_method")
                                                                   : QStringLiteral("plain");
    if (challenge.isEmpty() && client->isPublic())
        return redirectError(redirectUri, invalidRequest, tr("PKCE is required for public clients"), state);
    if (!challenge.isEmpty() && (!isChallenge(challenge)))
        return redirectError(redirectUri, invalidRequest, tr("code_challenge must have 43 to 128 characters"),
                             state);
    if (!challenge.isEmpty() && method != QLatin1String("S256") && method != QLatin1String("plain"))
        return redirectError(redirectUri, invalidRequest, tr("code_challenge_method must be S256 or plain"),
                             state);
    if (!m_context->settings.autoApprove && !post)
        return consentPage(*client, parameters);
    if (post && parameters.value("decision") != QLatin1String("approve"))
        return redirectError(redirectUri, QStringLiteral("access_denied"), tr("the user declined"), state);
    SandboxAuthorizationCode code { client->clientId,
                                    parameters.value("redirect_uri"),
                                    challenge,
                                    challenge.isEmpty() ? QString() : method,
                                    scope,
                                    parameters.value("nonce"),
                                    m_context->now() + m_context->settings.codeLifetime,
                                    m_context->now() };
    return redirect(redirectUri, { { QStringLiteral("code"), m_context->store.issueCode(code) } }, state);
}

QHttpServerResponse SandboxAuthorizeEndpoint::redirect(const QUrl &redirectUri,
                                                       const QList<QPair<QString, QString>> &parameters,
                                                       const QString &state) const
{
    QUrl target = redirectUri;
    QUrlQuery query(target);
    for (const auto &parameter : parameters)
        query.addQueryItem(parameter.first, QString::fromLatin1(QUrl::toPercentEncoding(parameter.second)));
    // The WrongState fault answers with a state the client never sent, as a forged (CSRF) callback would.
    const QString answeredState = m_context->settings.has(SandboxFault::WrongState) ? wrongState() : state;
    if (!answeredState.isEmpty())
        query.addQueryItem(QStringLiteral("state"),
                           QString::fromLatin1(QUrl::toPercentEncoding(answeredState)));
    // RFC 9207: the issuer identifies who answered (another one under the IssuerMixUp fault).
    query.addQueryItem(QStringLiteral("iss"),
                       QString::fromLatin1(QUrl::toPercentEncoding(m_context->announcedIssuer())));
    target.setQuery(query);
    QHttpServerResponse response(QHttpServerResponse::StatusCode::Found);
    response.setHeader(QByteArrayLiteral("Location"), target.toEncoded());
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

QHttpServerResponse SandboxAuthorizeEndpoint::redirectError(const QUrl &redirectUri, const QString &error,
                                                            const QString &description,
                                                            const QString &state) const
{
    QList<QPair<QString, QString>> parameters { { QStringLiteral("error"), error } };
    if (!description.isEmpty())
        parameters.append({ QStringLiteral("error_description"), description });
    return redirect(redirectUri, parameters, state);
}

QHttpServerResponse SandboxAuthorizeEndpoint::consentPage(const SandboxClient &client,
                                                          const SandboxHttp::Parameters &parameters) const
{
    QString hidden;
    for (auto it = parameters.values.constBegin(); it != parameters.values.constEnd(); ++it)
        hidden += QStringLiteral("<input type=\"hidden\" name=\"") + it.key().toHtmlEscaped()
            + QStringLiteral("\" value=\"") + it.value().toHtmlEscaped() + QStringLiteral("\">");
    const QString body = QStringLiteral("<p>")
        + tr("Sandbox: a teaching aid, NOT for production.").toHtmlEscaped() + QStringLiteral("</p><p>")
        + tr("Sign in as the demo user \"sandbox-user\" and allow %1 the scopes: %2")
              .arg(client.clientId, parameters.value("scope"))
              .toHtmlEscaped()
        + QStringLiteral("</p><form method=\"post\" action=\"/authorize\">") + hidden
        + QStringLiteral("<button name=\"decision\" value=\"approve\">")
        + tr("Sign in and allow").toHtmlEscaped()
        + QStringLiteral("</button> <button name=\"decision\" value=\"deny\">") + tr("Deny").toHtmlEscaped()
        + QStringLiteral("</button></form>");
    QHttpServerResponse response(QByteArrayLiteral("text/html; charset=utf-8"),
                                 page(tr("Sandbox sign-in"), body).toUtf8());
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    response.setHeader(QByteArrayLiteral("X-Frame-Options"), QByteArrayLiteral("DENY"));
    return response;
}

QHttpServerResponse SandboxAuthorizeEndpoint::errorPage(const QString &message)
{
    return QHttpServerResponse(QByteArrayLiteral("text/html; charset=utf-8"),
                               page(tr("Sandbox authorization error"),
                                    QStringLiteral("<p>") + message.toHtmlEscaped() + QStringLiteral("</p>"))
                                   .toUtf8(),
                               QHttpServerResponse::StatusCode::BadRequest);
}
