#!/usr/bin/env bash
# Installs whatever is missing, then runs the benchmarks and prints figures:
# native import of a ~1,000,000-row CSV (UTF-8 and GBK), and the same file
# uploaded into the release build in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-tools.sh
cargo bench --bench import
trunk build --release --offline
node e2e/bench/import_1m.mjs
cargo bench --bench segments
node e2e/bench/segments_1m.mjs
cargo bench --bench planner
node e2e/bench/planner_40.mjs
