#!/bin/sh
# with-keyring.sh COMMAND [ARGS...]
# Runs COMMAND with a private, unlocked gnome-keyring serving org.freedesktop.secrets on the CURRENT session bus.
# Meant to run inside `dbus-run-session -- sh with-keyring.sh ...` (a private bus that dies with the test, and
# with it the keyring daemon).
#
# What we found (gnome-keyring 42.1, qtkeychain 0.13.2, Debian bookworm, headless):
# - Without a running daemon, D-Bus activation starts gnome-keyring-daemon on the first request, but it has no
#   unlocked "login" collection and tries to ask for a password through gcr-prompter, which cannot open a display:
#   writes fail with "Object does not exist at path /org/freedesktop/secrets/collection/login".
# - `printf '' | gnome-keyring-daemon --unlock --components=secrets` (EMPTY password) does not help: the daemon
#   does not create a login keyring from an empty password and falls back to the same prompt. Same failure.
# - A NON-EMPTY password on stdin with --unlock makes the daemon create login.keyring under
#   $XDG_DATA_HOME/keyrings, unlocked, and register org.freedesktop.secrets on the bus; qtkeychain's default
#   collection alias resolves to it and write/read/delete work. No collection has to be created by hand.
# - With --unlock (and --daemonize) the daemon prints no environment to eval in 42.1: clients find it over
#   D-Bus, GNOME_KEYRING_CONTROL is not needed for the secrets component. We still eval its output in case a
#   later version prints variables.
# - --daemonize returns once the daemon is ready, so the test can start right away.
# - Everything goes to a throw-away XDG_DATA_HOME/XDG_RUNTIME_DIR: a developer's real keyrings are never
#   touched, and an existing login keyring with another password cannot make the unlock fail.
# - When dbus-run-session ends, the bus goes away and the daemon exits with it.
set -eu

if [ "$#" -eq 0 ]; then
    echo "usage: with-keyring.sh COMMAND [ARGS...]" >&2
    exit 2
fi
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    echo "with-keyring.sh: no D-Bus session bus; run me through dbus-run-session" >&2
    exit 2
fi
command -v gnome-keyring-daemon >/dev/null || { echo "with-keyring.sh: gnome-keyring-daemon not found" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/oauth-debugger-keyring.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME"
chmod 700 "$XDG_RUNTIME_DIR"

if ! printf '%s' 'oauth-debugger-test-keyring' \
        | gnome-keyring-daemon --daemonize --unlock --components=secrets >"$tmp/daemon.env" 2>"$tmp/daemon.log"; then
    echo "with-keyring.sh: gnome-keyring-daemon failed:" >&2
    cat "$tmp/daemon.log" >&2
    exit 1
fi
eval "$(cat "$tmp/daemon.env")"

rc=0
"$@" || rc=$?
if [ "$rc" -ne 0 ] && [ -s "$tmp/daemon.log" ]; then
    echo "with-keyring.sh: gnome-keyring-daemon log:" >&2
    cat "$tmp/daemon.log" >&2
fi
exit "$rc"
