#!/usr/bin/env bash
# Installs the .deb on a fresh Debian 12 and starts it as a user would, then purges it:
#   1. a fresh Debian 12 (debootstrap --variant=minbase) in a chroot, in a private mount
#      namespace (its /proc, /dev and X socket mounts end with the test; nothing is mounted
#      on this machine),
#   2. `dpkg -i` of the package, then `apt-get install -f` for its dependencies from Debian
#      (no recommends: what Depends names must be enough), and no library left unresolved,
#   3. a user `anna` with a session bus starts the app from its menu entry (`gio launch`,
#      GLib's reading of a .desktop file, as a desktop's launcher does) on an Xvfb display
#      with an XEmbed tray (trayer): the process runs as anna, its tray icon docks, the
#      settings window shows, the state home is made in anna's default folders,
#   4. the first start turned start at login on: `~/.config/autostart/Office Connector.desktop`
#      starts `/usr/bin/office-connector-desktop --minimized`; launched the same way, the app
#      runs with its tray icon and no window; once turned off, a later start leaves it off,
#   5. `dpkg --purge` removes every file the package installed.
# The chroot lives in a throwaway folder under /tmp and is removed afterwards; anna's home is
# inside it, so nothing of this machine's users is touched.
#
# Usage (as root): install_test.sh PATH/TO/package.deb
# Needs debootstrap, xvfb, xauth, xdotool, x11-utils, trayer, desktop-file-utils
# (scripts/setup.sh) and Debian's mirror (DEBIAN_MIRROR, default deb.debian.org).
# INSTALL_TEST_CACHE (default: target/install-test-cache) keeps the untouched debootstrap
# result and the downloaded .debs for the next run; a fresh machine has neither.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"

