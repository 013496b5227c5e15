#include "RequestCommand.h"

#include "CliContext.h"
#include "CliParser.h"
#include "Console.h"
#include "FlowReport.h"
#include "InputReader.h"
#include "TextSanitizer.h"
#include "TokenAcquirer.h"

#include <QCommandLineParser>

namespace {
constexpr qint64 DefaultMaxBody = 10 * 1024 * 1024;

// RFC 9110 §5.6.2: a method is a token.
bool isToken(const QString &text)
{
    static const QString extra = QStringLiteral("!#$%&'*+-.^_`|~");
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        const bool alphanumeric = c.unicode() < 128 && c.isLetterOrNumber();
        if (!alphanumeric && !extra.contains(c))
            return false;
    }
    return true;
}

bool isHttpUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        && !url.host().isEmpty();
}
} // namespace

RequestCommand::RequestCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
    , m_acquirer(new TokenAcquirer(context, this))
    , m_request(new ApiRequest(context->http(), this))
    , m_profile(QStringLiteral("profile"),
                tr("Get a token with the client credentials grant of the saved profile NAME first."),
                tr("NAME"))
    , m_token(QStringLiteral("token"), tr("Send this access token. Visible in the process list."),
              tr("TOKEN"))
    , m_tokenEnv(QStringLiteral("token-env"), tr("Send the access token held in environment variable VAR."),
                 tr("VAR"))
    , m_method(QStringLiteral("X"), tr("HTTP method (default GET, or POST with -d)."), tr("METHOD"))
    , m_header(QStringLiteral("H"), tr("Request header \"Name: value\". Repeatable."), tr("HEADER"))
    , m_data(QStringLiteral("d"), tr("Request body; @FILE reads a file, @- reads standard input."),
             tr("BODY"))
    , m_maxBody(QStringLiteral("max-body"), tr("Largest response body to accept (default 10 MiB)."),
                tr("BYTES"))
    , m_verbose(QStringLiteral("verbose"), tr("Write the HTTP exchanges, secrets redacted, to stderr."))
{
    connect(m_acquirer, &TokenAcquirer::finished, this, &RequestCommand::onToken);
    connect(m_request, &ApiRequest::finished, this, &RequestCommand::onResponse);
}

std::optional<int> RequestCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Send an HTTP request with a bearer token (RFC 6750). The response body goes to stdout, the status "
        "line and any Bearer challenge to stderr."));
    CliContext::addGlobalOptions(&parser);
    parser.addOptions({ m_profile, m_token, m_tokenEnv, m_method, m_header, m_data, m_maxBody, m_verbose });
    m_secrets.addOptions(&parser);
    m_options.addTransportOptions(&parser);
    parser.addPositionalArgument(QStringLiteral("url"), tr("The URL to request."), QStringLiteral("URL"));
    if (const std::optional<int> exitCode = CliParser::parse(
            parser, arguments, command + QStringLiteral(" [options] URL"), m_context->console()))
        return exitCode;
    m_context->readGlobalOptions(parser);

    QString error;
    const int tokenSources
        = int(parser.isSet(m_profile)) + int(parser.isSet(m_token)) + int(parser.isSet(m_tokenEnv));
    if (tokenSources > 1)
        error = tr("pass only one of --profile, --token and --token-env");
    else if (m_secrets.readsStdin(parser) && parser.value(m_data) == QLatin1String("@-"))
        error = tr("--client-secret-stdin and -d @- cannot both read standard input");
    if (!error.isEmpty() || !readRequestOptions(parser, &error))
        return CliParser::usageError(m_context->console(), command, error);

    if (parser.isSet(m_verbose))
        m_context->enableVerbose();
    if (parser.isSet(m_profile)) {
        std::optional<Profile> profile = m_context->profileByName(parser.value(m_profile));
        if (!profile)
            return exitCodeFor(FlowStatus::UsageError);
        if (!m_secrets.readOptions(parser, &error))
            return CliParser::usageError(m_context->console(), command, error);
        m_transport.applyTo(&*profile);
        if (CommonOptions::reportProblems(m_context->console(), *profile))
            return exitCodeFor(FlowStatus::UsageError);
        FlowReport::printWarnings(m_context->console(), m_secrets.warnings());
        if (profile->insecure || m_spec.transport.insecure)
            FlowReport::printInsecureMarker(m_context->console());
        m_acquirer->start(*profile, true, m_secrets);
        return std::nullopt;
    }
    if (m_spec.transport.insecure)
        FlowReport::printInsecureMarker(m_context->console());
    m_context->addSecret(m_spec.bearerToken);
    m_request->send(m_spec);
    return std::nullopt;
}

