WITH
`n0` AS (
  SELECT (12 * CAST(substr(CAST(`period` AS STRING), 1, 4) AS BIGINT) + CAST(substr(CAST(`period` AS STRING), 6, 2) AS BIGINT) - 1) AS `period`, collate(`province`, 'vi') AS `province`, collate(`flow`, 'vi') AS `flow`, `value_usd`
  FROM `stats`.`trade`
),
`n1` AS (
  SELECT `period`, `province`, `flow`, `value_usd`
  FROM `n0`
  WHERE (`flow` <> 'it\'s\\here')
),
`n2` AS (
  SELECT `period`, `province`, `flow`, `value_usd`, (CAST(`value_usd` AS DOUBLE) / NULLIF(CASE WHEN `period` IS NOT NULL THEN MAX(CAST(`value_usd` AS DOUBLE)) OVER (PARTITION BY `province`, `flow` ORDER BY `period` RANGE BETWEEN 12 PRECEDING AND 12 PRECEDING) END, 0) - 1) AS `g`, (`period` DIV 12) AS `y`
  FROM `n1`
),
`n3` AS (
  SELECT `period`, `province`, `flow`, `value_usd`, `g`, `y`, row_number() OVER (ORDER BY `province` COLLATE vi ASC NULLS LAST, `flow` COLLATE vi ASC NULLS LAST, `period` ASC NULLS LAST) AS `__almanac_order`
  FROM `n2`
),
`n4` AS (
  SELECT `period`, `province`, `flow`, `value_usd`, `g`, `y`, `__almanac_order`
  FROM `n3`
  ORDER BY `__almanac_order`
  LIMIT 3
)
SELECT lpad(CAST((`period` DIV 12) AS STRING), 4, '0') || '-' || lpad(CAST((`period` % 12 + 1) AS STRING), 2, '0') AS `period`, `province`, `flow`, `value_usd`, `g`, CAST(`y` AS STRING) AS `y`
FROM `n4`
ORDER BY `__almanac_order`
