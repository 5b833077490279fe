#!/usr/bin/env python3
"""Runs one SQL statement (the file given) in DuckDB and prints its first column, one JSON value a line.

For the SQL compiler's pivots: the statement lists the distinct values of the pivot column.
"""
import json
import sys


def main():
    import duckdb

    sql = open(sys.argv[1], encoding="utf-8").read()
    for row in duckdb.connect().sql(sql).fetchall():
        print(json.dumps(row[0], ensure_ascii=False))


if __name__ == "__main__":
    main()
