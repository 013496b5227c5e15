#include "EventLoopGapProbe.h"

EventLoopGapProbe::EventLoopGapProbe(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(5);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &EventLoopGapProbe::tick);
}

void EventLoopGapProbe::start()
{
    m_clock.start();
    m_lastTickNs = 0;
    m_timer.start();
}

void EventLoopGapProbe::beginPhase(const QString &name)
{
    // The gap that ends with the next tick started in the previous phase; start counting afresh.
    m_lastTickNs = m_clock.nsecsElapsed();
    m_phase = name;
    m_phaseMaxGapMs.insert(name, 0);
}

void EventLoopGapProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const double gapMs = double(now - m_lastTickNs) / 1e6;
    m_lastTickNs = now;
    m_maxGapMs = qMax(m_maxGapMs, gapMs);
    if (m_reportThresholdMs >= 0 && gapMs > m_reportThresholdMs)
        m_longGaps.append(QStringLiteral("%1:%2").arg(double(now) / 1e6, 0, 'f', 0).arg(gapMs, 0, 'f', 1));
    if (!m_phase.isEmpty())
        m_phaseMaxGapMs[m_phase] = qMax(m_phaseMaxGapMs.value(m_phase), gapMs);
}
