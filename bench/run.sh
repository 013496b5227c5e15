#!/usr/bin/env bash
# The benchmark suite in one command. Builds a Release tree of its own (build-bench/), starts the test
# authorization server (oidc-provider) and the sandbox on 127.0.0.1, runs every benchmark and prints the results
# as Markdown, also written to build-bench/bench-results.md. See bench/README.md for what each figure means.
#
#   bench/run.sh [--runs N] [--repeat N] [--seconds S] [--gui-runs N] [--no-gui] [--update-readme]
#
#   --runs N         process runs per tool and server for CLI vs curl vs openid-client (default 200)
#   --repeat N       requests per tool and server for the in-process throughput (default 1000)
#   --seconds S      seconds per JWT algorithm (default 2)
#   --gui-runs N     start-ups per GUI program (bench/gui/run.sh, default 20); --no-gui skips the GUI items
#   --update-readme  also put the table into bench/README.md (between its results markers)
#
# Exit status: 0 when every budget is met, 1 when one is missed, 2 on a usage or setup error.
# OAUTH_DEBUGGER_BENCH_BUILD_DIR chooses another build directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${OAUTH_DEBUGGER_BENCH_BUILD_DIR:-$root/build-bench}"
runs=200 repeat=1000 seconds=2 gui_runs=20 gui=1 update_readme=0
BUDGET_CLI_RATIO=1.3

usage() { sed -n '5,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) [[ $# -ge 2 ]] || usage; runs=$2; shift 2 ;;
        --repeat) [[ $# -ge 2 ]] || usage; repeat=$2; shift 2 ;;
        --seconds) [[ $# -ge 2 ]] || usage; seconds=$2; shift 2 ;;
        --gui-runs) [[ $# -ge 2 ]] || usage; gui_runs=$2; shift 2 ;;
        --no-gui) gui=0; shift ;;
        --update-readme) update_readme=1; shift ;;
        *) usage ;;
    esac
done
[[ $runs =~ ^[1-9][0-9]*$ && $repeat =~ ^[1-9][0-9]*$ && $gui_runs =~ ^[1-9][0-9]*$ ]] || usage
[[ $seconds =~ ^[0-9]+([.][0-9]+)?$ ]] || usage

log() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 2; }

# --- build ---------------------------------------------------------------------------------------------------
"$root/scripts/install-deps.sh" --test
for tool in curl node npm openssl; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (Debian: apt-get install $tool)"
done
log "building (Release) in $build"
# Only the programs measured (an unrelated target that does not build stops nothing here), with the Release
# settings of scripts/build.sh. No RPATH: every library is a system one, and CMake's padded build RPATH
# (":::...", i.e. the current directory) costs failed lookups for every library at every start.
mkdir -p "$build"
if [[ ! -f "$build/CMakeCache.txt" ]] || ! grep -q '^CMAKE_SKIP_RPATH:BOOL=ON' "$build/CMakeCache.txt"; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DCMAKE_SKIP_RPATH=ON \
        >"$build/bench-build.log" 2>&1 || { cat "$build/bench-build.log" >&2; die "cmake failed"; }
fi
targets=(oauth-debugger-cli bench-jwt-verify)
[[ $gui == 1 ]] && targets+=(oauth-debugger bench_gui_bare_window bench_gui_stall_probe)
nice cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]}" >"$build/bench-build.log" 2>&1 \
    || { tail -40 "$build/bench-build.log" >&2; die "the build failed (log: $build/bench-build.log)"; }
cli="$build/app/cli/oauth-debugger-cli"
jwt_bench="$build/bench/engine/bench-jwt-verify"
node_dir="$root/bench/node"
if [[ ! -d "$node_dir/node_modules" || "$node_dir/package-lock.json" -nt "$node_dir/node_modules" ]]; then
    log "installing openid-client (npm ci in bench/node)"
    npm ci --prefix "$node_dir" --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed in $node_dir"
    touch "$node_dir/node_modules"
fi

