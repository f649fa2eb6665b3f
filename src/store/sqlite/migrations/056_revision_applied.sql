-- warta schema 056 (issue 13): whether a revision became the article's
-- content (1) or was kept beside the live article (0: an autosave of a
-- published story), so the history can mark the revision that is live.
-- Kept autosaves of older databases are the ones recorded at a version an
-- earlier revision of the article already recorded.
ALTER TABLE revisions ADD COLUMN applied INTEGER NOT NULL DEFAULT 1;
UPDATE revisions SET applied = 0
 WHERE kind = 'autosave' AND EXISTS (
   SELECT 1 FROM revisions e
    WHERE e.article_id = revisions.article_id
      AND e.article_version = revisions.article_version
      AND e.id < revisions.id);
