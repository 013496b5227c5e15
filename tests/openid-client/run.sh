#!/usr/bin/env bash
# Drives the sandbox authorization server with the npm package openid-client (an independent client).
#   tests/openid-client/run.sh PATH/TO/oauth-debugger-cli
# Installs the npm dependencies (npm ci) when node_modules is missing or older than package-lock.json, then
# runs sandbox-client.mjs, which starts the sandbox, prints one PASS/FAIL line per check and stops it again.
# Exit status: 0 all checks passed, 1 a check failed or the set-up did, 77 node is not installed (CTest SKIP).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 PATH/TO/oauth-debugger-cli" >&2
  exit 2
fi

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLI="$1"

if ! command -v node >/dev/null; then
  echo "SKIP: node not found in PATH (Debian: apt-get install nodejs npm)"
  exit 77
fi
[[ -x "$CLI" ]] || { echo "run.sh: $CLI is not an executable" >&2; exit 1; }

# Dependencies: npm ci when node_modules is missing or older than the lockfile. The folder itself is the lock,
# so that two runs at the same time do not install over each other.
exec 9<"$SCRIPT_DIR"
flock 9
if [[ ! -d "$SCRIPT_DIR/node_modules" || "$SCRIPT_DIR/package-lock.json" -nt "$SCRIPT_DIR/node_modules" ]]; then
  if ! command -v npm >/dev/null; then
    echo "run.sh: npm not found in PATH, needed once to install openid-client" >&2
    exit 1
  fi
  NPM_LOG="$(mktemp)"
  if ! npm ci --prefix "$SCRIPT_DIR" --no-audit --no-fund --loglevel=error >"$NPM_LOG" 2>&1; then
    echo "run.sh: npm ci failed:" >&2
    cat "$NPM_LOG" >&2
    rm -f "$NPM_LOG"
    exit 1
  fi
  rm -f "$NPM_LOG"
  touch "$SCRIPT_DIR/node_modules"  # newer than the lockfile from now on
fi
flock -u 9
exec 9<&-

exec node "$SCRIPT_DIR/sandbox-client.mjs" "$CLI"
