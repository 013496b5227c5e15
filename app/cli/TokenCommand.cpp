#include "TokenCommand.h"

#include "FindingsEngine.h"

#include "CliContext.h"
#include "CliParser.h"
#include "ClientSetup.h"
#include "CodeFlowRunner.h"
#include "Console.h"
#include "FlowReport.h"
#include "TextSanitizer.h"
#include "TokenAcquirer.h"

#include <QCommandLineParser>
#include <QJsonDocument>

namespace {
constexpr int InterruptedExitCode = 130; // 128 + SIGINT, as shells report a Ctrl-C
constexpr int MaximumRepeat = 1000000;
} // namespace

TokenCommand::TokenCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
    , m_setup(new ClientSetup(context, ClientSetup::Target::Token, this))
    , m_acquirer(new TokenAcquirer(context, this))
    , m_json(
          QStringLiteral("json"),
          tr("Print the whole token response as JSON (access, ID and refresh tokens) instead of the access "
             "token."))
    , m_verbose(QStringLiteral("verbose"),
                tr("Write the HTTP exchanges, secrets redacted, and the details of each step to stderr."))
    , m_repeat(QStringLiteral("repeat"),
               tr("Client credentials only: request N tokens in a row in this one process, then print the "
                  "last token and write to stderr how many tokens per second and how long each took "
                  "(median, p90). Stops at the first failure, which sets the exit code."),
               tr("N"))
{
    connect(m_setup, &ClientSetup::ready, this, &TokenCommand::onReady);
    connect(m_setup, &ClientSetup::failed, this, &Command::finished);
    connect(m_acquirer, &TokenAcquirer::finished, this, &TokenCommand::onToken);
}

