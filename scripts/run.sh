#!/usr/bin/env bash
# One command: install what is missing, build (Release) and start the desktop app.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
exec "${OAUTH_DEBUGGER_BUILD_DIR:-$root/build}/ui/oauth-debugger" "$@"
