#include "TokenEndpointCommand.h"

#include "CliContext.h"
#include "CliParser.h"
#include "Console.h"
#include "EndpointResult.h"
#include "FlowReport.h"
#include "InputReader.h"

#include <QCommandLineParser>

TokenEndpointCommand::TokenEndpointCommand(CliContext *context, ClientSetup::Target target, QObject *parent)
    : Command(parent)
    , m_context(context)
    , m_setup(new ClientSetup(context, target, this))
    , m_hint(QStringLiteral("token-type-hint"),
             tr("Tell the server what the token is: access_token or refresh_token (RFC 7009 §2.1, RFC 7662 "
                "§2.1)."),
             tr("TYPE"))
    , m_verbose(QStringLiteral("verbose"), tr("Write the HTTP exchanges, secrets redacted, to stderr."))
{
    connect(m_setup, &ClientSetup::ready, this, &TokenEndpointCommand::onReady);
    connect(m_setup, &ClientSetup::failed, this, &Command::finished);
}

std::optional<int> TokenEndpointCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    Console &console = m_context->console();
    QCommandLineParser parser;
    parser.setApplicationDescription(description());
    CliContext::addGlobalOptions(&parser);
    addOptions(&parser);
    parser.addOptions({ m_hint, m_verbose });
    m_setup->addOptions(&parser);
    m_secrets.addOptions(&parser);
    parser.addPositionalArgument(
        QStringLiteral("token"),
        tr("The token, or - to read it from standard input (which keeps it out of the process list)."),
        QStringLiteral("TOKEN|-"));
    if (const std::optional<int> exitCode
        = CliParser::parse(parser, arguments, command + QStringLiteral(" [options] TOKEN|-"), console))
        return exitCode;
    m_context->readGlobalOptions(parser);
    if (const std::optional<int> exitCode = m_setup->read(parser, command))
        return exitCode;
    QString error;
    if (!readToken(parser, &error) || !m_secrets.readOptions(parser, &error))
        return CliParser::usageError(console, command, error);
    readOptions(parser);

    m_tokenTypeHint = parser.value(m_hint);
    if (parser.isSet(m_hint) && m_tokenTypeHint != QLatin1String("access_token")
        && m_tokenTypeHint != QLatin1String("refresh_token"))
        console.warning(
            tr("--token-type-hint \"%1\" is neither access_token nor refresh_token; sent as given")
                .arg(m_tokenTypeHint));
    FlowReport::printWarnings(console, m_secrets.warnings());
    if (parser.isSet(m_verbose))
        m_context->enableVerbose();
    m_context->addSecret(m_token);
    m_setup->start();
    return std::nullopt;
}

bool TokenEndpointCommand::readToken(const QCommandLineParser &parser, QString *error)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        *error = positional.isEmpty() ? tr("missing the token (give it, or - to read it from standard input)")
                                      : tr("unexpected argument \"%1\"").arg(positional.at(1));
        return false;
    }
    m_token = positional.constFirst();
    if (m_token == QLatin1String("-")) {
        if (m_secrets.readsStdin(parser)) {
            *error = tr("the token (-) and --client-secret-stdin cannot both read standard input");
            return false;
        }
        QByteArray data;
        if (!InputReader::read(m_token, &data, error))
            return false;
        m_token = QString::fromUtf8(data).trimmed();
    }
    if (m_token.isEmpty()) {
        *error = tr("the token is empty");
        return false;
    }
    return true;
}

void TokenEndpointCommand::onReady(const Profile &profile)
{
    m_secrets.resolve(profile, m_setup->isSaved(), m_context->secretStore(),
                      [this, profile](const SecretResolver::Outcome &outcome) {
                          if (!outcome.ok) {
                              m_context->console().error(outcome.error);
                              Q_EMIT finished(exitCodeFor(FlowStatus::UsageError));
                              return;
                          }
                          m_context->addSecret(outcome.secret);
                          send(profile, outcome.secret, m_token, m_tokenTypeHint);
                      });
}

bool TokenEndpointCommand::report(const EndpointResult &result)
{
    Console &console = m_context->console();
    FlowReport::printWarnings(console, result.warnings);
    if (result.ok())
        return true;
    FlowReport::printFailure(console, result);
    Q_EMIT finished(exitCodeFor(result.status));
    return false;
}
