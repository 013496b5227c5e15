#include "TokenRepeatStats.h"

#include <algorithm>
#include <cmath>

void TokenRepeatStats::start(int requested)
{
    m_requested = requested;
    m_latenciesNs.clear();
    m_totalNs = 0;
}

double TokenRepeatStats::tokensPerSecond() const
{
    return m_totalNs > 0 ? static_cast<double>(tokens()) * 1e9 / static_cast<double>(m_totalNs) : 0.0;
}

double TokenRepeatStats::latencyMs(double q) const
{
    if (m_latenciesNs.isEmpty())
        return 0.0;
    QList<qint64> sorted = m_latenciesNs;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = static_cast<qsizetype>(std::ceil(std::clamp(q, 0.0, 1.0) * double(sorted.size())));
    return static_cast<double>(sorted.at(std::max<qsizetype>(rank, 1) - 1)) / 1e6;
}

QString TokenRepeatStats::summary() const
{
    return tr("repeat: %1 of %2 tokens in %3 ms: %4 tokens/s; latency median %5 ms, p90 %6 ms, min %7 ms, "
              "max %8 ms")
        .arg(tokens())
        .arg(m_requested)
        .arg(static_cast<double>(m_totalNs) / 1e6, 0, 'f', 1)
        .arg(tokensPerSecond(), 0, 'f', 1)
        .arg(latencyMs(0.5), 0, 'f', 2)
        .arg(latencyMs(0.9), 0, 'f', 2)
        .arg(latencyMs(0.0), 0, 'f', 2)
        .arg(latencyMs(1.0), 0, 'f', 2);
}
