#include "Profile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QUuid>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Profile", text);
}

namespace Key {
const QLatin1String Id("id");
const QLatin1String Name("name");
const QLatin1String TokenEndpoint("token_endpoint");
const QLatin1String ClientId("client_id");
const QLatin1String AuthMethod("token_endpoint_auth_method");
const QLatin1String Scope("scope");
const QLatin1String Audience("audience");
const QLatin1String Resources("resources");
const QLatin1String ExtraParameters("extra_parameters");
const QLatin1String ParameterName("name");
const QLatin1String ParameterValue("value");
const QLatin1String Timeout("timeout_seconds");
const QLatin1String CaFile("ca_file");
const QLatin1String Insecure("insecure");
const QLatin1String RedirectPort("redirect_port");
const QLatin1String RedirectPath("redirect_path");
const QLatin1String PkceMethod("pkce_method");
const QLatin1String BrowserCommand("browser_command");
const QLatin1String AutoRefresh("auto_refresh");
const QLatin1String IssParameter("authorization_response_iss_parameter_supported");
const QLatin1String RefreshLead("refresh_lead_seconds");
const QLatin1String SandboxRole("sandbox_profile");

// Discovery metadata names (RFC 8414 §2), each with its place in ServerEndpoints.
struct EndpointKey
{
    QLatin1String key;
    QUrl ServerEndpoints::*member;
};
const EndpointKey EndpointKeys[] = {
    { QLatin1String("issuer"), &ServerEndpoints::issuer },
    { QLatin1String("authorization_endpoint"), &ServerEndpoints::authorization },
    { QLatin1String("introspection_endpoint"), &ServerEndpoints::introspection },
    { QLatin1String("revocation_endpoint"), &ServerEndpoints::revocation },
    { QLatin1String("userinfo_endpoint"), &ServerEndpoints::userinfo },
    { QLatin1String("jwks_uri"), &ServerEndpoints::jwks },
    { QLatin1String("device_authorization_endpoint"), &ServerEndpoints::deviceAuthorization },
    { QLatin1String("pushed_authorization_request_endpoint"), &ServerEndpoints::pushedAuthorization },
};
} // namespace Key

bool isHttpUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        && !url.host().isEmpty();
}
} // namespace

QString clientAuthMethodName(ClientAuthMethod method)
{
    switch (method) {
    case ClientAuthMethod::ClientSecretBasic:
        return QStringLiteral("client_secret_basic");
    case ClientAuthMethod::ClientSecretPost:
        return QStringLiteral("client_secret_post");
    case ClientAuthMethod::None:
        return QStringLiteral("none");
    }
    return {};
}

std::optional<ClientAuthMethod> clientAuthMethodFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("client_secret_basic") || n == QLatin1String("basic"))
        return ClientAuthMethod::ClientSecretBasic;
    if (n == QLatin1String("client_secret_post") || n == QLatin1String("post"))
        return ClientAuthMethod::ClientSecretPost;
    if (n == QLatin1String("none"))
        return ClientAuthMethod::None;
    return std::nullopt;
}

Profile Profile::create(const QString &name)
{
    Profile profile;
    profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    profile.name = name;
    return profile;
}

TransportOptions Profile::transportOptions() const
{
    TransportOptions options;
    options.timeoutMs = timeoutSeconds * 1000;
    options.caFile = caFile;
    options.insecure = insecure;
    return options;
}

