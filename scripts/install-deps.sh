#!/usr/bin/env bash
# Installs the Debian bookworm packages that OAuth Debugger needs and that are missing.
# Usage: scripts/install-deps.sh [--test]   (--test adds what the test suite needs)
# Quiet and quick when nothing is missing.
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-networkauth-dev qt6-httpserver-dev qt6-websockets-dev qt6-qpa-plugins
    qtkeychain-qt6-dev libssl-dev libgl-dev
)
if [[ "${1:-}" == "--test" ]]; then
    packages+=(dbus dbus-daemon gnome-keyring libsecret-1-0 xvfb xauth)
    # Node.js runs the real authorization server of the integration tests (npm oidc-provider).
    command -v node >/dev/null 2>&1 || packages+=(nodejs)
    command -v npm >/dev/null 2>&1 || packages+=(npm)
    # clang with the libFuzzer and sanitizer runtimes builds the fuzz targets (scripts/fuzz.sh).
    packages+=(clang-14 libclang-rt-14-dev)
fi

missing=()
for package in "${packages[@]}"; do
    if [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null)" != "ii " ]]; then
        case "$package" in
            # Tools that may come from elsewhere than a Debian package: trust the command.
            cmake | g++ | ninja-build) command -v "${package%-build}" >/dev/null 2>&1 && continue ;;
        esac
        missing+=("$package")
    fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing missing packages: ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: run as root or install sudo" >&2; exit 1; }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
