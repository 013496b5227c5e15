#include "ProfilesListCommand.h"

#include "CliContext.h"
#include "CliParser.h"
#include "Console.h"
#include "FlowResult.h"
#include "TextSanitizer.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

ProfilesListCommand::ProfilesListCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
{
}

std::optional<int> ProfilesListCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("List the saved profiles: name, token URL, client id and authentication method, tab-separated."));
    CliContext::addGlobalOptions(&parser);
    const QCommandLineOption json(QStringLiteral("json"), tr("Print the profiles as a JSON array."));
    parser.addOption(json);
    if (const std::optional<int> exitCode
        = CliParser::parse(parser, arguments, command + QStringLiteral(" [options]"), m_context->console()))
        return *exitCode;
    m_context->readGlobalOptions(parser);
    if (!parser.positionalArguments().isEmpty())
        return CliParser::usageError(
            m_context->console(), command,
            tr("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst()));

    const std::optional<QList<Profile>> profiles = m_context->loadProfiles();
    if (!profiles)
        return exitCodeFor(FlowStatus::UsageError);
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const Profile &profile : *profiles)
            array.append(profile.toJson());
        m_context->console().writeData(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return exitCodeFor(FlowStatus::Success);
    }
    for (const Profile &profile : *profiles) {
        const QStringList fields { TextSanitizer::sanitize(profile.name),
                                   TextSanitizer::sanitize(profile.tokenUrl.toString()),
                                   TextSanitizer::sanitize(profile.clientId),
                                   clientAuthMethodName(profile.authMethod) };
        m_context->console().writeDataLine(fields.join(QLatin1Char('\t')));
    }
    return exitCodeFor(FlowStatus::Success);
}
