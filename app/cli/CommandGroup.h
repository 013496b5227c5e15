#pragma once

#include "Command.h"

#include <QList>
#include <QString>
#include <functional>
#include <optional>

class CliContext;

// A command made of subcommands ("oauth-debugger-cli COMMAND", "oauth-debugger-cli profiles COMMAND"):
// parses the options that come before the subcommand, then hands the rest of the arguments to it.
class CommandGroup final : public Command
{
    Q_OBJECT
public:
    using Factory = std::function<Command *(QObject *parent)>;

    CommandGroup(CliContext *context, const QString &description, QObject *parent = nullptr);

    void addCommand(const QString &name, const QString &summary, Factory factory);
    void setVersion(const QString &version) { m_version = version; } // offers --version when set

private:
    struct Entry
    {
        QString name;
        QString summary;
        Factory factory;
    };

    std::optional<int> run(const QStringList &arguments) override;
    QString commandList() const;

    CliContext *m_context;
    QString m_description;
    QString m_version;
    QList<Entry> m_commands;
};
