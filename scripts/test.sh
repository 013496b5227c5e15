#!/usr/bin/env bash
# One command: install what is missing, build and run every test through CTest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${OAUTH_DEBUGGER_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure --timeout 300 "$@"
