#!/usr/bin/env python3
"""Independent cross-check of Almanac query results against DuckDB.

Usage: crosscheck.py TRADE_CSV RESULTS_DIR

TRADE_CSV is a generated trade table (period,province,partner,flow,product,value_usd; monthly, with gaps).
RESULTS_DIR holds the CSV outputs of the Almanac queries listed in QUERIES below (one file per query, named
after it). For each, the same result is computed here in DuckDB SQL, written independently of Almanac's
algorithms (growth by a self-join on the period one year back, year-to-date by window sums within the year,
shares by window totals per period, the pivot by conditional sums), and compared value by value: the same
set of keys, numbers within a relative tolerance of 1e-9, nulls equal only to nulls.

Exit status: 0 when everything agrees; 1 with a diff on any mismatch; 2 when a result file is missing or
DuckDB is not installed.
"""

import csv
import math
import os
import sys

try:
    import duckdb
except ImportError:  # pragma: no cover - reported to the caller
    sys.stderr.write("crosscheck: the Python package 'duckdb' is not installed "
                     "(pip install -r scripts/requirements.txt)\n")
    sys.exit(2)

REL_TOL = 1e-9
MAX_SHOWN = 20

SERIES = "province, partner, flow, product"

# The trade table with a real month date and a year, read as text then typed here (no inference involved).
BASE_VIEW = """
CREATE TABLE trade AS
SELECT period AS period_text,
       CAST(strptime(period || '-01', '%Y-%m-%d') AS DATE) AS month,
       CAST(substr(period, 1, 4) AS INTEGER) AS year,
       province, partner, flow, product,
       CAST(value_usd AS DOUBLE) AS value_usd
FROM read_csv({path}, header = true, all_varchar = true)
"""

