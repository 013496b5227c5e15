#include "EndpointResult.h"

#include "Profile.h"

#include "TextSanitizer.h"
#include "TokenEndpointReply.h"

#include <QCoreApplication>
#include <QJsonDocument>

EndpointResult EndpointResult::fromReply(const HttpResult &reply)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("EndpointResult", text); };
    EndpointResult result;
    result.exchangeIds = reply.exchangeIds;
    result.insecure = reply.exchange.insecure;
    result.httpStatus = reply.exchange.status;
    result.contentType = reply.exchange.responseHeader("content-type");
    result.body = reply.exchange.responseBody;
    if (result.httpStatus != 0)
        result.challenge
            = bearerChallengeFrom(parseWwwAuthenticate(reply.exchange.responseHeader("www-authenticate")));
    if (!reply.ok()) {
        result.status = TokenEndpointReply::statusForTransportError(reply.error);
        result.message = reply.errorMessage;
        result.hint = TokenEndpointReply::hintForTransportError(reply.error);
        return result;
    }
    const QJsonDocument document = QJsonDocument::fromJson(result.body.trimmed());
    if (document.isObject())
        result.json = document.object();
    const bool success = result.httpStatus >= 200 && result.httpStatus < 300;
    if (success) {
        result.status = FlowStatus::Success;
        return result;
    }
    result.status = FlowStatus::ServerError;
    if (result.json.value(QLatin1String("error")).isString()) {
        result.oauthError.error
            = TextSanitizer::sanitize(result.json.value(QLatin1String("error")).toString(), false, 200);
        result.oauthError.description = TextSanitizer::sanitize(
            result.json.value(QLatin1String("error_description")).toString(), true, 2000);
        result.oauthError.uri
            = TextSanitizer::sanitize(result.json.value(QLatin1String("error_uri")).toString(), false, 500);
    } else if (result.challenge.present && !result.challenge.error.isEmpty()) {
        result.oauthError.error = result.challenge.error;
        result.oauthError.description = result.challenge.errorDescription;
        result.oauthError.uri = result.challenge.errorUri;
    }
    result.oauthError.httpStatus = result.httpStatus;
    if (!result.oauthError.error.isEmpty()) {
        result.message = result.oauthError.description.isEmpty()
            ? tr("%1 (HTTP %2)").arg(result.oauthError.error).arg(result.httpStatus)
            : tr("%1: %2 (HTTP %3)")
                  .arg(result.oauthError.error, result.oauthError.description)
                  .arg(result.httpStatus);
        result.hint = TokenEndpointReply::hintForOAuthError(result.oauthError.error);
    } else {
        result.message
            = tr("HTTP %1 %2").arg(result.httpStatus).arg(TextSanitizer::fromServer(reply.exchange.reason));
        const QString excerpt = TextSanitizer::fromServer(result.body.left(2000), false, 300);
        if (!excerpt.isEmpty())
            result.message += QStringLiteral(": ") + excerpt;
        result.hint = TokenEndpointReply::hintForHttpStatus(result.httpStatus);
    }
    return result;
}

QString EndpointResult::precondition(const Profile &profile, const QUrl &endpoint,
                                     const QString &endpointName, const QString &clientSecret,
                                     bool authenticatesClient)
{
    if (endpoint.isEmpty())
        return QCoreApplication::translate(
                   "EndpointResult", "Profile \"%1\" has no %2; run discovery or enter it in the profile.")
            .arg(profile.name, endpointName);
    const QString scheme = endpoint.scheme();
    if (!endpoint.isValid() || endpoint.host().isEmpty()
        || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return QCoreApplication::translate("EndpointResult", "The %1 \"%2\" is not an http(s) URL.")
            .arg(endpointName, endpoint.toString());
    if (authenticatesClient && profile.clientId.isEmpty())
        return QCoreApplication::translate("EndpointResult", "Profile \"%1\" has no client ID.")
            .arg(profile.name);
    if (authenticatesClient && profile.needsSecret() && clientSecret.isEmpty())
        return QCoreApplication::translate(
                   "EndpointResult", "Profile \"%1\" authenticates with %2, but no client secret was given.")
            .arg(profile.name, clientAuthMethodName(profile.authMethod));
    return {};
}

EndpointResult EndpointResult::usageError(const QString &message)
{
    EndpointResult result;
    result.status = FlowStatus::UsageError;
    result.message = message;
    return result;
}
