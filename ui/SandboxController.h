#pragma once

#include "Profile.h"
#include "SandboxClient.h"
#include "SandboxPreferences.h"

#include <QObject>
#include <QUrl>
#include <memory>

class SandboxServer;

// The GUI's built-in sandbox: starts it on the preferred port (any free port when that one is busy), stops it
// (the port is free at once), and carries the lifetimes, auto-approve and fault switches over to it while it
// runs and across a restart. Preferences are remembered (SandboxPreferences); fault switches are not.
class SandboxController final : public QObject
{
    Q_OBJECT
public:
    explicit SandboxController(const QString &dataFolder, QObject *parent = nullptr);
    ~SandboxController() override;

    QString dataFolder() const { return m_folder; }

    // False with errorString() set when it cannot start (data folder unusable, no port at all).
    bool start();
    // The same without blocking the window: keys generated on a worker thread (SandboxServer::startAsync).
    // Emits startingChanged(true) now and, when done, runningChanged(true) or startFailed(), then
    // startingChanged(false). False (and nothing emitted) when it is running or starting already.
    bool startAsync();
    void stop(); // also abandons a start under way
    bool isRunning() const { return m_server != nullptr; }
    bool isStarting() const { return m_pending != nullptr; }
    QString errorString() const { return m_error; }
    // The preferred port was busy, so the running sandbox took another one.
    bool usedFallbackPort() const { return m_fellBack; }

    QUrl issuer() const; // empty while stopped
    QList<SandboxClient> clients() const; // empty while stopped
    SandboxServer *server() const { return m_server.get(); }
    // The client secret `profile` gets from the running sandbox (SandboxProfiles::secretFor); empty if none.
    QString secretFor(const Profile &profile) const;

    int preferredPort() const { return m_preferences.port; }
    void setPreferredPort(int port); // applies at the next start
    bool startsWithApp() const { return m_preferences.startWithApp; }
    void setStartsWithApp(bool start);
    SandboxSettings settings() const { return m_settings; }
    // Applied to the running sandbox at once; all but the faults are remembered.
    void setSettings(const SandboxSettings &settings);
    void setFault(SandboxFault fault, bool enabled);

Q_SIGNALS:
    void runningChanged(bool running);
    void startFailed(const QString &error);
    void startingChanged(bool starting);
    void settingsChanged();

private:
    void attemptAsync(quint16 port);
    void pendingStarted(bool ok);
    bool mayFallBack(quint16 port);
    void started(std::unique_ptr<SandboxServer> server);
    void failed(const QString &error);
    void savePreferences();

    QString m_folder;
    SandboxPreferences m_preferences;
    SandboxSettings m_settings; // m_preferences.settings plus this session's faults
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxServer> m_pending; // the asynchronous start under way
    quint16 m_pendingPort = 0;
    QString m_error;
    bool m_fellBack = false;
};
