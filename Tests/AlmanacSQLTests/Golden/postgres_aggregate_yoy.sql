WITH
"n0" AS (
  SELECT (12 * CAST(substr(CAST("period" AS TEXT), 1, 4) AS BIGINT) + CAST(substr(CAST("period" AS TEXT), 6, 2) AS BIGINT) - 1) AS "period", CASE WHEN "province" IS NFC NORMALIZED THEN "province" ELSE normalize("province", NFC) END AS "province", CASE WHEN "flow" IS NFC NORMALIZED THEN "flow" ELSE normalize("flow", NFC) END AS "flow", "value_usd"
  FROM "stats"."trade"
),
"n1" AS (
  SELECT "province" AS "province", ("period" / 12) AS "year", CAST(SUM("value_usd") AS DOUBLE PRECISION) AS "v", CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY "value_usd") AS DOUBLE PRECISION) AS "m", COUNT(*) AS "n"
  FROM "n0"
  GROUP BY "province", ("period" / 12)
),
"n2" AS (
  SELECT "province", "year", "v", "m", "n", (CAST("v" AS DOUBLE PRECISION) / NULLIF(CASE WHEN "year" IS NOT NULL THEN MAX(CAST("v" AS DOUBLE PRECISION)) OVER (PARTITION BY "province" ORDER BY "year" RANGE BETWEEN 1 PRECEDING AND 1 PRECEDING) END, 0) - 1) AS "g"
  FROM "n1"
)
SELECT "province", CAST("year" AS TEXT) AS "year", "v", "m", "n", "g"
FROM "n2"
ORDER BY "province" COLLATE "vi-VN-x-icu" ASC NULLS LAST, "year" ASC NULLS LAST
