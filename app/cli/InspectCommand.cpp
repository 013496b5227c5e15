#include "InspectCommand.h"

#include "ClaimText.h"
#include "CliContext.h"
#include "CliParser.h"
#include "Console.h"
#include "EndpointOptions.h"
#include "FlowReport.h"
#include "InputReader.h"
#include "JwksCache.h"
#include "JwtClaims.h"
#include "TextSanitizer.h"
#include "TokenInspector.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
QString kindText(const InspectionResult &result)
{
    switch (result.parsed.kind) {
    case JwtParseResult::Kind::Jws:
        return result.parsed.token.isAccessToken
            ? InspectCommand::tr("JWS (signed JWT), an RFC 9068 access token")
            : InspectCommand::tr("JWS (signed JWT)");
    case JwtParseResult::Kind::Jwe:
        return InspectCommand::tr("JWE (encrypted JWT)");
    case JwtParseResult::Kind::Opaque:
        return InspectCommand::tr("opaque");
    case JwtParseResult::Kind::Invalid:
        break;
    }
    return InspectCommand::tr("invalid");
}

QString kindName(JwtParseResult::Kind kind)
{
    switch (kind) {
    case JwtParseResult::Kind::Jws:
        return QStringLiteral("jws");
    case JwtParseResult::Kind::Jwe:
        return QStringLiteral("jwe");
    case JwtParseResult::Kind::Opaque:
        return QStringLiteral("opaque");
    case JwtParseResult::Kind::Invalid:
        break;
    }
    return QStringLiteral("invalid");
}

QString verificationName(JwsVerification::Status status)
{
    switch (status) {
    case JwsVerification::Status::Valid:
        return QStringLiteral("valid");
    case JwsVerification::Status::InvalidSignature:
        return QStringLiteral("invalid_signature");
    case JwsVerification::Status::NoMatchingKey:
        return QStringLiteral("no_matching_key");
    case JwsVerification::Status::UnsupportedAlgorithm:
        return QStringLiteral("unsupported_algorithm");
    case JwsVerification::Status::Rejected:
        return QStringLiteral("rejected");
    case JwsVerification::Status::MalformedKey:
        return QStringLiteral("malformed_key");
    }
    return {};
}
} // namespace

InspectCommand::InspectCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
    , m_cache(new JwksCache(context->http(), this))
    , m_inspector(new TokenInspector(context->http(), m_cache, this))
    , m_jwks(QStringLiteral("jwks"), tr("Verify against the JWKS at URL."), QStringLiteral("URL"))
    , m_issuer(QStringLiteral("issuer"), tr("Discover the issuer's jwks_uri and expect it as iss."),
               QStringLiteral("URL"))
    , m_profile(QStringLiteral("profile"), tr("Use the JWKS and issuer of a saved profile."),
                QStringLiteral("NAME"))
    , m_secret(QStringLiteral("secret"), tr("Verify an HS256/384/512 token with this secret."),
               QStringLiteral("S"))
    , m_secretEnv(QStringLiteral("secret-env"), tr("Read the HMAC secret from environment variable VAR."),
                  QStringLiteral("VAR"))
    , m_skew(QStringLiteral("skew"), tr("Allowed clock skew for exp/nbf/iat (default 60)."),
             QStringLiteral("SECONDS"), QStringLiteral("60"))
    , m_idToken(QStringLiteral("id-token"), tr("Validate as an OpenID Connect ID token (needs --client-id)."))
    , m_clientId(QStringLiteral("client-id"), tr("The client the ID token is for (aud/azp)."),
                 QStringLiteral("ID"))
    , m_nonce(QStringLiteral("nonce"), tr("The nonce that was sent, for an ID token."), QStringLiteral("N"))
    , m_accessToken(QStringLiteral("access-token"), tr("The token is an access token (RFC 9068 checks)."))
    , m_json(QStringLiteral("json"), tr("Print the decoded token, verification and findings as JSON."))
    , m_verbose(QStringLiteral("verbose"), tr("Write the HTTP exchanges to stderr."))
{
    connect(m_inspector, &TokenInspector::finished, this, &InspectCommand::onInspected);
}