if [ "${1:-}" = --inside ]; then
  # --- inside the private mount namespace: the chroot, the package, the cache ---------------
  root="$2" deb="$3" cache="$4"
  say() { echo "install test: $*"; }
  fail() {
    echo "install test FAILED: $*" >&2
    for log in "$root"/tmp/launch*.log; do
      [ -s "$log" ] && { echo "-- the app's output ($(basename "$log")):" >&2; tail -20 "$log" >&2; }
    done
    exit 1
  }
  in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"; }

  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  mount --make-rslave "$root/dev"
  mount -t sysfs sysfs "$root/sys"
  # every process started in the chroot ends with the test (the session bus, a failed app)
  end_root_processes() {
    local p
    for p in /proc/[0-9]*; do
      if [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ]; then
        kill -KILL "${p#/proc/}" 2>/dev/null || true
      fi
    done
    return 0
  }
  trap '{ [ -z "${trayer:-}" ] || kill "$trayer" 2>/dev/null || true; }; end_root_processes' EXIT
  mkdir -p "$cache/debs/partial" "$root/tmp/.X11-unix"
  mount --bind "$cache/debs" "$root/var/cache/apt/archives"
  mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  cp "$deb" "$root/tmp/package.deb"
  package=$(dpkg-deb -f "$deb" Package)

  say "apt-get update"
  in_root apt-get update -qq
  say "dpkg -i $(basename "$deb") (its dependencies are missing on a fresh system)"
  in_root dpkg -i /tmp/package.deb >"$root/tmp/dpkg.log" 2>&1 || true
  grep -E 'depends on|dependency problems' "$root/tmp/dpkg.log" | sed 's/^/  /' | head -5 || true
  say "apt-get install -f (the dependencies the package names, no recommends)"
  started=$(date +%s)
  in_root apt-get install -f -y -qq --no-install-recommends >"$root/tmp/apt.log" 2>&1 ||
    { cat "$root/tmp/apt.log" >&2; fail "apt-get could not complete the installation"; }
  say "$(grep -c '^Unpacking' "$root/tmp/apt.log") packages in $(($(date +%s) - started)) s"
  [ "$(in_root dpkg-query -W -f='${Status}' "$package")" = "install ok installed" ] ||
    fail "$package is not installed"
  missing=$(in_root ldd /usr/bin/office-connector-desktop | grep 'not found' || true)
  [ -z "$missing" ] || fail "libraries no dependency brings: $missing"

  # NOTE: what every desktop session has but a package may not depend on: a session bus;
  # and GLib's `gio` to launch a .desktop file as a desktop's launcher does.
  say "a desktop session's pieces: dbus, gio"
  in_root apt-get install -y -qq --no-install-recommends dbus libglib2.0-bin >"$root/tmp/apt2.log" 2>&1 ||
    { cat "$root/tmp/apt2.log" >&2; fail "cannot install dbus and gio"; }

  entry=$(in_root dpkg -L "$package" | grep '^/usr/share/applications/.*\.desktop$' | head -1)
  [ -n "$entry" ] || fail "the package installs no menu entry in /usr/share/applications"
  say "menu entry $entry"
  desktop-file-validate "$root$entry" || fail "the menu entry is not a valid .desktop file"
  icon=$(sed -n 's/^Icon=//p' "$root$entry")
  compgen -G "$root/usr/share/icons/hicolor/*/apps/$icon.png" >/dev/null ||
    fail "the menu entry's icon $icon is not installed"

  uid=4242
  in_root useradd --create-home --uid "$uid" --user-group --shell /bin/bash anna
  install -d -m 700 -o "$uid" -g "$uid" "$root/run/user/$uid"
  install -m 600 -o "$uid" -g "$uid" "$XAUTHORITY" "$root/home/anna/.Xauthority"
  bus=""
  as_anna() {
    chroot --userspec="$uid:$uid" --groups="$uid" "$root" /usr/bin/env -i HOME=/home/anna \
      USER=anna LOGNAME=anna SHELL=/bin/bash PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
      DISPLAY="$DISPLAY" XAUTHORITY=/home/anna/.Xauthority XDG_RUNTIME_DIR="/run/user/$uid" \
      ${bus:+DBUS_SESSION_BUS_ADDRESS=$bus} "$@"
  }
  bus=$(as_anna dbus-daemon --session --fork --print-address=1 --nopidfile | head -1)
  [ -n "$bus" ] || fail "no session bus"

  # the app's processes: those whose root is the chroot, running the installed binary
  app_pids() {
    local p
    for p in /proc/[0-9]*; do
      [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] &&
        [ "$(readlink "$p/exe" 2>/dev/null)" = "$root/usr/bin/office-connector-desktop" ] &&
        echo "${p#/proc/}"
    done
    return 0
  }
  wait_for_app() {
    local pid
    for _ in $(seq 150); do
      pid=$(app_pids | head -1)
      [ -n "$pid" ] && { echo "$pid"; return 0; }
      sleep 0.1
    done
    return 1
  }
  # windows of process $1: the settings window (by title), the tray icon (docked in trayer)
  settings_windows() {
    local w n=0
    for w in $(xdotool search --onlyvisible --name '^Office Connector$' 2>/dev/null); do
      [ "$(xdotool getwindowpid "$w" 2>/dev/null)" = "$1" ] && n=$((n + 1))
    done
    echo "$n"
  }
  tray_icons() {
    local w n=0
    for w in $(xwininfo -id "$panel" -tree | sed -n 's/^ *\(0x[0-9a-f]*\) .*"tray-icon tray.*/\1/p'); do
      [ "$(xprop -id "$w" _NET_WM_PID 2>/dev/null | sed -n 's/.* = //p')" = "$1" ] && n=$((n + 1))
    done
    echo "$n"
  }
  wait_until() { # COUNT-FUNCTION PID WANTED WHAT
    for _ in $(seq 150); do [ "$("$1" "$2")" -eq "$3" ] && return 0; sleep 0.1; done
    fail "$4"
  }
  stop_app() {
    kill -TERM "$1"
    for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    fail "the app did not end on SIGTERM"
  }

  trayer --edge top --align right --widthtype request --height 24 --SetDockType true \
    --transparent false >"$root/tmp/trayer.log" 2>&1 &
  trayer=$!
  for _ in $(seq 50); do
    for w in $(xdotool search --name '^panel$' 2>/dev/null); do
      xprop -id "$w" WM_CLASS | grep -q '"trayer"' && panel="$w"
    done
    [ -n "${panel:-}" ] && break
    sleep 0.1
  done
  [ -n "${panel:-}" ] || fail "the tray (trayer) did not start"

  say "anna starts the app from its menu entry: gio launch $entry"
  as_anna gio launch "$entry" >"$root/tmp/launch.log" 2>&1 ||
    { cat "$root/tmp/launch.log" >&2; fail "gio could not launch the menu entry"; }
  pid=$(wait_for_app) || fail "the app is not running after its menu entry was launched"
  [ "$(stat -c %u "/proc/$pid")" = "$uid" ] || fail "the app does not run as anna"
  wait_until tray_icons "$pid" 1 "the app's tray icon did not dock in the tray"
  wait_until settings_windows "$pid" 1 "the settings window did not show"
  [ -f "$root/home/anna/.local/share/office-connector/office-connector.db" ] ||
    fail "the app made no state in anna's data folder"
  say "running as anna (pid $pid): tray icon docked, settings window shown, state in ~/.local/share/office-connector"

  autostart="$root/home/anna/.config/autostart/Office Connector.desktop"
  [ -f "$autostart" ] || fail "the first start did not turn start at login on ($autostart)"
  desktop-file-validate "$autostart" || fail "the autostart entry is not a valid .desktop file"
  exec_line=$(sed -n 's/^Exec=//p' "$autostart")
  [ "$exec_line" = "/usr/bin/office-connector-desktop --minimized" ] ||
    fail "the autostart entry starts '$exec_line'"
  stop_app "$pid"
  say "start at login is on: $exec_line"

  say "anna logs in again: gio launch ~/.config/autostart/Office Connector.desktop"
  as_anna gio launch "/home/anna/.config/autostart/Office Connector.desktop" \
    >"$root/tmp/launch2.log" 2>&1 ||
    { cat "$root/tmp/launch2.log" >&2; fail "gio could not launch the autostart entry"; }
  pid=$(wait_for_app) || fail "the app is not running after its autostart entry was launched"
  wait_until tray_icons "$pid" 1 "the autostarted app's tray icon did not dock"
  sleep 2 # NOTE: give a wrongly opening window the time to show, so the check below can fail
  [ "$(settings_windows "$pid")" -eq 0 ] || fail "the app started at login showed its window"
  stop_app "$pid"
  say "started at login: tray icon docked, no window"

  # the tray's "Start at login" off removes the entry (the plugin deletes the file)
  rm "$autostart"
  as_anna gio launch "$entry" >"$root/tmp/launch3.log" 2>&1 ||
    { cat "$root/tmp/launch3.log" >&2; fail "gio could not launch the menu entry again"; }
  pid=$(wait_for_app) || fail "the app is not running after its menu entry was launched again"
  wait_until settings_windows "$pid" 1 "the settings window did not show at the next start"
  [ ! -e "$autostart" ] || fail "a later start turned start at login on again"
  stop_app "$pid"
  say "turned off, start at login stays off at the next start"

  kill "$trayer" 2>/dev/null || true
  end_root_processes
  say "dpkg --purge $package"
  # NOTE: names with spaces ("Office Connector.desktop"): one per line, never word-split
  in_root dpkg -L "$package" | while IFS= read -r f; do [ ! -f "$root$f" ] || echo "$f"; done \
    >"$root/tmp/files"
  in_root dpkg --purge "$package" >"$root/tmp/purge.log" 2>&1 ||
    { cat "$root/tmp/purge.log" >&2; fail "dpkg --purge failed"; }
  left=$(while IFS= read -r f; do [ ! -e "$root$f" ] || echo "$f"; done <"$root/tmp/files")
  [ -z "$left" ] || fail "files left after purge: $left"
  [ -z "$(in_root dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep ' installed')" ] ||
    fail "$package is still installed"
  say "purged: all $(wc -l <"$root/tmp/files") files of the package are gone"
  exit 0
