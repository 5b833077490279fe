#!/usr/bin/env python3
"""Runs the SQL `almanac sql --dialect duckdb` wrote and compares every figure with Almanac's own result.

Usage: sql_crosscheck.py FOLDER NAME...
For each NAME, FOLDER/NAME.sql is the statement and FOLDER/NAME.csv Almanac's result (CSVWriter: empty cell = null);
FOLDER/NAME.ordered exists when the row order is defined (the query sorts). Numbers agree to 1e-9 (relative),
nulls must be null on both sides, text and periods must be equal. Unordered results are compared as sets of rows,
matched on their non-numeric cells. Exit 0 and `sql-crosscheck: NAME: N rows agree` per result, else 1 with a diff.
"""
import csv
import math
import os
import sys
import unicodedata

import duckdb


def almanac_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        r = list(csv.reader(f))
    return r[0], r[1:]


def same(a_cell, d_value):
    """Almanac's CSV cell against DuckDB's value."""
    if d_value is None:
        return a_cell == ""
    if a_cell == "":
        return False
    if isinstance(d_value, bool):
        return a_cell == ("true" if d_value else "false")
    if isinstance(d_value, (int, float)):
        try:
            a = float(a_cell)
        except ValueError:
            return False
        d = float(d_value)
        return math.isclose(a, d, rel_tol=1e-9, abs_tol=1e-12)
    return unicodedata.normalize("NFC", a_cell) == unicodedata.normalize("NFC", str(d_value))


def key(row, numeric):
    return tuple("" if v is None else unicodedata.normalize("NFC", str(v)) for i, v in enumerate(row) if i not in numeric)


def main():
    folder, names = sys.argv[1], sys.argv[2:]
    failures = []
    con = duckdb.connect()
    for name in names:
        sql = open(os.path.join(folder, name + ".sql"), encoding="utf-8").read()
        header, arows = almanac_rows(os.path.join(folder, name + ".csv"))
        rel = con.sql(sql)
        columns = rel.columns
        drows = rel.fetchall()
        if columns != header:
            failures.append(f"{name}: columns differ: Almanac {header}, DuckDB {columns}")
            continue
        if len(drows) != len(arows):
            failures.append(f"{name}: Almanac has {len(arows)} rows, DuckDB {len(drows)}")
            continue
        numeric = {i for i, t in enumerate(rel.types) if str(t) in ("DOUBLE", "FLOAT", "BIGINT", "INTEGER", "HUGEINT")}
        if not os.path.exists(os.path.join(folder, name + ".ordered")):
            drows = sorted(drows, key=lambda r: key(r, numeric))
            arows = sorted(arows, key=lambda r: key([None if c == "" else c for c in r], numeric))
        bad = 0
        for n, (a, d) in enumerate(zip(arows, drows)):
            for c, (x, y) in enumerate(zip(a, d)):
                if not same(x, y):
                    bad += 1
                    if bad <= 10:
                        failures.append(f"{name}: row {n + 1} {header[c]}: Almanac {x!r}, DuckDB {y!r} (row {a})")
        if bad == 0:
            print(f"sql-crosscheck: {name}: {len(arows)} rows agree")
    if failures:
        print("mismatches between Almanac and the SQL in DuckDB:\n" + "\n".join(failures), file=sys.stderr)
        sys.exit(1)
    print("sql-crosscheck: Almanac and its SQL agree")


if __name__ == "__main__":
    main()
