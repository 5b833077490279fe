#!/usr/bin/env python3
"""Runs the SQL `almanac sql --dialect duckdb` wrote and compares every figure with Almanac's own result.

Usage: sql_crosscheck.py FOLDER NAME...
For each NAME, FOLDER/NAME.sql is the statement and FOLDER/NAME.csv Almanac's result (CSVWriter: empty cell = null);
FOLDER/NAME.ordered exists when the row order is defined (the query sorts); when it names columns (one a line), the
sort keys tie and only those columns are compared row for row, the whole rows as a set. Numbers agree to 1e-9 (relative),
nulls must be null on both sides, text and periods must be equal. Unordered results are compared as sets of rows,
matched on their non-numeric cells. Exit 0 and `sql-crosscheck: NAME: N rows agree` per result, else 1 with a diff.
"""
import csv
import math
import os
import sys
import unicodedata


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


def compare(name, header, arows, columns, numeric, drows, ordered, engine="DuckDB"):
    """The mismatches (at most 10 lines) between Almanac's rows and the engine's; [] when every cell agrees."""
    if columns != header:
        return [f"{name}: columns differ: Almanac {header}, {engine} {columns}"]
    if len(drows) != len(arows):
        return [f"{name}: Almanac has {len(arows)} rows, {engine} {len(drows)}"]
    if not ordered:
        drows = sorted(drows, key=lambda r: key(r, numeric))
        arows = sorted(arows, key=lambda r: key([None if c == "" else c for c in r], numeric))
    failures = []
    bad = 0
    for n, (a, d) in enumerate(zip(arows, drows)):
        for c, (x, y) in enumerate(zip(a, d)):
            if not same(x, y):
                bad += 1
                if bad <= 10:
                    failures.append(f"{name}: row {n + 1} {header[c]}: Almanac {x!r}, {engine} {y!r} (row {a})")
    return failures


def main():
    import duckdb

    folder, names = sys.argv[1], sys.argv[2:]
    failures = []
    con = duckdb.connect()
    for name in names:
        sql = open(os.path.join(folder, name + ".sql"), encoding="utf-8").read()
        header, arows = almanac_rows(os.path.join(folder, name + ".csv"))
        rel = con.sql(sql)
        numeric = {i for i, t in enumerate(rel.types) if str(t) in ("DOUBLE", "FLOAT", "BIGINT", "INTEGER", "HUGEINT")}
        ordered_path = os.path.join(folder, name + ".ordered")
        ordered = os.path.exists(ordered_path)
        keys = [k for k in open(ordered_path, encoding="utf-8").read().split("\n") if k] if ordered else []
        drows = rel.fetchall()
        if keys:
            found = compare(name, header, arows, rel.columns, numeric, drows, False)
            if not found and header == rel.columns:
                idx = [header.index(k) for k in keys]
                found = compare(name + " (sort keys)", keys, [[r[i] for i in idx] for r in arows], keys,
                                {j for j, i in enumerate(idx) if i in numeric}, [[r[i] for i in idx] for r in drows], True)
        else:
            found = compare(name, header, arows, rel.columns, numeric, drows, ordered)
        if not found:
            print(f"sql-crosscheck: {name}: {len(arows)} rows agree")
        failures += found
    if failures:
        print("mismatches between Almanac and the SQL in DuckDB:\n" + "\n".join(failures), file=sys.stderr)
        sys.exit(1)
    print("sql-crosscheck: Almanac and its SQL agree")


if __name__ == "__main__":
    main()
