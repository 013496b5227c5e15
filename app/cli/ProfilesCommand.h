#pragma once

class CliContext;
class Command;
class QObject;

// `profiles`: list, show, add, discover, remove, import and export saved profiles.
namespace ProfilesCommand {

Command *create(CliContext *context, QObject *parent);

} // namespace ProfilesCommand
