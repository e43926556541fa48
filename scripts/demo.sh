#!/usr/bin/env bash
# Sets up a fresh machine and runs the demo: the connector against the embedded fakes, in a
# throwaway state folder. With a display it also opens the desktop app; headless machines get a
# printed run. Secrets go to the OS keyring only: on a machine without a desktop session this
# script starts a private D-Bus session with a fresh, unlocked GNOME Keyring for the demo.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${OFFICE_CONNECTOR_DEMO_SETUP_DONE:-}" ]; then
  scripts/setup.sh
  cargo build --locked --bin office-connector
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    (cd ui && npm ci --no-audit --no-fund --silent && npm run build --silent)
    cargo build --locked --bin office-connector-desktop
  fi
  export OFFICE_CONNECTOR_DEMO_SETUP_DONE=1
fi

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec dbus-run-session -- "$0" "$@"
fi

if ! dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
     org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
  # No Secret Service on this bus: a throwaway keyring (a fresh folder, so no old keyring with
  # another password can wait for a dialog), gone with the D-Bus session.
  XDG_DATA_HOME=$(mktemp -d)
  export XDG_DATA_HOME
  trap 'rm -rf "$XDG_DATA_HOME"' EXIT
  printf 'demo' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  for _ in $(seq 100); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
      | grep -q 'boolean true' && break
    sleep 0.05
  done
fi

target/debug/office-connector demo "$@"
