-- warta schema 033 (distribution): tag and author feeds read only their
-- newest N links. Each link row carries `feed_at`: the article's
-- published_at while it is published and not in the trash, else NULL. A
-- partial index ordered by it gives a feed its newest items in N index
-- entries, without touching the articles of the tag/author that it skips
-- (before: every linked article's row, one page read each on a cold cache).
-- Kept by triggers, so every write path (the Store, the scheduled publisher,
-- the trash, bulk SQL loads) keeps it right.
ALTER TABLE article_tags ADD COLUMN feed_at BIGINT;
ALTER TABLE article_authors ADD COLUMN feed_at BIGINT;

UPDATE article_tags SET feed_at = (
  SELECT CASE WHEN a.status = 'published' AND a.deleted_at IS NULL
              THEN a.published_at END
  FROM articles a WHERE a.id = article_tags.article_id);
UPDATE article_authors SET feed_at = (
  SELECT CASE WHEN a.status = 'published' AND a.deleted_at IS NULL
              THEN a.published_at END
  FROM articles a WHERE a.id = article_authors.article_id);

CREATE INDEX article_tags_feed ON article_tags (tag_id, feed_at, article_id)
  WHERE feed_at IS NOT NULL;
CREATE INDEX article_authors_feed
  ON article_authors (author_id, feed_at, article_id)
  WHERE feed_at IS NOT NULL;

-- A new link takes its article's state (the article row is written first).
CREATE TRIGGER article_tags_feed_insert AFTER INSERT ON article_tags
BEGIN
  UPDATE article_tags SET feed_at = (
    SELECT CASE WHEN a.status = 'published' AND a.deleted_at IS NULL
                THEN a.published_at END
    FROM articles a WHERE a.id = NEW.article_id)
  WHERE article_id = NEW.article_id AND tag_id = NEW.tag_id;
END;

CREATE TRIGGER article_authors_feed_insert AFTER INSERT ON article_authors
BEGIN
  UPDATE article_authors SET feed_at = (
    SELECT CASE WHEN a.status = 'published' AND a.deleted_at IS NULL
                THEN a.published_at END
    FROM articles a WHERE a.id = NEW.article_id)
  WHERE article_id = NEW.article_id AND author_id = NEW.author_id;
END;

-- Publishing, unpublishing, rescheduling, trashing and restoring move the
-- article's links.
CREATE TRIGGER articles_feed_links_update
AFTER UPDATE OF status, published_at, deleted_at ON articles
WHEN OLD.status IS NOT NEW.status OR OLD.published_at IS NOT NEW.published_at
  OR OLD.deleted_at IS NOT NEW.deleted_at
BEGIN
  UPDATE article_tags SET feed_at =
    CASE WHEN NEW.status = 'published' AND NEW.deleted_at IS NULL
         THEN NEW.published_at END
  WHERE article_id = NEW.id;
  UPDATE article_authors SET feed_at =
    CASE WHEN NEW.status = 'published' AND NEW.deleted_at IS NULL
         THEN NEW.published_at END
  WHERE article_id = NEW.id;
END;