// Returns an exit code when the command ends early; std::nullopt once the token request is under way.
std::optional<int> TokenCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    Console &console = m_context->console();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Get an access token and print it on stdout. Use a saved profile (--profile) or give --token-url "
           "(or --issuer) and --client-id.\n"
           "--flow client-credentials (the default): the client credentials grant (RFC 6749 §4.4).\n"
           "--flow authorization-code: the authorization code grant with PKCE (RFC 6749 §4.1, RFC 7636) "
           "through the browser and a redirect listener on 127.0.0.1 (RFC 8252); also needs "
           "--authorization-url or --issuer. Each step is written to stderr, the authorization URL too.\n"
           "--flow refresh: a new access token for a refresh token (RFC 6749 §6).\n"
           "Exit codes: 0 success, 2 usage error, 3 the server refused (also access_denied), 4 network "
           "failure or no redirect in time, 5 validation failure (state mismatch, ID token), 130 Ctrl-C."));
    CliContext::addGlobalOptions(&parser);
    parser.addOptions({ m_json, m_verbose, m_repeat });
    m_flowOptions.addOptions(&parser);
    m_setup->addOptions(&parser);
    m_secrets.addOptions(&parser);
    if (const std::optional<int> exitCode
        = CliParser::parse(parser, arguments, command + QStringLiteral(" [options]"), console))
        return exitCode;
    m_context->readGlobalOptions(parser);
    if (!parser.positionalArguments().isEmpty())
        return CliParser::usageError(
            console, command,
            tr("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst()));
    QString error;
    if (!m_flowOptions.read(parser, m_setup->codeFlowOptionsSet(parser), &error)
        || !readRepeat(parser, &error))
        return CliParser::usageError(console, command, error);
    if (m_flowOptions.readsStdin(parser) && m_secrets.readsStdin(parser))
        return CliParser::usageError(
            console, command,
            tr("--client-secret-stdin and --refresh-token-stdin both read standard "
               "input: pass the other with --client-secret-env VAR or --refresh-token-env VAR"));
    if (m_flowOptions.flow() == TokenFlowOptions::Flow::AuthorizationCode)
        m_setup->requireEndpoint(EndpointOptions::Endpoint::Authorization);
    if (const std::optional<int> exitCode = m_setup->read(parser, command))
        return exitCode;
    // Last: the stdin options read standard input, which is pointless once the command has failed.
    if (!m_secrets.readOptions(parser, &error) || !m_flowOptions.readRefreshToken(parser, &error))
        return CliParser::usageError(console, command, error);

    FlowReport::printWarnings(console, m_secrets.warnings());
    FlowReport::printWarnings(console, m_flowOptions.warnings());
    m_printVerbose = parser.isSet(m_verbose);
    if (m_printVerbose)
        m_context->enableVerbose();
    m_printJson = parser.isSet(m_json);
    m_setup->start();
    return std::nullopt;
}

// Made on first use: the code flow brings its own HTTP client and JWKS cache, which the client credentials
// grant (the default, and what scripts run again and again) would build and tear down for nothing.
CodeFlowRunner *TokenCommand::codeFlow()
{
    if (!m_codeFlow) {
        m_codeFlow = new CodeFlowRunner(m_context, this);
        connect(m_codeFlow, &CodeFlowRunner::finished, this, &TokenCommand::onToken);
    }
    return m_codeFlow;
}

bool TokenCommand::readRepeat(const QCommandLineParser &parser, QString *error)
{
    if (!parser.isSet(m_repeat))
        return true;
    bool ok = false;
    const int count = parser.value(m_repeat).toInt(&ok);
    if (!ok || count < 1 || count > MaximumRepeat) {
        *error = tr("--repeat needs a whole number from 1 to %1, not \"%2\"")
                     .arg(MaximumRepeat)
                     .arg(TextSanitizer::sanitize(parser.value(m_repeat)));
        return false;
    }
    if (m_flowOptions.flow() != TokenFlowOptions::Flow::ClientCredentials) {
        *error = tr("--repeat works with the client credentials grant only: a code flow needs a browser each "
                    "time, and a refresh token may be used once");
        return false;
    }
    m_repeatCount = count;
    return true;
}

void TokenCommand::onReady(const Profile &profile)
{
    switch (m_flowOptions.flow()) {
    case TokenFlowOptions::Flow::ClientCredentials:
        m_acquirer->start(profile, m_setup->isSaved(), m_secrets, qMax(1, m_repeatCount));
        return;
    case TokenFlowOptions::Flow::Refresh:
        codeFlow()->refresh(profile, m_setup->isSaved(), m_secrets, m_flowOptions.refreshToken(),
                            m_printVerbose);
        return;
    case TokenFlowOptions::Flow::AuthorizationCode:
        break;
    }
    CodeFlowRunner::Settings settings;
    settings.openBrowser = m_flowOptions.openBrowser();
    settings.callbackTimeoutSeconds = m_flowOptions.callbackTimeoutSeconds();
    settings.verbose = m_printVerbose;
    if (const std::optional<ServerMetadata> &metadata = m_setup->metadata()) {
        settings.requireIssuerParameter = metadata->authorizationResponseIssParameterSupported;
        const QString pkce = Pkce::methodName(profile.pkceMethod);
        if (profile.pkceMethod != Pkce::Method::None && !metadata->codeChallengeMethods.isEmpty()
            && !metadata->codeChallengeMethods.contains(pkce))
            m_context->console().warning(
                tr("the server lists only %1 in code_challenge_methods_supported, not %2: it will probably "
                   "refuse the request")
                    .arg(TextSanitizer::sanitize(metadata->codeChallengeMethods.join(QStringLiteral(", "))),
                         pkce));
    }
    codeFlow()->authorize(profile, m_setup->isSaved(), m_secrets, settings);
}

void TokenCommand::onToken(const TokenResult &result)
{
    Console &console = m_context->console();
    FlowReport::printWarnings(console, result.warnings);
    if (m_repeatCount > 0 && result.status != FlowStatus::UsageError)
        console.message(m_acquirer->repeatStats().summary());
    if (!result.ok()) {
        FlowReport::printFailure(console, result);
        const bool interrupted = m_codeFlow && m_codeFlow->wasInterrupted();
        Q_EMIT finished(interrupted ? InterruptedExitCode : exitCodeFor(result.status));
        return;
    }
    // What a careful reviewer would point out about the response and the profile (and the ID token checks).
    const Profile &profile = m_setup->profile();
    const QString grantType = m_flowOptions.flow() == TokenFlowOptions::Flow::ClientCredentials
        ? QStringLiteral("client_credentials")
        : m_flowOptions.flow() == TokenFlowOptions::Flow::Refresh ? QStringLiteral("refresh_token")
                                                                  : QStringLiteral("authorization_code");
    Findings findings = FindingsEngine::forTokenResponse(result.token, profile.scope, grantType);
    findings += FindingsEngine::forProfile(profile);
    findings += result.findings;
    FlowReport::printFindings(console, findings);
    if (m_flowOptions.flow() == TokenFlowOptions::Flow::Refresh && !m_printJson
        && !result.token.refreshToken.isEmpty() && result.token.refreshToken != m_flowOptions.refreshToken())
        console.hint(tr("the new refresh token is in the --json output; the old one may no longer work"));
    if (m_printJson)
        console.writeData(QJsonDocument(result.token.raw).toJson(QJsonDocument::Indented));
    else
        console.writeDataLine(result.token.accessToken);
    Q_EMIT finished(exitCodeFor(FlowStatus::Success));
}
