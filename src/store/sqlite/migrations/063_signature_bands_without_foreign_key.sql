-- warta schema 063 (issue 10, import at archive scale): the big LSH band
-- table without its foreign key to articles; a trigger deletes a deleted
-- article's rows instead, as 062's does for the recent table.
--
-- The key reason: each merged slice (store/sqlite/band_merge.cc) moves
-- ~16 rows an imported article, in band-key order, so their article ids
-- are random, and the foreign key looked each one up in articles: a random
-- leaf of the biggest table per moved row. Measured on a 1M import: 154.8
-- -> 126.5 KiB read an article, 1,482 -> 1,625 articles/s (the same hour,
-- docs/benchmarks.md). Rows reach this table only from a save of an existing article
-- (straight, or through the recent table, whose rows the trigger there
-- removes with their article), so the check found nothing to refuse.
--
-- A rebuild, as 054's, not the writable_schema edit: the copy takes a
-- sorted pass over the table, once.
CREATE TABLE article_signature_bands_063 (
  band_key   BIGINT NOT NULL,
  article_id BIGINT NOT NULL,
  PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
INSERT INTO article_signature_bands_063 (band_key, article_id)
  SELECT band_key, article_id FROM article_signature_bands
  ORDER BY band_key, article_id;
DROP TABLE article_signature_bands;
ALTER TABLE article_signature_bands_063 RENAME TO article_signature_bands;
CREATE INDEX article_signature_bands_by_article
  ON article_signature_bands (article_id);
CREATE TRIGGER article_signature_bands_gone
  AFTER DELETE ON articles
BEGIN
  DELETE FROM article_signature_bands WHERE article_id = OLD.id;
END;
