#!/usr/bin/env bash
# A second start focuses the first (tauri-plugin-single-instance over D-Bus): the first app
# runs in the tray without a window; a second start exits at once and the first shows its
# settings window. Closing that window (as a window manager's close button does) hides it and
# the app keeps running. Run inside Xvfb and a private D-Bus session (see run.sh).
set -euo pipefail
bin="$1" work="$2"
home="$work/single-instance-home"
name=org.office-connector.desktop.SingleInstance

"$bin" --home "$home" --minimized >"$work/first.log" 2>&1 &
first=$!
trap 'kill -TERM "$first" 2>/dev/null; wait "$first" 2>/dev/null || true' EXIT

owned() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner "string:$name" 2>/dev/null | grep -q "boolean true"
}
windows() { xdotool search --onlyvisible --name '^Office Connector$' 2>/dev/null | wc -l; }
for _ in $(seq 150); do owned && break; sleep 0.1; done
owned || { echo "single instance: the first app never claimed $name" >&2; exit 1; }
[ "$(windows)" -eq 0 ] || { echo "single instance: --minimized showed a window" >&2; exit 1; }

started=$(date +%s%N)
timeout 20 "$bin" --home "$home" >"$work/second.log" 2>&1 ||
  { echo "single instance: the second start did not exit cleanly ($?)" >&2; exit 1; }
echo "single instance: the second start exited after $(( ($(date +%s%N) - started) / 1000000 )) ms"

for _ in $(seq 100); do [ "$(windows)" -eq 1 ] && break; sleep 0.1; done
[ "$(windows)" -eq 1 ] || { echo "single instance: the first app did not show its window" >&2; exit 1; }
kill -0 "$first" || { echo "single instance: the first app is gone" >&2; exit 1; }
echo "single instance: the first app shows its window and keeps running"

# closing the window hides it; the app (and its timers) keep running; the next start shows it
window=$(xdotool search --onlyvisible --name '^Office Connector$' | head -1)
python3 "$(dirname "$0")/close_window.py" "$window"
for _ in $(seq 100); do [ "$(windows)" -eq 0 ] && break; sleep 0.1; done
[ "$(windows)" -eq 0 ] || { echo "close: the window did not close" >&2; exit 1; }
sleep 1 # NOTE: give a wrongly quitting app the time to go, so the check below can fail
kill -0 "$first" || { echo "close: closing the window ended the app" >&2; exit 1; }
timeout 20 "$bin" --home "$home" >>"$work/second.log" 2>&1
for _ in $(seq 100); do [ "$(windows)" -eq 1 ] && break; sleep 0.1; done
[ "$(windows)" -eq 1 ] || { echo "close: the window did not come back" >&2; exit 1; }
echo "close: closing the window kept the app running, and the next start showed it again"
