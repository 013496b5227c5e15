#include "FirstPaintProbe.h"

#include "AfterFirstPaint.h"

#include <QApplication>
#include <QFile>

#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace {

// Field 22 of /proc/self/stat: the start time in clock ticks since boot. The command name (field 2) may
// contain spaces and parentheses, so count fields from the last ')'.
double processStartSecondsSinceBoot()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    // After ')' come field 3 (state) onwards, so field 22 is at index 19.
    if (fields.size() < 20)
        return -1;
    bool ok = false;
    const qint64 ticks = fields.at(19).toLongLong(&ok);
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    if (!ok || ticksPerSecond <= 0)
        return -1;
    return double(ticks) / double(ticksPerSecond);
}

double secondsSinceBoot()
{
    timespec now {};
    if (clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return -1;
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

} // namespace

namespace FirstPaintProbe {

double msSinceProcessStart()
{
    const double start = processStartSecondsSinceBoot();
    const double now = secondsSinceBoot();
    if (start < 0 || now < 0)
        return -1;
    return (now - start) * 1000.0;
}

qint64 peakRssKib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    // /proc files report a size of 0, so read to the end rather than asking atEnd().
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (!line.startsWith("VmHWM:"))
            continue;
        bool ok = false;
        const qint64 kib = line.mid(6).trimmed().split(' ').value(0).toLongLong(&ok);
        return ok ? kib : -1;
    }
    return -1;
}

void installIfRequested(QWidget *window)
{
    if (qgetenv(EnvironmentVariable) != "1" || !window)
        return;
    AfterFirstPaint::call(
        window, qApp,
        [] {
            std::printf("first_paint_ms=%.1f peak_rss_kib=%lld\n", msSinceProcessStart(),
                        static_cast<long long>(peakRssKib()));
            std::fflush(stdout);
            QCoreApplication::exit(0);
        },
        -1);
}

} // namespace FirstPaintProbe
