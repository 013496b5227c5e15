#pragma once

#include "Command.h"

class CliContext;

// `profiles import FILE|-`: adds the profiles of an exported file with fresh ids. A name that already exists
// is an error unless --force, which replaces that profile and keeps its id (and so its keychain secret).
class ProfilesImportCommand final : public Command
{
    Q_OBJECT
public:
    explicit ProfilesImportCommand(CliContext *context, QObject *parent = nullptr);

private:
    std::optional<int> run(const QStringList &arguments) override;

    CliContext *m_context;
};
