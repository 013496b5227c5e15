#include "ServerMetadata.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ServerMetadata", text);
}

QStringList stringList(const QJsonObject &object, QLatin1String key, QStringList *warnings)
{
    const QJsonValue value = object.value(key);
    QStringList list;
    if (value.isUndefined() || value.isNull())
        return list;
    if (!value.isArray()) {
        warnings->append(tr("%1 is not a list; ignored.").arg(key));
        return list;
    }
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (item.isString())
            list.append(item.toString());
    }
    if (list.size() != array.size())
        warnings->append(tr("%1 holds entries that are not strings; they were ignored.").arg(key));
    return list;
}

QUrl url(const QJsonObject &object, QLatin1String key, QStringList *warnings)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    const QUrl parsed(value.toString(), QUrl::StrictMode);
    const QString scheme = parsed.scheme();
    if (!value.isString() || !parsed.isValid() || parsed.host().isEmpty()
        || (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
        warnings->append(tr("%1 is not an absolute http(s) URL; ignored.").arg(key));
        return {};
    }
    return parsed;
}
} // namespace

std::optional<ServerMetadata> ServerMetadata::parse(const QByteArray &json, QString *error,
                                                    QStringList *warnings)
{
    QStringList ignored;
    if (!warnings)
        warnings = &ignored;
    auto fail = [error](const QString &message) -> std::optional<ServerMetadata> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(tr("The metadata is not valid JSON (at byte %1: %2).")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    if (!document.isObject())
        return fail(tr("The metadata is not a JSON object."));
    const QJsonObject object = document.object();
    const QJsonValue issuer = object.value(QLatin1String("issuer"));
    if (!issuer.isString() || issuer.toString().isEmpty())
        return fail(tr("The metadata has no issuer (RFC 8414 §2 requires it)."));

    ServerMetadata metadata;
    metadata.raw = object;
    metadata.endpoints.issuer = QUrl(issuer.toString(), QUrl::StrictMode);
    metadata.tokenEndpoint = url(object, QLatin1String("token_endpoint"), warnings);
    metadata.endpoints.authorization = url(object, QLatin1String("authorization_endpoint"), warnings);
    metadata.endpoints.introspection = url(object, QLatin1String("introspection_endpoint"), warnings);
    metadata.endpoints.revocation = url(object, QLatin1String("revocation_endpoint"), warnings);
    metadata.endpoints.userinfo = url(object, QLatin1String("userinfo_endpoint"), warnings);
    metadata.endpoints.jwks = url(object, QLatin1String("jwks_uri"), warnings);
    metadata.endpoints.deviceAuthorization
        = url(object, QLatin1String("device_authorization_endpoint"), warnings);
    metadata.endpoints.pushedAuthorization
        = url(object, QLatin1String("pushed_authorization_request_endpoint"), warnings);
    metadata.grantTypes = stringList(object, QLatin1String("grant_types_supported"), warnings);
    metadata.responseTypes = stringList(object, QLatin1String("response_types_supported"), warnings);
    metadata.tokenEndpointAuthMethods
        = stringList(object, QLatin1String("token_endpoint_auth_methods_supported"), warnings);
    metadata.codeChallengeMethods
        = stringList(object, QLatin1String("code_challenge_methods_supported"), warnings);
    metadata.idTokenSigningAlgs
        = stringList(object, QLatin1String("id_token_signing_alg_values_supported"), warnings);
    metadata.scopes = stringList(object, QLatin1String("scopes_supported"), warnings);
    metadata.authorizationResponseIssParameterSupported
        = object.value(QLatin1String("authorization_response_iss_parameter_supported")).toBool(false);
    metadata.endpoints.issParameterSupported = metadata.authorizationResponseIssParameterSupported;
    metadata.requirePushedAuthorizationRequests
        = object.value(QLatin1String("require_pushed_authorization_requests")).toBool(false);
    // RFC 8414 §2 defaults for absent lists.
    if (metadata.grantTypes.isEmpty() && !object.contains(QLatin1String("grant_types_supported")))
        metadata.grantTypes = { QStringLiteral("authorization_code"), QStringLiteral("implicit") };
    if (metadata.tokenEndpointAuthMethods.isEmpty()
        && !object.contains(QLatin1String("token_endpoint_auth_methods_supported")))
        metadata.tokenEndpointAuthMethods = { QStringLiteral("client_secret_basic") };
    return metadata;
}
