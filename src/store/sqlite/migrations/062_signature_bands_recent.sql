-- warta schema 062 (issue 10, import at archive scale): the LSH band rows
-- of recently saved signatures, in a small table of their own that the
-- store merges into article_signature_bands a key-range slice at a time
-- (store/sqlite/band_merge.cc). Used from 262,144 articles on
-- (SqliteOptions::recent_bands_from_article): below that the big table fits
-- the cache and rows go straight into it.
--
-- A batch's 16 band rows per article land at random keys, so in the one
-- big table a commit dirtied about as many of its leaves as it had rows,
-- written to the WAL and again by the checkpoint (a 1M import: 123 KiB
-- written an article). Here a commit dirties the leaves of this table
-- (bounded by its size, not the archive's) and of one slice of the big one
-- (61-66 KiB an article).
--
-- No foreign key: an insert then skips the article lookup, and a merged
-- slice moves rows of existing articles only, because deleting an article
-- deletes its rows here (the trigger) as the big table's cascade did there
-- (063 replaced that cascade with a trigger too).
CREATE TABLE article_signature_bands_recent (
  band_key   BIGINT NOT NULL,
  article_id BIGINT NOT NULL,
  PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
CREATE INDEX article_signature_bands_recent_by_article
  ON article_signature_bands_recent (article_id);
CREATE TRIGGER article_signature_bands_recent_gone
  AFTER DELETE ON articles
BEGIN
  DELETE FROM article_signature_bands_recent WHERE article_id = OLD.id;
END;
