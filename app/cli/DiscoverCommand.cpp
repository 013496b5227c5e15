#include "DiscoverCommand.h"

#include "CliContext.h"
#include "CliParser.h"
#include "Console.h"
#include "EndpointOptions.h"
#include "FlowReport.h"
#include "IssuerDiscovery.h"
#include "TextSanitizer.h"

#include <QCommandLineParser>
#include <QJsonDocument>

DiscoverCommand::DiscoverCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
    , m_discovery(new IssuerDiscovery(context, this))
    , m_json(QStringLiteral("json"), tr("Print the metadata document as JSON instead of the summary."))
    , m_verbose(QStringLiteral("verbose"), tr("Write the HTTP exchanges to stderr."))
{
    connect(m_discovery, &IssuerDiscovery::succeeded, this, &DiscoverCommand::onDiscovered);
    connect(m_discovery, &IssuerDiscovery::failed, this, &Command::finished);
}

std::optional<int> DiscoverCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    Console &console = m_context->console();
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Find an authorization server's metadata from its issuer URL (OpenID Connect Discovery, then RFC "
        "8414) and print its endpoints and capabilities on stdout. The issuer the document announces must be "
        "exactly the one given (exit 5 otherwise)."));
    CliContext::addGlobalOptions(&parser);
    parser.addOptions({ m_json, EndpointOptions::acceptIssuerMismatchOption(), m_verbose });
    m_options.addTransportOptions(&parser);
    parser.addPositionalArgument(QStringLiteral("issuer"), tr("The issuer URL."), QStringLiteral("ISSUER"));
    if (const std::optional<int> exitCode
        = CliParser::parse(parser, arguments, command + QStringLiteral(" [options] ISSUER"), console))
        return exitCode;
    m_context->readGlobalOptions(parser);
    if (const std::optional<int> exitCode
        = CliParser::requireOneArgument(parser, console, command, tr("missing the issuer URL")))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    QString error;
    QUrl issuer;
    TransportFlags flags;
    if (!EndpointOptions::parseUrl(positional.constFirst(), tr("issuer"), &issuer, &error)
        || !m_options.readTransportOptions(parser, &flags, &error))
        return CliParser::usageError(console, command, error);
    TransportOptions transport;
    flags.applyTo(&transport);
    if (transport.insecure)
        FlowReport::printInsecureMarker(console);
    if (parser.isSet(m_verbose))
        m_context->enableVerbose();
    m_printJson = parser.isSet(m_json);
    m_discovery->start(issuer, transport, parser.isSet(EndpointOptions::acceptIssuerMismatchOption()));
    return std::nullopt;
}

void DiscoverCommand::onDiscovered(const DiscoveryResult &result)
{
    if (m_printJson)
        m_context->console().writeData(QJsonDocument(result.metadata.raw).toJson(QJsonDocument::Indented));
    else
        printSummary(result);
    Q_EMIT finished(exitCodeFor(FlowStatus::Success));
}

void DiscoverCommand::printSummary(const DiscoveryResult &result) const
{
    Console &console = m_context->console();
    const ServerMetadata &metadata = result.metadata;
    const auto line = [&console](const QString &label, const QString &value) {
        console.writeDataLine(label + QStringLiteral(": ") + TextSanitizer::sanitize(value));
    };
    const auto list = [&line, &metadata](const QString &label, const QStringList &values, const char *key,
                                         const QString &whenAbsent) {
        if (!metadata.raw.contains(QLatin1String(key)))
            line(label, whenAbsent);
        else
            line(label, values.isEmpty() ? tr("(none)") : values.join(QLatin1Char(' ')));
    };
    const QString notAdvertised = tr("(not advertised)");

    line(tr("issuer"), metadata.raw.value(QLatin1String("issuer")).toString());
    line(tr("document"), result.documentUrl.toString());
    line(tr("token endpoint"),
         metadata.tokenEndpoint.isEmpty() ? notAdvertised : metadata.tokenEndpoint.toString());
    for (const EndpointOptions::Field &field : EndpointOptions::fields()) {
        const QUrl &url = metadata.endpoints.*field.member;
        line(field.label(), url.isEmpty() ? notAdvertised : url.toString());
    }
    list(tr("grant types"), metadata.grantTypes, "grant_types_supported",
         metadata.grantTypes.join(QLatin1Char(' ')) + QLatin1Char(' ')
             + tr("(not advertised; the RFC 8414 default)"));
    list(tr("token endpoint auth methods"), metadata.tokenEndpointAuthMethods,
         "token_endpoint_auth_methods_supported",
         metadata.tokenEndpointAuthMethods.join(QLatin1Char(' ')) + QLatin1Char(' ')
             + tr("(not advertised; the RFC 8414 default)"));
    list(tr("PKCE methods"), metadata.codeChallengeMethods, "code_challenge_methods_supported",
         tr("none advertised — PKCE support unknown"));
    list(tr("ID token signing algs"), metadata.idTokenSigningAlgs, "id_token_signing_alg_values_supported",
         notAdvertised);
    line(QStringLiteral("authorization_response_iss_parameter_supported"),
         metadata.authorizationResponseIssParameterSupported ? tr("yes") : tr("no"));
}
