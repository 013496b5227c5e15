#include "ProfilesCommand.h"

#include "CommandGroup.h"
#include "ProfilesAddCommand.h"
#include "ProfilesDiscoverCommand.h"
#include "ProfilesExportCommand.h"
#include "ProfilesImportCommand.h"
#include "ProfilesListCommand.h"
#include "ProfilesRemoveCommand.h"
#include "ProfilesShowCommand.h"

#include <QCoreApplication>

namespace ProfilesCommand {

Command *create(CliContext *context, QObject *parent)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("ProfilesCommand", text); };
    auto *group = new CommandGroup(
        context,
        tr("Manage saved profiles. Profiles never hold client secrets: those live in the system keychain."),
        parent);
    group->addCommand(QStringLiteral("list"), tr("List the saved profiles."),
                      [context](QObject *p) { return new ProfilesListCommand(context, p); });
    group->addCommand(QStringLiteral("show"), tr("Show one profile."),
                      [context](QObject *p) { return new ProfilesShowCommand(context, p); });
    group->addCommand(QStringLiteral("add"), tr("Save a profile (and its client secret in the keychain)."),
                      [context](QObject *p) { return new ProfilesAddCommand(context, p); });
    group->addCommand(QStringLiteral("discover"),
                      tr("Refresh a profile's endpoints from its issuer's metadata."),
                      [context](QObject *p) { return new ProfilesDiscoverCommand(context, p); });
    group->addCommand(QStringLiteral("remove"), tr("Delete a profile and its keychain secret."),
                      [context](QObject *p) { return new ProfilesRemoveCommand(context, p); });
    group->addCommand(QStringLiteral("import"), tr("Add the profiles of an exported file."),
                      [context](QObject *p) { return new ProfilesImportCommand(context, p); });
    group->addCommand(QStringLiteral("export"), tr("Write profiles, without secrets, as JSON."),
                      [context](QObject *p) { return new ProfilesExportCommand(context, p); });
    return group;
}

} // namespace ProfilesCommand
