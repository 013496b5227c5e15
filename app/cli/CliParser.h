#pragma once

#include <QString>
#include <QStringList>
#include <optional>

class Console;
class QCommandLineParser;

// QCommandLineParser with the CLI's conventions: help on stdout with exit 0, usage errors on stderr with
// exit 2.
namespace CliParser {

// Adds --help, parses `arguments` (the first names the command) and handles --help and parse errors.
// Returns the exit code when the command should stop, std::nullopt when it should go on.
std::optional<int> parse(QCommandLineParser &parser, const QStringList &arguments, const QString &usage,
                         Console &console);

// The parser's help text with "Usage: <usage>" as its first line.
QString helpText(const QCommandLineParser &parser, const QString &usage);

// Prints "error: <message>" and a pointer to --help; returns the usage exit code.
int usageError(Console &console, const QString &command, const QString &message);

// For commands that take exactly one positional argument: a usage error (`missing` when there is none, the
// first extra one named otherwise), or std::nullopt when there is exactly one.
std::optional<int> requireOneArgument(const QCommandLineParser &parser, Console &console,
                                      const QString &command, const QString &missing);

} // namespace CliParser
