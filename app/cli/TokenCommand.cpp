#include "TokenCommand.h"

#include "CliContext.h"
#include "CliParser.h"
#include "ClientSetup.h"
#include "Console.h"
#include "FlowReport.h"
#include "TokenAcquirer.h"

#include <QCommandLineParser>
#include <QJsonDocument>

TokenCommand::TokenCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
    , m_setup(new ClientSetup(context, ClientSetup::Target::Token, this))
    , m_acquirer(new TokenAcquirer(context, this))
    , m_json(QStringLiteral("json"),
             tr("Print the whole token response as JSON instead of the access token."))
    , m_verbose(QStringLiteral("verbose"), tr("Write the HTTP exchanges, secrets redacted, to stderr."))
{
    connect(m_setup, &ClientSetup::ready, this,
            [this](const Profile &profile) { m_acquirer->start(profile, m_setup->isSaved(), m_secrets); });
    connect(m_setup, &ClientSetup::failed, this, &Command::finished);
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
           "Use a saved profile (--profile) or give --token-url (or --issuer) and --client-id."));
    CliContext::addGlobalOptions(&parser);
    parser.addOptions({ m_json, m_verbose });
    m_setup->addOptions(&parser);
    m_secrets.addOptions(&parser);
    if (const std::optional<int> exitCode
        = CliParser::parse(parser, arguments, command + QStringLiteral(" [options]"), m_context->console()))
        return exitCode;
    m_context->readGlobalOptions(parser);
    if (!parser.positionalArguments().isEmpty())
        return CliParser::usageError(
            m_context->console(), command,
            tr("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst()));
    if (const std::optional<int> exitCode = m_setup->read(parser, command))
        return exitCode;
    // Last: --client-secret-stdin reads standard input, which is pointless once the command has failed.
    QString error;
    if (!m_secrets.readOptions(parser, &error))
        return CliParser::usageError(m_context->console(), command, error);

    FlowReport::printWarnings(m_context->console(), m_secrets.warnings());
    if (parser.isSet(m_verbose))
        m_context->enableVerbose();
    m_printJson = parser.isSet(m_json);
    m_setup->start();
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
