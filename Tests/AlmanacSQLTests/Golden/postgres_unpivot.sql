WITH
"n0" AS (
  SELECT (12 * CAST(substr(CAST("period" AS TEXT), 1, 4) AS BIGINT) + CAST(substr(CAST("period" AS TEXT), 6, 2) AS BIGINT) - 1) AS "period", CASE WHEN "province" IS NFC NORMALIZED THEN "province" ELSE normalize("province", NFC) END AS "province", CASE WHEN "flow" IS NFC NORMALIZED THEN "flow" ELSE normalize("flow", NFC) END AS "flow", "value_usd"
  FROM "stats"."trade"
),
"n1" AS (
  SELECT "period", "province", "flow", "value_usd", "value_usd" AS "2021", (CAST("value_usd" AS DOUBLE PRECISION) / NULLIF(2, 0)) AS "2022"
  FROM "n0"
),
"n2" AS (
  SELECT "period", "province", "flow", "value_usd", "2021", "2022", row_number() OVER (ORDER BY "province" COLLATE "vi-VN-x-icu" ASC NULLS LAST, "flow" COLLATE "vi-VN-x-icu" ASC NULLS LAST, "period" ASC NULLS LAST) AS "__almanac_order"
  FROM "n1"
),
"n3" AS (
  SELECT "n2"."period", "n2"."province", "n2"."flow", "n2"."value_usd", "__almanac_unpivot"."year", "__almanac_unpivot"."v", "n2"."__almanac_order" * 2 + "__almanac_unpivot"."__almanac_column" AS "__almanac_order"
  FROM "n2" CROSS JOIN LATERAL (VALUES (0, 2021, CAST("n2"."2021" AS DOUBLE PRECISION)), (1, 2022, CAST("n2"."2022" AS DOUBLE PRECISION))) AS "__almanac_unpivot"("__almanac_column", "year", "v")
  WHERE "__almanac_unpivot"."v" IS NOT NULL
)
SELECT lpad(CAST(("period" / 12) AS TEXT), 4, '0') || '-' || lpad(CAST(("period" % 12 + 1) AS TEXT), 2, '0') AS "period", "province", "flow", "value_usd", CAST("year" AS TEXT) AS "year", "v"
FROM "n3"
ORDER BY "__almanac_order"
