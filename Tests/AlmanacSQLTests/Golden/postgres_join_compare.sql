WITH
"n0" AS (
  SELECT (12 * CAST(substr(CAST("period" AS TEXT), 1, 4) AS BIGINT) + CAST(substr(CAST("period" AS TEXT), 6, 2) AS BIGINT) - 1) AS "period", CASE WHEN "province" IS NFC NORMALIZED THEN "province" ELSE normalize("province", NFC) END AS "province", CASE WHEN "flow" IS NFC NORMALIZED THEN "flow" ELSE normalize("flow", NFC) END AS "flow", "value_usd"
  FROM "stats"."trade"
),
"n1" AS (
  SELECT (12 * CAST(substr(CAST("period" AS TEXT), 1, 4) AS BIGINT) + CAST(substr(CAST("period" AS TEXT), 6, 2) AS BIGINT) - 1) AS "period", CASE WHEN "province" IS NFC NORMALIZED THEN "province" ELSE normalize("province", NFC) END AS "province", CASE WHEN "flow" IS NFC NORMALIZED THEN "flow" ELSE normalize("flow", NFC) END AS "flow", "value_usd"
  FROM "stats"."trade"
),
"n1_1" AS (
  SELECT COUNT(*) AS "n"
  FROM (SELECT "period", "province", "flow" FROM "n1" WHERE "period" IS NOT NULL AND "province" IS NOT NULL AND "flow" IS NOT NULL GROUP BY "period", "province", "flow" HAVING COUNT(*) > 1) AS "d0"
),
"n1_2" AS (
  SELECT i."period", i."province", i."flow", i."value_usd", l."value_usd" AS "value_usd_trade"
  FROM "n0" AS i
  LEFT JOIN "n1" AS l ON i."period" = l."period" AND i."province" = l."province" AND i."flow" = l."flow"
  CROSS JOIN "n1_1" AS d
  WHERE CASE WHEN d."n" = 0 THEN TRUE ELSE (CAST('join: ''trade'' has several rows for some key (a lookup needs one row per key); keys with several rows: ' || CAST(d."n" AS TEXT) AS BIGINT) = 0) END
),
"n2" AS (
  SELECT "province", "flow", SUM(CASE WHEN "period" BETWEEN 24276 AND 24287 THEN CAST("value_usd" AS DOUBLE PRECISION) END) AS "value_usd_base", SUM(CASE WHEN "period" BETWEEN 24288 AND 24299 THEN CAST("value_usd" AS DOUBLE PRECISION) END) AS "value_usd_current", SUM(CASE WHEN "period" BETWEEN 24276 AND 24287 THEN CAST("value_usd_trade" AS DOUBLE PRECISION) END) AS "value_usd_trade_base", SUM(CASE WHEN "period" BETWEEN 24288 AND 24299 THEN CAST("value_usd_trade" AS DOUBLE PRECISION) END) AS "value_usd_trade_current"
  FROM "n1_2"
  GROUP BY "province", "flow"
),
"n2_1" AS (
  SELECT "province", "flow", "value_usd_base", "value_usd_current", ("value_usd_current" - "value_usd_base") AS "value_usd_change", ("value_usd_current" / NULLIF("value_usd_base", 0) - 1) AS "value_usd_growth", "value_usd_trade_base", "value_usd_trade_current", ("value_usd_trade_current" - "value_usd_trade_base") AS "value_usd_trade_change", ("value_usd_trade_current" / NULLIF("value_usd_trade_base", 0) - 1) AS "value_usd_trade_growth"
  FROM "n2"
)
SELECT "province", "flow", "value_usd_base", "value_usd_current", "value_usd_change", "value_usd_growth", "value_usd_trade_base", "value_usd_trade_current", "value_usd_trade_change", "value_usd_trade_growth"
FROM "n2_1"
