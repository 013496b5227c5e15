#pragma once

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

// Measures how long the event loop of the thread it lives in stays busy: a 5 ms timer records the longest gap
// between two of its ticks. A gap much longer than 5 ms is a stall the user sees as a frozen window.
class EventLoopGapProbe final : public QObject
{
    Q_OBJECT
public:
    explicit EventLoopGapProbe(QObject *parent = nullptr);

    void start();
    // Gaps from now on are counted for this phase (and for the overall maximum).
    void beginPhase(const QString &name);
    double maxGapMs() const { return m_maxGapMs; }
    double maxGapMs(const QString &phase) const { return m_phaseMaxGapMs.value(phase, 0); }
    // Milliseconds since start(), for lining gaps up with what the program did.
    double nowMs() const { return double(m_clock.nsecsElapsed()) / 1e6; }
    // Every gap longer than thresholdMs, as "<end of gap in ms since start>:<gap ms>", for diagnosis.
    void setReportThreshold(double thresholdMs) { m_reportThresholdMs = thresholdMs; }
    QStringList longGaps() const { return m_longGaps; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastTickNs = 0;
    QString m_phase;
    double m_maxGapMs = 0;
    QMap<QString, double> m_phaseMaxGapMs;
    double m_reportThresholdMs = -1;
    QStringList m_longGaps;
};
