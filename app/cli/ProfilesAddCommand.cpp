#include "ProfilesAddCommand.h"

#include "CliContext.h"
#include "CliParser.h"
#include "ClientSetup.h"
#include "Console.h"
#include "FlowReport.h"
#include "FlowResult.h"
#include "SecretStore.h"
#include "TextSanitizer.h"

#include <QCommandLineParser>

ProfilesAddCommand::ProfilesAddCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
    , m_setup(new ClientSetup(context, ClientSetup::Target::NewProfile, this))
{
    connect(m_setup, &ClientSetup::ready, this, [this](const Profile &profile) {
        if (const std::optional<int> exitCode = save(profile))
            Q_EMIT finished(*exitCode);
    });
    connect(m_setup, &ClientSetup::failed, this, &Command::finished);
}

std::optional<int> ProfilesAddCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    Console &console = m_context->console();
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Save a profile. --client-id is required, and --token-url or --issuer: with --issuer the endpoints "
        "come from the server's metadata (options given explicitly win). A client secret passed with "
        "--client-secret-env or --client-secret-stdin is stored in the system keychain, never in the profile "
        "file."));
    CliContext::addGlobalOptions(&parser);
    const QCommandLineOption force(QStringLiteral("force"), tr("Replace a profile of the same name."));
    parser.addOption(force);
    m_setup->addOptions(&parser);
    m_secrets.addOptions(&parser);
    parser.addPositionalArgument(QStringLiteral("name"), tr("The profile's name."), QStringLiteral("NAME"));
    if (const std::optional<int> exitCode
        = CliParser::parse(parser, arguments, command + QStringLiteral(" [options] NAME"), console))
        return exitCode;
    m_context->readGlobalOptions(parser);
    if (const std::optional<int> exitCode
        = CliParser::requireOneArgument(parser, console, command, tr("missing the profile name")))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    if (const std::optional<int> exitCode = m_setup->read(parser, command, positional.constFirst()))
        return exitCode;
    // Last: --client-secret-stdin reads standard input, which is pointless once the command has failed.
    QString error;
    if (!m_secrets.readOptions(parser, &error))
        return CliParser::usageError(console, command, error);
    m_force = parser.isSet(force);
    // Refuse a taken name before any discovery request.
    const std::optional<QList<Profile>> profiles = m_context->loadProfiles();
    if (!profiles || existsUnlessForced(*profiles, positional.constFirst()))
        return exitCodeFor(FlowStatus::UsageError);
    m_setup->start();
    return std::nullopt;
}

bool ProfilesAddCommand::existsUnlessForced(const QList<Profile> &profiles, const QString &name) const
{
    if (m_force || CliContext::indexOfProfile(profiles, name) < 0)
        return false;
    m_context->console().error(
        tr("profile \"%1\" already exists (use --force to replace it)").arg(TextSanitizer::sanitize(name)));
    return true;
}

std::optional<int> ProfilesAddCommand::save(Profile profile)
{
    Console &console = m_context->console();
    std::optional<QList<Profile>> profiles = m_context->loadProfiles();
    if (!profiles || existsUnlessForced(*profiles, profile.name))
        return exitCodeFor(FlowStatus::UsageError);
    const qsizetype existing = CliContext::indexOfProfile(*profiles, profile.name);
    if (existing >= 0) {
        profile.id = profiles->at(existing).id;
        (*profiles)[existing] = profile;
    } else {
        profiles->append(profile);
    }
    if (!m_context->saveProfiles(*profiles))
        return exitCodeFor(FlowStatus::UsageError);
    FlowReport::printWarnings(console, m_secrets.warnings());
    console.message(tr("saved profile \"%1\" in %2")
                        .arg(TextSanitizer::sanitize(profile.name), m_context->profileStore().filePath()));

    const std::optional<QString> &secret = m_secrets.givenSecret();
    if (!profile.needsSecret()) {
        if (secret)
            console.warning(tr("auth method none sends no client secret; the secret given was not saved"));
        return exitCodeFor(FlowStatus::Success);
    }
    if (!secret) {
        if (existing < 0)
            console.note(tr("no client secret stored: pass one per run with --client-secret-env VAR or "
                            "--client-secret-stdin, or add it with --force --client-secret-stdin"));
        return exitCodeFor(FlowStatus::Success);
    }
    storeSecret(profile, *secret);
    return std::nullopt;
}

// The profile is saved either way; a secret the keychain cannot take is reported, never written elsewhere.
void ProfilesAddCommand::storeSecret(const Profile &profile, const QString &secret)
{
    SecretStore *store = m_context->secretStore();
    store->writeSecret(profile.secretKey(), secret, [this, store](const SecretReply &reply) {
        Console &console = m_context->console();
        if (reply.ok()) {
            console.message(tr("saved the client secret in the %1").arg(store->backendName()));
        } else {
            console.warning(tr("the client secret was NOT saved: %1").arg(reply.error));
            console.hint(
                tr("pass the secret on each run with --client-secret-env VAR or --client-secret-stdin"));
        }
        Q_EMIT finished(exitCodeFor(FlowStatus::Success));
    });
}
