#!/usr/bin/env bash
# Sets up a fresh machine and runs every check and test. CI (.ci/run) calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "== format"
cargo fmt --all --check

echo "== the core stays UI-free"
if cargo tree -p office-connector-core -e normal --prefix none | grep -E '^(tauri|clap)( |-)'; then
  echo "crates/core depends on tauri or clap: the core must stay UI-free" >&2
  exit 1
fi
if cargo tree -p office-connector-fakes -e normal --prefix none | grep '^office-connector-core ' >/dev/null; then
  echo "crates/fakes depends on the core: a fake must not share the client's types" >&2
  exit 1
fi

echo "== the core's modules import each other in no circle"
python3 scripts/import_cycles.py crates/core/src

echo "== settings UI (type check, unit tests, browser test with the IPC mocked)"
(cd ui && npm ci --no-audit --no-fund && npm run check && npm test && npm run test:browser)

echo "== build (binaries first: the integration tests run the real office-connector)"
cargo build --workspace --bins --locked

echo "== lints"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== tests"
if command -v cargo-nextest >/dev/null; then
  cargo nextest run --workspace --locked --no-fail-fast
else
  cargo test --workspace --locked --no-fail-fast
fi

echo "== the same tests a year ahead and in a far time zone (none may depend on today's date or zone)"
# NOTE: faketime wraps only the test processes (cargo's target runner), not cargo and rustc,
# which hang under it; monotonic clocks stay real so timeouts and timers behave.
host=$(rustc -vV | sed -n 's/^host: //p')
runner_var="CARGO_TARGET_$(echo "$host" | tr 'a-z-' 'A-Z_')_RUNNER"
export FAKETIME_DONT_FAKE_MONOTONIC=1
if command -v cargo-nextest >/dev/null; then
  env TZ=Pacific/Kiritimati "$runner_var=faketime -f +365d" cargo nextest run --workspace --locked --no-fail-fast
else
  env TZ=Pacific/Kiritimati "$runner_var=faketime -f +365d" cargo test --workspace --locked --no-fail-fast
fi
(cd ui && TZ=Pacific/Kiritimati faketime -f +365d npm test)
unset FAKETIME_DONT_FAKE_MONOTONIC

echo "== desktop app smoke test (the real window under Xvfb, through WebDriver)"
src-tauri/smoke/run.sh

echo "== the packages users install (.deb, .rpm from the release build; the .deb on a fresh Debian 12)"
scripts/bundles.sh
