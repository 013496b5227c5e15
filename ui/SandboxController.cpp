#include "SandboxController.h"

#include "SandboxProfiles.h"
#include "SandboxServer.h"

#include <QTcpServer>

namespace {
// Whether 127.0.0.1:port can be bound now. Asking first keeps QHttpServer from warning about a busy port.
bool portIsFree(quint16 port)
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, port);
}
} // namespace

SandboxController::SandboxController(const QString &dataFolder, QObject *parent)
    : QObject(parent)
    , m_folder(dataFolder)
    , m_preferences(SandboxPreferences::load())
    , m_settings(m_preferences.settings)
{
}

SandboxController::~SandboxController() = default;

bool SandboxController::start()
{
    if (isRunning())
        return true;
    if (isStarting()) {
        m_error = tr("The sandbox is starting already.");
        return false;
    }
    m_error.clear();
    const auto preferred = static_cast<quint16>(m_preferences.port);
    m_fellBack = preferred != 0 && !portIsFree(preferred);
    const auto attempt = [this](quint16 port) {
        auto server = std::make_unique<SandboxServer>(m_folder);
        server->setSettings(m_settings);
        if (!server->start(port)) {
            m_error = server->errorString();
            return std::unique_ptr<SandboxServer>();
        }
        return server;
    };
    std::unique_ptr<SandboxServer> server = attempt(m_fellBack ? 0 : preferred);
    if (!server && mayFallBack(m_fellBack ? 0 : preferred))
        server = attempt(0);
    if (!server) {
        failed(m_error);
        return false;
    }
    started(std::move(server));
    return true;
}

bool SandboxController::startAsync()
{
    if (isRunning() || isStarting())
        return false;
    m_error.clear();
    const auto preferred = static_cast<quint16>(m_preferences.port);
    m_fellBack = preferred != 0 && !portIsFree(preferred);
    attemptAsync(m_fellBack ? 0 : preferred);
    Q_EMIT startingChanged(true);
    return true;
}

void SandboxController::attemptAsync(quint16 port)
{
    m_pending = std::make_unique<SandboxServer>(m_folder);
    m_pendingPort = port;
    m_pending->setSettings(m_settings);
    connect(m_pending.get(), &SandboxServer::started, this, &SandboxController::pendingStarted);
    m_pending->startAsync(port);
}

void SandboxController::pendingStarted(bool ok)
{
    SandboxServer *server = m_pending.release(); // this runs inside the server's own signal
    if (ok) {
        server->setSettings(m_settings); // changed while it started
        started(std::unique_ptr<SandboxServer>(server));
        Q_EMIT startingChanged(false);
        return;
    }
    m_error = server->errorString();
    server->deleteLater(); // not now: see above
    if (mayFallBack(m_pendingPort)) {
        attemptAsync(0);
        return;
    }
    failed(m_error);
    Q_EMIT startingChanged(false);
}

bool SandboxController::mayFallBack(quint16 port)
{
    // The preferred port was taken between the check and the listen.
    const auto preferred = static_cast<quint16>(m_preferences.port);
    if (port == 0 || port != preferred || portIsFree(preferred))
        return false;
    m_fellBack = true;
    return true;
}

void SandboxController::started(std::unique_ptr<SandboxServer> server)
{
    m_server = std::move(server);
    Q_EMIT runningChanged(true);
}

void SandboxController::failed(const QString &error)
{
    m_error = tr("The sandbox could not start: %1").arg(error);
    Q_EMIT startFailed(m_error);
}

void SandboxController::stop()
{
    if (m_pending) {
        // Deleted later, not inside a slot of its own; its destructor lets the worker finish first.
        m_pending.release()->deleteLater();
        m_error.clear();
        Q_EMIT startingChanged(false);
    }
    if (!m_server)
        return;
    m_server.reset(); // closes the listening socket now, so the port is free for the next start
    m_fellBack = false;
    m_error.clear();
    Q_EMIT runningChanged(false);
}

QUrl SandboxController::issuer() const
{
    return m_server ? m_server->issuer() : QUrl();
}

QList<SandboxClient> SandboxController::clients() const
{
    return m_server ? m_server->clients() : QList<SandboxClient>();
}

QString SandboxController::secretFor(const Profile &profile) const
{
    return m_server ? SandboxProfiles::secretFor(profile, m_server->issuer(), m_server->clients())
                    : QString();
}

void SandboxController::setPreferredPort(int port)
{
    if (port == m_preferences.port || port < 0 || port > 65535)
        return;
    m_preferences.port = port;
    savePreferences();
    Q_EMIT settingsChanged();
}

void SandboxController::setStartsWithApp(bool start)
{
    if (start == m_preferences.startWithApp)
        return;
    m_preferences.startWithApp = start;
    savePreferences();
    Q_EMIT settingsChanged();
}

void SandboxController::setSettings(const SandboxSettings &settings)
{
    m_settings = settings;
    if (m_server)
        m_server->setSettings(m_settings);
    m_preferences.settings = settings;
    m_preferences.settings.faults.clear();
    savePreferences();
    Q_EMIT settingsChanged();
}

void SandboxController::setFault(SandboxFault fault, bool enabled)
{
    if (m_settings.has(fault) == enabled)
        return;
    if (enabled)
        m_settings.faults.insert(fault);
    else
        m_settings.faults.remove(fault);
    if (m_server)
        m_server->setSettings(m_settings);
    Q_EMIT settingsChanged();
}

void SandboxController::savePreferences()
{
    m_preferences.save();
}
