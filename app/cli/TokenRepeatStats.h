#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

// What `token --repeat N` measured: the latency of each token request in one process (one connection pool,
// no process start-up), and the wall time of the whole run. For the benchmark suite and for users who want
// to know what their server sustains.
class TokenRepeatStats final
{
    Q_DECLARE_TR_FUNCTIONS(TokenRepeatStats)
public:
    void start(int requested);
    void addToken(qint64 latencyNs) { m_latenciesNs.append(latencyNs); }
    void stop(qint64 totalNs) { m_totalNs = totalNs; }

    int requested() const { return m_requested; }
    int tokens() const { return static_cast<int>(m_latenciesNs.size()); }
    double tokensPerSecond() const;
    // The q-quantile of the latencies in milliseconds (0.5: the median), by the nearest-rank method; 0 when
    // there are none.
    double latencyMs(double q) const;
    // One line for stderr, e.g. "repeat: 200 of 200 tokens in 812.4 ms: 246.2 tokens/s; latency median 3.90
    // ms, p90 4.41 ms, min 3.52 ms, max 9.03 ms". Stable: bench/run.sh reads it.
    QString summary() const;

private:
    QList<qint64> m_latenciesNs;
    qint64 m_totalNs = 0;
    int m_requested = 0;
};
