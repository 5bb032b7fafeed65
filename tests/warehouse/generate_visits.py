#!/usr/bin/env python3
"""Writes synthetic visits (sql/generate_visits.sql) with DuckDB.

  generate_visits.py --customers 7700000 --rows 50000000 --out /tmp/x.parquet
  generate_visits.py --customers 1000000 --rows 6500000 --out /tmp/x.csv

A .parquet output has the query's input columns and types (read it with
run_duckdb.py / run_spark.py directly); a .csv output has English headers
the app's mapping recognises (customer_id, visit_date, amount, campaign,
store, delivery_date, nps, complaint), in line_no order, so reference.py
can read it too. Write them under /tmp, not into the repository.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

try:
    import duckdb
except ImportError:  # install only when missing
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "duckdb"])
    import duckdb

SQL = Path(__file__).resolve().parents[2] / "sql" / "generate_visits.sql"


def generate(customers, rows, out, threads=2, memory_limit="8GB"):
    """Writes the rows to out (.parquet or .csv); returns (rows, visits,
    customers, seconds)."""
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute("SET temp_directory = '/tmp/duckdb_spill'")
    con.execute("CREATE TABLE gen AS SELECT CAST(? AS BIGINT) AS customers, CAST(? AS BIGINT) AS max_rows",
                [customers, rows])
    query = SQL.read_text(encoding="utf-8").strip().rstrip(";")
    t0 = time.perf_counter()
    path = out.replace("'", "''")
    if out.endswith(".parquet"):
        con.execute(f"COPY ({query}) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)")
    else:
        con.execute(f"""COPY (SELECT customer_id, visit_date, amount, campaign, store, delivery_date,
                              CAST(nps AS INTEGER) AS nps,
                              CASE WHEN complaint THEN '是' END AS complaint
                       FROM ({query}) q ORDER BY line_no) TO '{path}' (HEADER, DELIMITER ',')""")
    seconds = time.perf_counter() - t0
    n_rows, n_customers, n_visits = con.execute(
        f"SELECT COUNT(*), COUNT(DISTINCT customer_id), COUNT(DISTINCT (customer_id, visit_date)) "
        f"FROM {'read_parquet' if out.endswith('.parquet') else 'read_csv'}('{path}')").fetchone()
    con.close()
    print(f"generated {n_rows} rows, {n_visits} visits, {n_customers} customers in "
          f"{seconds:.1f} s -> {out} ({os.path.getsize(out) / 1e6:.0f} MB)")
    return n_rows, n_visits, n_customers, seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--customers", type=int, required=True)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=int(os.environ.get("DUCKDB_THREADS", "2")))
    ap.add_argument("--memory-limit", default=os.environ.get("DUCKDB_MEMORY_LIMIT", "8GB"))
    args = ap.parse_args()
    generate(args.customers, args.rows, args.out, args.threads, args.memory_limit)


if __name__ == "__main__":
    main()
