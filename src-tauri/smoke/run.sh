#!/usr/bin/env bash
# Smoke test of the real desktop app in demo mode under Xvfb + a private D-Bus session, driven
# through WebDriver (tauri-driver + Debian's webkit2gtk-driver) by smoke.py, with the fakes of
# `office-connector fakes` for the whole setup wizard (Odoo, Microsoft sign-in with browser.py
# as the browser, transfer folders), the connection test and the Mail page (two mails filed
# exactly once, one after a decision made in the window, read back from the fake Odoo) and the
# Calendar page in both languages (start date, preview), the Contacts page (a bulk follow that
# the fake Odoo then shows); then a second start must focus the
# first (single_instance.sh). Needs the Debian
# packages of scripts/setup.sh and `cargo install tauri-driver --locked`; builds the app if
# missing. Everything it starts lives in a throwaway folder and ends with it.
set -euo pipefail
cd "$(dirname "$0")/../.."

# NOTE: cargo's target folder, which CARGO_TARGET_DIR may move out of the repository
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
bin="$target/debug/office-connector-desktop"
cli="$target/debug/office-connector"
[ -x "$bin" ] || cargo build -p office-connector-desktop --locked
[ -x "$cli" ] || cargo build -p office-connector-cli --locked
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version 2.1.0

work="$(mktemp -d)"
# NOTE: WebKit helpers of a just-ended app may still write their caches for a moment
trap 'rm -rf "$work" 2>/dev/null || { sleep 1; rm -rf "$work" 2>/dev/null || true; }' EXIT
# NOTE: fresh XDG folders: nothing of this machine's desktop (keyring, autostart entries,
# WebKit caches) leaks in or is touched; English so the first reading is predictable.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
export LANG=C.UTF-8 LANGUAGE=en LC_ALL=C.UTF-8
unset OFFICE_CONNECTOR_HOME
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"

status=0
timeout -k 10 240 dbus-run-session -- \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  python3 src-tauri/smoke/smoke.py "$bin" "$work" "$cli" >"$work/smoke.log" 2>&1 || status=$?
grep -v -e '^dbus-daemon' -e 'SpiRegistry' "$work/smoke.log" || true
if [ "$status" -ne 0 ]; then
  echo "desktop smoke test failed ($status); tauri-driver said:" >&2
  cat "$work/tauri-driver.log" >&2 || true
fi
[ "$status" -eq 0 ] || exit "$status"

timeout -k 10 60 dbus-run-session -- \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  src-tauri/smoke/single_instance.sh "$bin" "$work" >"$work/single.log" 2>&1 || status=$?
grep -v -e '^dbus-daemon' -e 'SpiRegistry' "$work/single.log" || true
exit "$status"
