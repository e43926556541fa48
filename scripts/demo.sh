#!/usr/bin/env bash
# Sets up a fresh machine and runs the demo: the connector against the embedded fakes, in a
# throwaway state home. Headless machines get a printed run.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cargo build --locked --bin office-connector
exec target/debug/office-connector demo "$@"