fi

# --- outside: make the fresh Debian 12, run the above in a private namespace, clean up ----------
[ "$(id -u)" -eq 0 ] || { echo "install_test.sh: needs root (debootstrap, chroot)" >&2; exit 1; }
deb="$(realpath "${1:?usage: install_test.sh PATH/TO/package.deb}")"
repo="$(cd "$here/../.." && pwd)"
cache="$(mkdir -p "${INSTALL_TEST_CACHE:-${CARGO_TARGET_DIR:-$repo/target}/install-test-cache}" &&
  cd "${INSTALL_TEST_CACHE:-${CARGO_TARGET_DIR:-$repo/target}/install-test-cache}" && pwd)"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

work="$(mktemp -d /tmp/office-connector-install-test.XXXXXX)"
# NOTE: the mounts live only in the namespace, which has ended when this runs; --one-file-system
# keeps rm from following one all the same.
trap 'rm -rf --one-file-system "$work"' EXIT
root="$work/debian12"
mkdir "$root"

base="$cache/debian12-minbase.tar"
started=$(date +%s)
if [ -f "$base" ]; then
  tar -C "$root" -xf "$base"
  echo "install test: a fresh Debian 12 from the untouched debootstrap result in $base"
else
  echo "install test: debootstrap --variant=minbase bookworm ($mirror)"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  tar -C "$root" -cf "$base.part" . && mv "$base.part" "$base"
fi
echo "install test: Debian $(cat "$root/etc/debian_version") ready in $(($(date +%s) - started)) s"

status=0
timeout -k 10 900 unshare --mount --propagation private --fork -- \
  xvfb-run -a -f "$work/Xauthority" -s "-screen 0 1280x800x24" \
  "$here/$(basename "$0")" --inside "$root" "$deb" "$cache" >"$work/inside.log" 2>&1 || status=$?
grep -v -e '^dbus-daemon' -e 'SpiRegistry' "$work/inside.log" || true
exit "$status"
