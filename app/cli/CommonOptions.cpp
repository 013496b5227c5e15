#include "CommonOptions.h"

#include "Console.h"
#include "TransportOptions.h"

#include <QFileInfo>
#include <QHash>
#include <algorithm>

void TransportFlags::applyTo(Profile *profile) const
{
    if (timeoutSeconds)
        profile->timeoutSeconds = *timeoutSeconds;
    if (caFile)
        profile->caFile = *caFile;
    if (insecure)
        profile->insecure = true;
}

void TransportFlags::applyTo(TransportOptions *options) const
{
    if (timeoutSeconds)
        options->timeoutMs = *timeoutSeconds * 1000;
    if (caFile)
        options->caFile = *caFile;
    if (insecure)
        options->insecure = true;
}

CommonOptions::CommonOptions()
    : m_tokenUrl(QStringLiteral("token-url"), tr("Token endpoint URL."), tr("URL"))
    , m_clientId(QStringLiteral("client-id"), tr("Client identifier."), tr("ID"))
    , m_auth(
          QStringLiteral("auth"),
          tr("Client authentication: basic (client_secret_basic, the default), post (client_secret_post) or "
             "none."),
          tr("METHOD"))
    , m_scope(QStringLiteral("scope"), tr("Space-separated scopes to request."), tr("SCOPES"))
    , m_audience(QStringLiteral("audience"), tr("Audience parameter to send."), tr("AUDIENCE"))
    , m_resource(QStringLiteral("resource"),
                 tr("Resource indicator, an absolute URI (RFC 8707). Repeatable."), tr("URI"))
    , m_param(QStringLiteral("param"), tr("Extra token request parameter. Repeatable."), tr("NAME=VALUE"))
    , m_timeout(QStringLiteral("timeout"),
                tr("Deadline for each HTTP exchange, 1 to 3600 seconds (default 30)."), tr("SECONDS"))
    , m_cacert(QStringLiteral("cacert"), tr("Also trust the CA certificates in this PEM file."), tr("FILE"))
    , m_insecure(QStringLiteral("insecure"), tr("Do not verify TLS certificates (marked in every result)."))
{
}

void CommonOptions::addClientOptions(QCommandLineParser *parser)
{
    parser->addOptions({ m_tokenUrl, m_clientId, m_auth, m_scope, m_audience, m_resource, m_param });
    m_tokenOptionsAdded = true;
    m_authOptionsAdded = true;
}

void CommonOptions::addClientAuthOptions(QCommandLineParser *parser)
{
    parser->addOptions({ m_clientId, m_auth });
    m_authOptionsAdded = true;
}

void CommonOptions::addTransportOptions(QCommandLineParser *parser) const
{
    parser->addOptions({ m_timeout, m_cacert, m_insecure });
}

bool CommonOptions::applyClientOptions(const QCommandLineParser &parser, Profile *profile,
                                       QString *error) const
{
    if (m_authOptionsAdded) {
        if (parser.isSet(m_clientId))
            profile->clientId = parser.value(m_clientId);
        if (parser.isSet(m_auth)) {
            const std::optional<ClientAuthMethod> method = clientAuthMethodFromName(parser.value(m_auth));
            if (!method) {
                *error
                    = tr("--auth: unknown method \"%1\" (use basic, post or none)").arg(parser.value(m_auth));
                return false;
            }
            profile->authMethod = *method;
        }
    }
    if (!m_tokenOptionsAdded)
        return true;
    if (parser.isSet(m_tokenUrl))
        profile->tokenUrl = QUrl(parser.value(m_tokenUrl), QUrl::StrictMode);
    if (parser.isSet(m_scope))
        profile->scope = parser.value(m_scope);
    if (parser.isSet(m_audience))
        profile->audience = parser.value(m_audience);
    if (parser.isSet(m_resource))
        profile->resources = parser.values(m_resource);
    // A --param replaces the profile's parameter of the same name, or adds one.
    const QStringList parameters = parser.values(m_param);
    for (const QString &parameter : parameters) {
        const qsizetype equals = parameter.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            *error = tr("--param: expected NAME=VALUE, got \"%1\"").arg(parameter);
            return false;
        }
        const QString name = parameter.left(equals);
        const QString value = parameter.mid(equals + 1);
        auto existing = std::find_if(profile->extraParameters.begin(), profile->extraParameters.end(),
                                     [&name](const QPair<QString, QString> &p) { return p.first == name; });
        if (existing != profile->extraParameters.end())
            existing->second = value;
        else
            profile->extraParameters.append({ name, value });
    }
    return true;
}

