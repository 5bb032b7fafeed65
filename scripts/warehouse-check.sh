#!/usr/bin/env bash
# Proves sql/customer_summary.sql on two engines: DuckDB against a
# plain-Python reference (every row and column), and Spark SQL in local mode
# against DuckDB on the very same input rows. Installs only what is missing:
# the pip packages duckdb and pyspark, and Java 17 (Debian
# openjdk-17-jre-headless) when there is no `java`. Ends with
# "warehouse: N passed, N failed" and exits 1 on any difference.
#
#   scripts/warehouse-check.sh             # fixtures + a 1-in-8 sample of the demo export
#   scripts/warehouse-check.sh --full      # the whole demo export (1M rows)
#   WAREHOUSE_TMP=/tmp/dir scripts/...     # where outputs go (default: mktemp)
#   PANORAMA_DEMO_CSV=file.csv scripts/... # the demo export to use (`cargo run --example
#                                          # demo_csv` writes the app's; default:
#                                          # target/bench-data/visits_1m.csv if present)
#
# The DuckDB half alone (seconds, no Java) is `python3 tests/warehouse/check_all.py`.
# Runs at nice 10: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
start=$(date +%s)

have_module() { "$PY" -c "import $1" 2>/dev/null; }
have_module duckdb || "$PY" -m pip install -q duckdb
have_module pyspark || "$PY" -m pip install -q pyspark
if ! command -v java >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless
fi

status=0
nice -n 10 "$PY" tests/warehouse/check_all.py --spark "$@" || status=$?
echo "warehouse-check: $(( $(date +%s) - start )) s wall"
exit "$status"
