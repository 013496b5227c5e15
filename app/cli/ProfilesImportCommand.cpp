#include "ProfilesImportCommand.h"

#include "CliContext.h"
#include "CliParser.h"
#include "CommonOptions.h"
#include "Console.h"
#include "FlowResult.h"
#include "InputReader.h"
#include "TextSanitizer.h"

#include <QCommandLineParser>
#include <QSet>

ProfilesImportCommand::ProfilesImportCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
{
}

std::optional<int> ProfilesImportCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    Console &console = m_context->console();
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Add the profiles of a file written by 'profiles export'."));
    CliContext::addGlobalOptions(&parser);
    const QCommandLineOption force(QStringLiteral("force"), tr("Replace saved profiles of the same names."));
    parser.addOption(force);
    parser.addPositionalArgument(QStringLiteral("file"), tr("The file to import, or - for standard input."),
                                 QStringLiteral("FILE"));
    if (const std::optional<int> exitCode
        = CliParser::parse(parser, arguments, command + QStringLiteral(" [options] FILE"), console))
        return *exitCode;
    m_context->readGlobalOptions(parser);
    if (const std::optional<int> exitCode = CliParser::requireOneArgument(
            parser, console, command, tr("missing the file to import (- for standard input)")))
        return exitCode;
    const QStringList positional = parser.positionalArguments();

    QByteArray data;
    QString error;
    if (!InputReader::read(positional.constFirst(), &data, &error)) {
        console.error(error);
        return exitCodeFor(FlowStatus::UsageError);
    }
    const QList<Profile> imported = ProfileStore::importProfiles(data, &error);
    if (!error.isEmpty()) {
        console.error(tr("cannot import %1: %2").arg(positional.constFirst(), error));
        return exitCodeFor(FlowStatus::UsageError);
    }
    std::optional<QList<Profile>> profiles = m_context->loadProfiles();
    if (!profiles)
        return exitCodeFor(FlowStatus::UsageError);

    QSet<QString> seen;
    bool conflict = false;
    for (const Profile &profile : imported) {
        const QString name = TextSanitizer::sanitize(profile.name);
        if (seen.contains(profile.name)) {
            console.error(tr("the file holds two profiles named \"%1\"").arg(name));
            conflict = true;
        } else if (!parser.isSet(force) && CliContext::indexOfProfile(*profiles, profile.name) >= 0) {
            console.error(tr("profile \"%1\" already exists (use --force to replace it)").arg(name));
            conflict = true;
        }
        seen.insert(profile.name);
    }
    if (conflict)
        return exitCodeFor(FlowStatus::UsageError);

    for (const Profile &incoming : imported) {
        Profile profile = incoming;
        profile.id = Profile::create(profile.name).id;
        const qsizetype existing = CliContext::indexOfProfile(*profiles, profile.name);
        if (existing >= 0) {
            profile.id = profiles->at(existing).id;
            (*profiles)[existing] = profile;
        } else {
            profiles->append(profile);
        }
        const QStringList problems = CommonOptions::problems(profile);
        for (const QString &problem : problems)
            console.warning(tr("profile \"%1\": %2").arg(TextSanitizer::sanitize(profile.name), problem));
    }
    if (!m_context->saveProfiles(*profiles))
        return exitCodeFor(FlowStatus::UsageError);
    console.message(tr("imported %n profile(s) into %1", nullptr, int(imported.size()))
                        .arg(m_context->profileStore().filePath()));
    return exitCodeFor(FlowStatus::Success);
}
