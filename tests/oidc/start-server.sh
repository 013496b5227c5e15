#!/usr/bin/env bash
# Start the test authorization server (server.mjs) in the background.
#   tests/oidc/start-server.sh BUILD_DIR
# Installs the npm dependencies (npm ci) when node_modules is missing or older than
# package-lock.json, starts the server on a free 127.0.0.1 port and waits (max 30 s) until it
# is ready. Afterwards:
#   BUILD_DIR/oidc-provider.port  the port (issuer http://127.0.0.1:PORT)
#   BUILD_DIR/oidc-provider.pid   the server's pid (stop-server.sh uses it)
#   BUILD_DIR/oidc-provider.log   its stdout + stderr ("READY http://127.0.0.1:PORT", request log)
# Meant as a CTest FIXTURES_SETUP test; stop-server.sh is the FIXTURES_CLEANUP.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$1"
BUILD_DIR="$(cd "$1" && pwd)"
PORT_FILE="$BUILD_DIR/oidc-provider.port"
PID_FILE="$BUILD_DIR/oidc-provider.pid"
LOG_FILE="$BUILD_DIR/oidc-provider.log"
TIMEOUT_S=30

command -v node >/dev/null || { echo "start-server.sh: node not found in PATH" >&2; exit 1; }
command -v npm >/dev/null || { echo "start-server.sh: npm not found in PATH" >&2; exit 1; }

# A server left over from an earlier run of this build dir: stop it first.
if [[ -f "$PID_FILE" ]]; then
  "$SCRIPT_DIR/stop-server.sh" "$BUILD_DIR"
fi
rm -f "$PORT_FILE"

# Dependencies: npm ci when node_modules is missing or older than the lockfile.
if [[ ! -d "$SCRIPT_DIR/node_modules" || "$SCRIPT_DIR/package-lock.json" -nt "$SCRIPT_DIR/node_modules" ]]; then
  NPM_LOG="$BUILD_DIR/oidc-provider.npm.log"
  if ! npm ci --prefix "$SCRIPT_DIR" --no-audit --no-fund --loglevel=error >"$NPM_LOG" 2>&1; then
    echo "start-server.sh: npm ci failed:" >&2
    cat "$NPM_LOG" >&2
    exit 1
  fi
  touch "$SCRIPT_DIR/node_modules"  # newer than the lockfile from now on
fi

# stdin/stdout/stderr detached from this script (a CTest fixture must not leave its pipes open).
node "$SCRIPT_DIR/server.mjs" --port 0 --port-file "$PORT_FILE" \
  </dev/null >"$LOG_FILE" 2>&1 &
PID=$!
echo "$PID" >"$PID_FILE"

fail() {
  echo "start-server.sh: $1; server log ($LOG_FILE):" >&2
  cat "$LOG_FILE" >&2 || true
  kill "$PID" 2>/dev/null || true
  rm -f "$PID_FILE" "$PORT_FILE"
  exit 1
}

deadline=$((SECONDS + TIMEOUT_S))
until [[ -s "$PORT_FILE" ]]; do
  if ! kill -0 "$PID" 2>/dev/null; then
    wait "$PID" 2>/dev/null && rc=0 || rc=$?
    fail "the server exited (status $rc) before it was ready"
  fi
  if (( SECONDS >= deadline )); then
    fail "the server did not become ready within ${TIMEOUT_S} s"
  fi
  sleep 0.1
done

echo "oidc-provider test server: http://127.0.0.1:$(cat "$PORT_FILE") (pid $PID, log $LOG_FILE)"
