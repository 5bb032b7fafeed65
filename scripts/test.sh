#!/usr/bin/env bash
# Installs whatever is missing, then runs every check and test:
# formatting, clippy (-D warnings), native tests, the warehouse SQL on
# DuckDB, the release build,
# and the end-to-end tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-tools.sh

say "cargo fmt --check"
cargo fmt --all -- --check
say "cargo clippy -D warnings (native and wasm32)"
cargo clippy --all-targets --locked -- -D warnings
cargo clippy --target wasm32-unknown-unknown --locked -- -D warnings
say "native tests"
cargo test --locked
say "warehouse SQL on DuckDB = an independent Python reference (fixtures and the demo export)"
cargo run --quiet --locked --example demo_csv -- target/demo/visits_demo.csv
PANORAMA_DEMO_CSV=target/demo/visits_demo.csv python3 tests/warehouse/check_all.py --full
say "release build (trunk)"
trunk build --release --offline
for wasm in dist/*_bg.wasm; do
  printf '%s: %s bytes, %s bytes gzip\n' "$wasm" "$(wc -c <"$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"
done
say "end-to-end tests (headless Chromium)"
node --test --test-concurrency=1 e2e/
