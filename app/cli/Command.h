#pragma once

#include <QObject>
#include <QStringList>
#include <optional>

// One subcommand of oauth-debugger-cli. start() parses its arguments and does the work, possibly
// asynchronously; finished() reports the process exit code exactly once.
class Command : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // arguments.first() names the command for messages, e.g. "oauth-debugger-cli token".
    virtual void start(const QStringList &arguments) = 0;

Q_SIGNALS:
    void finished(int exitCode);
};
