#include "ClientSetup.h"

#include "CliContext.h"
#include "CliParser.h"
#include "Console.h"
#include "FlowReport.h"
#include "IssuerDiscovery.h"
#include "TextSanitizer.h"

using Endpoint = EndpointOptions::Endpoint;

namespace {
std::optional<Endpoint> endpointOf(ClientSetup::Target target)
{
    switch (target) {
    case ClientSetup::Target::Introspection:
        return Endpoint::Introspection;
    case ClientSetup::Target::Revocation:
        return Endpoint::Revocation;
    case ClientSetup::Target::UserInfo:
        return Endpoint::UserInfo;
    case ClientSetup::Target::Token:
    case ClientSetup::Target::NewProfile:
        break;
    }
    return std::nullopt;
}
} // namespace

ClientSetup::ClientSetup(CliContext *context, Target target, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_target(target)
    , m_discovery(new IssuerDiscovery(context, this))
    , m_profileOption(QStringLiteral("profile"),
                      tr("Use the saved profile NAME; other options override its fields for this run."),
                      tr("NAME"))
    , m_noDiscovery(QStringLiteral("no-discovery"),
                    tr("Save --issuer without fetching its metadata; set the endpoints with their options."))
{
    connect(m_discovery, &IssuerDiscovery::succeeded, this, &ClientSetup::onDiscovered);
    connect(m_discovery, &IssuerDiscovery::failed, this, &ClientSetup::failed);
}

void ClientSetup::addOptions(QCommandLineParser *parser)
{
    switch (m_target) {
    case Target::Token:
        parser->addOption(m_profileOption);
        m_options.addClientOptions(parser);
        m_endpoints.addOptions(parser, { Endpoint::Authorization, Endpoint::Jwks });
        m_codeFlow.addOptions(parser);
        break;
    case Target::Introspection:
    case Target::Revocation:
        parser->addOption(m_profileOption);
        m_options.addClientAuthOptions(parser);
        m_endpoints.addOptions(parser, { *endpointOf(m_target) });
        break;
    case Target::UserInfo:
        parser->addOption(m_profileOption);
        m_endpoints.addOptions(parser, { Endpoint::UserInfo });
        break;
    case Target::NewProfile:
        m_options.addClientOptions(parser);
        m_endpoints.addOptions(parser,
                               { Endpoint::Authorization, Endpoint::Introspection, Endpoint::Revocation,
                                 Endpoint::UserInfo, Endpoint::Jwks });
        m_codeFlow.addOptions(parser);
        parser->addOption(m_noDiscovery);
        break;
    }
    m_options.addTransportOptions(parser);
}

QString ClientSetup::adHocRequirement() const
{
    switch (m_target) {
    case Target::Token:
        return tr("pass --profile NAME, or --token-url URL (or --issuer URL) and --client-id ID");
    case Target::Introspection:
    case Target::Revocation:
        return tr("pass --profile NAME, or %1 URL (or --issuer URL) and --client-id ID")
            .arg(EndpointOptions::optionName(*endpointOf(m_target)));
    case Target::UserInfo:
        return tr("pass --profile NAME, --userinfo-url URL or --issuer URL");
    case Target::NewProfile:
        break;
    }
    return tr("--client-id is required, and --token-url URL or --issuer URL");
}

bool ClientSetup::adHocOptionsSet(const QCommandLineParser &parser) const
{
    if (m_target == Target::NewProfile)
        return m_options.isClientIdSet(parser)
            && (m_options.isTokenUrlSet(parser) || m_endpoints.isIssuerSet(parser));
    const std::optional<Endpoint> endpoint = endpointOf(m_target);
    return m_options.isTokenUrlSet(parser) || m_options.isClientIdSet(parser)
        || m_endpoints.isIssuerSet(parser) || (endpoint && m_endpoints.isSet(parser, *endpoint));
}

std::optional<int> ClientSetup::read(const QCommandLineParser &parser, const QString &command,
                                     const QString &newName)
{
    Console &console = m_context->console();
    m_saved = isProfileSet(parser);
    if (m_saved) {
        const std::optional<Profile> found = m_context->profileByName(parser.value(m_profileOption));
        if (!found)
            return exitCodeFor(FlowStatus::UsageError);
        m_profile = *found;
    } else if (!adHocOptionsSet(parser)) {
        return CliParser::usageError(console, command, adHocRequirement());
    } else {
        m_profile = Profile::create(m_target == Target::NewProfile ? newName : tr("command line"));
    }

    QString error;
    TransportFlags transport;
    if (!m_options.applyClientOptions(parser, &m_profile, &error)
        || !m_endpoints.apply(parser, &m_profile, &error) || !m_codeFlow.apply(parser, &m_profile, &error)
        || !m_options.readTransportOptions(parser, &transport, &error))
        return CliParser::usageError(console, command, error);
    transport.applyTo(&m_profile);
    m_discover
        = m_endpoints.isIssuerSet(parser) && !(m_target == Target::NewProfile && parser.isSet(m_noDiscovery));
    m_acceptMismatch = m_endpoints.acceptsIssuerMismatch(parser);
    m_keepTokenUrl = m_options.isTokenUrlSet(parser);
    if (!check(m_discover))
        return exitCodeFor(FlowStatus::UsageError);
    return std::nullopt;
}

void ClientSetup::start()
{
    if (m_profile.insecure)
        FlowReport::printInsecureMarker(m_context->console());
    if (m_discover) {
        m_discovery->start(m_profile.endpoints.issuer, m_profile.transportOptions(), m_acceptMismatch);
        return;
    }
    Q_EMIT ready(m_profile);
}

void ClientSetup::onDiscovered(const DiscoveryResult &result)
{
    m_endpoints.applyDiscovered(result.metadata, m_keepTokenUrl, &m_profile);
    m_metadata = result.metadata;
    m_context->console().note(tr("endpoints from %1").arg(result.documentUrl.toString()));
    if (!check(false)) {
        Q_EMIT failed(exitCodeFor(FlowStatus::UsageError));
        return;
    }
    Q_EMIT ready(m_profile);
}

bool ClientSetup::check(bool beforeDiscovery)
{
    QStringList ignored;
    const bool usesTokenEndpoint = m_target == Target::Token || m_target == Target::NewProfile
        || (m_target == Target::UserInfo && m_needsToken);
    if (!usesTokenEndpoint || beforeDiscovery)
        ignored << QStringLiteral("token_endpoint");
    if (m_target == Target::UserInfo && !m_needsToken)
        ignored << QStringLiteral("client_id");
    if (CommonOptions::reportProblems(m_context->console(), m_profile, ignored))
        return false;
    return beforeDiscovery || checkEndpoint();
}

// The endpoint the command calls must be known by now; say where it could come from.
bool ClientSetup::checkEndpoint()
{
    const std::optional<Endpoint> endpoint = m_requiredEndpoint ? m_requiredEndpoint : endpointOf(m_target);
    if (!endpoint || !EndpointOptions::endpointUrl(m_profile, *endpoint).isEmpty())
        return true;
    Console &console = m_context->console();
    const QString name = EndpointOptions::metadataName(*endpoint);
    const QString option = EndpointOptions::optionName(*endpoint);
    if (m_discover) {
        console.error(tr("the metadata of %1 names no %2").arg(m_profile.endpoints.issuer.toString(), name));
        console.hint(tr("the server may not offer it; pass %1 URL if it does").arg(option));
    } else if (m_saved) {
        const QString profile = TextSanitizer::sanitize(m_profile.name);
        console.error(tr("profile \"%1\" has no %2").arg(profile, name));
        console.hint(m_profile.endpoints.issuer.isEmpty()
                         ? tr("pass %1 URL, or save the issuer with 'oauth-debugger-cli profiles discover "
                              "\"%2\" --issuer URL'")
                               .arg(option, profile)
                         : tr("pass %1 URL, or refresh the endpoints with 'oauth-debugger-cli profiles "
                              "discover \"%2\"'")
                               .arg(option, profile));
    } else {
        console.error(tr("no %1: pass %2 URL or --issuer URL").arg(name, option));
    }
    return false;
}