QList<QPair<QString, QString>> Profile::validate() const
{
    QList<QPair<QString, QString>> problems;
    if (name.trimmed().isEmpty())
        problems.append({ Key::Name, tr("A profile needs a name.") });
    if (tokenUrl.isEmpty())
        problems.append({ Key::TokenEndpoint, tr("The token endpoint URL is required.") });
    else if (!isHttpUrl(tokenUrl))
        problems.append(
            { Key::TokenEndpoint, tr("The token endpoint must be an absolute http:// or https:// URL.") });
    else if (tokenUrl.hasFragment())
        problems.append(
            { Key::TokenEndpoint, tr("The token endpoint must not contain a fragment (RFC 6749 §3.2).") });
    if (clientId.isEmpty())
        problems.append({ Key::ClientId, tr("The client ID is required.") });
    for (const Key::EndpointKey &endpoint : Key::EndpointKeys) {
        const QUrl &url = endpoints.*endpoint.member;
        if (!url.isEmpty() && !isHttpUrl(url))
            problems.append(
                { endpoint.key, tr("%1 must be an absolute http:// or https:// URL.").arg(endpoint.key) });
    }
    for (const QString &resource : resources) {
        const QUrl url(resource, QUrl::StrictMode);
        if (!url.isValid() || url.isRelative() || url.hasFragment()) {
            problems.append(
                { Key::Resources,
                  tr("Resource indicator \"%1\" must be an absolute URI without a fragment (RFC 8707 §2).")
                      .arg(resource) });
            break;
        }
    }
    for (const auto &parameter : extraParameters) {
        if (parameter.first.trimmed().isEmpty()) {
            problems.append({ Key::ExtraParameters, tr("Every extra parameter needs a name.") });
            break;
        }
    }
    if (timeoutSeconds <= 0 || timeoutSeconds > 3600)
        problems.append({ Key::Timeout, tr("The timeout must be between 1 and 3600 seconds.") });
    if (redirectPort < 0 || redirectPort > 65535)
        problems.append(
            { Key::RedirectPort, tr("The redirect port must be between 0 (any free port) and 65535.") });
    if (!redirectPath.startsWith(QLatin1Char('/')) || redirectPath.contains(QLatin1Char('?'))
        || redirectPath.contains(QLatin1Char('#')))
        problems.append({ Key::RedirectPath,
                          tr("The redirect path must start with \"/\" and have no query or fragment.") });
    if (!browserCommand.isEmpty() && !browserCommand.contains(QLatin1String("%u")))
        problems.append(
            { Key::BrowserCommand, tr("The browser command must contain %u where the URL goes.") });
    if (refreshLeadSeconds < 0 || refreshLeadSeconds > 86400)
        problems.append({ Key::RefreshLead, tr("Refresh between 0 and 86400 seconds before expiry.") });
    if (insecure && tokenUrl.scheme() == QLatin1String("http"))
        problems.append(
            { Key::Insecure, tr("\"Accept invalid certificates\" only applies to https:// endpoints.") });
    return problems;
}

QJsonObject Profile::toJson() const
{
    QJsonObject object;
    object.insert(Key::Id, id);
    object.insert(Key::Name, name);
    object.insert(Key::TokenEndpoint, tokenUrl.toString());
    object.insert(Key::ClientId, clientId);
    object.insert(Key::AuthMethod, clientAuthMethodName(authMethod));
    object.insert(Key::Scope, scope);
    object.insert(Key::Audience, audience);
    object.insert(Key::Resources, QJsonArray::fromStringList(resources));
    QJsonArray parameters;
    for (const auto &parameter : extraParameters)
        parameters.append(QJsonObject { { Key::ParameterName, parameter.first },
                                        { Key::ParameterValue, parameter.second } });
    object.insert(Key::ExtraParameters, parameters);
    object.insert(Key::Timeout, timeoutSeconds);
    object.insert(Key::CaFile, caFile);
    object.insert(Key::Insecure, insecure);
    for (const Key::EndpointKey &endpoint : Key::EndpointKeys) {
        const QUrl &url = endpoints.*endpoint.member;
        if (!url.isEmpty())
            object.insert(endpoint.key, url.toString());
    }
    object.insert(Key::RedirectPort, redirectPort);
    object.insert(Key::RedirectPath, redirectPath);
    object.insert(Key::PkceMethod, Pkce::methodName(pkceMethod));
    if (!browserCommand.isEmpty())
        object.insert(Key::BrowserCommand, browserCommand);
    object.insert(Key::AutoRefresh, autoRefresh);
    if (endpoints.issParameterSupported)
        object.insert(Key::IssParameter, true);
    object.insert(Key::RefreshLead, refreshLeadSeconds);
    if (!sandboxRole.isEmpty())
        object.insert(Key::SandboxRole, sandboxRole);
    return object;
}

