#include "ProfilesShowCommand.h"

#include "CliContext.h"
#include "CliParser.h"
#include "Console.h"
#include "EndpointOptions.h"
#include "FlowResult.h"
#include "TextSanitizer.h"

#include <QCommandLineParser>
#include <QJsonDocument>

ProfilesShowCommand::ProfilesShowCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
{
}

std::optional<int> ProfilesShowCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Show a saved profile. Client secrets are never shown."));
    CliContext::addGlobalOptions(&parser);
    const QCommandLineOption json(QStringLiteral("json"), tr("Print the profile as JSON."));
    parser.addOption(json);
    parser.addPositionalArgument(QStringLiteral("name"), tr("The profile's name."), QStringLiteral("NAME"));
    if (const std::optional<int> exitCode = CliParser::parse(
            parser, arguments, command + QStringLiteral(" [options] NAME"), m_context->console()))
        return *exitCode;
    m_context->readGlobalOptions(parser);
    if (const std::optional<int> exitCode = CliParser::requireOneArgument(
            parser, m_context->console(), command, tr("missing the profile name")))
        return exitCode;
    const QStringList positional = parser.positionalArguments();

    const std::optional<Profile> profile = m_context->profileByName(positional.constFirst());
    if (!profile)
        return exitCodeFor(FlowStatus::UsageError);
    if (parser.isSet(json))
        m_context->console().writeData(QJsonDocument(profile->toJson()).toJson(QJsonDocument::Indented));
    else
        printText(*profile);
    return exitCodeFor(FlowStatus::Success);
}

void ProfilesShowCommand::printText(const Profile &profile) const
{
    Console &console = m_context->console();
    const auto line = [&console](const QString &label, const QString &value) {
        console.writeDataLine(label + QStringLiteral(": ") + TextSanitizer::sanitize(value));
    };
    line(tr("name"), profile.name);
    line(tr("id"), profile.id);
    line(tr("token URL"), profile.tokenUrl.toString());
    if (!profile.endpoints.issuer.isEmpty())
        line(tr("issuer"), profile.endpoints.issuer.toString());
    for (const EndpointOptions::Field &field : EndpointOptions::fields()) {
        const QUrl &url = profile.endpoints.*field.member;
        if (!url.isEmpty())
            line(field.label(), url.toString());
    }
    line(tr("client id"), profile.clientId);
    line(tr("auth method"), clientAuthMethodName(profile.authMethod));
    if (!profile.scope.isEmpty())
        line(tr("scope"), profile.scope);
    if (!profile.audience.isEmpty())
        line(tr("audience"), profile.audience);
    for (const QString &resource : profile.resources)
        line(tr("resource"), resource);
    for (const auto &parameter : profile.extraParameters)
        line(tr("parameter"), parameter.first + QLatin1Char('=') + parameter.second);
    line(tr("timeout"), tr("%1 s").arg(profile.timeoutSeconds));
    if (!profile.caFile.isEmpty())
        line(tr("CA file"), profile.caFile);
    line(tr("insecure"), profile.insecure ? tr("yes") : tr("no"));
    line(tr("redirect port"),
         profile.redirectPort == 0 ? tr("0 (any free port)") : QString::number(profile.redirectPort));
    line(tr("redirect path"), profile.redirectPath);
    line(tr("PKCE"), Pkce::methodName(profile.pkceMethod));
    line(tr("browser command"),
         profile.browserCommand.isEmpty() ? tr("(the system browser)") : profile.browserCommand);
}