# --- servers -------------------------------------------------------------------------------------------------
work="$(mktemp -d)"
sandbox_pid=""
cleanup() {
    if [[ -n $sandbox_pid ]]; then
        kill "$sandbox_pid" 2>/dev/null || true
        wait "$sandbox_pid" 2>/dev/null || true
    fi
    "$root/tests/oidc/stop-server.sh" "$work" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$root/tests/oidc/start-server.sh" "$work" >&2 || die "the oidc-provider test server did not start"
oidc_url="http://127.0.0.1:$(cat "$work/oidc-provider.port")/token"
oidc_id=basic-client oidc_secret=basic-secret # tests/oidc/server.mjs: client_secret_basic

"$cli" sandbox --port 0 --json --data-dir "$work/sandbox" >"$work/sandbox.json" 2>"$work/sandbox.log" &
sandbox_pid=$!
for _ in $(seq 100); do [[ -s "$work/sandbox.json" ]] && break; sleep 0.1; done
[[ -s "$work/sandbox.json" ]] || { cat "$work/sandbox.log" >&2; die "the sandbox did not start"; }
# The issuer and the first confidential client, from the sandbox's ready line.
read -r sandbox_issuer sandbox_id sandbox_secret < <(node -e '
    const ready = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const client = ready.clients.find((c) => c.client_secret);
    console.log(ready.issuer, client.client_id, client.client_secret);' "$work/sandbox.json") \
    || die "cannot read the sandbox ready line: $(cat "$work/sandbox.json")"
sandbox_url=$(curl -sf "${sandbox_issuer%/}/.well-known/openid-configuration" \
    | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).token_endpoint));') \
    || die "cannot read the sandbox's discovery document"

# --- helpers -------------------------------------------------------------------------------------------------
# Nearest-rank quantile of the numbers on stdin: quantile Q (0.5 = median).
quantile() { sort -n | awk -v q="$1" '{ v[NR] = $1 } END { if (NR == 0) exit 1; r = int(q * NR + 0.999999); if (r < 1) r = 1; print v[r] }'; }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# One token request by each tool, the same request: client_secret_basic, grant_type=client_credentials.
run_curl() { curl -sS --fail -u "$2:$3" -d grant_type=client_credentials "$1"; }
run_cli() { BENCH_CLIENT_SECRET="$3" "$cli" token --token-url "$1" --client-id "$2" --auth basic \
    --client-secret-env BENCH_CLIENT_SECRET --profiles-dir "$work/profiles" "${@:4}"; }
run_node() { BENCH_CLIENT_SECRET="$3" node "$node_dir/client-credentials.mjs" --token-url "$1" --client-id "$2"; }

failed=0
table="$work/table.md"

# --- 1. one process per token: CLI vs curl vs openid-client --------------------------------------------------
# The three tools take turns (curl, CLI, node, curl, ...) so that drift on the machine hits them alike. Each run
# is timed from the shell: process start, the request, process exit.
process_runs() { # SERVER-NAME URL ID SECRET
    local name=$1 url=$2 id=$3 secret=$4 tool start end
    for tool in curl cli node; do : >"$work/$name-$tool.us"; run_$tool "$url" "$id" "$secret" >/dev/null; done # warm-up
    for ((i = 0; i < runs; i++)); do
        for tool in curl cli node; do
            start=$EPOCHREALTIME
            run_$tool "$url" "$id" "$secret" >"$work/out" 2>"$work/err" \
                || { cat "$work/err" >&2; die "$tool failed against $name (run $i)"; }
            end=$EPOCHREALTIME
            [[ -s "$work/out" ]] || die "$tool printed no token against $name"
            echo $((${end/./} - ${start/./})) >>"$work/$name-$tool.us"
        done
    done
}

{
    echo "### CLI token request, one process per token (N = $runs sequential runs per tool, interleaved)"
    echo
    echo "| server | tool | median | p90 | median vs curl | budget |"
    echo "|---|---|---|---|---|---|"
} >"$table"
for server in oidc-provider sandbox; do
    if [[ $server == oidc-provider ]]; then url=$oidc_url id=$oidc_id secret=$oidc_secret
    else url=$sandbox_url id=$sandbox_id secret=$sandbox_secret; fi
    log "process runs against $server ($runs per tool)"
    process_runs "$server" "$url" "$id" "$secret"
    curl_median=$(quantile 0.5 <"$work/$server-curl.us")
    for tool in curl cli node; do
        median=$(quantile 0.5 <"$work/$server-$tool.us")
        p90=$(quantile 0.9 <"$work/$server-$tool.us")
        r=$(ratio "$median" "$curl_median")
        case $tool in
            curl) label="curl $(curl --version | head -1 | cut -d' ' -f2)"; budget="reference" ;;
            cli) label="oauth-debugger-cli token"
                 if awk -v a="$median" -v b="$curl_median" -v max="$BUDGET_CLI_RATIO" 'BEGIN { exit !(a <= max * b) }'; then budget="≤ ${BUDGET_CLI_RATIO}× curl: PASS"
                 else budget="≤ ${BUDGET_CLI_RATIO}× curl: FAIL"; failed=1; fi ;;
            node) label="openid-client $(node -p 'require(process.argv[1]).version' "$node_dir/node_modules/openid-client/package.json") (Node $(node --version))"; budget="—" ;;
        esac
        echo "| $server | $label | $(ms "$median") ms | $(ms "$p90") ms | ${r}× | $budget |" >>"$table"
    done