# name -> (key columns, SQL giving the keys and the value columns). Column names equal Almanac's.
QUERIES = {
    # from trade | aggregate value = sum(value_usd), rows = count() by province, flow, year = year(period)
    "aggregate": (["province", "flow", "year"], """
        SELECT province, flow, CAST(year AS VARCHAR) AS year,
               SUM(value_usd) AS value, COUNT(*) AS rows
        FROM trade GROUP BY province, flow, year
    """),
    # from trade | derive growth = yoy(value_usd), before = lag(value_usd, 1), total = cumsum(value_usd)
    # (per series, aligned by period: a missing month gives null, never the month before it)
    "yoy_series": (["period", "province", "partner", "flow", "product"], f"""
        SELECT strftime(cur.month, '%Y-%m') AS period, cur.province, cur.partner, cur.flow, cur.product,
               CASE WHEN prev.value_usd IS NULL OR prev.value_usd = 0 THEN NULL
                    ELSE cur.value_usd / prev.value_usd - 1 END AS growth,
               last.value_usd AS before,
               SUM(cur.value_usd) OVER (PARTITION BY cur.province, cur.partner, cur.flow, cur.product ORDER BY cur.month
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS total
        FROM trade cur
        LEFT JOIN trade prev
          ON prev.province = cur.province AND prev.partner = cur.partner AND prev.flow = cur.flow
         AND prev.product = cur.product AND prev.month = cur.month - INTERVAL 1 YEAR
        LEFT JOIN trade last
          ON last.province = cur.province AND last.partner = cur.partner AND last.flow = cur.flow
         AND last.product = cur.product AND last.month = cur.month - INTERVAL 1 MONTH
    """),
    # from trade | aggregate growth = cagr(value_usd) by province
    # (totals of the first and the last month present; years = months between them / 12)
    "cagr": (["province"], """
        WITH m AS (SELECT province, month, SUM(value_usd) AS value FROM trade GROUP BY province, month),
             ends AS (SELECT province, MIN(month) AS first_month, MAX(month) AS last_month FROM m GROUP BY province)
        SELECT e.province,
               pow(l.value / f.value, 1.0 / (datediff('month', e.first_month, e.last_month) / 12.0)) - 1 AS growth
        FROM ends e
        JOIN m f ON f.province = e.province AND f.month = e.first_month
        JOIN m l ON l.province = e.province AND l.month = e.last_month
    """),
    # from trade | aggregate value = sum(value_usd) by province, flow, period | derive growth = yoy(value), change = diff(value)
    "yoy_monthly": (["province", "flow", "period"], """
        WITH m AS (SELECT province, flow, month, SUM(value_usd) AS value FROM trade GROUP BY province, flow, month)
        SELECT cur.province, cur.flow, strftime(cur.month, '%Y-%m') AS period, cur.value,
               CASE WHEN prev.value IS NULL OR prev.value = 0 THEN NULL ELSE cur.value / prev.value - 1 END AS growth,
               cur.value - last.value AS change
        FROM m cur
        LEFT JOIN m prev ON prev.province = cur.province AND prev.flow = cur.flow AND prev.month = cur.month - INTERVAL 1 YEAR
        LEFT JOIN m last ON last.province = cur.province AND last.flow = cur.flow AND last.month = cur.month - INTERVAL 1 MONTH
    """),
    # from trade | aggregate value = sum(value_usd) by province, flow, period | derive growth = yoy(value, matched)
    # Like-for-like growth: a month whose (partner, product) series are the same as a year earlier grows as the plain
    # sums do; one whose series differ grows over the series present (with a value) in both months only.
    "yoy_matched": (["province", "flow", "period"], """
        WITH s AS (SELECT province, flow, partner, product, month, SUM(value_usd) AS value
                   FROM trade GROUP BY province, flow, partner, product, month),
             m AS (SELECT province, flow, month, SUM(value) AS value, COUNT(*) AS members
                   FROM s GROUP BY province, flow, month),
             common AS (
                 SELECT cur.province, cur.flow, cur.month, COUNT(*) AS shared,
                        SUM(CASE WHEN cur.value IS NOT NULL AND prev.value IS NOT NULL THEN cur.value END) AS c,
                        SUM(CASE WHEN cur.value IS NOT NULL AND prev.value IS NOT NULL THEN prev.value END) AS p
                 FROM s cur JOIN s prev
                   ON prev.province = cur.province AND prev.flow = cur.flow AND prev.partner = cur.partner
                  AND prev.product = cur.product AND prev.month = cur.month - INTERVAL 1 YEAR
                 GROUP BY cur.province, cur.flow, cur.month)
        SELECT cur.province, cur.flow, strftime(cur.month, '%Y-%m') AS period, cur.value,
               CASE WHEN cur.value IS NULL OR prev.value IS NULL THEN NULL
                    WHEN cur.members = prev.members AND cur.members = COALESCE(common.shared, 0)
                         THEN CASE WHEN prev.value = 0 THEN NULL ELSE cur.value / prev.value - 1 END
                    WHEN common.p IS NULL OR common.p = 0 THEN NULL
                    ELSE common.c / common.p - 1 END AS growth
        FROM m cur
        LEFT JOIN m prev ON prev.province = cur.province AND prev.flow = cur.flow AND prev.month = cur.month - INTERVAL 1 YEAR
        LEFT JOIN common ON common.province = cur.province AND common.flow = cur.flow AND common.month = cur.month
    """),
    # from trade | derive cumulative = ytd(value_usd)
    "ytd": (["period", "province", "partner", "flow", "product"], f"""
        SELECT period_text AS period, province, partner, flow, product,
               SUM(value_usd) OVER (PARTITION BY {SERIES}, year ORDER BY month
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative
        FROM trade
    """),
    # from trade | aggregate value = sum(value_usd) by province, period | derive share = share(value)
    "share": (["province", "period"], """
        WITH p AS (SELECT province, month, SUM(value_usd) AS value FROM trade GROUP BY province, month)
        SELECT province, strftime(month, '%Y-%m') AS period, value,
               CASE WHEN SUM(value) OVER (PARTITION BY month) = 0 THEN NULL
                    ELSE value / SUM(value) OVER (PARTITION BY month) END AS share
        FROM p
    """),
    # from trade | aggregate value = sum(value_usd) by province, year = year(period) | pivot year
    "pivot_years": (["province"], None),  # built from the distinct years below
}


