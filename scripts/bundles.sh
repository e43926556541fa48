#!/usr/bin/env bash
# Builds the packages users install — .deb and .rpm, from the release build — with the pinned
# Tauri CLI, checks what they declare, and installs the .deb on a fresh Debian 12, starts it
# from its menu entry and from its autostart entry, and purges it
# (src-tauri/packaging/install_test.sh). scripts/test.sh runs it last; it needs root and the
# packages of scripts/setup.sh. The AppImage is not built: its bundler downloads linuxdeploy.
set -euo pipefail
cd "$(dirname "$0")/.."

# NOTE: one exact version, as the README says; npx fetches it once into npm's cache.
tauri_cli=@tauri-apps/cli@2.12.6
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
bundles="$target/release/bundle"
rm -rf "$bundles/deb" "$bundles/rpm"

echo "== bundles: release build and .deb + .rpm ($tauri_cli)"
started=$(date +%s)
(cd src-tauri && npx --yes "$tauri_cli" build --ci --bundles deb,rpm -- --locked)
echo "bundles: built in $(($(date +%s) - started)) s"

shopt -s nullglob
debs=("$bundles"/deb/*.deb) rpms=("$bundles"/rpm/*.rpm)
[ "${#debs[@]}" -eq 1 ] && [ "${#rpms[@]}" -eq 1 ] ||
  { echo "bundles: expected one .deb and one .rpm in $bundles" >&2; exit 1; }
deb="${debs[0]}" rpm="${rpms[0]}"

echo "== bundles: what the .deb declares"
dpkg-deb -f "$deb" Package Version Architecture Depends Installed-Size
depends="$(dpkg-deb -f "$deb" Depends)"
# NOTE: the tray needs the AppIndicator library at run time (loaded with dlopen: no library
# check can see it); WebKitGTK and GTK are what Tauri's window runs on.
for needed in libayatana-appindicator3-1 libwebkit2gtk-4.1-0 libgtk-3-0; do
  grep -qE "(^|, )$needed( |,|$)" <<<"$depends" ||
    { echo "bundles: the .deb does not depend on $needed" >&2; exit 1; }
done
# NOTE: grep without -q reads to the end: with pipefail, -q stopping early can kill the
# writer with SIGPIPE and fail the check for a package that is fine
dpkg-deb -c "$deb" | awk '{print $NF}' | grep -E '^(\./)?usr/bin/office-connector-desktop$' >/dev/null ||
  { echo "bundles: the .deb has no /usr/bin/office-connector-desktop" >&2; exit 1; }

echo "== bundles: what the .rpm declares (built, not installed: no Fedora here)"
rpm -qp --queryformat '%{NAME} %{VERSION}-%{RELEASE} %{ARCH}\n' "$rpm"
rpm -qp --requires "$rpm" | tr '\n' ' ' && echo
rpm -qpl "$rpm" | grep -x /usr/bin/office-connector-desktop >/dev/null ||
  { echo "bundles: the .rpm has no /usr/bin/office-connector-desktop" >&2; exit 1; }
ls -l "$deb" "$rpm"

echo "== bundles: the .deb on a fresh Debian 12"
started=$(date +%s)
src-tauri/packaging/install_test.sh "$deb"
echo "bundles: install test passed in $(($(date +%s) - started)) s"
