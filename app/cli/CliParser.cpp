#include "CliParser.h"

#include "Console.h"
#include "FlowResult.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace CliParser {

std::optional<int> parse(QCommandLineParser &parser, const QStringList &arguments, const QString &usage,
                         Console &console)
{
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(arguments))
        return usageError(console, arguments.constFirst(), parser.errorText());
    if (parser.isSet(help)) {
        console.writeData(helpText(parser, usage).toUtf8());
        return exitCodeFor(FlowStatus::Success);
    }
    return std::nullopt;
}

QString helpText(const QCommandLineParser &parser, const QString &usage)
{
    QString text = parser.helpText();
    const qsizetype endOfFirstLine = text.indexOf(QLatin1Char('\n'));
    if (endOfFirstLine >= 0)
        text.remove(0, endOfFirstLine);
    return QCoreApplication::translate("CliParser", "Usage: %1\n").arg(usage) + text;
}

int usageError(Console &console, const QString &command, const QString &message)
{
    console.error(message);
    console.message(
        QCoreApplication::translate("CliParser", "Try '%1 --help' for more information.").arg(command));
    return exitCodeFor(FlowStatus::UsageError);
}

std::optional<int> requireOneArgument(const QCommandLineParser &parser, Console &console,
                                      const QString &command, const QString &missing)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() == 1)
        return std::nullopt;
    return usageError(
        console, command,
        positional.isEmpty()
            ? missing
            : QCoreApplication::translate("CliParser", "unexpected argument \"%1\"").arg(positional.at(1)));
}

} // namespace CliParser
