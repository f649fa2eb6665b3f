-- warta schema 011 (issue 10, deep list pages): each list's rows counted per
-- 30-day month of published_at (floor division, as ListingMonth in
-- store/sql/listing.h), kept by the listing trigger with listing_counts, so
-- a deep page skips whole months by their counts (ListListed). As SQLite's
-- migration 068.
CREATE TABLE listing_months (
  kind       BIGINT NOT NULL,
  subject_id BIGINT NOT NULL,
  month      BIGINT NOT NULL,
  n          BIGINT NOT NULL,
  shown      BIGINT NOT NULL,
  PRIMARY KEY (kind, subject_id, month)
);

INSERT INTO listing_months (kind, subject_id, month, n, shown)
  SELECT kind, subject_id, ((published_at - ((published_at % 2592000) + 2592000) % 2592000) / 2592000), COUNT(*),
         SUM(CASE WHEN hidden = 0 THEN 1 ELSE 0 END)
  FROM listing GROUP BY 1, 2, 3;

CREATE OR REPLACE FUNCTION warta_listing_count() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO listing_counts (kind, subject_id, n, shown)
    VALUES (NEW.kind, NEW.subject_id, 1, CASE WHEN NEW.hidden = 0 THEN 1 ELSE 0 END)
    ON CONFLICT (kind, subject_id) DO UPDATE SET n = listing_counts.n + 1,
      shown = listing_counts.shown + CASE WHEN NEW.hidden = 0 THEN 1 ELSE 0 END;
    INSERT INTO listing_months (kind, subject_id, month, n, shown)
    VALUES (NEW.kind, NEW.subject_id, ((NEW.published_at - ((NEW.published_at % 2592000) + 2592000) % 2592000) / 2592000), 1,
            CASE WHEN NEW.hidden = 0 THEN 1 ELSE 0 END)
    ON CONFLICT (kind, subject_id, month) DO UPDATE SET
      n = listing_months.n + 1,
      shown = listing_months.shown + CASE WHEN NEW.hidden = 0 THEN 1 ELSE 0 END;
  ELSE
    UPDATE listing_counts SET n = n - 1,
      shown = shown - CASE WHEN OLD.hidden = 0 THEN 1 ELSE 0 END
    WHERE kind = OLD.kind AND subject_id = OLD.subject_id;
    UPDATE listing_months SET n = n - 1,
      shown = shown - CASE WHEN OLD.hidden = 0 THEN 1 ELSE 0 END
    WHERE kind = OLD.kind AND subject_id = OLD.subject_id
      AND month = ((OLD.published_at - ((OLD.published_at % 2592000) + 2592000) % 2592000) / 2592000);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
