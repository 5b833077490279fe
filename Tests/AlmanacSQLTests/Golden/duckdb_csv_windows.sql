WITH
"n0" AS (
  SELECT (12 * CAST(substr(CAST("period" AS VARCHAR), 1, 4) AS BIGINT) + CAST(substr(CAST("period" AS VARCHAR), 6, 2) AS BIGINT) - 1) AS "period", nfc_normalize("province") AS "province", nfc_normalize("flow") AS "flow", "value_usd"
  FROM read_csv('trade.csv', header = true, auto_detect = false, columns = {'period': 'VARCHAR', 'province': 'VARCHAR', 'flow': 'VARCHAR', 'value_usd': 'DOUBLE'})
),
"n1" AS (
  SELECT "province", "flow", ("period" + 12) AS "__almanac_at", MAX("value_usd") AS "__almanac_shift1_0"
  FROM "n0"
  WHERE "period" IS NOT NULL
  GROUP BY "province", "flow", "period"
),
"n1_1" AS (
  SELECT a."period", a."province", a."flow", a."value_usd", b."__almanac_shift1_0"
  FROM "n0" AS a
  LEFT JOIN "n1" AS b ON a."province" IS NOT DISTINCT FROM b."province" AND a."flow" IS NOT DISTINCT FROM b."flow" AND a."period" = b."__almanac_at"
),
"n1_2" AS (
  SELECT "period", "province", "flow", "value_usd", "__almanac_shift1_0" AS "l", CASE WHEN "period" IS NOT NULL AND COUNT(CAST("value_usd" AS DOUBLE)) OVER (PARTITION BY "province", "flow" ORDER BY "period" RANGE BETWEEN 2 PRECEDING AND CURRENT ROW) = 3 THEN SUM(CAST("value_usd" AS DOUBLE)) OVER (PARTITION BY "province", "flow" ORDER BY "period" RANGE BETWEEN 2 PRECEDING AND CURRENT ROW) END AS "r", CASE WHEN "value_usd" IS NOT NULL AND "period" IS NOT NULL THEN CAST("value_usd" AS DOUBLE) / NULLIF(SUM(CAST("value_usd" AS DOUBLE)) OVER (PARTITION BY "period"), 0) END AS "s"
  FROM "n1_1"
),
"n2" AS (
  SELECT "period" AS "period", "province" AS "province", "l" AS "l", "r" AS "r", "s" AS "s"
  FROM "n1_2"
)
SELECT lpad(CAST(("period" // 12) AS VARCHAR), 4, '0') || '-' || lpad(CAST(("period" % 12 + 1) AS VARCHAR), 2, '0') AS "period", "province", "l", "r", "s"
FROM "n2"
