#include "RefreshScheduler.h"

RefreshScheduler::RefreshScheduler(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_dueAt = QDateTime();
        Q_EMIT refreshDue();
    });
}

void RefreshScheduler::schedule(const QDateTime &expiresAt, int leadSeconds, const QDateTime &now)
{
    stop();
    if (!expiresAt.isValid())
        return;
    m_dueAt = expiresAt.addSecs(-qMax(0, leadSeconds));
    // QTimer takes an int of milliseconds: clamp far-away expiries to a day and re-check then.
    const qint64 delay = qBound<qint64>(0, now.msecsTo(m_dueAt), 24LL * 3600 * 1000);
    m_timer.setTimerType(delay < 60000 ? Qt::PreciseTimer : Qt::VeryCoarseTimer);
    m_timer.start(static_cast<int>(delay));
}

void RefreshScheduler::stop()
{
    m_timer.stop();
    m_dueAt = QDateTime();
}
