#include "ProfilesDiscoverCommand.h"

#include "CliContext.h"
#include "CliParser.h"
#include "CommonOptions.h"
#include "Console.h"
#include "EndpointOptions.h"
#include "FlowReport.h"
#include "IssuerDiscovery.h"
#include "TextSanitizer.h"

#include <QCommandLineParser>
#include <algorithm>

ProfilesDiscoverCommand::ProfilesDiscoverCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
    , m_discovery(new IssuerDiscovery(context, this))
{
    connect(m_discovery, &IssuerDiscovery::succeeded, this,
            [this](const DiscoveryResult &result) { Q_EMIT finished(onDiscovered(result)); });
    connect(m_discovery, &IssuerDiscovery::failed, this, &Command::finished);
}

std::optional<int> ProfilesDiscoverCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    Console &console = m_context->console();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Fetch the metadata of a profile's issuer again and save the endpoints and the token URL it "
           "names. Endpoints the metadata leaves out keep their value. The changes are listed on stderr."));
    CliContext::addGlobalOptions(&parser);
    const QCommandLineOption issuer(QStringLiteral("issuer"), tr("Set the profile's issuer to URL first."),
                                    tr("URL"));
    const QCommandLineOption accept = EndpointOptions::acceptIssuerMismatchOption();
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     tr("Write the HTTP exchanges, secrets redacted, to stderr."));
    parser.addOptions({ issuer, accept, verbose });
    parser.addPositionalArgument(QStringLiteral("name"), tr("The profile's name."), QStringLiteral("NAME"));
    if (const std::optional<int> exitCode
        = CliParser::parse(parser, arguments, command + QStringLiteral(" [options] NAME"), console))
        return exitCode;
    m_context->readGlobalOptions(parser);
    if (const std::optional<int> exitCode
        = CliParser::requireOneArgument(parser, console, command, tr("missing the profile name")))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    QString error;
    if (parser.isSet(issuer)
        && !EndpointOptions::parseUrl(parser.value(issuer), QStringLiteral("--issuer"), &m_issuer, &error))
        return CliParser::usageError(console, command, error);

    const std::optional<Profile> profile = m_context->profileByName(positional.constFirst());
    if (!profile)
        return exitCodeFor(FlowStatus::UsageError);
    m_profile = *profile;
    if (m_issuer.isEmpty())
        m_issuer = m_profile.endpoints.issuer;
    if (m_issuer.isEmpty())
        return CliParser::usageError(console, command,
                                     tr("profile \"%1\" has no issuer: pass --issuer URL")
                                         .arg(TextSanitizer::sanitize(m_profile.name)));
    if (parser.isSet(verbose))
        m_context->enableVerbose();
    if (m_profile.insecure)
        FlowReport::printInsecureMarker(console);
    m_discovery->start(m_issuer, m_profile.transportOptions(), parser.isSet(accept));
    return std::nullopt;
}

int ProfilesDiscoverCommand::onDiscovered(const DiscoveryResult &result)
{
    Console &console = m_context->console();
    Profile updated = m_profile;
    updated.endpoints.issuer = m_issuer;
    EndpointOptions().applyDiscovered(result.metadata, false, &updated);
    if (CommonOptions::reportProblems(console, updated))
        return exitCodeFor(FlowStatus::UsageError);

    // Saved by id: the profile may have been renamed meanwhile, never replace another one.
    std::optional<QList<Profile>> profiles = m_context->loadProfiles();
    if (!profiles)
        return exitCodeFor(FlowStatus::UsageError);
    auto stored = std::find_if(profiles->begin(), profiles->end(),
                               [this](const Profile &p) { return p.id == m_profile.id; });
    if (stored == profiles->end()) {
        console.error(
            tr("profile \"%1\" was removed meanwhile").arg(TextSanitizer::sanitize(m_profile.name)));
        return exitCodeFor(FlowStatus::UsageError);
    }
    *stored = updated;
    if (!m_context->saveProfiles(*profiles))
        return exitCodeFor(FlowStatus::UsageError);
    printChanges(m_profile, updated);
    console.message(tr("saved profile \"%1\" (endpoints from %2)")
                        .arg(TextSanitizer::sanitize(updated.name), result.documentUrl.toString()));
    return exitCodeFor(FlowStatus::Success);
}

void ProfilesDiscoverCommand::printChanges(const Profile &before, const Profile &after) const
{
    Console &console = m_context->console();
    bool changed = false;
    const auto compare = [&](const QString &label, const QUrl &old, const QUrl &now) {
        if (old == now)
            return;
        changed = true;
        console.message(old.isEmpty() ? tr("%1: %2").arg(label, now.toString())
                                      : tr("%1: %2 (was %3)").arg(label, now.toString(), old.toString()));
    };
    compare(tr("issuer"), before.endpoints.issuer, after.endpoints.issuer);
    compare(tr("token URL"), before.tokenUrl, after.tokenUrl);
    for (const EndpointOptions::Field &field : EndpointOptions::fields())
        compare(field.label(), before.endpoints.*field.member, after.endpoints.*field.member);
    if (!changed)
        console.message(tr("the endpoints are unchanged"));
}
