#include "IntrospectCommand.h"

#include "ClaimText.h"
#include "CliContext.h"
#include "Console.h"
#include "TokenIntrospection.h"

#include <QCommandLineParser>
#include <QJsonDocument>

IntrospectCommand::IntrospectCommand(CliContext *context, QObject *parent)
    : TokenEndpointCommand(context, ClientSetup::Target::Introspection, parent)
    , m_introspection(new TokenIntrospection(context->http(), this))
    , m_json(QStringLiteral("json"),
             tr("Print the introspection response as JSON; scripts read its boolean \"active\"."))
    , m_requireActive(QStringLiteral("require-active"), tr("Exit with 5 when the token is not active."))
{
    connect(m_introspection, &TokenIntrospection::finished, this, &IntrospectCommand::onResult);
}

QString IntrospectCommand::description() const
{
    return tr(
        "Ask the authorization server whether a token is active and what it stands for (RFC 7662). "
        "Prints \"active: true|false\" and the claims on stdout, or the response with --json.\n"
        "The exit code is 0 whether or not the token is active: scripts use --require-active, or --json "
        "and its \"active\" member.\n"
        "Use a saved profile (--profile) or give --introspection-url (or --issuer) and --client-id.");
}

void IntrospectCommand::addOptions(QCommandLineParser *parser)
{
    parser->addOptions({ m_json, m_requireActive });
}

void IntrospectCommand::readOptions(const QCommandLineParser &parser)
{
    m_printJson = parser.isSet(m_json);
    m_mustBeActive = parser.isSet(m_requireActive);
}

void IntrospectCommand::send(const Profile &profile, const QString &clientSecret, const QString &token,
                             const QString &tokenTypeHint)
{
    m_introspection->introspect(profile, clientSecret, token, tokenTypeHint);
}

void IntrospectCommand::onResult(const EndpointResult &result)
{
    if (!report(result))
        return;
    Console &console = m_context->console();
    const bool active = result.active.value_or(false);
    if (m_printJson) {
        console.writeData(QJsonDocument(result.json).toJson(QJsonDocument::Indented));
    } else {
        QJsonObject claims = result.json;
        claims.remove(QLatin1String("active"));
        console.writeDataLine(active ? QStringLiteral("active: true") : QStringLiteral("active: false"));
        // RFC 7662 §2.2 order, then the others alphabetically.
        static const QStringList first { QStringLiteral("scope"),    QStringLiteral("client_id"),
                                         QStringLiteral("username"), QStringLiteral("token_type"),
                                         QStringLiteral("exp"),      QStringLiteral("iat"),
                                         QStringLiteral("nbf"),      QStringLiteral("sub"),
                                         QStringLiteral("aud"),      QStringLiteral("iss"),
                                         QStringLiteral("jti") };
        const QStringList lines = ClaimText::lines(claims, first, QDateTime::currentDateTimeUtc());
        for (const QString &line : lines)
            console.writeDataLine(line);
    }
    if (!active) {
        console.note(tr("an inactive token is unknown, expired or revoked, or one this client may not "
                        "inspect (RFC 7662 §2.2)"));
        if (m_mustBeActive) {
            console.error(tr("the token is not active (--require-active)"));
            Q_EMIT finished(exitCodeFor(FlowStatus::ValidationError));
            return;
        }
    }
    Q_EMIT finished(exitCodeFor(FlowStatus::Success));
}
