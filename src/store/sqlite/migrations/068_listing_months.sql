-- warta schema 068 (issue 10, deep list pages): each list's rows counted per
-- 30-day month of published_at (((published_at - ((published_at % 2592000) + 2592000) % 2592000) / 2592000), floor division, as
-- ListingMonth in store/sql/listing.h), kept at write time as listing_counts
-- is, so page 6,000 of a category skips whole months by their counts instead
-- of stepping over the 120,000 entries before it (ListListed).
--
-- Inserted rows are counted in code (BatchUpkeep, migration 066); deleted
-- ones by the delete trigger, which stands aside in a batch (059).
CREATE TABLE listing_months (
  kind       INTEGER NOT NULL,
  subject_id INTEGER NOT NULL,
  month      INTEGER NOT NULL,
  n          INTEGER NOT NULL,
  shown      INTEGER NOT NULL,
  PRIMARY KEY (kind, subject_id, month)
) WITHOUT ROWID;

INSERT INTO listing_months (kind, subject_id, month, n, shown)
  SELECT kind, subject_id, ((published_at - ((published_at % 2592000) + 2592000) % 2592000) / 2592000), COUNT(*), SUM(hidden = 0)
  FROM listing GROUP BY 1, 2, 3;

DROP TRIGGER listing_count_delete;
CREATE TRIGGER listing_count_delete AFTER DELETE ON listing
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'batch_upkeep')
BEGIN
  UPDATE listing_counts SET n = n - 1, shown = shown - (OLD.hidden = 0)
  WHERE kind = OLD.kind AND subject_id = OLD.subject_id;
  UPDATE listing_months SET n = n - 1, shown = shown - (OLD.hidden = 0)
  WHERE kind = OLD.kind AND subject_id = OLD.subject_id
    AND month = ((OLD.published_at - ((OLD.published_at % 2592000) + 2592000) % 2592000) / 2592000);
END;
