#include "CommandGroup.h"

#include "CliContext.h"
#include "CliParser.h"
#include "Console.h"
#include "FlowResult.h"

#include <QCommandLineParser>

CommandGroup::CommandGroup(CliContext *context, const QString &description, QObject *parent)
    : Command(parent)
    , m_context(context)
    , m_description(description)
{
}

void CommandGroup::addCommand(const QString &name, const QString &summary, Factory factory)
{
    m_commands.append({ name, summary, std::move(factory) });
}

std::optional<int> CommandGroup::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    const QString usage = command + QStringLiteral(" [options] COMMAND [command options]");
    Console &console = m_context->console();
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.setApplicationDescription(
        m_description + QStringLiteral("\n\n") + commandList()
        + tr("Run '%1 COMMAND --help' for the options of a command.").arg(command));
    CliContext::addGlobalOptions(&parser);
    std::optional<QCommandLineOption> version;
    if (!m_version.isEmpty())
        version = parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), tr("The command to run."),
                                 QStringLiteral("COMMAND"));
    if (const std::optional<int> exitCode = CliParser::parse(parser, arguments, usage, console))
        return exitCode;
    if (version && parser.isSet(*version)) {
        console.writeDataLine(QStringLiteral("oauth-debugger-cli ") + m_version);
        return exitCodeFor(FlowStatus::Success);
    }
    m_context->readGlobalOptions(parser);

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return CliParser::usageError(console, command,
                                     tr("missing command\n\n%1").arg(commandList().trimmed()));
    const QString name = positional.constFirst();
    for (const Entry &entry : std::as_const(m_commands)) {
        if (entry.name != name)
            continue;
        Command *subcommand = entry.factory(this);
        connect(subcommand, &Command::finished, this, &Command::finished);
        QStringList rest = positional;
        rest.first() = command + QLatin1Char(' ') + name;
        subcommand->start(rest);
        return std::nullopt;
    }
    return CliParser::usageError(console, command,
                                 tr("unknown command \"%1\"\n\n%2").arg(name, commandList().trimmed()));
}

QString CommandGroup::commandList() const
{
    qsizetype width = 0;
    for (const Entry &entry : m_commands)
        width = std::max(width, entry.name.size());
    QString text = tr("Commands:") + QLatin1Char('\n');
    for (const Entry &entry : m_commands)
        text
            += QStringLiteral("  ") + entry.name.leftJustified(width + 2) + entry.summary + QLatin1Char('\n');
    return text;
}
