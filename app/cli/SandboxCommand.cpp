#include "SandboxCommand.h"

#include "CliContext.h"
#include "CliParser.h"
#include "Console.h"
#include "FlowResult.h"
#include "InterruptWatcher.h"
#include "SandboxFiles.h"
#include "SandboxServer.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

SandboxCommand::SandboxCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
    , m_port(QStringLiteral("port"), tr("Listen on 127.0.0.1:PORT (default: any free port)."),
             QStringLiteral("PORT"))
    , m_json(QStringLiteral("json"), tr("Print one JSON line with the issuer and the demo clients."))
    , m_dataDir(QStringLiteral("data-dir"),
                tr("Keep the signing keys and the demo client secret in DIR (default: %1).")
                    .arg(SandboxFiles::defaultFolder()),
                QStringLiteral("DIR"))
    , m_autoApprove(QStringLiteral("auto-approve"),
                    tr("Approve authorization requests at once instead of showing the sign-in page."))
{
}

std::optional<int> SandboxCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    Console &console = m_context->console();
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Run the built-in sandbox authorization server on 127.0.0.1 until interrupted (Ctrl+C). A teaching "
        "and test aid, NOT for production: its keys and demo client secret are stored unencrypted, it has "
        "one demo user and approves what it is asked. The issuer URL goes to stdout once it listens."));
    CliContext::addGlobalOptions(&parser);
    parser.addOptions({ m_port, m_json, m_dataDir, m_autoApprove });
    if (const std::optional<int> exitCode
        = CliParser::parse(parser, arguments, command + QStringLiteral(" [options]"), console))
        return exitCode;
    m_context->readGlobalOptions(parser);
    if (!parser.positionalArguments().isEmpty())
        return CliParser::usageError(
            console, command,
            tr("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst()));
    quint16 port = 0;
    if (parser.isSet(m_port)) {
        bool ok = false;
        const uint value = parser.value(m_port).toUInt(&ok);
        if (!ok || value > 65535)
            return CliParser::usageError(console, command, tr("--port needs a number from 0 to 65535"));
        port = static_cast<quint16>(value);
    }
    const QString dataDir = parser.isSet(m_dataDir) ? QDir(parser.value(m_dataDir)).absolutePath()
                                                    : SandboxFiles::defaultFolder();
    m_server = new SandboxServer(dataDir, this);
    m_server->setAutoApprove(parser.isSet(m_autoApprove));
    if (!m_server->start(port)) {
        console.error(m_server->errorString());
        return exitCodeFor(FlowStatus::TransportError);
    }
    m_watcher = new InterruptWatcher(this);
    connect(m_watcher, &InterruptWatcher::interrupted, this, &SandboxCommand::onInterrupted);
    console.warning(tr("the sandbox is a teaching and test aid, NOT for production"));
    console.note(tr("data folder: %1").arg(dataDir));
    printReady(parser.isSet(m_json));
    return std::nullopt;
}

void SandboxCommand::printReady(bool json) const
{
    Console &console = m_context->console();
    if (!json) {
        console.writeDataLine(m_server->issuer().toString());
        const QList<SandboxClient> clients = m_server->clients();
        for (const SandboxClient &client : clients)
            console.note(client.isPublic() ? tr("public client %1 (PKCE required)").arg(client.clientId)
                                           : tr("confidential client %1, secret %2 (basic or post)")
                                                 .arg(client.clientId, client.clientSecret));
        console.note(tr("press Ctrl+C to stop"));
        return;
    }
    QJsonArray clients;
    const QList<SandboxClient> all = m_server->clients();
    for (const SandboxClient &client : all)
        clients.append(client.toJson());
    const QJsonObject ready { { QStringLiteral("issuer"), m_server->issuer().toString() },
                              { QStringLiteral("clients"), clients } };
    console.writeData(QJsonDocument(ready).toJson(QJsonDocument::Compact) + '\n');
}

void SandboxCommand::onInterrupted(int signalNumber)
{
    Q_UNUSED(signalNumber)
    m_context->console().note(tr("sandbox stopped"));
    Q_EMIT finished(exitCodeFor(FlowStatus::Success));
}
