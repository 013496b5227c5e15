#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz: clang, ASan + UBSan) and runs each for a bounded time on a copy of
# its seed corpus; the committed corpus is never written to.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 30)
# Exits non-zero when a target crashes, leaks, times out or runs out of memory, printing the input that did it.
# The last line is always "fuzz: N passed, M failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-30}"
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET]" >&2; exit 2; }
build="${OAUTH_DEBUGGER_FUZZ_BUILD_DIR:-$root/build/fuzz}"
source_dir="$root/tests/fuzz"
targets=(fuzz_jwt_parser fuzz_jwks_parser fuzz_discovery)

cxx="${OAUTH_DEBUGGER_FUZZ_CXX:-}"
if [[ -z "$cxx" ]]; then
    for candidate in clang++ clang++-14; do
        command -v "$candidate" >/dev/null 2>&1 && { cxx="$candidate"; break; }
    done
fi
if [[ -z "$cxx" ]]; then
    echo "fuzz: clang++ not found (scripts/install-deps.sh --test installs it)" >&2
    echo "fuzz: 0 passed, ${#targets[@]} failed"
    exit 1
fi

started=$SECONDS
mkdir -p "$build"
if ! { [[ -f "$build/CMakeCache.txt" ]] \
        || cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
                 -DCMAKE_CXX_COMPILER="$cxx" >"$build/configure.log" 2>&1; } \
    || ! cmake --build "$build" --parallel "$(nproc)" >"$build/build.log" 2>&1; then
    tail -n 40 "$build/configure.log" "$build/build.log" 2>/dev/null >&2 || true
    echo "fuzz: the build failed (logs in $build)" >&2
    echo "fuzz: 0 passed, ${#targets[@]} failed"
    exit 1
fi
echo "fuzz: built in $((SECONDS - started)) s; ${seconds} s per target"

# Qt and OpenSSL are not instrumented and have reported nothing so far. Should they, name the exact function in
# tests/fuzz/ubsan.supp or lsan.supp (read when present) rather than turning a check off.
ubsan="print_stacktrace=1:halt_on_error=1"
[[ -f "$source_dir/ubsan.supp" ]] && ubsan+=":suppressions=$source_dir/ubsan.supp"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-$ubsan}"
[[ -f "$source_dir/lsan.supp" ]] && export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$source_dir/lsan.supp}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"

run="$build/run"
rm -rf "$run"
passed=0
failed=0
for target in "${targets[@]}"; do
    work="$run/$target"
    mkdir -p "$work/corpus" "$work/artifacts"
    cp -R "$source_dir/corpus/$target/." "$work/corpus/"
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
             -artifact_prefix="$work/artifacts/")
    [[ -f "$source_dir/dict/$target.dict" ]] && options+=(-dict="$source_dir/dict/$target.dict")
    begin=$SECONDS
    set +e
    (cd "$work" && "$build/$target" "${options[@]}" "$work/corpus" >"$work/log" 2>&1)
    status=$?
    set -e
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1 || true)"
    coverage="$(grep -o 'cov: [0-9]*' "$work/log" | tail -n 1 || true)"
    shopt -s nullglob
    findings=("$work"/artifacts/*)
    shopt -u nullglob
    if [[ $status -eq 0 && ${#findings[@]} -eq 0 ]]; then
        passed=$((passed + 1))
        echo "fuzz: $target ok: ${runs:-?} runs in $((SECONDS - begin)) s, ${coverage:-cov: ?}," \
             "corpus $(find "$work/corpus" -type f | wc -l) inputs"
    else
        failed=$((failed + 1))
        echo "fuzz: $target FAILED (exit $status); log: $work/log" >&2
        grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$work/log" | head -n 5 >&2 || true
        for input in "${findings[@]}"; do
            echo "fuzz: $target input: $input (reproduce: $build/$target $input)" >&2
            echo "fuzz:   base64: $(base64 -w0 "$input" | head -c 2000)" >&2
        done
    fi
done
echo "fuzz: ${#targets[@]} targets in $((SECONDS - started)) s"
echo "fuzz: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
