-- warta schema 054 (issue 10, import at archive scale): the LSH band rows of
-- near-duplicate detection as a WITHOUT ROWID table. The (band_key,
-- article_id) key is then the table itself: a new article's 16 band rows are
-- 16 inserts into one B-tree (plus the by-article index), not also 16 into
-- a rowid table beside the key's index, and the rows take about half the
-- pages (16M rows at 1M articles).
CREATE TABLE article_signature_bands_054 (
  band_key   BIGINT NOT NULL,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
INSERT INTO article_signature_bands_054 (band_key, article_id)
  SELECT band_key, article_id FROM article_signature_bands
  ORDER BY band_key, article_id;
DROP TABLE article_signature_bands;
ALTER TABLE article_signature_bands_054 RENAME TO article_signature_bands;
CREATE INDEX article_signature_bands_by_article
  ON article_signature_bands (article_id);
