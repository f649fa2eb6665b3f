-- warta schema 065 (issue 10, import at archive scale): the band tables
-- lose their by_article indexes; each signature keeps its band keys (a JSON
-- array) instead, and an article's band rows are deleted by their full key
-- (band_key, article_id) from that list.
--
-- The by_article indexes served only those deletes, yet every band row
-- wrote them: 16 rows an article, into the recent table's index, out of it
-- at the merge, and into the big table's. Three of the six B-tree writes of
-- a band row were for them (at 1M, the band rows took 79 of the writer's
-- 318 us an article; docs/benchmarks.md).
ALTER TABLE article_signatures ADD COLUMN band_keys TEXT NOT NULL DEFAULT '[]';
-- While the by_article indexes still exist: two index range reads a
-- signature.
UPDATE article_signatures SET band_keys = (
  SELECT json_group_array(band_key) FROM (
    SELECT band_key FROM article_signature_bands
    WHERE article_id = article_signatures.article_id
    UNION ALL
    SELECT band_key FROM article_signature_bands_recent
    WHERE article_id = article_signatures.article_id));
DROP TRIGGER article_signature_bands_gone;
DROP TRIGGER article_signature_bands_recent_gone;
DROP INDEX article_signature_bands_by_article;
DROP INDEX article_signature_bands_recent_by_article;
-- BEFORE: the signature (and its keys) is still there; the cascade from
-- articles deletes it after.
CREATE TRIGGER article_signature_bands_gone
  BEFORE DELETE ON articles
BEGIN
  DELETE FROM article_signature_bands
  WHERE band_key IN (SELECT value FROM json_each((
          SELECT band_keys FROM article_signatures
          WHERE article_id = OLD.id)))
    AND article_id = OLD.id;
  DELETE FROM article_signature_bands_recent
  WHERE band_key IN (SELECT value FROM json_each((
          SELECT band_keys FROM article_signatures
          WHERE article_id = OLD.id)))
    AND article_id = OLD.id;
END;
