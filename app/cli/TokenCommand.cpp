#include "TokenCommand.h"

#include "CliContext.h"
#include "CliParser.h"
#include "Console.h"
#include "FlowReport.h"
#include "TokenAcquirer.h"

#include <QCommandLineParser>
#include <QJsonDocument>

TokenCommand::TokenCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
    , m_acquirer(new TokenAcquirer(context, this))
    , m_profile(QStringLiteral("profile"),
                tr("Use the saved profile NAME; other options override its fields."), tr("NAME"))
    , m_json(QStringLiteral("json"),
             tr("Print the whole token response as JSON instead of the access token."))
    , m_verbose(QStringLiteral("verbose"), tr("Write the HTTP exchanges, secrets redacted, to stderr."))
{
    connect(m_acquirer, &TokenAcquirer::finished, this, &TokenCommand::onToken);
}

void TokenCommand::start(const QStringList &arguments)
{
    if (const std::optional<int> exitCode = run(arguments))
        Q_EMIT finished(*exitCode);
}

// Returns an exit code when the command ends early; std::nullopt once the token request is under way.
std::optional<int> TokenCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Get an access token with the client credentials grant (RFC 6749 §4.4) and print it on stdout.\n"
           "Use a saved profile (--profile) or give --token-url and --client-id."));
    CliContext::addGlobalOptions(&parser);
    parser.addOptions({ m_profile, m_json, m_verbose });
    m_options.addClientOptions(&parser);
    m_secrets.addOptions(&parser);
    m_options.addTransportOptions(&parser);
    if (const std::optional<int> exitCode
        = CliParser::parse(parser, arguments, command + QStringLiteral(" [options]"), m_context->console()))
        return exitCode;
    m_context->readGlobalOptions(parser);
    if (!parser.positionalArguments().isEmpty())
        return CliParser::usageError(
            m_context->console(), command,
            tr("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst()));

    const bool saved = parser.isSet(m_profile);
    Profile profile;
    if (saved) {
        const std::optional<Profile> found = m_context->profileByName(parser.value(m_profile));
        if (!found)
            return exitCodeFor(FlowStatus::UsageError);
        profile = *found;
    } else if (!m_options.isTokenUrlSet(parser) && !m_options.isClientIdSet(parser)) {
        return CliParser::usageError(m_context->console(), command,
                                     tr("pass --profile NAME, or --token-url URL and --client-id ID"));
    } else {
        profile = Profile::create(tr("command line"));
    }

    QString error;
    TransportFlags transport;
    if (!m_options.applyClientOptions(parser, &profile, &error)
        || !m_options.readTransportOptions(parser, &transport, &error))
        return CliParser::usageError(m_context->console(), command, error);
    transport.applyTo(&profile);
    const QStringList problems = CommonOptions::problems(profile);
    if (!problems.isEmpty()) {
        for (const QString &problem : problems)
            m_context->console().error(problem);
        return exitCodeFor(FlowStatus::UsageError);
    }
    // Last: --client-secret-stdin reads standard input, which is pointless once the command has failed.
    if (!m_secrets.readOptions(parser, &error))
        return CliParser::usageError(m_context->console(), command, error);

    FlowReport::printWarnings(m_context->console(), m_secrets.warnings());
    if (profile.insecure)
        FlowReport::printInsecureMarker(m_context->console());
    if (parser.isSet(m_verbose))
        m_context->enableVerbose();
    m_printJson = parser.isSet(m_json);
    m_acquirer->start(profile, saved, m_secrets);
    return std::nullopt;
}

void TokenCommand::onToken(const TokenResult &result)
{
    Console &console = m_context->console();
    FlowReport::printWarnings(console, result.warnings);
    if (!result.ok()) {
        FlowReport::printFailure(console, result);
        Q_EMIT finished(exitCodeFor(result.status));
        return;
    }
    if (m_printJson)
        console.writeData(QJsonDocument(result.token.raw).toJson(QJsonDocument::Indented));
    else
        console.writeDataLine(result.token.accessToken);
    Q_EMIT finished(exitCodeFor(FlowStatus::Success));
}
