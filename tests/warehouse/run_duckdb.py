#!/usr/bin/env python3
"""Runs sql/customer_summary.sql on DuckDB.

  run_duckdb.py INPUT [--as-of YYYY-MM-DD] [--out summary.csv]
                [--no-line-no] [--save-visits visits.parquet] [--check]

INPUT is a visits CSV (the demo export of src/domain/demo.rs write_csv, or
any file whose header names its columns with the app's synonyms,
src/domain/ingest/mapping.rs) or a Parquet file that already has the
query's columns (customer_id, visit_date, amount, campaign, store,
delivery_date, nps, complaint, line_no). A CSV is mapped to the table
`visits` the way the app reads it: dates 2024-01-05 / 2024/1/5 / 2024.1.5,
amounts with thousands separators, scores 0-100, complaint words; line_no
is the data row's number in the file. The as-of date defaults to the latest
visit date (DOMAIN §2). --no-line-no leaves line_no NULL (ties of one date
then take the lowest score / store name). --save-visits writes the mapped
table, so Spark can read the very same input. --check recomputes every
cell with reference.py (plain Python, from the raw CSV) and asserts they
are equal.
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

try:
    import duckdb
except ImportError:  # install only when missing
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "duckdb"])
    import duckdb

import common  # noqa: E402


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


def date_expr(col):
    c = f"trim({col})"
    return (f"CAST(COALESCE(try_strptime({c}, '%Y-%m-%d'), try_strptime({c}, '%Y/%m/%d'), "
            f"try_strptime({c}, '%Y.%m.%d'), try_strptime(split_part({c}, ' ', 1), '%Y-%m-%d'), "
            f"try_strptime(split_part({c}, ' ', 1), '%Y/%m/%d')) AS DATE)")


def load_csv(con, path, line_no=True):
    header = common.read_header(path)
    cols = common.map_header(header)
    names = [f"c{i}" for i in range(len(header))]
    con.execute(
        f"CREATE OR REPLACE TABLE raw AS SELECT * FROM read_csv({sql_str(str(path))}, "
        f"header = true, all_varchar = true, delim = ',', quote = '\"', "
        f"names = {names!r}, null_padding = true)")
    col = lambda f: f"c{cols[f]}" if f in cols else None  # noqa: E731
    text = lambda f: f"NULLIF(trim({col(f)}), '')" if col(f) else "CAST(NULL AS VARCHAR)"  # noqa: E731
    no_words = ", ".join(sql_str(w.lower()) for w in common.COMPLAINT_NO)
    score = (f"TRY_CAST(rtrim(trim({col('nps')}), '分%') AS DOUBLE)" if col("nps")
             else "CAST(NULL AS DOUBLE)")
    complaint = (f"CASE WHEN NULLIF(trim({col('complaint')}), '') IS NULL THEN NULL "
                 f"WHEN lower(trim({col('complaint')})) IN ({no_words}) THEN false ELSE true END"
                 if col("complaint") else "CAST(NULL AS BOOLEAN)")
    con.execute(f"""
        CREATE OR REPLACE TABLE visits AS
        SELECT * EXCLUDE (rn) FROM (
          SELECT {text('customer_id')} AS customer_id,
            {date_expr(col('visit_date'))} AS visit_date,
            TRY_CAST(replace(replace(replace(trim({col('amount')}), ',', ''), '¥', ''), '￥', '')
                     AS DECIMAL(18,2)) AS amount,
            {text('campaign')} AS campaign,
            {text('store')} AS store,
            {date_expr(col('delivery_date')) if col('delivery_date') else 'CAST(NULL AS DATE)'}
              AS delivery_date,
            CASE WHEN {score} BETWEEN 0 AND 100 THEN {score} END AS nps,
            {complaint} AS complaint,
            {'rowid + 1' if line_no else 'CAST(NULL AS BIGINT)'} AS line_no,
            rowid AS rn
          FROM raw)
        WHERE customer_id IS NOT NULL AND visit_date IS NOT NULL AND amount IS NOT NULL
        ORDER BY rn""")
    con.execute("DROP TABLE raw")


def run(con, as_of, out):
    """Runs the query at as_of into the CSV out; (customers, seconds)."""
    con.execute("CREATE OR REPLACE TABLE params AS SELECT CAST(? AS DATE) AS as_of", [as_of])
    t0 = time.perf_counter()
    n = con.execute(f"COPY ({common.load_sql()}) TO {sql_str(str(out))} (HEADER, DELIMITER ',')"
                    ).fetchone()[0]
    return n, time.perf_counter() - t0


def connect(threads=None, memory_limit=None, temp_dir=None):
    con = duckdb.connect()
    con.execute(f"SET threads = {threads or int(os.environ.get('DUCKDB_THREADS', '2'))}")
    con.execute(f"SET memory_limit = {sql_str(memory_limit or os.environ.get('DUCKDB_MEMORY_LIMIT', '8GB'))}")
    con.execute(f"SET temp_directory = {sql_str(temp_dir or os.environ.get('DUCKDB_TEMP_DIR', '/tmp/duckdb_spill'))}")
    return con


def summarise(inp, out, as_of=None, line_no=True, save_visits=None, con=None):
    """Loads inp (CSV or Parquet) as `visits`, runs the query into out and
    returns the as-of date used."""
    con = con or connect()
    t0 = time.perf_counter()
    inp = Path(inp)
    if inp.suffix == ".parquet":
        con.execute(f"CREATE OR REPLACE VIEW visits AS SELECT * FROM read_parquet({sql_str(str(inp))})")
    else:
        load_csv(con, inp, line_no=line_no)
    load_s = time.perf_counter() - t0
    as_of = as_of or str(con.execute("SELECT MAX(visit_date) FROM visits").fetchone()[0])
    if save_visits:
        con.execute(f"COPY visits TO {sql_str(str(save_visits))} (FORMAT parquet)")
    rows_in = con.execute("SELECT COUNT(*) FROM visits").fetchone()[0]
    customers, query_s = run(con, as_of, out)
    print(f"duckdb {duckdb.__version__}: {inp.name}: {rows_in} rows -> {customers} customers "
          f"at as_of {as_of}; load {load_s:.2f} s, query {query_s:.2f} s -> {out}")
    return as_of


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("--as-of")
    ap.add_argument("--out", default="summary.csv")
    ap.add_argument("--no-line-no", action="store_true")
    ap.add_argument("--save-visits")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--expect", help="CSV of hand-computed cells: customer_id,column,value")
    ap.add_argument("--threads", type=int, default=int(os.environ.get("DUCKDB_THREADS", "2")))
    ap.add_argument("--memory-limit", default=os.environ.get("DUCKDB_MEMORY_LIMIT", "8GB"))
    ap.add_argument("--temp-dir", default=os.environ.get("DUCKDB_TEMP_DIR", "/tmp/duckdb_spill"))
    args = ap.parse_args()

    con = connect(args.threads, args.memory_limit, args.temp_dir)
    inp = Path(args.input)
    as_of = summarise(inp, args.out, args.as_of, not args.no_line_no, args.save_visits, con)
    failed = 0
    if args.expect:
        failed += expect(args.out, args.expect)
    if args.check:
        if inp.suffix == ".parquet":
            sys.exit("--check needs the raw CSV")
        failed += check(inp, args.out, date.fromisoformat(as_of), not args.no_line_no)
    sys.exit(1 if failed else 0)


def expect(summary_path, expect_path):
    """Checks hand-computed cells (value 'absent' with column '*': no row)."""
    import csv

    header, rows, _ = common.read_summary(summary_path)
    by_id = {r[0]: dict(zip(header, r)) for r in rows}
    bad = 0
    with open(expect_path, newline="", encoding="utf-8") as f:
        cases = list(csv.DictReader(f))
    for c in cases:
        row = by_id.get(c["customer_id"])
        if c["column"] == "*":
            ok = row is None
        else:
            ok = row is not None and row[c["column"]] == common.norm(common.KIND[c["column"]], c["value"])
        if not ok:
            bad += 1
            got = None if row is None else row.get(c["column"])
            print(f"expected {c['customer_id']} {c['column']} = {c['value']!r}, got {got!r}")
    print(f"hand-computed cells: {len(cases) - bad} passed, {bad} failed ({expect_path})")
    return bad


def check(csv_path, summary_path, as_of, use_line_no=True):
    """Asserts the summary equals the reference for every row and column;
    returns the number of differences."""
    import reference

    t0 = time.perf_counter()
    ref = reference.summarise(reference.read_rows(csv_path), as_of, use_line_no)
    ref_path = Path(summary_path).with_suffix(".reference.csv")
    import csv

    with open(ref_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(common.NAMES)
        for cust in sorted(ref, key=lambda c: c.encode()):
            w.writerow([ref[cust][n] for n in common.NAMES])
    print(f"reference: {len(ref)} customers in {time.perf_counter() - t0:.1f} s -> {ref_path}")
    return common.compare(summary_path, ref_path, "duckdb", "reference")


if __name__ == "__main__":
    main()
