#include "TokenEndpointReply.h"

#include <QCoreApplication>

namespace TokenEndpointReply {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TokenEndpointReply", text);
}
} // namespace

FlowStatus statusForTransportError(TransportError error)
{
    switch (error) {
    case TransportError::None:
        return FlowStatus::Success;
    case TransportError::Network:
    case TransportError::Tls:
    case TransportError::Timeout:
        return FlowStatus::TransportError;
    case TransportError::TooLarge:
    case TransportError::RedirectRefused:
        return FlowStatus::ServerError; // the server answered, with something we must not accept
    case TransportError::Configuration:
        return FlowStatus::UsageError;
    }
    return FlowStatus::TransportError;
}

QString hintForTransportError(TransportError error)
{
    switch (error) {
    case TransportError::Network:
        return tr("Is the server running, and are the host and port in the URL right?");
    case TransportError::Tls:
        return tr("For a private or self-signed CA, pass its certificate with --cacert (or the profile's CA "
                  "file).");
    case TransportError::Timeout:
        return tr("The server did not finish answering in time; raise the timeout or check the server.");
    case TransportError::TooLarge:
        return tr("A token endpoint never needs this much: the URL probably points at something else.");
    case TransportError::RedirectRefused:
        return tr("Use the final URL of the endpoint, so that no redirect is needed.");
    case TransportError::Configuration:
        return tr("Check the URL and the CA file.");
    case TransportError::None:
        break;
    }
    return {};
}

QString hintForOAuthError(const QString &error)
{
    if (error == QLatin1String("invalid_client"))
        return tr(
            "Client authentication failed: check the client ID, the secret, and the authentication method "
            "(client_secret_basic or client_secret_post) that the server expects.");
    if (error == QLatin1String("unauthorized_client"))
        return tr("This client is not allowed to use this grant type; check its registration on the server.");
    if (error == QLatin1String("unsupported_grant_type"))
        return tr("The server does not support this grant type at this endpoint.");
    if (error == QLatin1String("invalid_scope"))
        return tr("A requested scope is unknown or not allowed for this client.");
    if (error == QLatin1String("invalid_target"))
        return tr("The server does not know the requested resource indicator or audience (RFC 8707).");
    if (error == QLatin1String("invalid_grant"))
        return tr(
            "The grant (code, refresh token or credentials) is invalid, expired or revoked: start the flow "
            "again.");
    if (error == QLatin1String("invalid_request"))
        return tr("A parameter is missing, repeated or malformed; the description says which.");
    if (error == QLatin1String("access_denied"))
        return tr("The user or the server refused the request.");
    return {};
}

QString hintForHttpStatus(int status)
{
    if (status == 404)
        return tr("Check the token endpoint URL (discovery documents list the right one).");
    if (status == 405)
        return tr("Token endpoints accept POST only; the URL may point at another resource.");
    if (status == 401 || status == 403)
        return tr("The server refused the client's credentials.");
    if (status >= 500)
        return tr("The server failed; its logs will say why.");
    if (status >= 300 && status < 400)
        return tr("The server redirected instead of answering; use the final URL.");
    return {};
}

TokenResult interpret(const HttpResult &reply)
{
    TokenResult result;
    result.exchangeIds = reply.exchangeIds;
    result.insecure = reply.exchange.insecure;
    if (!reply.ok()) {
        result.status = statusForTransportError(reply.error);
        result.message = reply.errorMessage;
        result.hint = hintForTransportError(reply.error);
        return result;
    }
    const HttpExchange &exchange = reply.exchange;
    const TokenParseResult parsed
        = parseTokenResponse(exchange.status, exchange.responseHeader("content-type"), exchange.responseBody,
                             QDateTime::currentDateTimeUtc());
    result.warnings = parsed.warnings;
    switch (parsed.kind) {
    case TokenParseResult::Kind::Success:
        result.status = FlowStatus::Success;
        result.token = parsed.token;
        return result;
    case TokenParseResult::Kind::OAuthError:
        result.status = FlowStatus::ServerError;
        result.oauthError = parsed.error;
        result.message = parsed.message;
        result.hint = hintForOAuthError(parsed.error.error);
        return result;
    case TokenParseResult::Kind::HttpError:
        result.status = FlowStatus::ServerError;
        result.oauthError.httpStatus = exchange.status;
        result.message = parsed.message;
        if (!parsed.bodyExcerpt.isEmpty())
            result.message += QLatin1Char(' ') + tr("Body: %1").arg(parsed.bodyExcerpt);
        result.hint = hintForHttpStatus(exchange.status);
        return result;
    case TokenParseResult::Kind::Malformed:
        result.status = FlowStatus::ServerError;
        result.message = parsed.message;
        if (!parsed.bodyExcerpt.isEmpty())
            result.message += QLatin1Char(' ') + tr("Body: %1").arg(parsed.bodyExcerpt);
        result.hint = tr("The URL may not be a token endpoint, or the server deviates from RFC 6749 §5.1.");
        return result;
    }
    return result;
}

} // namespace TokenEndpointReply