done

# --- 2. in-process throughput: many tokens from one process ---------------------------------------------------
# The CLI's --repeat and node's --repeat time each request inside the process; curl gets all URLs in one
# invocation (one connection, keep-alive) and reports each transfer's time_total.
{
    echo
    echo "### Tokens per second from one process (N = $repeat sequential requests, connection kept alive)"
    echo
    echo "| server | tool | tokens/s | median latency | p90 latency | tokens/s vs curl |"
    echo "|---|---|---|---|---|---|"
} >>"$table"
for server in oidc-provider sandbox; do
    if [[ $server == oidc-provider ]]; then url=$oidc_url id=$oidc_id secret=$oidc_secret
    else url=$sandbox_url id=$sandbox_id secret=$sandbox_secret; fi
    log "in-process throughput against $server ($repeat requests per tool)"
    for ((i = 0; i < repeat; i++)); do printf 'url = "%s"\noutput = "/dev/null"\n' "$url"; done >"$work/curl-urls"
    curl -sS -u "$id:$secret" -d grant_type=client_credentials -w '%{http_code} %{time_total}\n' \
        -K "$work/curl-urls" >"$work/curl-repeat" || die "curl --config failed against $server"
    [[ $(grep -c '^200 ' "$work/curl-repeat") -eq $repeat ]] || die "curl got errors from $server"
    awk '{ print $2 * 1000000 }' "$work/curl-repeat" >"$work/curl-repeat.us"
    curl_rate=$(awk '{ s += $1 } END { printf "%.1f", NR * 1000000 / s }' "$work/curl-repeat.us")
    run_cli "$url" "$id" "$secret" --repeat "$repeat" >/dev/null 2>"$work/cli-repeat" \
        || { cat "$work/cli-repeat" >&2; die "oauth-debugger-cli --repeat failed against $server"; }
    BENCH_CLIENT_SECRET="$secret" node "$node_dir/client-credentials.mjs" --token-url "$url" --client-id "$id" \
        --repeat "$repeat" >/dev/null 2>"$work/node-repeat" \
        || { cat "$work/node-repeat" >&2; die "the openid-client script failed against $server"; }
    echo "| $server | curl (one process, $repeat URLs) | $curl_rate | $(ms "$(quantile 0.5 <"$work/curl-repeat.us")") ms | $(ms "$(quantile 0.9 <"$work/curl-repeat.us")") ms | 1.00× |" >>"$table"
    for tool in cli node; do
        # "repeat: 1000 of 1000 tokens in 812.4 ms: 1231.0 tokens/s; latency median 0.78 ms, p90 0.95 ms, ..."
        line=$(grep '^repeat: ' "$work/$tool-repeat" | tail -1)
        rate=$(sed -E 's/.*: ([0-9.]+) tokens\/s.*/\1/' <<<"$line")
        median=$(sed -E 's/.*median ([0-9.]+) ms.*/\1/' <<<"$line")
        p90=$(sed -E 's/.*p90 ([0-9.]+) ms.*/\1/' <<<"$line")
        label="oauth-debugger-cli token --repeat $repeat"
        [[ $tool == node ]] && label="openid-client (one process, a loop)"
        echo "| $server | $label | $rate | $median ms | $p90 ms | $(ratio "$rate" "$curl_rate")× |" >>"$table"
    done
done

