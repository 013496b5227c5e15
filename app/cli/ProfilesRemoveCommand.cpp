#include "ProfilesRemoveCommand.h"

#include "CliContext.h"
#include "CliParser.h"
#include "Console.h"
#include "FlowResult.h"
#include "SecretStore.h"
#include "TextSanitizer.h"

#include <QCommandLineParser>

ProfilesRemoveCommand::ProfilesRemoveCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
{
}

std::optional<int> ProfilesRemoveCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    Console &console = m_context->console();
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Delete a saved profile and its client secret in the keychain."));
    CliContext::addGlobalOptions(&parser);
    parser.addPositionalArgument(QStringLiteral("name"), tr("The profile's name."), QStringLiteral("NAME"));
    if (const std::optional<int> exitCode
        = CliParser::parse(parser, arguments, command + QStringLiteral(" [options] NAME"), console))
        return exitCode;
    m_context->readGlobalOptions(parser);
    if (const std::optional<int> exitCode
        = CliParser::requireOneArgument(parser, console, command, tr("missing the profile name")))
        return exitCode;
    const QStringList positional = parser.positionalArguments();

    std::optional<QList<Profile>> profiles = m_context->loadProfiles();
    if (!profiles)
        return exitCodeFor(FlowStatus::UsageError);
    const QString name = positional.constFirst();
    const qsizetype index = CliContext::indexOfProfile(*profiles, name);
    if (index < 0) {
        console.error(tr("unknown profile \"%1\"").arg(TextSanitizer::sanitize(name)));
        return exitCodeFor(FlowStatus::UsageError);
    }
    const Profile removed = profiles->takeAt(index);
    if (!m_context->saveProfiles(*profiles))
        return exitCodeFor(FlowStatus::UsageError);
    console.message(tr("removed profile \"%1\"").arg(TextSanitizer::sanitize(name)));

    m_context->secretStore()->deleteSecret(removed.secretKey(), [this](const SecretReply &reply) {
        if (reply.status == SecretReply::Status::Failed)
            m_context->console().warning(
                tr("the client secret could not be deleted from the keychain: %1").arg(reply.error));
        Q_EMIT finished(exitCodeFor(FlowStatus::Success));
    });
    return std::nullopt;
}
