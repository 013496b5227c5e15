#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT and SIGTERM into a Qt signal while it exists (the self-pipe pattern: the handler only
// writes a byte to a socket the event loop watches), so a command can cancel cleanly, closing what it
// opened, instead of dying. The default handlers come back when it is destroyed. One at a time.
class InterruptWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit InterruptWatcher(QObject *parent = nullptr);
    ~InterruptWatcher() override;

    bool isActive() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void interrupted(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};
