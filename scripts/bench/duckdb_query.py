"""DuckDB's figures for almanac-bench's query targets, on the same CSV file, in the same run.

Prints: QA seconds, QA rows, QB seconds, QB non-null results, end-to-end seconds.
QA: aggregate value_usd by province, flow, year, then growth on the previous year (a self-join on year + 1).
QB: growth on the same month a year earlier for every raw series (a self-join on period - 1 year).
Growth on a zero base is NULL, as in Almanac (DuckDB's IEEE division would give inf or NaN).

With a second argument, a folder, it then writes the results it timed, for almanac-bench to compare value by value
(after the timings, which they do not include): qa.csv (province, flow, year, value, growth) and qb.csv (province,
partner, flow, product, period as YYYY-MM, growth), empty where NULL.
"""
import os
import sys
import time

import duckdb

path = sys.argv[1]
out = sys.argv[2] if len(sys.argv) > 2 else None
src = ("SELECT strptime(period, '%Y-%m')::DATE AS period, province, partner, flow, product, value_usd "
       "FROM read_csv_auto('" + path.replace("'", "''") + "')")
QA = """WITH a AS (SELECT province, flow, year(period) AS y, sum(value_usd) AS value FROM {t} GROUP BY ALL)
        SELECT a.*, a.value / NULLIF(b.value, 0) - 1 AS growth
        FROM a LEFT JOIN a b ON a.province = b.province AND a.flow = b.flow AND a.y = b.y + 1"""
QB = """SELECT t.*, t.value_usd / NULLIF(p.value_usd, 0) - 1 AS growth FROM t LEFT JOIN t p
        ON t.province = p.province AND t.partner = p.partner AND t.flow = p.flow AND t.product = p.product
        AND p.period = t.period - INTERVAL 1 YEAR"""


def connect():
    c = duckdb.connect()
    c.execute("SET threads=2")
    c.execute("SET enable_progress_bar=false")
    return c


def best(con, q, repeats=2):
    b, n = 1e9, None
    for _ in range(repeats):
        s = time.perf_counter()
        n = con.execute("SELECT count(*), count(growth) FROM (" + q + ")").fetchone()
        b = min(b, time.perf_counter() - s)
    return b, n


def write(con, query, file):
    target = os.path.join(out, file).replace("'", "''")
    con.execute("COPY (" + query + ") TO '" + target + "' (HEADER, DELIMITER ',')")


con = connect()
con.execute("CREATE TABLE t AS " + src)
qa = best(con, QA.format(t="t"))
qb = best(con, QB)
s = time.perf_counter()
connect().execute("SELECT count(*) FROM (" + QA.format(t="(" + src + ")") + ")").fetchone()
e2e = time.perf_counter() - s
if out:
    write(con, "SELECT province, flow, y AS year, value, growth FROM (" + QA.format(t="t") + ")", "qa.csv")
    write(con, "SELECT province, partner, flow, product, strftime(period, '%Y-%m') AS period, growth FROM (" + QB + ")",
          "qb.csv")
print("%.3f %d %.3f %d %.3f" % (qa[0], qa[1][0], qb[0], qb[1][1], e2e))