std::optional<int> InspectCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    Console &console = m_context->console();
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Decode a JWT, verify its signature against a JWKS (--jwks, --issuer, --profile) or an HMAC secret, "
        "and print its header, claims and findings. An opaque token is recognised as such. Exit 5 when the "
        "signature or a check fails."));
    CliContext::addGlobalOptions(&parser);
    parser.addOptions({ m_jwks, m_issuer, m_profile, m_secret, m_secretEnv, m_skew, m_idToken, m_clientId,
                        m_nonce, m_accessToken, m_json, m_verbose });
    m_options.addTransportOptions(&parser);
    parser.addPositionalArgument(QStringLiteral("token"), tr("The token, or - to read it from stdin."),
                                 QStringLiteral("TOKEN|-"));
    if (const std::optional<int> exitCode
        = CliParser::parse(parser, arguments, command + QStringLiteral(" [options] TOKEN|-"), console))
        return exitCode;
    m_context->readGlobalOptions(parser);
    if (const std::optional<int> exitCode
        = CliParser::requireOneArgument(parser, console, command, tr("missing the token (or - for stdin)")))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    InspectionRequest request;
    request.token = positional.constFirst();
    if (request.token == QLatin1String("-")) {
        QByteArray input;
        QString readError;
        if (!InputReader::read(QStringLiteral("-"), &input, &readError))
            return CliParser::usageError(console, command, readError);
        request.token = QString::fromUtf8(input).trimmed();
    }
    if (request.token.isEmpty())
        return CliParser::usageError(console, command, tr("the token is empty"));

    QString error;
    TransportFlags flags;
    if (!m_options.readTransportOptions(parser, &flags, &error))
        return CliParser::usageError(console, command, error);
    flags.applyTo(&request.transport);
    if (parser.isSet(m_profile)) {
        const std::optional<Profile> profile = m_context->profileByName(parser.value(m_profile));
        if (!profile)
            return exitCodeFor(FlowStatus::UsageError);
        request.jwksUrl = profile->endpoints.jwks;
        request.issuer = profile->endpoints.issuer;
        request.transport = profile->transportOptions();
        if (parser.isSet(m_idToken) && !parser.isSet(m_clientId)) {
            IdTokenExpectations expectations;
            expectations.issuer = profile->endpoints.issuer.toString();
            expectations.clientId = profile->clientId;
            expectations.nonce = parser.value(m_nonce);
            request.idToken = expectations;
        }
    }
    if (parser.isSet(m_jwks)
        && !EndpointOptions::parseUrl(parser.value(m_jwks), QStringLiteral("--jwks"), &request.jwksUrl,
                                      &error))
        return CliParser::usageError(console, command, error);
    if (parser.isSet(m_issuer)
        && !EndpointOptions::parseUrl(parser.value(m_issuer), QStringLiteral("--issuer"), &request.issuer,
                                      &error))
        return CliParser::usageError(console, command, error);
    if (parser.isSet(m_secret))
        request.hmacSecret = parser.value(m_secret).toUtf8();
    if (parser.isSet(m_secretEnv)) {
        const QByteArray value = qgetenv(parser.value(m_secretEnv).toLocal8Bit().constData());
        if (value.isEmpty())
            return CliParser::usageError(
                console, command,
                tr("environment variable %1 is empty or not set").arg(parser.value(m_secretEnv)));
        request.hmacSecret = value;
    }
    bool ok = false;
    request.skewSeconds = parser.value(m_skew).toLongLong(&ok);
    if (!ok || request.skewSeconds < 0 || request.skewSeconds > 86400)
        return CliParser::usageError(console, command, tr("--skew must be between 0 and 86400 seconds"));
    if (parser.isSet(m_idToken) && !request.idToken) {
        if (!parser.isSet(m_clientId))
            return CliParser::usageError(console, command, tr("--id-token needs --client-id (or --profile)"));
        IdTokenExpectations expectations;
        expectations.issuer = request.issuer.toString();
        expectations.clientId = parser.value(m_clientId);
        expectations.nonce = parser.value(m_nonce);
        request.idToken = expectations;
    }
    request.expectAccessToken = parser.isSet(m_accessToken);
    if (request.transport.insecure)
        FlowReport::printInsecureMarker(console);
    if (parser.isSet(m_verbose))
        m_context->enableVerbose();
    m_context->addSecret(request.token);
    m_printJson = parser.isSet(m_json);
    m_inspector->inspect(request);
    return std::nullopt;
}

void InspectCommand::onInspected(const InspectionResult &result)
{
    if (m_printJson)
        printJson(result);
    else
        printText(result);
    Console &console = m_context->console();
    if (result.status == FlowStatus::ServerError || result.status == FlowStatus::TransportError)
        console.error(TextSanitizer::sanitize(result.message));
    else if (result.status == FlowStatus::ValidationError)
        console.error(TextSanitizer::sanitize(result.message));
    Q_EMIT finished(exitCodeFor(result.status));
}

