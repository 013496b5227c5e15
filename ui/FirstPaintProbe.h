#pragma once

#include <QtGlobal>

class QWidget;

// Start-up measurement for the GUI benchmark (bench/gui/run.sh). When the environment variable
// OAUTH_DEBUGGER_FIRST_PAINT is set to 1, the first time the window (or any of its children) has been painted
// the probe prints one line on stdout and quits the application:
//   first_paint_ms=<ms since the process started> peak_rss_kib=<VmHWM, KiB>
// "Since the process started" comes from /proc/self/stat, so it includes loading the shared libraries and
// constructing QApplication. Without the variable, installIfRequested() does nothing.
namespace FirstPaintProbe {

constexpr const char *EnvironmentVariable = "OAUTH_DEBUGGER_FIRST_PAINT";

// Install before showing the window, and before any other AfterFirstPaint::call on it, so the time is
// printed before other after-paint work runs.
void installIfRequested(QWidget *window);

// Milliseconds since this process was started, from /proc/self/stat; -1 when unknown.
double msSinceProcessStart();
// Peak resident set size (VmHWM from /proc/self/status) in KiB; -1 when unknown.
qint64 peakRssKib();

} // namespace FirstPaintProbe
