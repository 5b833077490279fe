#!/usr/bin/env python3
"""Runs the SQL `almanac sql --dialect spark` wrote in Spark (pyspark, local[2]) and compares every figure with
Almanac's own result. One Spark session runs every statement (a session costs about 11 s to start).

Usage: spark_crosscheck.py FOLDER NAME...
Each line of FOLDER/views.tsv (VIEW, a CSV path and a Spark DDL schema such as "period STRING, value_usd DOUBLE",
tab-separated) is loaded as a temporary view (an empty cell is null). For each NAME, FOLDER/NAME.sql is the statement,
FOLDER/NAME.csv Almanac's result and FOLDER/NAME.ordered exists when the row order is defined (naming, one a line,
the sort keys that tie, if any); the comparison is
sql_crosscheck.py's (1e-9 relative, nulls null on both sides, text equal after NFC). When FOLDER/NAME.corrupt.csv
exists, the comparison must also reject it (so a run shows that it can fail). Exit 0 and
`spark-crosscheck: NAME: N rows agree` per result, else 1 with a diff.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sql_crosscheck import almanac_rows, compare  # noqa: E402

NUMERIC = ("double", "float", "bigint", "int", "smallint", "tinyint")


def main():
    folder, names = sys.argv[1], sys.argv[2:]
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("almanac-crosscheck")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
             .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    failures = []
    try:
        with open(os.path.join(folder, "views.tsv"), encoding="utf-8") as f:
            for line in f.read().splitlines():
                view, path, schema = line.split("\t")
                spark.read.csv(path, header=True, schema=schema, encoding="UTF-8").createOrReplaceTempView(view)
        for name in names:
            sql = open(os.path.join(folder, name + ".sql"), encoding="utf-8").read()
            try:
                df = spark.sql(sql)
                rows = [tuple(r) for r in df.collect()]
            except Exception as e:  # a statement Spark refuses is a mismatch, named; the others still run
                failures.append(f"{name}: Spark failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
                continue
            numeric = {i for i, (_, t) in enumerate(df.dtypes) if t in NUMERIC or t.startswith("decimal")}
            ordered_path = os.path.join(folder, name + ".ordered")
            ordered = os.path.exists(ordered_path)
            keys = [k for k in open(ordered_path, encoding="utf-8").read().split("\n") if k] if ordered else []
            header, arows = almanac_rows(os.path.join(folder, name + ".csv"))
            if keys:
                # Sort keys that tie: the rows as a set, the keys row for row (as sql_crosscheck.py).
                found = compare(name, header, arows, df.columns, numeric, rows, False, engine="Spark")
                if not found and header == df.columns:
                    idx = [header.index(k) for k in keys]
                    found = compare(name + " (sort keys)", keys, [[r[i] for i in idx] for r in arows], keys,
                                    {j for j, i in enumerate(idx) if i in numeric}, [[r[i] for i in idx] for r in rows], True,
                                    engine="Spark")
            else:
                found = compare(name, header, arows, df.columns, numeric, rows, ordered, engine="Spark")
            if not found:
                print(f"spark-crosscheck: {name}: {len(arows)} rows agree")
            failures += found
            corrupt = os.path.join(folder, name + ".corrupt.csv")
            if os.path.exists(corrupt):
                header, crows = almanac_rows(corrupt)
                wrong = compare(name, header, crows, df.columns, numeric, rows, ordered, engine="Spark")
                if wrong:
                    print(f"spark-crosscheck: {name}: the corrupted copy is rejected: {wrong[0]}")
                else:
                    failures.append(f"{name}: the corrupted copy of Almanac's result was not told apart")
    finally:
        spark.stop()
    if failures:
        print("mismatches between Almanac and the SQL in Spark:\n" + "\n".join(failures), file=sys.stderr)
        sys.exit(1)
    print("spark-crosscheck: Almanac and its SQL agree")


if __name__ == "__main__":
    main()
