#pragma once

#include <QObject>
#include <QStringList>
#include <optional>

// One subcommand of oauth-debugger-cli. start() runs it: run() parses its arguments and does the work,
// possibly asynchronously; finished() reports the process exit code exactly once.
class Command : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // arguments.first() names the command for messages, e.g. "oauth-debugger-cli token".
    void start(const QStringList &arguments);

Q_SIGNALS:
    void finished(int exitCode);

protected:
    // Parses the arguments and does or starts the work: the exit code when the command already ended,
    // std::nullopt when finished() follows later.
    virtual std::optional<int> run(const QStringList &arguments) = 0;
};
