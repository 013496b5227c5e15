#pragma once

#include "Command.h"
#include "CommonOptions.h"

#include <QCommandLineOption>

class CliContext;
class IssuerDiscovery;
struct DiscoveryResult;

// `discover ISSUER`: finds the authorization server's metadata and prints what it offers, or the document.
class DiscoverCommand final : public Command
{
    Q_OBJECT
public:
    explicit DiscoverCommand(CliContext *context, QObject *parent = nullptr);

private:
    std::optional<int> run(const QStringList &arguments) override;
    void onDiscovered(const DiscoveryResult &result);
    void printSummary(const DiscoveryResult &result) const;

    CliContext *m_context;
    IssuerDiscovery *m_discovery;
    CommonOptions m_options;
    QCommandLineOption m_json;
    QCommandLineOption m_verbose;
    bool m_printJson = false;
};