bool RequestCommand::readRequestOptions(const QCommandLineParser &parser, QString *error)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        *error = positional.isEmpty() ? tr("missing the URL to request")
                                      : tr("unexpected argument \"%1\"").arg(positional.at(1));
        return false;
    }
    m_spec.url = QUrl(positional.constFirst(), QUrl::StrictMode);
    if (!isHttpUrl(m_spec.url)) {
        *error = tr("invalid URL \"%1\": expected an absolute http:// or https:// URL")
                     .arg(positional.constFirst());
        return false;
    }

    if (parser.isSet(m_data)) {
        const QString data = parser.value(m_data);
        if (data.startsWith(QLatin1Char('@'))) {
            if (!InputReader::read(data.mid(1), &m_spec.body, error))
                return false;
        } else {
            m_spec.body = data.toUtf8();
        }
    }
    const QString method = parser.isSet(m_method)
        ? parser.value(m_method)
        : (parser.isSet(m_data) ? QStringLiteral("POST") : QStringLiteral("GET"));
    if (!isToken(method)) {
        *error = tr("-X: \"%1\" is not an HTTP method").arg(method);
        return false;
    }
    m_spec.method = method.toLatin1();

    const QStringList headers = parser.values(m_header);
    for (const QString &line : headers) {
        HttpHeader header;
        if (!ApiRequest::parseHeaderLine(line, &header, error)) {
            *error = QStringLiteral("-H: ") + *error;
            return false;
        }
        m_spec.headers.append(header);
    }
    // Like curl -d: a body without a declared type is a form.
    if (parser.isSet(m_data) && headerValue(m_spec.headers, "Content-Type").isNull())
        m_spec.headers.append(HttpHeader("Content-Type", "application/x-www-form-urlencoded"));

    m_spec.transport.maxResponseBytes = DefaultMaxBody;
    if (parser.isSet(m_maxBody)) {
        bool ok = false;
        m_spec.transport.maxResponseBytes = parser.value(m_maxBody).toLongLong(&ok);
        if (!ok || m_spec.transport.maxResponseBytes < 1) {
            *error = tr("--max-body: expected a positive number of bytes, got \"%1\"")
                         .arg(parser.value(m_maxBody));
            return false;
        }
    }
    if (!m_options.readTransportOptions(parser, &m_transport, error))
        return false;
    m_transport.applyTo(&m_spec.transport);

    if (parser.isSet(m_token)) {
        m_spec.bearerToken = parser.value(m_token);
    } else if (parser.isSet(m_tokenEnv)) {
        const QByteArray variable = parser.value(m_tokenEnv).toLocal8Bit();
        if (!qEnvironmentVariableIsSet(variable.constData())) {
            *error = tr("--token-env: environment variable %1 is not set").arg(parser.value(m_tokenEnv));
            return false;
        }
        m_spec.bearerToken = qEnvironmentVariable(variable.constData());
    }
    return true;
}

void RequestCommand::onToken(const TokenResult &result)
{
    Console &console = m_context->console();
    FlowReport::printWarnings(console, result.warnings);
    if (!result.ok()) {
        FlowReport::printFailure(console, result);
        Q_EMIT finished(exitCodeFor(result.status));
        return;
    }
    m_spec.bearerToken = result.token.accessToken;
    m_context->addSecret(m_spec.bearerToken);
    m_request->send(m_spec);
}

void RequestCommand::onResponse(const ApiResponse &response)
{
    Console &console = m_context->console();
    if (response.httpStatus == 0) {
        console.error(TextSanitizer::sanitize(response.message));
        Q_EMIT finished(exitCodeFor(response.status == FlowStatus::Success ? FlowStatus::TransportError
                                                                           : response.status));
        return;
    }
    QString statusLine = QStringLiteral("HTTP %1").arg(response.httpStatus);
    if (!response.reason.isEmpty())
        statusLine += QLatin1Char(' ') + TextSanitizer::fromServer(response.reason);
    console.message(statusLine);
    FlowReport::printChallenge(console, response.challenge);
    console.writeData(response.body);
    if (response.truncated) {
        console.error(tr("the response body is larger than %1 bytes; only the first part was printed")
                          .arg(m_spec.transport.maxResponseBytes));
        console.hint(tr("raise the limit with --max-body BYTES"));
    } else if (response.status == FlowStatus::TransportError) {
        console.error(TextSanitizer::sanitize(response.message));
    }
    Q_EMIT finished(exitCodeFor(response.status));
}
