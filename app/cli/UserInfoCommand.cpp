#include "UserInfoCommand.h"

#include "CliContext.h"
#include "CliParser.h"
#include "ClientSetup.h"
#include "Console.h"
#include "FlowReport.h"
#include "TokenAcquirer.h"
#include "UserInfoRequest.h"

#include <QCommandLineParser>
#include <QJsonDocument>

UserInfoCommand::UserInfoCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
    , m_setup(new ClientSetup(context, ClientSetup::Target::UserInfo, this))
    , m_acquirer(new TokenAcquirer(context, this))
    , m_request(new UserInfoRequest(context->http(), this))
    , m_token(QStringLiteral("token"), tr("The access token. Visible in the process list."), tr("TOKEN"))
    , m_tokenEnv(QStringLiteral("token-env"), tr("Read the access token from environment variable VAR."),
                 tr("VAR"))
    , m_json(QStringLiteral("json"),
             tr("Print the response body exactly as the server sent it instead of the indented claims."))
    , m_verbose(QStringLiteral("verbose"), tr("Write the HTTP exchanges, secrets redacted, to stderr."))
{
    connect(m_setup, &ClientSetup::ready, this, &UserInfoCommand::onReady);
    connect(m_setup, &ClientSetup::failed, this, &Command::finished);
    connect(m_acquirer, &TokenAcquirer::finished, this, &UserInfoCommand::onToken);
    connect(m_request, &UserInfoRequest::finished, this, &UserInfoCommand::onResult);
}

std::optional<int> UserInfoCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    Console &console = m_context->console();
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Fetch the claims of the userinfo endpoint (OpenID Connect Core §5.3) with an access token and "
        "print them on stdout. A refusal prints the decoded Bearer challenge (exit 3).\n"
        "Give the token with --token or --token-env. With --profile and no token, a token is requested with "
        "the profile's client credentials grant first; the userinfo endpoint usually wants a user's token "
        "instead."));
    CliContext::addGlobalOptions(&parser);
    parser.addOptions({ m_token, m_tokenEnv, m_json, m_verbose });
    m_setup->addOptions(&parser);
    m_secrets.addOptions(&parser);
    if (const std::optional<int> exitCode
        = CliParser::parse(parser, arguments, command + QStringLiteral(" [options]"), console))
        return exitCode;
    m_context->readGlobalOptions(parser);
    QString error;
    if (!parser.positionalArguments().isEmpty())
        error = tr("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst());
    if (!error.isEmpty() || !readToken(parser, &error))
        return CliParser::usageError(console, command, error);
    m_clientCredentialsToken = m_accessToken.isEmpty();
    m_setup->setNeedsToken(m_clientCredentialsToken);
    if (const std::optional<int> exitCode = m_setup->read(parser, command))
        return exitCode;
    if (m_clientCredentialsToken && !m_secrets.readOptions(parser, &error))
        return CliParser::usageError(console, command, error);

    FlowReport::printWarnings(console, m_secrets.warnings());
    if (parser.isSet(m_verbose))
        m_context->enableVerbose();
    m_printRaw = parser.isSet(m_json);
    m_context->addSecret(m_accessToken);
    m_setup->start();
    return std::nullopt;
}

bool UserInfoCommand::readToken(const QCommandLineParser &parser, QString *error)
{
    if (parser.isSet(m_token) && parser.isSet(m_tokenEnv)) {
        *error = tr("pass only one of --token and --token-env");
        return false;
    }
    if (parser.isSet(m_token)) {
        m_accessToken = parser.value(m_token);
    } else if (parser.isSet(m_tokenEnv)) {
        const QByteArray variable = parser.value(m_tokenEnv).toLocal8Bit();
        if (!qEnvironmentVariableIsSet(variable.constData())) {
            *error = tr("--token-env: environment variable %1 is not set").arg(parser.value(m_tokenEnv));
            return false;
        }
        m_accessToken = qEnvironmentVariable(variable.constData());
    } else if (!m_setup->isProfileSet(parser)) {
        *error = tr("pass --token TOKEN or --token-env VAR (or --profile NAME to get a token with its client "
                    "credentials grant)");
        return false;
    }
    if ((parser.isSet(m_token) || parser.isSet(m_tokenEnv)) && m_accessToken.isEmpty()) {
        *error = tr("the access token given is empty");
        return false;
    }
    return true;
}

void UserInfoCommand::onReady(const Profile &profile)
{
    if (m_clientCredentialsToken)
        m_acquirer->start(profile, m_setup->isSaved(), m_secrets);
    else
        m_request->fetch(profile, m_accessToken);
}

void UserInfoCommand::onToken(const TokenResult &result)
{
    Console &console = m_context->console();
    FlowReport::printWarnings(console, result.warnings);
    if (!result.ok()) {
        FlowReport::printFailure(console, result);
        Q_EMIT finished(exitCodeFor(result.status));
        return;
    }
    m_accessToken = result.token.accessToken;
    m_context->addSecret(m_accessToken);
    console.note(tr("using a token of the client credentials grant"));
    m_request->fetch(m_setup->profile(), m_accessToken);
}

void UserInfoCommand::onResult(const EndpointResult &result)
{
    Console &console = m_context->console();
    FlowReport::printWarnings(console, result.warnings);
    if (!result.ok()) {
        FlowReport::printFailure(console, result);
        if (m_clientCredentialsToken && (result.httpStatus == 401 || result.httpStatus == 403))
            console.note(tr("a client credentials token stands for the client, not a user: the userinfo "
                            "endpoint usually needs a user's access token with the openid scope"));
        Q_EMIT finished(exitCodeFor(result.status));
        return;
    }
    if (m_printRaw || result.json.isEmpty()) {
        QByteArray body = result.body;
        if (!body.endsWith('\n'))
            body.append('\n');
        console.writeData(body);
    } else {
        console.writeData(QJsonDocument(result.json).toJson(QJsonDocument::Indented));
    }
    Q_EMIT finished(exitCodeFor(FlowStatus::Success));
}
