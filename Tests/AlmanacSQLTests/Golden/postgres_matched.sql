WITH
"n0" AS (
  SELECT (12 * CAST(substr(CAST("period" AS TEXT), 1, 4) AS BIGINT) + CAST(substr(CAST("period" AS TEXT), 6, 2) AS BIGINT) - 1) AS "period", CASE WHEN "province" IS NFC NORMALIZED THEN "province" ELSE normalize("province", NFC) END AS "province", CASE WHEN "flow" IS NFC NORMALIZED THEN "flow" ELSE normalize("flow", NFC) END AS "flow", "value_usd"
  FROM "stats"."trade"
),
"n1" AS (
  SELECT "province" AS "province", ("period" / 12) AS "year", CAST(SUM("value_usd") AS DOUBLE PRECISION) AS "v"
  FROM "n0"
  GROUP BY "province", ("period" / 12)
),
"n2_0" AS (
  SELECT "province" AS "province", ("period" / 12) AS "year", COALESCE(CAST("flow" AS TEXT), 'null') AS "__almanac_m", "period" AS "__almanac_f"
  FROM "n0"
),
"n2_1" AS (
  SELECT "province", "year", COUNT(DISTINCT "__almanac_m") AS "__almanac_nm", string_agg(DISTINCT "__almanac_m", '' ORDER BY "__almanac_m") AS "__almanac_ml", COUNT(DISTINCT "__almanac_f") AS "__almanac_nf"
  FROM "n2_0"
  GROUP BY "province", "year"
),
"n2_2" AS (
  SELECT "province" AS "province", ("period" / 12) AS "year", "flow", CAST(SUM("value_usd") AS DOUBLE PRECISION) AS "__almanac_v"
  FROM "n0"
  GROUP BY "province", ("period" / 12), "flow"
),
"n2_3" AS (
  SELECT a."province", a."year", SUM(a."__almanac_v") AS "__almanac_matched2_0_c", SUM(b."__almanac_v") AS "__almanac_matched2_0_b"
  FROM "n2_2" AS a
  JOIN "n2_2" AS b ON a."province" IS NOT DISTINCT FROM b."province" AND b."year" = a."year" - 1 AND a."flow" IS NOT DISTINCT FROM b."flow"
  WHERE a."__almanac_v" IS NOT NULL AND b."__almanac_v" IS NOT NULL
  GROUP BY a."province", a."year"
),
"n2_4" AS (
  SELECT r."province", r."year", r."v", m."__almanac_matched2_0_c", m."__almanac_matched2_0_b", CASE WHEN r."v" IS NOT NULL AND rb."v" IS NOT NULL AND (ca."__almanac_ml" <> cb."__almanac_ml" OR ca."__almanac_nf" <> cb."__almanac_nf") THEN 1 ELSE 0 END AS "__almanac_matched2_0_d"
  FROM "n1" AS r
  LEFT JOIN "n1" AS rb ON r."province" IS NOT DISTINCT FROM rb."province" AND rb."year" = r."year" - 1
  LEFT JOIN "n2_1" AS ca ON r."province" IS NOT DISTINCT FROM ca."province" AND ca."year" = r."year"
  LEFT JOIN "n2_1" AS cb ON r."province" IS NOT DISTINCT FROM cb."province" AND cb."year" = r."year" - 1
  LEFT JOIN "n2_3" AS m ON r."province" IS NOT DISTINCT FROM m."province" AND m."year" = r."year"
),
"n2_5" AS (
  SELECT "province", "year", "v", CASE WHEN "__almanac_matched2_0_d" = 1 THEN ("__almanac_matched2_0_c" / NULLIF("__almanac_matched2_0_b", 0) - 1) ELSE (CAST("v" AS DOUBLE PRECISION) / NULLIF(CASE WHEN "year" IS NOT NULL THEN MAX(CAST("v" AS DOUBLE PRECISION)) OVER (PARTITION BY "province" ORDER BY "year" RANGE BETWEEN 1 PRECEDING AND 1 PRECEDING) END, 0) - 1) END AS "g"
  FROM "n2_4"
)
SELECT "province", CAST("year" AS TEXT) AS "year", "v", "g"
FROM "n2_5"
ORDER BY "province" COLLATE "vi-VN-x-icu" ASC NULLS LAST, "year" ASC NULLS LAST
