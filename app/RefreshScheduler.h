#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimer>

// Says when a token should be refreshed: a configurable number of seconds before it expires.
class RefreshScheduler final : public QObject
{
    Q_OBJECT
public:
    explicit RefreshScheduler(QObject *parent = nullptr);

    // Schedules refreshDue() for expiresAt - leadSeconds (at once when that is past). An invalid expiresAt
    // (lifetime unknown) schedules nothing.
    void schedule(const QDateTime &expiresAt, int leadSeconds,
                  const QDateTime &now = QDateTime::currentDateTimeUtc());
    void stop();

    bool isScheduled() const { return m_timer.isActive(); }
    QDateTime dueAt() const { return m_dueAt; }

Q_SIGNALS:
    void refreshDue();

private:
    QTimer m_timer;
    QDateTime m_dueAt;
};
