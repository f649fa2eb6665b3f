-- warta schema 040 (scale): the public article lists, kept at write time so a
-- list page, its count and the navigation read a bounded index range at any
-- archive size (store/sqlite/listing_rows.cc keeps them; see issue 10).
--
-- One row per published, live article (with a published_at) in each list it
-- belongs to: kind 0 every article (subject 0), 1 its category, 2 each tag,
-- 3 each author. `hidden` is 1 when an earlier member of the article's
-- near-duplicate cluster (by published_at, then id) is in the same list:
-- public lists show one article per cluster.
CREATE TABLE listing (
  kind         INTEGER NOT NULL,
  subject_id   INTEGER NOT NULL,
  published_at INTEGER NOT NULL,
  article_id   INTEGER NOT NULL,
  hidden       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, subject_id, published_at, article_id)
) WITHOUT ROWID;
CREATE INDEX listing_by_article ON listing (article_id);

-- Rows per list: n all, shown those not hidden. Kept by the triggers below.
CREATE TABLE listing_counts (
  kind       INTEGER NOT NULL,
  subject_id INTEGER NOT NULL,
  n          INTEGER NOT NULL,
  shown      INTEGER NOT NULL,
  PRIMARY KEY (kind, subject_id)
) WITHOUT ROWID;

-- What each write changed, as page keys ("a:ID", "all", "c:ID", "t:ID",
-- "u:ID", "pub", "nav", "site"): readers drop only those cached pages.
CREATE TABLE change_keys (
  seq INTEGER NOT NULL,
  key TEXT NOT NULL,
  PRIMARY KEY (seq, key)
) WITHOUT ROWID;
-- Readers behind this seq (older keys pruned, or none logged) drop all.
INSERT INTO meta (key, value)
  SELECT 'change_keys_from', value FROM meta WHERE key = 'change_seq';

INSERT INTO listing (kind, subject_id, published_at, article_id)
  SELECT 0, 0, published_at, id FROM articles
  WHERE status = 'published' AND deleted_at IS NULL
    AND published_at IS NOT NULL;
INSERT INTO listing (kind, subject_id, published_at, article_id)
  SELECT 1, category_id, published_at, id FROM articles
  WHERE status = 'published' AND deleted_at IS NULL
    AND published_at IS NOT NULL AND category_id IS NOT NULL;
INSERT INTO listing (kind, subject_id, published_at, article_id)
  SELECT 2, t.tag_id, a.published_at, a.id
  FROM article_tags t JOIN articles a ON a.id = t.article_id
  WHERE a.status = 'published' AND a.deleted_at IS NULL
    AND a.published_at IS NOT NULL;
INSERT INTO listing (kind, subject_id, published_at, article_id)
  SELECT 3, u.author_id, a.published_at, a.id
  FROM article_authors u JOIN articles a ON a.id = u.article_id
  WHERE a.status = 'published' AND a.deleted_at IS NULL
    AND a.published_at IS NOT NULL;
UPDATE listing SET hidden = 1
WHERE article_id IN (
    SELECT article_id FROM article_signatures WHERE cluster_id IN (
      SELECT cluster_id FROM article_signatures
      GROUP BY cluster_id HAVING COUNT(*) > 1))
  AND EXISTS (
    SELECT 1 FROM article_signatures d
    JOIN article_signatures o
      ON o.cluster_id = d.cluster_id AND o.article_id <> d.article_id
    JOIN articles b ON b.id = o.article_id
    JOIN listing l ON l.kind = listing.kind
      AND l.subject_id = listing.subject_id
      AND l.published_at = b.published_at AND l.article_id = b.id
    WHERE d.article_id = listing.article_id
      AND (b.published_at < listing.published_at
           OR (b.published_at = listing.published_at
               AND b.id < listing.article_id)));
INSERT INTO listing_counts (kind, subject_id, n, shown)
  SELECT kind, subject_id, COUNT(*), SUM(hidden = 0) FROM listing
  GROUP BY kind, subject_id;

CREATE TRIGGER listing_count_insert AFTER INSERT ON listing
BEGIN
  INSERT INTO listing_counts (kind, subject_id, n, shown)
  VALUES (NEW.kind, NEW.subject_id, 1, NEW.hidden = 0)
  ON CONFLICT (kind, subject_id) DO UPDATE SET n = n + 1,
    shown = shown + (NEW.hidden = 0);
END;

CREATE TRIGGER listing_count_delete AFTER DELETE ON listing
BEGIN
  UPDATE listing_counts SET n = n - 1, shown = shown - (OLD.hidden = 0)
  WHERE kind = OLD.kind AND subject_id = OLD.subject_id;
END;
