-- Default verdict scale: "Misleading" (value 0.2) above "False" (value 0), so
-- the list reads from true to false (lib/verdicts.ts DEFAULT_VERDICT_SCALE).
-- Only a desk whose scale is still exactly the one 0001 seeded is reordered:
-- a scale an admin has edited (moved, added or removed verdicts) is theirs.
-- The subquery is not correlated, so SQLite evaluates it once, before either
-- row changes.
UPDATE `verdict_scale`
SET `position` = CASE `key` WHEN 'misleading' THEN 4 ELSE 5 END
WHERE `key` IN ('false', 'misleading')
  AND (
    SELECT group_concat(`key` || ':' || `position`, ',')
    FROM (SELECT `key`, `position` FROM `verdict_scale` ORDER BY `position`, `key`)
  ) = 'true:0,mostly_true:1,half_true:2,mostly_false:3,false:4,misleading:5,unverifiable:6';
