#include "Command.h"

void Command::start(const QStringList &arguments)
{
    if (const std::optional<int> exitCode = run(arguments))
        Q_EMIT finished(*exitCode);
}
