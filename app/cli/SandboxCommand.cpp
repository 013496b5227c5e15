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

namespace {
QString faultList(const QString &indent)
{
    QString text;
    const QList<SandboxFault> faults = SandboxSettings::allFaults();
    for (const SandboxFault fault : faults)
        text += indent + SandboxSettings::faultName(fault) + QStringLiteral(": ")
            + SandboxSettings::faultDescription(fault) + QLatin1Char('\n');
    return text;
}

QStringList allFaultNames()
{
    QStringList names;
    const QList<SandboxFault> faults = SandboxSettings::allFaults();
    for (const SandboxFault fault : faults)
        names.append(SandboxSettings::faultName(fault));
    return names;
}
} // namespace

SandboxCommand::SandboxCommand(CliContext *context, QObject *parent)
    : Command(parent)
    , m_context(context)
    , m_port(QStringLiteral("port"), tr("Listen on 127.0.0.1:PORT (default: any free port)."),
             QStringLiteral("PORT"))
    , m_json(QStringLiteral("json"),
             tr("Print one JSON line with the issuer, the demo clients and the faults switched on."))
    , m_dataDir(QStringLiteral("data-dir"),
                tr("Keep the signing keys and the demo client secret in DIR (default: %1).")
                    .arg(SandboxFiles::defaultFolder()),
                QStringLiteral("DIR"))
    , m_autoApprove(QStringLiteral("auto-approve"),
                    tr("Approve authorization requests at once instead of showing the sign-in page."))
    , m_fault(QStringLiteral("fault"), tr("Turn on a fault switch (repeatable); the names are listed above."),
              QStringLiteral("NAME"))
    , m_accessTokenLifetime(
          QStringLiteral("access-token-lifetime"),
          tr("Access tokens live SECONDS (default: %1).").arg(SandboxSettings().accessTokenLifetime),
          QStringLiteral("SECONDS"))
    , m_idTokenLifetime(QStringLiteral("id-token-lifetime"),
                        tr("ID tokens live SECONDS (default: %1).").arg(SandboxSettings().idTokenLifetime),
                        QStringLiteral("SECONDS"))
    , m_refreshTokenLifetime(
          QStringLiteral("refresh-token-lifetime"),
          tr("Refresh tokens live SECONDS (default: %1); an expired one gets invalid_grant.")
              .arg(SandboxSettings().refreshTokenLifetime),
          QStringLiteral("SECONDS"))
    , m_codeLifetime(
          QStringLiteral("code-lifetime"),
          tr("Authorization codes live SECONDS (default: %1).").arg(SandboxSettings().codeLifetime),
          QStringLiteral("SECONDS"))
    , m_slowSeconds(QStringLiteral("slow-seconds"),
                    tr("With --fault slow-token-endpoint, the token endpoint answers SECONDS late (default: "
                       "%1, at most %2).")
                        .arg(SandboxSettings().slowSeconds)
                        .arg(SandboxSettings::MaxSlowSeconds),
                    QStringLiteral("SECONDS"))
{
}

std::optional<int> SandboxCommand::readSeconds(const QCommandLineParser &parser,
                                               const QCommandLineOption &option, qint64 maximum,
                                               const QString &command, qint64 *seconds) const
{
    if (!parser.isSet(option))
        return std::nullopt;
    bool ok = false;
    const qint64 value = parser.value(option).toLongLong(&ok);
    if (!ok || value < 1 || value > maximum)
        return CliParser::usageError(m_context->console(), command,
                                     tr("--%1 needs a whole number of seconds from 1 to %2, not \"%3\"")
                                         .arg(option.names().constFirst())
                                         .arg(maximum)
                                         .arg(parser.value(option)));
    *seconds = value;
    return std::nullopt;
}

