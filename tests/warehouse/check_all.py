#!/usr/bin/env python3
"""Checks sql/customer_summary.sql. Exits 1 on any mismatch.

  python3 tests/warehouse/check_all.py            # DuckDB = reference (seconds)
  python3 tests/warehouse/check_all.py --spark    # and Spark = DuckDB (scripts/warehouse-check.sh)
  python3 tests/warehouse/check_all.py --full     # the whole demo export, not a sample

For each input DuckDB runs the SQL and its output is compared, every row
and every column, with reference.py (plain Python from the raw CSV, written
after the Rust code, not the SQL); the edge fixture is also checked against
hand-computed cells. With --spark, Spark SQL (local mode, one session) runs
the same SQL on the very same mapped rows (the Parquet file DuckDB's loader
wrote) and its output must equal DuckDB's.

Inputs: the edge-case fixture (with and without line numbers), the repo's
fixtures tests/data/panorama_small.csv, segments_small.csv and
value_regular.csv, the calendar fixture (every date 1950-2100, gaps
1-4000), a generated set with line items, and the demo export. The demo
data is generated in Rust (src/domain/demo.rs write_csv); the check reads
the export at $PANORAMA_DEMO_CSV (scripts/test.sh writes the app's default
demo with `cargo run --example demo_csv` and checks all of it with --full),
else target/bench-data/visits_1m.csv
(written by `cargo bench --bench import`: the demo generator at 1M rows,
about 153,000 customers). By default it takes a 1-in-8 sample of the
customers (whole histories, about the size of the default 20,000-customer
demo) so the check stays in seconds; --full takes all of them. Without an
export the demo runs are skipped with a note; the fixtures always run.
"""

import argparse
import csv
import os
import sys
import tempfile
import time
import zlib
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import common  # noqa: E402
import gen_calendar  # noqa: E402
import generate_visits  # noqa: E402
import run_duckdb  # noqa: E402

ROOT = common.ROOT
SAMPLE = 8


def demo_export():
    env = os.environ.get("PANORAMA_DEMO_CSV")
    if env:
        if not Path(env).exists():
            raise SystemExit(f"PANORAMA_DEMO_CSV={env} does not exist")
        return Path(env)
    big = ROOT / "target" / "bench-data" / "visits_1m.csv"
    return big if big.exists() else None


def sample_customers(src, dst, every):
    """Copies the header and the rows of one customer in `every` (by a
    CRC of the id: whole histories), unchanged and in file order."""
    with open(src, newline="", encoding="utf-8-sig") as f, \
            open(dst, "w", newline="", encoding="utf-8") as g:
        rd, w = csv.reader(f), csv.writer(g, lineterminator="\n")
        header = next(rd)
        col = common.map_header(header)["customer_id"]
        w.writerow(header)
        n = 0
        for rec in rd:
            if col < len(rec) and zlib.crc32(rec[col].strip().encode()) % every == 0:
                w.writerow(rec)
                n += 1
    return n


def cases(work, full):
    fx = HERE / "fixtures"
    data = ROOT / "tests" / "data"
    out = [
        ("edge", fx / "edge_cases.csv", "2025-06-30", True, fx / "edge_cases_expected.csv"),
        ("edge-no-line-no", fx / "edge_cases.csv", "2025-06-30", False,
         fx / "edge_cases_expected_no_line_no.csv"),
        ("panorama_small", data / "panorama_small.csv", None, True, None),
        ("segments_small", data / "segments_small.csv", None, True, None),
        ("value_regular", data / "value_regular.csv", None, True, None),
        ("calendar", work / "calendar.csv", gen_calendar.AS_OF, True, None),
        ("generated", work / "generated.csv", "2025-12-31", True, None),
    ]
    demo = demo_export()
    if demo is None:
        print("note: no demo export (set PANORAMA_DEMO_CSV, or `cargo bench --bench import` "
              "writes target/bench-data/visits_1m.csv): demo runs skipped")
        return out
    if full:
        name = "demo"
    else:
        name = f"demo-1in{SAMPLE}"
        t0 = time.perf_counter()
        path = work / f"{name}.csv"
        n = sample_customers(demo, path, SAMPLE)
        print(f"demo export {demo}: 1 customer in {SAMPLE}, {n} rows -> {path} "
              f"in {time.perf_counter() - t0:.1f} s")
        demo = path
    return out + [(name, demo, None, True, None),
                  (f"{name}-2024-06-30", demo, "2024-06-30", True, None)]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--spark", action="store_true", help="also run Spark and compare with DuckDB")
    ap.add_argument("--full", action="store_true", help="the whole demo export, not a sample")
    ap.add_argument("--work", default=os.environ.get("WAREHOUSE_TMP"),
                    help="directory for outputs (default: a new temporary one)")
    args = ap.parse_args()

    t_all = time.perf_counter()
    work = Path(args.work or tempfile.mkdtemp(prefix="warehouse-check-"))
    work.mkdir(parents=True, exist_ok=True)
    gen_calendar.main(work / "calendar.csv")
    generate_visits.generate(3000, 19000, str(work / "generated.csv"), threads=1)
    passed = failed = 0

    def tally(ok, what):
        nonlocal passed, failed
        passed += ok
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}: {what}")

    spark_jobs = []
    con = run_duckdb.connect(threads=int(os.environ.get("DUCKDB_THREADS", "1")))
    for name, path, as_of, line_no, expected in cases(work, args.full):
        print(f"--- {name}")
        out = work / f"{name}.duckdb.csv"
        parquet = work / f"{name}.visits.parquet" if args.spark else None
        used = run_duckdb.summarise(path, out, as_of, line_no, parquet, con=con)
        if expected:
            tally(run_duckdb.expect(out, expected) == 0, f"{name}: hand-computed cells")
        tally(run_duckdb.check(path, out, date.fromisoformat(used), line_no) == 0,
              f"{name}: DuckDB = Python reference")
        spark_jobs.append((name, parquet, used, out, work / f"{name}.spark.csv"))
    con.close()
    t_duck = time.perf_counter() - t_all

    t_spark = 0.0
    if args.spark:
        import run_spark

        t0 = time.perf_counter()
        spark = run_spark.session()
        spark.sparkContext.setLogLevel("ERROR")
        print(f"--- spark {spark.version} started in {time.perf_counter() - t0:.1f} s")
        for name, parquet, as_of, duck_out, spark_out in spark_jobs:
            s = run_spark.run(spark, parquet, as_of, spark_out)
            print(f"spark: {name} in {s:.1f} s")
            diff = common.compare(duck_out, spark_out, "duckdb", "spark")
            identical = duck_out.read_bytes() == spark_out.read_bytes()
            tally(diff == 0, f"{name}: Spark = DuckDB"
                  + (" (byte-identical CSV)" if identical else " (after normalisation)"))
        spark.stop()
        t_spark = time.perf_counter() - t0
    print(f"runtime: DuckDB + reference {t_duck:.1f} s"
          + (f", Spark {t_spark:.1f} s" if args.spark else "")
          + f", total {time.perf_counter() - t_all:.1f} s (files in {work})")
    print(f"warehouse: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
