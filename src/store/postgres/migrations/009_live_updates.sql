-- The SQLite backend's migration 058 (issue 13): live reports.
-- articles.live_report marks a story the desk is updating as it unfolds
-- ("LANGSUNG"); live_updates holds its timestamped updates, shown newest
-- first at the top of the story.
ALTER TABLE articles ADD COLUMN live_report BIGINT NOT NULL DEFAULT 0;
CREATE TABLE live_updates (
  id         BIGSERIAL PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  user_id    BIGINT,
  body       TEXT NOT NULL
);
CREATE INDEX live_updates_by_article ON live_updates (article_id, id);
