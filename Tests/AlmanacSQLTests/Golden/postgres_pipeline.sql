WITH
"n0" AS (
  SELECT (12 * CAST(substr(CAST("period" AS TEXT), 1, 4) AS BIGINT) + CAST(substr(CAST("period" AS TEXT), 6, 2) AS BIGINT) - 1) AS "period", CASE WHEN "province" IS NFC NORMALIZED THEN "province" ELSE normalize("province", NFC) END AS "province", CASE WHEN "flow" IS NFC NORMALIZED THEN "flow" ELSE normalize("flow", NFC) END AS "flow", "value_usd"
  FROM "stats"."trade"
),
"n1" AS (
  SELECT "period", "province", "flow", "value_usd"
  FROM "n0"
  WHERE (("flow" = 'export') AND ("value_usd" > 10))
),
"n2" AS (
  SELECT "period", "province", "flow", "value_usd", (CAST("value_usd" AS DOUBLE PRECISION) / NULLIF(2, 0)) AS "half"
  FROM "n1"
),
"n3" AS (
  SELECT "period", "province", "flow", "value_usd", "half", row_number() OVER (ORDER BY "province" COLLATE "vi-VN-x-icu" ASC NULLS LAST, "period" DESC NULLS LAST, "flow" COLLATE "vi-VN-x-icu" ASC NULLS LAST) AS "__almanac_order"
  FROM "n2"
),
"n4" AS (
  SELECT "period", "province", "flow", "value_usd", "half", "__almanac_order"
  FROM "n3"
  ORDER BY "__almanac_order"
  LIMIT 5
)
SELECT lpad(CAST(("period" / 12) AS TEXT), 4, '0') || '-' || lpad(CAST(("period" % 12 + 1) AS TEXT), 2, '0') AS "period", "province", "flow", "value_usd", "half"
FROM "n4"
ORDER BY "__almanac_order"
