#!/usr/bin/env bash
# GUI benchmarks: start-up to the first painted main window against a bare Qt Widgets window, peak RSS after
# start, and the longest UI-thread stall while a 50 MB JSON response and a 10 000-entry wire log are shown.
#
#   bench/gui/run.sh BUILD_DIR [RUNS]      (a Release build; RUNS start-ups per program and platform, default 20)
#   GUI_BENCH_STALL_RUNS=N                 runs of the stall probe per platform (default 3; 0 skips it)
#
# Needs in BUILD_DIR: ui/oauth-debugger, bench/gui/bench_gui_bare_window, bench/gui/bench_gui_stall_probe.
# Runs under QT_QPA_PLATFORM=offscreen, and under xcb through `xvfb-run -a` when xvfb-run is installed.
#
# Output (stdout): Markdown table rows, one per measure and platform, five columns, no header line:
#   | <measure> | <platform: offscreen or xcb (Xvfb)> | <result> | <budget> | PASS or FAIL |
# e.g.
#   | GUI start-up to first paint, profiles file present (median of 20) | xcb (Xvfb) | 83 ms; bare Qt window 52 ms: 1.60× | ≤ 1.5× bare window | FAIL |
#   | GUI peak RSS after start, first launch, empty data folder (largest of 20) | xcb (Xvfb) | 44.2 MiB | ≤ 80 MiB | PASS |
#   | UI stall, 50 MB JSON response in the Request tab (worst of 3; preview shown after 223 ms) | xcb (Xvfb) | 28 ms longest event-loop gap | ≤ 100 ms | PASS |
# Rows per platform: start-up and peak RSS for a launch with a profiles file and for the first launch (empty
# data folder), then the stall rows: the 50 MB response, its "Show all", the 10 000-entry wire log.
# Progress and raw figures go to stderr. Exit status: 0 when every budget is met, 1 when one is missed,
# 2 on a usage or setup error.
set -euo pipefail

BUDGET_RATIO=1.5
BUDGET_RSS_MIB=80
BUDGET_STALL_MS=100
STALL_RUNS=${GUI_BENCH_STALL_RUNS:-3} # 0 skips the stall probe

usage() { echo "usage: $0 BUILD_DIR [RUNS]" >&2; exit 2; }

