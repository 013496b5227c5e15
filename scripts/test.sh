#!/usr/bin/env bash
# One command: install what is missing, build, fuzz the parsers briefly, and run every test through CTest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${OAUTH_DEBUGGER_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh"
status=0
# A short fuzz run of the JWT, JWKS and discovery parsers (tests/fuzz); OAUTH_DEBUGGER_FUZZ=0 skips it.
if [[ "${OAUTH_DEBUGGER_FUZZ:-1}" != "0" ]]; then
    "$root/scripts/fuzz.sh" 20 || status=1
fi
cd "$build"
ctest --output-on-failure --timeout 300 --parallel "$(nproc)" "$@" || status=$?
exit "$status"
