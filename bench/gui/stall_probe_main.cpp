// The UI stall probe: the real main window (a) receives a large JSON response in the Request tab from a
// 127.0.0.1 server, (b) loads all of it into the view ("Show all") and (c) records a 10 000-entry wire log,
// while a 5 ms timer records the longest gap between its ticks. Prints one line of key=value pairs (see
// run.sh); the budget is a gap of at most 100 ms.
//
//   bench_gui_stall_probe [--json-mb N] [--wirelog-entries N] [--verbose]
// --verbose lists on stderr every gap over 20 ms and when the response was shown, to find what stalls.
#include "EventLoopGapProbe.h"
#include "FirstPaintProbe.h"
#include "LargeResponseServer.h"
#include "MainWindow.h"
#include "MemorySecretStore.h"
#include "ProfileStore.h"
#include "RequestPanel.h"
#include "WireLog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QWindow>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <thread>

namespace {

constexpr int PhaseTimeoutSeconds = 240;

// A minified JSON array of user-like records, about megabytes * 1 MiB long.
QByteArray largeJson(int megabytes)
{
    const qsizetype target = qsizetype(megabytes) * 1024 * 1024;
    QByteArray json;
    json.reserve(target + 512);
    json += "{\"count\":0,\"items\":[";
    for (int i = 0; json.size() < target; ++i) {
        if (i > 0)
            json += ',';
        const QByteArray n = QByteArray::number(i);
        json += "{\"id\":" + n + ",\"name\":\"User " + n + "\",\"email\":\"user" + n
            + "@example.com\",\"roles\":[\"reader\",\"writer\"],\"active\":" + (i % 3 ? "true" : "false")
            + ",\"score\":" + QByteArray::number(i * 0.37, 'f', 2) + ",\"address\":{\"city\":\"Springfield\","
            + "\"zip\":\"" + QByteArray::number(10000 + i % 89999)
            + "\"},\"note\":\"caf\xc3\xa9 \\u00e9 \\\"q\\\"\"}";
    }
    json += "]}";
    return json;
}

QList<HttpExchange> sampleExchanges()
{
    QList<HttpExchange> samples;
    HttpExchange token;
    token.purpose = QStringLiteral("Token request (client credentials)");
    token.method = "POST";
    token.url = QUrl(QStringLiteral("https://as.example.com/oauth2/token"));
    token.requestHeaders = { { "Authorization", "Basic Y2xpZW50OnMzY3JldA==" },
                             { "Content-Type", "application/x-www-form-urlencoded" } };
    token.requestBody = "grant_type=client_credentials&scope=read+write";
    token.status = 200;
    token.reason = "OK";
    token.responseHeaders = { { "Content-Type", "application/json" } };
    token.responseBody
        = "{\"access_token\":\"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbGllbnQifQ.c2ln\",\"token_type\":"
          "\"Bearer\",\"expires_in\":3600}";
    token.secrets
        = { QStringLiteral("s3cret"), QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbGllbnQifQ.c2ln") };
    token.started = QDateTime::currentDateTimeUtc();
    token.durationMs = 42;
    samples.append(token);

    HttpExchange api;
    api.purpose = QStringLiteral("API request");
    api.method = "GET";
    api.url = QUrl(QStringLiteral("https://api.example.com/v1/items?page=2&limit=50"));
    api.requestHeaders = { { "Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbGllbnQifQ.c2ln" } };
    api.status = 200;
    api.reason = "OK";
    api.responseHeaders = { { "Content-Type", "application/json" } };
    api.responseBody = "{\"items\":[{\"id\":1},{\"id\":2}],\"next\":\"/v1/items?page=3\"}";
    api.secrets = token.secrets;
    api.started = token.started;
    api.durationMs = 17;
    samples.append(api);

    HttpExchange failed = api;
    failed.status = 0;
    failed.reason.clear();
    failed.responseHeaders.clear();
    failed.responseBody.clear();
    failed.transportError = QStringLiteral("Connection refused");
    samples.append(failed);
    return samples;
}

// Runs the event loop until done() holds (polled every 20 ms), then settleMs longer; false on timeout.
bool runUntil(const std::function<bool()> &done, int settleMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > PhaseTimeoutSeconds * 1000)
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    QEventLoop loop;
    QTimer::singleShot(settleMs, &loop, &QEventLoop::quit);
    loop.exec();
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption jsonMb(QStringLiteral("json-mb"),
                                    QStringLiteral("Size of the JSON response in MiB."), QStringLiteral("N"),
                                    QStringLiteral("50"));
    const QCommandLineOption entries(QStringLiteral("wirelog-entries"),
                                     QStringLiteral("Exchanges added to the wire log."), QStringLiteral("N"),
                                     QStringLiteral("10000"));
    const QCommandLineOption verbose(QStringLiteral("verbose"), QStringLiteral("List long gaps on stderr."));
    parser.addOptions({ jsonMb, entries, verbose });
    parser.addHelpOption();
    parser.process(app);
    const int megabytes = qBound(1, parser.value(jsonMb).toInt(), 500);
    const int entryCount = qBound(1, parser.value(entries).toInt(), 1000000);

    // A frozen GUI thread cannot time itself out: a watchdog thread reports and ends the process instead.
    std::thread([] {
        std::this_thread::sleep_for(std::chrono::seconds(2 * PhaseTimeoutSeconds + 60));
        std::printf("timed_out=1 max_gap_ms=%d\n", (2 * PhaseTimeoutSeconds + 60) * 1000);
        std::fflush(stdout);
        std::_Exit(3);
    }).detach();

    QTemporaryDir home;
    MemorySecretStore secrets;
    MainWindow window(ProfileStore(home.path()), &secrets);
    window.resize(1400, 900);
    window.show();
    if (!runUntil([&window] { return window.windowHandle() && window.windowHandle()->isExposed(); }, 300))
        return 2;

    RequestPanel *panel = window.requestPanel(); // built on first use
    window.findChild<QTabWidget *>(QStringLiteral("mainTabs"))->setCurrentWidget(panel);
    auto *url = panel->findChild<QLineEdit *>(QStringLiteral("requestUrlEdit"));
    auto *status = panel->findChild<QLabel *>(QStringLiteral("responseStatusLabel"));
    auto *body = panel->findChild<QPlainTextEdit *>(QStringLiteral("responseBodyView"));

    LargeResponseServer server("application/json", largeJson(megabytes));
    const quint16 port = server.start();
    if (port == 0)
        return 2;

    EventLoopGapProbe probe;
    if (parser.isSet(verbose))
        probe.setReportThreshold(20);
    probe.start();

    // (a) The large response: from the click on Send until the body is shown, then two seconds of settling in
    // which any deferred work (formatting, the wire log's detail view) runs.
    probe.beginPhase(QStringLiteral("json"));
    const double sentAt = probe.nowMs();
    url->setText(QStringLiteral("http://127.0.0.1:%1/items").arg(port));
    panel->findChild<QPushButton *>(QStringLiteral("sendButton"))->click();
    // Times are taken when the 20 ms poll first sees the change.
    double statusAt = -1;
    double bodyAt = -1;
    const bool jsonDone = runUntil(
        [status, body, &probe, &statusAt, &bodyAt] {
            const bool answered = status->text().contains(QLatin1String("HTTP 200"));
            if (answered && statusAt < 0)
                statusAt = probe.nowMs();
            const bool shown = answered && !body->document()->isEmpty();
            if (shown && bodyAt < 0)
                bodyAt = probe.nowMs();
            return shown;
        },
        2000);
    const qint64 shownMs = qRound64(bodyAt - sentAt);

    // (b) "Show all": the whole formatted body loaded into the view.
    probe.beginPhase(QStringLiteral("showall"));
    const double showAllAt = probe.nowMs();
    double wholeAt = -1;
    auto *showAll = panel->findChild<QPushButton *>(QStringLiteral("showWholeBodyButton"));
    const bool showAllOffered = showAll && !showAll->isHidden();
    if (showAllOffered)
        showAll->click();
    const bool showAllDone = runUntil(
        [showAll, &probe, &wholeAt] {
            const bool loaded = !showAll || showAll->isHidden();
            if (loaded && wholeAt < 0)
                wholeAt = probe.nowMs();
            return loaded;
        },
        1000);
    const qint64 wholeMs = qRound64(wholeAt - showAllAt);

    // (c) The wire log: entryCount exchanges, ten per event-loop turn, as a busy session would record them.
    probe.beginPhase(QStringLiteral("wirelog"));
    WireLog *log = window.wireLog();
    const QList<HttpExchange> samples = sampleExchanges();
    int added = 0;
    QTimer feeder;
    feeder.setInterval(1);
    QObject::connect(&feeder, &QTimer::timeout, &feeder, [&] {
        for (int i = 0; i < 10 && added < entryCount; ++i, ++added)
            log->append(samples.at(added % samples.size()));
        if (added >= entryCount)
            feeder.stop();
    });
    feeder.start();
    const bool logDone = runUntil([&added, entryCount] { return added >= entryCount; }, 1000);

    const bool done = jsonDone && showAllDone && logDone;
    std::printf("json_mb=%d json_shown_ms=%lld json_max_gap_ms=%.1f showall_ms=%lld showall_max_gap_ms=%.1f "
                "wirelog_entries=%d wirelog_max_gap_ms=%.1f max_gap_ms=%.1f peak_rss_kib=%lld timed_out=%d\n",
                megabytes, static_cast<long long>(shownMs), probe.maxGapMs(QStringLiteral("json")),
                static_cast<long long>(showAllOffered ? wholeMs : 0),
                probe.maxGapMs(QStringLiteral("showall")), added, probe.maxGapMs(QStringLiteral("wirelog")),
                probe.maxGapMs(), static_cast<long long>(FirstPaintProbe::peakRssKib()), done ? 0 : 1);
    std::fflush(stdout);
    if (parser.isSet(verbose))
        std::fprintf(stderr, "status shown at %.0f ms, body at %.0f ms; long gaps (end ms:gap ms): %s\n",
                     statusAt, bodyAt, qPrintable(probe.longGaps().join(QLatin1Char(' '))));
    return done ? 0 : 1;
}
