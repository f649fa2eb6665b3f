-- warta schema 047 (issue 13, updates and corrections).
--
-- modified_at: the last change of a published article's text (title,
-- excerpt or body) while it stayed published: the "Diperbarui" line.
-- correction / correction_at: the latest correction note and when it was
-- written; every note also enters `corrections`, the public log.
-- withdrawn_at / withdrawn_reason: a published article taken off the site
-- (unpublished) answers 410 with the editor's reason.
ALTER TABLE articles ADD COLUMN modified_at BIGINT;
ALTER TABLE articles ADD COLUMN correction TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN correction_at BIGINT;
ALTER TABLE articles ADD COLUMN withdrawn_at BIGINT;
ALTER TABLE articles ADD COLUMN withdrawn_reason TEXT NOT NULL DEFAULT '';

CREATE TABLE corrections (
  id         INTEGER PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  text       TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX corrections_by_time ON corrections (created_at, id);
CREATE INDEX corrections_by_article ON corrections (article_id, created_at);
