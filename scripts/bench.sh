#!/usr/bin/env bash
# Installs whatever is missing, then runs every benchmark and prints figures:
# natively (cargo bench) the import of a ~1,000,000-row CSV (UTF-8 and GBK,
# MB/s), segmentation, the planner, every view's question and the value models
# (fit + score, the held-out comparison); then, on the release build in headless
# Chromium, e2e/bench/browser_1m.mjs (import vs DuckDB-WASM, longest
# main-thread tasks, click → numbers per view, wasm sizes, each against its
# target), value_wasm.mjs (the value models' fit + score and comparison in
# a Web Worker), segments_1m.mjs, planner_35.mjs and summary_1m.mjs (a
# 1,000,000-customer summary from the warehouse SQL: load time and memory).
# SKIP_BUILD=1 benchmarks the dist/ already there instead of building it;
# BENCH_RUNS=N (default 3) sets the runs of each side of the import race.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-tools.sh
# DuckDB-WASM (a dev dependency, for the comparison only) on a machine
# whose node_modules predate it.
[ -d node_modules/@duckdb/duckdb-wasm ] || npm ci --no-audit --no-fund

cargo bench --bench import     # writes target/bench-data/visits_1m.csv
cargo bench --bench segments   # writes target/bench-data/visits_1m_visits.csv
cargo bench --bench planner
cargo bench --bench engine     # every view's question on 1M rows, natively
cargo bench --bench value      # the value models: fit + score at 20,000 and 200,000 customers, the comparison
if [ "${SKIP_BUILD:-}" != 1 ]; then
  trunk build --release --offline
fi
# The value models in the browser: the value bench built as the engine is
# (release-engine, SIMD, wasm-opt -O3 with the flags in index.html).
cargo build --profile release-engine --example value_wasm --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir target/bench-wasm \
  target/wasm32-unknown-unknown/release-engine/examples/value_wasm.wasm
# shellcheck disable=SC2046 # the flags are words
wasm-opt -O3 $(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html | head -n 1) \
  target/bench-wasm/value_wasm_bg.wasm -o target/bench-wasm/value_wasm_bg.wasm
node e2e/bench/value_wasm.mjs
node e2e/bench/browser_1m.mjs
node e2e/bench/segments_1m.mjs
node e2e/bench/planner_35.mjs
# A 1,000,000-customer summary (sql/customer_summary.sql on DuckDB) loaded in the browser.
if [ ! -s target/bench-data/summary_1m.csv ]; then
  python3 tests/warehouse/generate_visits.py --customers 1100000 --rows 7000000 --out target/bench-data/summary_src.parquet
  python3 tests/warehouse/run_duckdb.py target/bench-data/summary_src.parquet --as-of 2025-12-31 --out target/bench-data/summary_all.csv
  head -n 1000001 target/bench-data/summary_all.csv > target/bench-data/summary_1m.csv
fi
node e2e/bench/summary_1m.mjs
