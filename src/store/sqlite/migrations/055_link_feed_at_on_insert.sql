-- warta schema 055 (issue 10, import at archive scale): an article's save
-- writes its new link rows' feed_at itself (store/sqlite/article_rows.cc),
-- so the triggers of 033 fill it only for rows inserted without one (drafts,
-- tag merges, bulk SQL) instead of updating every new link row right after
-- its insert, each time reading the article row past its body.
DROP TRIGGER article_tags_feed_insert;
CREATE TRIGGER article_tags_feed_insert AFTER INSERT ON article_tags
WHEN NEW.feed_at IS NULL
BEGIN
  UPDATE article_tags SET feed_at = (
    SELECT CASE WHEN a.status = 'published' AND a.deleted_at IS NULL
                THEN a.published_at END
    FROM articles a WHERE a.id = NEW.article_id)
  WHERE article_id = NEW.article_id AND tag_id = NEW.tag_id;
END;

DROP TRIGGER article_authors_feed_insert;
CREATE TRIGGER article_authors_feed_insert AFTER INSERT ON article_authors
WHEN NEW.feed_at IS NULL
BEGIN
  UPDATE article_authors SET feed_at = (
    SELECT CASE WHEN a.status = 'published' AND a.deleted_at IS NULL
                THEN a.published_at END
    FROM articles a WHERE a.id = NEW.article_id)
  WHERE article_id = NEW.article_id AND author_id = NEW.author_id;
END;
