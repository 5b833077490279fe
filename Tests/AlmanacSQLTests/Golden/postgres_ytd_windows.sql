WITH
"n0" AS (
  SELECT (12 * CAST(substr(CAST("period" AS TEXT), 1, 4) AS BIGINT) + CAST(substr(CAST("period" AS TEXT), 6, 2) AS BIGINT) - 1) AS "period", CASE WHEN "province" IS NFC NORMALIZED THEN "province" ELSE normalize("province", NFC) END AS "province", CASE WHEN "flow" IS NFC NORMALIZED THEN "flow" ELSE normalize("flow", NFC) END AS "flow", "value_usd"
  FROM "stats"."trade"
),
"n1" AS (
  SELECT "period", "province", "flow", "value_usd", CASE WHEN "period" IS NOT NULL THEN SUM(CAST("value_usd" AS DOUBLE PRECISION)) OVER (PARTITION BY "province", "flow", ("period" / 12) ORDER BY "period" RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) END AS "y"
  FROM "n0"
),
"n1_1" AS (
  SELECT "period", "province", "flow", "value_usd", "y", CASE WHEN "period" IS NOT NULL THEN COALESCE(BIT_OR(CASE WHEN CAST("value_usd" AS DOUBLE PRECISION) IS NOT NULL THEN CAST(POWER(CAST(2 AS DOUBLE PRECISION), ("period" - 12 * ("period" / 12))) AS BIGINT) END) OVER (PARTITION BY "province", "flow", ("period" / 12) ORDER BY "period" RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), 0) END AS "__almanac_wm1_1_0"
  FROM "n1"
),
"n1_2" AS (
  SELECT "period", "province", "flow", "value_usd", "y", "__almanac_wm1_1_0", CASE WHEN "period" IS NOT NULL THEN MAX("__almanac_wm1_1_0") OVER (PARTITION BY "province", "flow" ORDER BY "period" RANGE BETWEEN 12 PRECEDING AND 12 PRECEDING) END AS "__almanac_wb1_1_0"
  FROM "n1_1"
),
"n1_3" AS (
  SELECT "period", "province", "flow", "value_usd", "y", "__almanac_wm1_1_0", "__almanac_wb1_1_0", CASE WHEN "period" IS NOT NULL THEN COALESCE(BIT_OR(CASE WHEN CAST("value_usd" AS DOUBLE PRECISION) IS NOT NULL THEN CAST(POWER(CAST(2 AS DOUBLE PRECISION), ("period" - 12 * ("period" / 12))) AS BIGINT) END) OVER (PARTITION BY "province", "flow", ("period" / 12) ORDER BY "period" RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), 0) END AS "__almanac_wm1_3_0", CASE WHEN "period" IS NOT NULL THEN MAX(CAST("value_usd" AS DOUBLE PRECISION)) OVER (PARTITION BY "province", "flow" ORDER BY "period" RANGE BETWEEN 12 PRECEDING AND 12 PRECEDING) END AS "__almanac_wx1_3_0"
  FROM "n1_2"
),
"n1_4" AS (
  SELECT "period", "province", "flow", "value_usd", "y", "__almanac_wm1_1_0", "__almanac_wb1_1_0", "__almanac_wm1_3_0", CASE WHEN "period" IS NOT NULL THEN MAX("__almanac_wm1_3_0") OVER (PARTITION BY "province", "flow" ORDER BY "period" RANGE BETWEEN 12 PRECEDING AND 12 PRECEDING) END AS "__almanac_wb1_3_0", SUM(CASE WHEN CAST("value_usd" AS DOUBLE PRECISION) IS NOT NULL AND "__almanac_wx1_3_0" IS NOT NULL THEN CAST("value_usd" AS DOUBLE PRECISION) END) OVER (PARTITION BY "province", "flow", ("period" / 12) ORDER BY "period" RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "__almanac_wc1_3_0", SUM(CASE WHEN CAST("value_usd" AS DOUBLE PRECISION) IS NOT NULL AND "__almanac_wx1_3_0" IS NOT NULL THEN "__almanac_wx1_3_0" END) OVER (PARTITION BY "province", "flow", ("period" / 12) ORDER BY "period" RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "__almanac_wd1_3_0"
  FROM "n1_3"
),
"n1_5" AS (
  SELECT "period", "province", "flow", "value_usd", "y", CASE WHEN "__almanac_wm1_1_0" = "__almanac_wb1_1_0" THEN (CAST("y" AS DOUBLE PRECISION) / NULLIF(CASE WHEN "period" IS NOT NULL THEN MAX(CAST("y" AS DOUBLE PRECISION)) OVER (PARTITION BY "province", "flow" ORDER BY "period" RANGE BETWEEN 12 PRECEDING AND 12 PRECEDING) END, 0) - 1) END AS "g", CASE WHEN "__almanac_wm1_3_0" = "__almanac_wb1_3_0" THEN (CAST("y" AS DOUBLE PRECISION) / NULLIF(CASE WHEN "period" IS NOT NULL THEN MAX(CAST("y" AS DOUBLE PRECISION)) OVER (PARTITION BY "province", "flow" ORDER BY "period" RANGE BETWEEN 12 PRECEDING AND 12 PRECEDING) END, 0) - 1) WHEN CAST("y" AS DOUBLE PRECISION) IS NOT NULL AND CASE WHEN "period" IS NOT NULL THEN MAX(CAST("y" AS DOUBLE PRECISION)) OVER (PARTITION BY "province", "flow" ORDER BY "period" RANGE BETWEEN 12 PRECEDING AND 12 PRECEDING) END IS NOT NULL THEN ("__almanac_wc1_3_0" / NULLIF("__almanac_wd1_3_0", 0) - 1) END AS "m", CASE WHEN "period" IS NOT NULL THEN SUM(CAST("value_usd" AS DOUBLE PRECISION)) OVER (PARTITION BY "province", "flow", ("period" / 12) ORDER BY "period" RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) END AS "ytd(value_usd)"
  FROM "n1_4"
),
"n1_6" AS (
  SELECT "period", "province", "flow", "value_usd", "y", "g", "m", "ytd(value_usd)", CASE WHEN "period" IS NOT NULL THEN COALESCE(BIT_OR(CASE WHEN CAST("value_usd" AS DOUBLE PRECISION) IS NOT NULL THEN CAST(POWER(CAST(2 AS DOUBLE PRECISION), ("period" - 12 * ("period" / 12))) AS BIGINT) END) OVER (PARTITION BY "province", "flow", ("period" / 12) ORDER BY "period" RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), 0) END AS "__almanac_wm1_6_0"
  FROM "n1_5"
),
"n1_7" AS (
  SELECT "period", "province", "flow", "value_usd", "y", "g", "m", "ytd(value_usd)", "__almanac_wm1_6_0", CASE WHEN "period" IS NOT NULL THEN MAX("__almanac_wm1_6_0") OVER (PARTITION BY "province", "flow" ORDER BY "period" RANGE BETWEEN 12 PRECEDING AND 12 PRECEDING) END AS "__almanac_wb1_6_0"
  FROM "n1_6"
),
"n1_8" AS (
  SELECT "period", "province", "flow", "value_usd", "y", "g", "m", "ytd(value_usd)", CASE WHEN "__almanac_wm1_6_0" = "__almanac_wb1_6_0" THEN (CAST("ytd(value_usd)" AS DOUBLE PRECISION) / NULLIF(CASE WHEN "period" IS NOT NULL THEN MAX(CAST("ytd(value_usd)" AS DOUBLE PRECISION)) OVER (PARTITION BY "province", "flow" ORDER BY "period" RANGE BETWEEN 12 PRECEDING AND 12 PRECEDING) END, 0) - 1) END AS "i"
  FROM "n1_7"
),
"n1_9" AS (
  SELECT "period", "province", "flow", "value_usd", "y", "g", "m", "i"
  FROM "n1_8"
)
SELECT lpad(CAST(("period" / 12) AS TEXT), 4, '0') || '-' || lpad(CAST(("period" % 12 + 1) AS TEXT), 2, '0') AS "period", "province", "flow", "value_usd", "y", "g", "m", "i"
FROM "n1_9"
