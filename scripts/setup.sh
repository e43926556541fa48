#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine (as root) needs to build and test the connector.
# Rust (rustup, with cargo-nextest) and Node come with the machine: never install Debian's
# rustc or nodejs. Safe to run again: it only installs packages that are missing.
set -euo pipefail

packages=(
  build-essential pkg-config
  libdbus-1-dev        # keyring: Secret Service over D-Bus
  dbus dbus-x11 gnome-keyring libsecret-tools   # a real, unlocked keyring for secret tests
  chromium fonts-dejavu-core                     # the settings UI's browser test (never a downloaded browser)
  # the desktop app (Tauri v2 on WebKitGTK; ../shared/PLATFORM.md) and its window smoke test
  curl wget file libssl-dev libgtk-3-dev libwebkit2gtk-4.1-dev libjavascriptcoregtk-4.1-dev
  libsoup-3.0-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
  xvfb xauth webkit2gtk-driver xdotool
  faketime                                       # the suite once more a year ahead
  # the packages users install (scripts/bundles.sh): the .rpm read back, the .deb on a fresh
  # Debian 12 chroot, started from its menu entry with an XEmbed tray to dock in
  rpm debootstrap desktop-file-utils trayer x11-utils
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "setup: cargo not found; this machine should come with Rust (rustup)" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: npm not found; this machine should come with Node.js" >&2; exit 1; }
# WebDriver for the real desktop window (src-tauri/smoke); ~30 s, once
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version 2.1.0 --quiet