std::optional<int> SandboxCommand::readSettings(const QCommandLineParser &parser, const QString &command,
                                                SandboxSettings *settings) const
{
    const QStringList names = parser.values(m_fault);
    for (const QString &name : names) {
        SandboxFault fault = SandboxFault::WrongState;
        if (!SandboxSettings::faultFromName(name, &fault))
            return CliParser::usageError(m_context->console(), command,
                                         tr("unknown fault \"%1\"; the faults are: %2")
                                             .arg(name, allFaultNames().join(QStringLiteral(", "))));
        settings->faults.insert(fault);
    }
    const qint64 maxLifetime = SandboxSettings::MaxLifetimeSeconds;
    const std::pair<const QCommandLineOption *, qint64 *> lifetimes[] = {
        { &m_accessTokenLifetime, &settings->accessTokenLifetime },
        { &m_idTokenLifetime, &settings->idTokenLifetime },
        { &m_refreshTokenLifetime, &settings->refreshTokenLifetime },
        { &m_codeLifetime, &settings->codeLifetime },
    };
    for (const auto &[option, seconds] : lifetimes) {
        if (const std::optional<int> exitCode = readSeconds(parser, *option, maxLifetime, command, seconds))
            return exitCode;
    }
    qint64 slow = settings->slowSeconds;
    if (const std::optional<int> exitCode
        = readSeconds(parser, m_slowSeconds, SandboxSettings::MaxSlowSeconds, command, &slow))
        return exitCode;
    settings->slowSeconds = static_cast<int>(slow);
    return std::nullopt;
}

std::optional<int> SandboxCommand::run(const QStringList &arguments)
{
    const QString command = arguments.constFirst();
    Console &console = m_context->console();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Run the built-in sandbox authorization server on 127.0.0.1 until interrupted (Ctrl+C). A "
           "teaching and test aid, NOT for production: its keys and demo client secret are stored "
           "unencrypted, it has one demo user and approves what it is asked. The issuer URL goes to stdout "
           "once it listens.\n\n"
           "Fault switches (--fault NAME) turn one correct answer into a specific wrong one, to see how a "
           "client catches it:\n")
        + faultList(QStringLiteral("  ")));
    CliContext::addGlobalOptions(&parser);
    parser.addOptions({ m_port, m_json, m_dataDir, m_autoApprove, m_fault, m_accessTokenLifetime,
                        m_idTokenLifetime, m_refreshTokenLifetime, m_codeLifetime, m_slowSeconds });
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
    SandboxSettings settings;
    settings.autoApprove = parser.isSet(m_autoApprove);
    if (const std::optional<int> exitCode = readSettings(parser, command, &settings))
        return exitCode;
    const QString dataDir = parser.isSet(m_dataDir) ? QDir(parser.value(m_dataDir)).absolutePath()
                                                    : SandboxFiles::defaultFolder();
    m_server = new SandboxServer(dataDir, this);
    m_server->setSettings(settings);
    if (!m_server->start(port)) {
        console.error(m_server->errorString());
        return exitCodeFor(FlowStatus::TransportError);
    }
    m_watcher = new InterruptWatcher(this);
    connect(m_watcher, &InterruptWatcher::interrupted, this, &SandboxCommand::onInterrupted);
    console.warning(tr("the sandbox is a teaching and test aid, NOT for production"));
    console.note(tr("data folder: %1").arg(dataDir));
    if (!settings.faults.isEmpty())
        console.warning(tr("fault switches on: %1").arg(settings.faultNames().join(QStringLiteral(", "))));
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
                              { QStringLiteral("clients"), clients },
                              { QStringLiteral("faults"),
                                QJsonArray::fromStringList(m_server->settings().faultNames()) } };
    console.writeData(QJsonDocument(ready).toJson(QJsonDocument::Compact) + '\n');
}

void SandboxCommand::onInterrupted(int signalNumber)
{
    Q_UNUSED(signalNumber)
    m_context->console().note(tr("sandbox stopped"));
    Q_EMIT finished(exitCodeFor(FlowStatus::Success));
}