# Inner mode: `run.sh --measure PLATFORM BUILD_DIR RUNS` measures on one platform (under xvfb-run for xcb).
if [[ "${1:-}" == "--measure" ]]; then
    platform=$2 build=$3 runs=$4
    app="$build/ui/oauth-debugger"
    bare="$build/bench/gui/bench_gui_bare_window"
    probe="$build/bench/gui/bench_gui_stall_probe"
    label=$platform
    [[ $platform == xcb ]] && label="xcb (Xvfb)"
    export QT_QPA_PLATFORM=$platform
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    failed=0

    # A typical launch: a profiles file exists. The first launch: an empty data folder.
    mkdir -p "$work/typical"
    cat > "$work/typical/profiles.json" <<'JSON'
{"version":2,"profiles":[{"id":"6d0e2b1c-1111-4a5b-9c7d-0123456789ab","name":"Staging","token_endpoint":"https://as.example.com/oauth2/token","client_id":"bench-client","token_endpoint_auth_method":"client_secret_basic","scope":"read write","timeout_seconds":30}]}
JSON

    # One start-up: prints "first_paint_ms peak_rss_kib".
    start_once() { # PROGRAM HOME
        local line
        line=$(OAUTH_DEBUGGER_FIRST_PAINT=1 OAUTH_DEBUGGER_HOME="$2" timeout 60 "$1" 2>/dev/null | grep first_paint_ms= | tail -1) || true
        [[ -n $line ]] || { echo "no first-paint line from $1" >&2; return 1; }
        local ms rss
        ms=$(sed -E 's/.*first_paint_ms=([0-9.]+).*/\1/' <<<"$line")
        rss=$(sed -E 's/.*peak_rss_kib=([0-9]+).*/\1/' <<<"$line")
        echo "$ms $rss"
    }
    median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

    : > "$work/bare" ; : > "$work/typical.txt" ; : > "$work/first.txt"
    start_once "$app" "$work/typical" >/dev/null || true # warm-up: page cache, font cache
    start_once "$bare" "$work/typical" >/dev/null || true
    for ((i = 1; i <= runs; i++)); do
        start_once "$bare" "$work/typical" >> "$work/bare"
        start_once "$app" "$work/typical" >> "$work/typical.txt"
        rm -rf "$work/first"; mkdir -p "$work/first"
        start_once "$app" "$work/first" >> "$work/first.txt"
    done
    bare_ms=$(cut -d' ' -f1 "$work/bare" | median)
    for kind in typical first; do
        ms=$(cut -d' ' -f1 "$work/$kind.txt" | median)
        rss_kib=$(cut -d' ' -f2 "$work/$kind.txt" | sort -n | tail -1)
        echo "[$label] $kind launch: first paint ms: $(tr '\n' ' ' < <(cut -d' ' -f1 "$work/$kind.txt")); bare: $(tr '\n' ' ' < <(cut -d' ' -f1 "$work/bare"))" >&2
        ratio=$(awk -v a="$ms" -v b="$bare_ms" 'BEGIN { printf "%.2f", a / b }')
        verdict=$(awk -v r="$ratio" -v max="$BUDGET_RATIO" 'BEGIN { print (r <= max) ? "PASS" : "FAIL" }')
        [[ $verdict == PASS ]] || failed=1
        what="profiles file present"
        [[ $kind == first ]] && what="first launch, empty data folder"
        printf '| GUI start-up to first paint, %s (median of %d) | %s | %.0f ms; bare Qt window %.0f ms: %s× | ≤ %s× bare window | %s |\n' \
            "$what" "$runs" "$label" "$ms" "$bare_ms" "$ratio" "$BUDGET_RATIO" "$verdict"
        rss_mib=$(awk -v k="$rss_kib" 'BEGIN { printf "%.1f", k / 1024 }')
        verdict=$(awk -v m="$rss_mib" -v max="$BUDGET_RSS_MIB" 'BEGIN { print (m <= max) ? "PASS" : "FAIL" }')
        [[ $verdict == PASS ]] || failed=1
        printf '| GUI peak RSS after start, %s (largest of %d) | %s | %s MiB | ≤ %s MiB | %s |\n' \
            "$what" "$runs" "$label" "$rss_mib" "$BUDGET_RSS_MIB" "$verdict"
    done

    [[ $STALL_RUNS -gt 0 ]] || exit $failed
    # The stall probe: worst of STALL_RUNS runs per phase.
    json_worst=0 log_worst=0 shown_worst=0 all_worst=0 all_ms_worst=0 probe_ok=1
    for ((i = 1; i <= STALL_RUNS; i++)); do
        line=$(timeout 900 "$probe" 2>/dev/null | grep max_gap_ms= | tail -1) || true
        echo "[$label] stall probe: ${line:-no output}" >&2
        if [[ -z $line || $line == *timed_out=1* ]]; then probe_ok=0; continue; fi
        json=$(sed -E 's/.*json_max_gap_ms=([0-9.]+).*/\1/' <<<"$line")
        log=$(sed -E 's/.*wirelog_max_gap_ms=([0-9.]+).*/\1/' <<<"$line")
        shown=$(sed -E 's/.*json_shown_ms=(-?[0-9]+).*/\1/' <<<"$line")
        all=$(sed -E 's/.*showall_max_gap_ms=([0-9.]+).*/\1/' <<<"$line")
        all_ms=$(sed -E 's/.*showall_ms=(-?[0-9]+).*/\1/' <<<"$line")
        all_worst=$(awk -v a="$all" -v b="$all_worst" 'BEGIN { print (a > b) ? a : b }')
        all_ms_worst=$(awk -v a="$all_ms" -v b="$all_ms_worst" 'BEGIN { print (a > b) ? a : b }')
        json_worst=$(awk -v a="$json" -v b="$json_worst" 'BEGIN { print (a > b) ? a : b }')
        log_worst=$(awk -v a="$log" -v b="$log_worst" 'BEGIN { print (a > b) ? a : b }')
        shown_worst=$(awk -v a="$shown" -v b="$shown_worst" 'BEGIN { print (a > b) ? a : b }')
    done
    for phase in json all log; do
        worst=$json_worst
        what="50 MB JSON response in the Request tab (worst of $STALL_RUNS; preview shown after ${shown_worst} ms)"
        if [[ $phase == all ]]; then
            worst=$all_worst
            what="“Show all” of that 50 MB body (worst of $STALL_RUNS; loaded in ${all_ms_worst} ms)"
        fi
        if [[ $phase == log ]]; then worst=$log_worst; what="10 000-entry wire log (worst of $STALL_RUNS)"; fi
        verdict=$(awk -v g="$worst" -v max="$BUDGET_STALL_MS" 'BEGIN { print (g <= max) ? "PASS" : "FAIL" }')
        if [[ $probe_ok == 0 ]]; then verdict=FAIL; worst="no result (timed out)"; else worst="$(printf '%.0f' "$worst") ms longest event-loop gap"; fi
        [[ $verdict == PASS ]] || failed=1
        printf '| UI stall, %s | %s | %s | ≤ %s ms | %s |\n' "$what" "$label" "$worst" "$BUDGET_STALL_MS" "$verdict"
    done
    exit $failed
fi

[[ $# -ge 1 && $# -le 2 ]] || usage
build=$(cd "$1" && pwd) || usage
runs=${2:-20}
[[ $runs =~ ^[1-9][0-9]*$ ]] || usage
for program in ui/oauth-debugger bench/gui/bench_gui_bare_window bench/gui/bench_gui_stall_probe; do
    [[ -x "$build/$program" ]] || { echo "missing $build/$program: build the targets oauth-debugger bench_gui_bare_window bench_gui_stall_probe" >&2; exit 2; }
done
self=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")

status=0
"$self" --measure offscreen "$build" "$runs" || status=1
if command -v xvfb-run >/dev/null 2>&1; then
    xvfb-run -a -s '-screen 0 1400x900x24' "$self" --measure xcb "$build" "$runs" || status=1
else
    echo "xvfb-run not installed: the xcb platform was not measured" >&2
fi
exit $status
