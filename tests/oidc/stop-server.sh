#!/usr/bin/env bash
# Stop the test authorization server started by start-server.sh.
#   tests/oidc/stop-server.sh BUILD_DIR
# Fine when it is not running any more. Removes BUILD_DIR/oidc-provider.{pid,port}; keeps the log.
# Meant as a CTest FIXTURES_CLEANUP test.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi

BUILD_DIR="$1"
PID_FILE="$BUILD_DIR/oidc-provider.pid"
PORT_FILE="$BUILD_DIR/oidc-provider.port"

# Alive and not a zombie: the server was started by start-server.sh, which has exited since, so
# it is reaped by whatever adopted it, perhaps only later; kill -0 alone succeeds on a zombie.
alive() {
  local state
  state="$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" || return 1
  [[ -n "$state" && "$state" != Z ]]
}

if [[ -f "$PID_FILE" ]]; then
  PID="$(cat "$PID_FILE")"
  # only a node process running server.mjs: never a pid that got reused by something else
  if [[ "$PID" =~ ^[0-9]+$ ]] && alive "$PID" \
     && tr '\0' ' ' <"/proc/$PID/cmdline" 2>/dev/null | grep -q 'server\.mjs'; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 1 50); do   # up to 5 s for a clean exit
      alive "$PID" || break
      sleep 0.1
    done
    if alive "$PID"; then
      echo "stop-server.sh: pid $PID did not exit on SIGTERM, sending SIGKILL" >&2
      kill -KILL "$PID" 2>/dev/null || true
    fi
  fi
fi

rm -f "$PID_FILE" "$PORT_FILE"
