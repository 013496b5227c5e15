#include "ProfilesExportCommand.h"

#include "CliContext.h"
#include "CliParser.h"
#include "Console.h"
#include "FlowResult.h"
#include "TextSanitizer.h"

#include <QCommandLineParser>
#include <QSaveFile>

ProfilesExportCommand::ProfilesExportCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
{
}

std::optional<int> ProfilesExportCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    Console &console = m_context->console();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Write saved profiles as JSON for 'profiles import'. Client secrets are never exported."));
    CliContext::addGlobalOptions(&parser);
    const QCommandLineOption output(QStringLiteral("o"), tr("Write to FILE instead of stdout."), tr("FILE"));
    parser.addOption(output);
    parser.addPositionalArgument(QStringLiteral("names"), tr("Profiles to export (default: all)."),
                                 QStringLiteral("[NAME...]"));
    if (const std::optional<int> exitCode
        = CliParser::parse(parser, arguments, command + QStringLiteral(" [options] [NAME...]"), console))
        return *exitCode;
    m_context->readGlobalOptions(parser);

    const std::optional<QList<Profile>> profiles = m_context->loadProfiles();
    if (!profiles)
        return exitCodeFor(FlowStatus::UsageError);
    const QStringList names = parser.positionalArguments();
    QList<Profile> selected = names.isEmpty() ? *profiles : QList<Profile>();
    for (const QString &name : names) {
        const qsizetype index = CliContext::indexOfProfile(*profiles, name);
        if (index < 0) {
            console.error(tr("unknown profile \"%1\"").arg(TextSanitizer::sanitize(name)));
            return exitCodeFor(FlowStatus::UsageError);
        }
        selected.append(profiles->at(index));
    }

    const QByteArray json = ProfileStore::exportProfiles(selected);
    if (!parser.isSet(output)) {
        console.writeData(json);
        return exitCodeFor(FlowStatus::Success);
    }
    QSaveFile file(parser.value(output));
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        console.error(tr("cannot write %1: %2").arg(parser.value(output), file.errorString()));
        return exitCodeFor(FlowStatus::UsageError);
    }
    console.message(
        tr("exported %n profile(s) to %1", nullptr, int(selected.size())).arg(parser.value(output)));
    return exitCodeFor(FlowStatus::Success);
}
