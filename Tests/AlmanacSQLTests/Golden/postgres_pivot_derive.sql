WITH
"n0" AS (
  SELECT (12 * CAST(substr(CAST("period" AS TEXT), 1, 4) AS BIGINT) + CAST(substr(CAST("period" AS TEXT), 6, 2) AS BIGINT) - 1) AS "period", CASE WHEN "province" IS NFC NORMALIZED THEN "province" ELSE normalize("province", NFC) END AS "province", CASE WHEN "flow" IS NFC NORMALIZED THEN "flow" ELSE normalize("flow", NFC) END AS "flow", "value_usd"
  FROM "stats"."trade"
),
"n1" AS (
  SELECT "province" AS "province", "flow" AS "flow", CAST(SUM("value_usd") AS DOUBLE PRECISION) AS "v"
  FROM "n0"
  GROUP BY "province", "flow"
),
"n2" AS (
  SELECT "province", MAX(CASE WHEN "flow" = 'export' THEN "v" END) AS "export", MAX(CASE WHEN "flow" = 'import' THEN "v" END) AS "import"
  FROM "n1"
  GROUP BY "province"
  HAVING CASE WHEN COUNT("flow") = COUNT(DISTINCT "flow") THEN TRUE ELSE (CAST('pivot: several rows have the same row keys (province) and the same flow (aggregate first so that each row key has one value per flow); rows: ' || CAST(COUNT("flow") AS TEXT) AS BIGINT) = 0) END
),
"n3" AS (
  SELECT "province", "export", "import", ("export" + COALESCE("import", CAST(0 AS DOUBLE PRECISION))) AS "t"
  FROM "n2"
)
SELECT "province", "export", "import", "t"
FROM "n3"