# --- 3. JWT verification --------------------------------------------------------------------------------------
log "JWT verification ($seconds s per algorithm) and openssl speed"
"$jwt_bench" --seconds "$seconds" >"$work/jwt" || die "bench-jwt-verify failed"
speed_seconds=$(awk -v s="$seconds" 'BEGIN { x = int(s); if (x < s) x++; if (x < 1) x = 1; print x }')
openssl speed -seconds "$speed_seconds" rsa2048 ecdsap256 ed25519 >"$work/speed" 2>/dev/null || : >"$work/speed"
raw_rate() { # ALG: OpenSSL's verify/s for the primitive, or "—"
    local pattern
    case $1 in RS256) pattern='^rsa 2048 bits' ;; ES256) pattern='ecdsa \(nistp256\)' ;; EdDSA) pattern='EdDSA \(Ed25519\)' ;; *) echo "—"; return ;; esac
    grep -E "$pattern" "$work/speed" | tail -1 | awk '{ printf "%.0f", $NF }' | grep . || echo "—"
}
{
    echo
    echo "### JWT signature verification, one core ($seconds s per algorithm)"
    echo
    echo "| alg | verifications/s (JwsVerifier, JWKS key) | parse + verify /s (JwtParser + JwsVerifier) | OpenSSL raw verify/s (openssl speed) | engine vs raw |"
    echo "|---|---|---|---|---|"
} >>"$table"
while IFS=$'\t' read -r kind alg rate parse_rate; do
    [[ $kind == verify ]] || continue
    raw=$(raw_rate "$alg")
    vs="—"
    [[ $raw != "—" ]] && vs="$(ratio "$rate" "$raw")×"
    echo "| $alg | $rate | $parse_rate | $raw | $vs |" >>"$table"
done <"$work/jwt"
IFS=$'\t' read -r _ keys keys_read bytes parse_ms reject_ms tried message < <(grep '^kidless' "$work/jwt")
{
    echo
    echo "Worst-case JWKS: a kid-less ES256 token against the largest JWKS accepted ($keys P-256 keys, $bytes bytes)."
    echo "Parsing it took $parse_ms ms ($keys_read keys read; once per fetch, the JWKS is cached), rejecting the token"
    echo "$reject_ms ms ($tried keys tried: \"$message\")."
} >>"$table"

# --- 4. the GUI (bench/gui/run.sh) ------------------------------------------------------------------------------
if [[ $gui == 1 ]]; then
    log "GUI benchmarks (bench/gui/run.sh, $gui_runs start-ups per program)"
    {
        echo
        echo "### Desktop app (bench/gui/run.sh)"
        echo
        echo "| measure | platform | result | budget | verdict |"
        echo "|---|---|---|---|---|"
    } >>"$table"
    gui_status=0
    "$root/bench/gui/run.sh" "$build" "$gui_runs" >>"$table" || gui_status=$?
    [[ $gui_status -eq 2 ]] && die "bench/gui/run.sh could not run"
    [[ $gui_status -eq 0 ]] || failed=1
fi

# --- the report -----------------------------------------------------------------------------------------------
machine() {
    local cpu ram os qt compiler
    cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
    ram=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
    os=$(. /etc/os-release && echo "$PRETTY_NAME")
    qt=$(dpkg-query -W -f='${Version}' qt6-base-dev 2>/dev/null || echo unknown)
    compiler=$(grep -m1 '^CMAKE_CXX_COMPILER:' "$build/CMakeCache.txt" | cut -d= -f2)
    compiler=$("${compiler:-c++}" --version | head -1)
    echo "Machine: $(nproc) cores ($cpu), $ram RAM, $os, kernel $(uname -r); Qt $qt, $compiler, Release build;"
    echo "$(openssl version | cut -d' ' -f1-2), curl $(curl --version | head -1 | cut -d' ' -f2), Node $(node --version)."
    echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
}
results="$build/bench-results.md"
{
    echo "## Results of $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    machine
    echo
    cat "$table"
} >"$results"
cat "$results"
log "written to $results"

if [[ $update_readme == 1 ]]; then
    readme="$root/bench/README.md"
    grep -q '<!-- results:begin -->' "$readme" && grep -q '<!-- results:end -->' "$readme" \
        || die "bench/README.md has no <!-- results:begin --> / <!-- results:end --> markers"
    awk -v file="$results" '
        /<!-- results:end -->/ { while ((getline line < file) > 0) print line; print ""; skip = 0 }
        !skip { print }
        /<!-- results:begin -->/ { print ""; skip = 1 }' "$readme" >"$work/readme" && cp "$work/readme" "$readme"
    log "bench/README.md updated"
fi
exit $failed
