#!/usr/bin/env bash
# Installs whatever is missing, then runs every check and test:
# formatting, clippy (-D warnings), native tests, the warehouse SQL on
# DuckDB (and the customer summaries the tests load), the release build,
# the end-to-end tests in headless Chromium, and every fuzz target for a
# short fixed time (FUZZ_CI_SECONDS, default 20 s each).
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
say "customer summaries: DuckDB still writes tests/data/summary_*.csv, and the demo's (e2e)"
for f in panorama_small segments_small value_regular; do
  python3 tests/warehouse/run_duckdb.py "tests/data/$f.csv" --out "target/demo/summary_$f.csv"
  cmp "target/demo/summary_$f.csv" "tests/data/summary_$f.csv"
done
python3 tests/warehouse/run_duckdb.py target/demo/visits_demo.csv --out target/demo/summary_demo.csv
say "release build (trunk)"
trunk build --release --offline
for wasm in dist/*_bg.wasm; do
  printf '%s: %s bytes, %s bytes gzip\n' "$wasm" "$(wc -c <"$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"
done
say "end-to-end tests (headless Chromium)"
node --test --test-concurrency=1 e2e/
say "fuzz targets, ${FUZZ_CI_SECONDS:-20} s each (scripts/fuzz.sh; a crash fails the run)"
scripts/fuzz.sh "${FUZZ_CI_SECONDS:-20}"
