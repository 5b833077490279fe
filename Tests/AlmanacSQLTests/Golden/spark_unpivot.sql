WITH
`n0` AS (
  SELECT (12 * CAST(substr(CAST(`period` AS STRING), 1, 4) AS BIGINT) + CAST(substr(CAST(`period` AS STRING), 6, 2) AS BIGINT) - 1) AS `period`, collate(`province`, 'vi') AS `province`, collate(`flow`, 'vi') AS `flow`, `value_usd`
  FROM `stats`.`trade`
),
`n1` AS (
  SELECT `period`, `province`, `flow`, `value_usd`, (CAST(`value_usd` AS DOUBLE) * 2) AS `twice`
  FROM `n0`
),
`n2` AS (
  SELECT `n1`.`period`, `n1`.`province`, `n1`.`flow`, `__almanac_unpivot`.`measure`, `__almanac_unpivot`.`amount`
  FROM `n1` LATERAL VIEW stack(2, 0, 'value_usd', CAST(`n1`.`value_usd` AS DOUBLE), 1, 'twice', CAST(`n1`.`twice` AS DOUBLE)) `__almanac_unpivot` AS `__almanac_column`, `measure`, `amount`
)
SELECT lpad(CAST((`period` DIV 12) AS STRING), 4, '0') || '-' || lpad(CAST((`period` % 12 + 1) AS STRING), 2, '0') AS `period`, `province`, `flow`, `measure`, `amount`
FROM `n2`