bool CommonOptions::readTransportOptions(const QCommandLineParser &parser, TransportFlags *flags,
                                         QString *error) const
{
    if (parser.isSet(m_timeout)) {
        bool ok = false;
        const int seconds = parser.value(m_timeout).toInt(&ok);
        if (!ok || seconds < 1 || seconds > 3600) {
            *error = tr("--timeout: expected a whole number of seconds from 1 to 3600, got \"%1\"")
                         .arg(parser.value(m_timeout));
            return false;
        }
        flags->timeoutSeconds = seconds;
    }
    if (parser.isSet(m_cacert)) {
        const QFileInfo file(parser.value(m_cacert));
        if (!file.isFile() || !file.isReadable()) {
            *error = tr("--cacert: cannot read %1").arg(parser.value(m_cacert));
            return false;
        }
        flags->caFile = file.absoluteFilePath();
    }
    flags->insecure = parser.isSet(m_insecure);
    return true;
}

QStringList CommonOptions::problems(const Profile &profile, const QStringList &ignoredFields)
{
    static const QHash<QString, QString> optionForField {
        { QStringLiteral("token_endpoint"), QStringLiteral("--token-url") },
        { QStringLiteral("client_id"), QStringLiteral("--client-id") },
        { QStringLiteral("token_endpoint_auth_method"), QStringLiteral("--auth") },
        { QStringLiteral("scope"), QStringLiteral("--scope") },
        { QStringLiteral("audience"), QStringLiteral("--audience") },
        { QStringLiteral("resources"), QStringLiteral("--resource") },
        { QStringLiteral("extra_parameters"), QStringLiteral("--param") },
        { QStringLiteral("timeout_seconds"), QStringLiteral("--timeout") },
        { QStringLiteral("ca_file"), QStringLiteral("--cacert") },
        { QStringLiteral("insecure"), QStringLiteral("--insecure") },
        { QStringLiteral("issuer"), QStringLiteral("--issuer") },
        { QStringLiteral("authorization_endpoint"), QStringLiteral("--authorization-url") },
        { QStringLiteral("introspection_endpoint"), QStringLiteral("--introspection-url") },
        { QStringLiteral("revocation_endpoint"), QStringLiteral("--revocation-url") },
        { QStringLiteral("userinfo_endpoint"), QStringLiteral("--userinfo-url") },
        { QStringLiteral("jwks_uri"), QStringLiteral("--jwks-url") },
        { QStringLiteral("redirect_port"), QStringLiteral("--redirect-port") },
        { QStringLiteral("redirect_path"), QStringLiteral("--redirect-path") },
        { QStringLiteral("pkce_method"), QStringLiteral("--pkce") },
        { QStringLiteral("browser_command"), QStringLiteral("--browser-command") },
    };
    QStringList messages;
    const QList<QPair<QString, QString>> found = profile.validate();
    for (const auto &problem : found) {
        if (ignoredFields.contains(problem.first))
            continue;
        messages.append(optionForField.value(problem.first, problem.first) + QStringLiteral(": ")
                        + problem.second);
    }
    return messages;
}

bool CommonOptions::reportProblems(Console &console, const Profile &profile, const QStringList &ignoredFields)
{
    const QStringList messages = problems(profile, ignoredFields);
    for (const QString &message : messages)
        console.error(message);
    return !messages.isEmpty();
}
