-- Publications the feed already holds open: started and not yet ended.
UPDATE "records"."credit_records" AS r SET "publication_open" = true
WHERE EXISTS (SELECT 1 FROM "records"."record_changes" s WHERE s."record_id" = r."id" AND s."change" = 'PUBLICATION_STARTED')
  AND NOT EXISTS (SELECT 1 FROM "records"."record_changes" e WHERE e."record_id" = r."id" AND e."change" = 'PUBLICATION_ENDED');