std::optional<Profile> Profile::fromJson(const QJsonObject &object, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<Profile> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const auto stringField = [&object](QLatin1String key, QString *out) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isString())
            return false;
        *out = value.toString();
        return true;
    };

    Profile profile;
    QString tokenUrl;
    QString authMethod = QStringLiteral("client_secret_basic");
    if (!stringField(Key::Id, &profile.id) || !stringField(Key::Name, &profile.name)
        || !stringField(Key::TokenEndpoint, &tokenUrl) || !stringField(Key::ClientId, &profile.clientId)
        || !stringField(Key::AuthMethod, &authMethod) || !stringField(Key::Scope, &profile.scope)
        || !stringField(Key::Audience, &profile.audience) || !stringField(Key::CaFile, &profile.caFile))
        return fail(tr("A text field holds something other than text."));
    if (profile.name.trimmed().isEmpty())
        return fail(tr("A profile has no name."));
    if (profile.id.isEmpty())
        profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    profile.tokenUrl = QUrl(tokenUrl, QUrl::StrictMode);
    const auto method = clientAuthMethodFromName(authMethod);
    if (!method)
        return fail(
            tr("Profile \"%1\": unknown client authentication method \"%2\".").arg(profile.name, authMethod));
    profile.authMethod = *method;

    const QJsonValue resources = object.value(Key::Resources);
    if (resources.isArray()) {
        const QJsonArray array = resources.toArray();
        for (const QJsonValue &value : array) {
            if (!value.isString())
                return fail(tr("Profile \"%1\": resources must be a list of URIs.").arg(profile.name));
            profile.resources.append(value.toString());
        }
    } else if (!resources.isUndefined() && !resources.isNull()) {
        return fail(tr("Profile \"%1\": resources must be a list of URIs.").arg(profile.name));
    }

    const QJsonValue parameters = object.value(Key::ExtraParameters);
    if (parameters.isArray()) {
        const QJsonArray array = parameters.toArray();
        for (const QJsonValue &value : array) {
            const QJsonObject parameter = value.toObject();
            if (!value.isObject() || !parameter.value(Key::ParameterName).isString())
                return fail(tr("Profile \"%1\": extra parameters must be {\"name\", \"value\"} objects.")
                                .arg(profile.name));
            profile.extraParameters.append({ parameter.value(Key::ParameterName).toString(),
                                             parameter.value(Key::ParameterValue).toString() });
        }
    } else if (!parameters.isUndefined() && !parameters.isNull()) {
        return fail(tr("Profile \"%1\": extra parameters must be a list.").arg(profile.name));
    }

    const QJsonValue timeout = object.value(Key::Timeout);
    if (timeout.isDouble())
        profile.timeoutSeconds = timeout.toInt(30);
    else if (!timeout.isUndefined() && !timeout.isNull())
        return fail(tr("Profile \"%1\": timeout_seconds must be a number.").arg(profile.name));
    profile.insecure = object.value(Key::Insecure).toBool(false);
    for (const Key::EndpointKey &endpoint : Key::EndpointKeys) {
        const QJsonValue value = object.value(endpoint.key);
        if (value.isString())
            profile.endpoints.*endpoint.member = QUrl(value.toString(), QUrl::StrictMode);
        else if (!value.isUndefined() && !value.isNull())
            return fail(tr("Profile \"%1\": %2 must be a URL.").arg(profile.name, endpoint.key));
    }
    profile.redirectPort = object.value(Key::RedirectPort).toInt(0);
    if (object.value(Key::RedirectPath).isString())
        profile.redirectPath = object.value(Key::RedirectPath).toString();
    if (object.contains(Key::PkceMethod)) {
        const auto pkce = Pkce::methodFromName(object.value(Key::PkceMethod).toString());
        if (!pkce)
            return fail(tr("Profile \"%1\": unknown PKCE method \"%2\".")
                            .arg(profile.name, object.value(Key::PkceMethod).toString()));
        profile.pkceMethod = *pkce;
    }
    profile.browserCommand = object.value(Key::BrowserCommand).toString();
    profile.autoRefresh = object.value(Key::AutoRefresh).toBool(false);
    profile.endpoints.issParameterSupported = object.value(Key::IssParameter).toBool(false);
    profile.refreshLeadSeconds = object.value(Key::RefreshLead).toInt(60);
    profile.sandboxRole = object.value(Key::SandboxRole).toString();
    return profile;
}

bool Profile::operator==(const Profile &other) const
{
    return id == other.id && name == other.name && tokenUrl == other.tokenUrl && endpoints == other.endpoints
        && redirectPort == other.redirectPort && redirectPath == other.redirectPath
        && pkceMethod == other.pkceMethod && browserCommand == other.browserCommand
        && clientId == other.clientId && authMethod == other.authMethod && scope == other.scope
        && audience == other.audience && resources == other.resources
        && extraParameters == other.extraParameters && timeoutSeconds == other.timeoutSeconds
        && caFile == other.caFile && insecure == other.insecure && sandboxRole == other.sandboxRole;
}