def pivot_sql(con):
    years = [r[0] for r in con.execute("SELECT DISTINCT year FROM trade ORDER BY year").fetchall()]
    cols = ", ".join(f'SUM(CASE WHEN year = {y} THEN value_usd END) AS "{y}"' for y in years)
    return f"SELECT province, {cols} FROM trade GROUP BY province"


def text_key(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def number(text):
    """Almanac's cell text as a float, or None for an empty (null) cell."""
    if text == "":
        return None
    return float(text)


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    if math.isnan(a) or math.isnan(b):
        return False
    return a == b or abs(a - b) <= REL_TOL * max(abs(a), abs(b))


def load_almanac(path, keys):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
        header = rows[0].keys() if rows else []
    return rows, list(header)


def check(con, name, keys, sql, results_dir):
    """Returns a list of problem lines (empty when the result agrees)."""
    path = os.path.join(results_dir, name + ".csv")
    if not os.path.exists(path):
        return None
    almanac_rows, header = load_almanac(path, keys)
    cur = con.execute(sql)
    duck_cols = [d[0] for d in cur.description]
    duck_rows = cur.fetchall()
    problems = []
    value_cols = [c for c in duck_cols if c not in keys]
    missing_cols = [c for c in duck_cols if c not in header]
    extra_cols = [c for c in header if c not in duck_cols]
    if missing_cols or extra_cols:
        problems.append(f"{name}: columns differ: Almanac {header}, DuckDB {duck_cols}")
        return problems
    expected = {}
    for r in duck_rows:
        rec = dict(zip(duck_cols, r))
        k = tuple(text_key(rec[c]) for c in keys)
        if k in expected:
            problems.append(f"{name}: DuckDB has the key {k} twice")
        expected[k] = {c: (None if rec[c] is None else float(rec[c])) for c in value_cols}
    actual = {}
    for r in almanac_rows:
        k = tuple(r[c] for c in keys)
        if k in actual:
            problems.append(f"{name}: Almanac has the key {k} twice")
        try:
            actual[k] = {c: number(r[c]) for c in value_cols}
        except ValueError as e:
            problems.append(f"{name}: {k}: not a number: {e}")
    for k in sorted(set(expected) - set(actual)):
        problems.append(f"{name}: row {dict(zip(keys, k))} only in DuckDB: {expected[k]}")
    for k in sorted(set(actual) - set(expected)):
        problems.append(f"{name}: row {dict(zip(keys, k))} only in Almanac: {actual[k]}")
    compared = 0
    for k in sorted(set(actual) & set(expected)):
        for c in value_cols:
            a, e = actual[k][c], expected[k][c]
            compared += 1
            if not close(a, e):
                problems.append(f"{name}: {dict(zip(keys, k))} {c}: Almanac {a!r}, DuckDB {e!r}")
    print(f"crosscheck: {name}: {len(actual)} rows, {compared} values compared, "
          f"{len(problems)} problem{'s' if len(problems) != 1 else ''}")
    return problems


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    data, results_dir = argv[1], argv[2]
    con = duckdb.connect()
    con.execute(BASE_VIEW.format(path="'" + data.replace("'", "''") + "'"))
    all_problems = []
    missing = []
    for name, (keys, sql) in QUERIES.items():
        if sql is None:
            sql = pivot_sql(con)
        problems = check(con, name, keys, sql, results_dir)
        if problems is None:
            missing.append(name)
        else:
            all_problems += problems
    if missing:
        sys.stderr.write(f"crosscheck: no Almanac result for {', '.join(missing)} in {results_dir}\n")
        return 2
    if all_problems:
        sys.stderr.write(f"crosscheck: {len(all_problems)} mismatches between Almanac and DuckDB:\n")
        for p in all_problems[:MAX_SHOWN]:
            sys.stderr.write("  " + p + "\n")
        if len(all_problems) > MAX_SHOWN:
            sys.stderr.write(f"  … and {len(all_problems) - MAX_SHOWN} more\n")
        return 1
    print("crosscheck: Almanac and DuckDB agree")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
