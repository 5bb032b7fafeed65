#!/usr/bin/env python3
"""Runs sql/customer_summary.sql, unmodified, on Spark SQL in local mode.

  run_spark.py VISITS.parquet --as-of YYYY-MM-DD --out summary.csv

VISITS.parquet has the query's input columns (run_duckdb.py --save-visits
writes it from a CSV, so both engines read the very same rows). The result
is written with Spark's own CSV writer (one file, header, dates ISO,
decimals as Spark prints them) and copied to --out. Several inputs may be
given as IN:AS_OF:OUT triples with --job, to pay for one Spark start only.
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

try:
    import pyspark  # noqa: F401
except ImportError:  # install only when missing
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "pyspark"])


def session():
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[2]"))
            .appName("panorama-warehouse-check")
            .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "4g"))
            .config("spark.sql.shuffle.partitions", os.environ.get("SPARK_PARTITIONS", "8"))
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.adaptive.enabled", "true")
            .getOrCreate())


def run(spark, visits, as_of, out):
    from pyspark.sql.types import DateType, StructField, StructType

    t0 = time.perf_counter()
    spark.read.parquet(str(visits)).createOrReplaceTempView("visits")
    spark.createDataFrame([(date.fromisoformat(as_of),)],
                          StructType([StructField("as_of", DateType())])
                          ).createOrReplaceTempView("params")
    df = spark.sql(common.load_sql())
    tmp = tempfile.mkdtemp(prefix="spark_summary_")
    (df.coalesce(1).write.mode("overwrite").option("header", True)
       .option("dateFormat", "yyyy-MM-dd").csv(tmp + "/out"))
    part = glob.glob(tmp + "/out/part-*.csv")
    if len(part) != 1:
        raise SystemExit(f"expected one part file, found {part}")
    shutil.move(part[0], out)
    shutil.rmtree(tmp, ignore_errors=True)
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("visits", nargs="?")
    ap.add_argument("--as-of")
    ap.add_argument("--out")
    ap.add_argument("--job", action="append", default=[], help="VISITS.parquet:AS_OF:OUT.csv")
    args = ap.parse_args()
    jobs = [j.split(":") for j in args.job]
    if args.visits:
        jobs.append([args.visits, args.as_of, args.out])
    t0 = time.perf_counter()
    spark = session()
    spark.sparkContext.setLogLevel("ERROR")
    start_s = time.perf_counter() - t0
    print(f"spark {spark.version} local session started in {start_s:.1f} s")
    for visits, as_of, out in jobs:
        s = run(spark, visits, as_of, out)
        print(f"spark: {visits} at {as_of} -> {out} in {s:.1f} s")
    spark.stop()


if __name__ == "__main__":
    main()