void InspectCommand::printText(const InspectionResult &result) const
{
    Console &console = m_context->console();
    console.writeDataLine(tr("kind: %1").arg(kindText(result)));
    if (result.parsed.kind != JwtParseResult::Kind::Jws && result.parsed.kind != JwtParseResult::Kind::Jwe) {
        console.writeDataLine(TextSanitizer::sanitize(result.parsed.message));
        return;
    }
    console.writeDataLine(tr("header:"));
    console.writeData(QJsonDocument(result.parsed.token.header).toJson(QJsonDocument::Indented));
    if (result.parsed.kind == JwtParseResult::Kind::Jwe) {
        console.writeDataLine(TextSanitizer::sanitize(result.parsed.message));
        return;
    }
    console.writeDataLine(tr("claims:"));
    static const QStringList first { QStringLiteral("iss"), QStringLiteral("sub"), QStringLiteral("aud"),
                                     QStringLiteral("exp"), QStringLiteral("nbf"), QStringLiteral("iat") };
    const QStringList lines = ClaimText::lines(result.parsed.token.claims, first, result.now);
    for (const QString &line : lines)
        console.writeDataLine(QStringLiteral("  ") + line);
    if (!result.parsed.token.payloadIsJson)
        console.writeDataLine(QStringLiteral("  ") + tr("(the payload is not a JSON object)"));
    if (result.verification) {
        const JwsVerification &v = *result.verification;
        QString detail = TextSanitizer::sanitize(v.message);
        if (v.hasKey && !v.key.isSecret && !v.key.thumbprint.isEmpty())
            detail += tr(" (key thumbprint %1)").arg(v.key.thumbprint);
        console.writeDataLine(tr("signature: %1").arg(detail));
        for (const QString &warning : v.warnings)
            console.warning(TextSanitizer::sanitize(warning));
    } else {
        console.writeDataLine(tr("signature: not checked (give --jwks, --issuer, --profile or --secret)"));
    }
    if (!result.findings.isEmpty()) {
        console.writeDataLine(tr("findings:"));
        for (const Finding &finding : result.findings)
            console.writeDataLine(QStringLiteral("  %1 %2: %3 (%4)")
                                      .arg(Finding::severityName(finding.severity), finding.id,
                                           TextSanitizer::sanitize(finding.message), finding.reference));
    }
}

void InspectCommand::printJson(const InspectionResult &result) const
{
    QJsonObject root { { QStringLiteral("kind"), kindName(result.parsed.kind) },
                       { QStringLiteral("message"), result.message } };
    if (result.parsed.ok()) {
        root.insert(QStringLiteral("header"), result.parsed.token.header);
        if (result.parsed.token.isJws())
            root.insert(QStringLiteral("claims"), result.parsed.token.claims);
        root.insert(QStringLiteral("access_token_rfc9068"), result.parsed.token.isAccessToken);
    }
    if (result.verification) {
        const JwsVerification &v = *result.verification;
        QJsonObject signature { { QStringLiteral("status"), verificationName(v.status) },
                                { QStringLiteral("alg"), v.alg },
                                { QStringLiteral("message"), v.message } };
        if (v.hasKey) {
            signature.insert(QStringLiteral("kid"), v.key.kid);
            signature.insert(QStringLiteral("kty"), v.key.kty);
            if (!v.key.thumbprint.isEmpty())
                signature.insert(QStringLiteral("thumbprint"), v.key.thumbprint);
        }
        root.insert(QStringLiteral("signature"), signature);
    } else {
        root.insert(QStringLiteral("signature"),
                    QJsonObject { { QStringLiteral("status"), QStringLiteral("not_checked") } });
    }
    if (!result.jwksUrl.isEmpty())
        root.insert(QStringLiteral("jwks_uri"), result.jwksUrl.toString());
    QJsonArray findings;
    for (const Finding &finding : result.findings)
        findings.append(QJsonObject { { QStringLiteral("severity"), Finding::severityName(finding.severity) },
                                      { QStringLiteral("id"), finding.id },
                                      { QStringLiteral("message"), finding.message },
                                      { QStringLiteral("reference"), finding.reference } });
    root.insert(QStringLiteral("findings"), findings);
    root.insert(QStringLiteral("valid"), result.status == FlowStatus::Success);
    m_context->console().writeData(QJsonDocument(root).toJson(QJsonDocument::Indented));
}
