#pragma once

#include "CodeFlowOptions.h"
#include "CommonOptions.h"
#include "EndpointOptions.h"
#include "Profile.h"
#include "ServerMetadata.h"

#include <QCommandLineOption>
#include <QObject>
#include <optional>

class CliContext;
class IssuerDiscovery;
struct DiscoveryResult;

// Where a command's client configuration comes from: a saved profile (--profile NAME) or the options, with
// --issuer running discovery to fill the endpoints the options leave open. Ends with a profile that holds
// what the command needs, or with an exit code after printing why not.
class ClientSetup final : public QObject
{
    Q_OBJECT
public:
    // The endpoint the command calls: decides the options offered and what the profile must hold.
    enum class Target {
        Token, // client credentials at the token endpoint
        Introspection,
        Revocation,
        UserInfo, // with setNeedsToken(true), also the token endpoint
        NewProfile, // `profiles add NAME`: every option, no --profile
    };

    ClientSetup(CliContext *context, Target target, QObject *parent = nullptr);

    void addOptions(QCommandLineParser *parser);
    void setNeedsToken(bool needsToken) { m_needsToken = needsToken; }
    // Target::Token: the flow also needs this endpoint (the authorization endpoint of the code flow).
    void requireEndpoint(EndpointOptions::Endpoint endpoint) { m_requiredEndpoint = endpoint; }
    // The authorization code flow options given (Target::Token and Target::NewProfile), e.g. "--pkce".
    QStringList codeFlowOptionsSet(const QCommandLineParser &parser) const
    {
        return m_codeFlow.optionsSet(parser);
    }
    bool isProfileSet(const QCommandLineParser &parser) const
    {
        return m_target != Target::NewProfile && parser.isSet(m_profileOption);
    }
    // Builds the profile from the options (`newName` names the profile of Target::NewProfile). Prints why it
    // cannot and returns the exit code; std::nullopt when start() may follow.
    std::optional<int> read(const QCommandLineParser &parser, const QString &command,
                            const QString &newName = QString());

    const Profile &profile() const { return m_profile; }
    bool isSaved() const { return m_saved; } // the profile comes from the profile store
    // The metadata discovery found, once ready() was emitted after discovery.
    const std::optional<ServerMetadata> &metadata() const { return m_metadata; }

    // Runs discovery if --issuer asks for it, then checks the profile. Emits ready() or failed() exactly
    // once, maybe before returning.
    void start();

Q_SIGNALS:
    void ready(const Profile &profile);
    void failed(int exitCode);

private:
    QString adHocRequirement() const;
    bool adHocOptionsSet(const QCommandLineParser &parser) const;
    // Prints the problems of the profile; true when it can be used. Before discovery, the fields discovery
    // fills are not checked yet.
    bool check(bool beforeDiscovery);
    bool checkEndpoint();
    void onDiscovered(const DiscoveryResult &result);

    CliContext *m_context;
    Target m_target;
    IssuerDiscovery *m_discovery;
    CommonOptions m_options;
    EndpointOptions m_endpoints;
    CodeFlowOptions m_codeFlow;
    QCommandLineOption m_profileOption;
    QCommandLineOption m_noDiscovery;
    Profile m_profile;
    std::optional<ServerMetadata> m_metadata;
    std::optional<EndpointOptions::Endpoint> m_requiredEndpoint;
    bool m_saved = false;
    bool m_needsToken = false;
    bool m_discover = false;
    bool m_acceptMismatch = false;
    bool m_keepTokenUrl = false;
};
