-- warta schema 034 (distribution): rendered feeds kept in the store, so a
-- feed request on a cold server is one row read instead of reading its
-- newest articles. A document is valid while the version of its scope is
-- the one it was rendered at; triggers bump the versions on every write
-- that can change a feed:
--   's'           the site's feeds: a published article changed
--   'c' || id     a category's: a published article in it changed
--   't' || id     a tag's / 'a' || id an author's: a link to it was added or
--                 removed, or a linked article changed
--   'g'           every feed: a category, tag or author was renamed/deleted
-- A document's version is its scope's plus 'g''s (both only grow).
CREATE TABLE feed_versions (
  scope   TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);

CREATE TABLE feed_documents (
  key           TEXT PRIMARY KEY,  -- chosen by the caller (scope and format)
  scope         TEXT NOT NULL,
  fingerprint   TEXT NOT NULL,     -- settings and renderer it was made with
  version       BIGINT NOT NULL,
  last_modified BIGINT NOT NULL,
  valid_until   BIGINT NOT NULL,   -- 0: no limit; else a future item's time
  body          BLOB NOT NULL
);

CREATE TRIGGER feed_versions_article_insert AFTER INSERT ON articles
WHEN NEW.status = 'published'
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('s', 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO feed_versions (scope, version)
  SELECT 'c' || NEW.category_id, 1 WHERE NEW.category_id IS NOT NULL
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER feed_versions_article_update AFTER UPDATE ON articles
WHEN OLD.status = 'published' OR NEW.status = 'published'
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('s', 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO feed_versions (scope, version)
  SELECT 'c' || OLD.category_id, 1 WHERE OLD.category_id IS NOT NULL
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO feed_versions (scope, version)
  SELECT 'c' || NEW.category_id, 1
  WHERE NEW.category_id IS NOT NULL AND NEW.category_id IS NOT OLD.category_id
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO feed_versions (scope, version)
  SELECT 't' || tag_id, 1 FROM article_tags WHERE article_id = NEW.id
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO feed_versions (scope, version)
  SELECT 'a' || author_id, 1 FROM article_authors WHERE article_id = NEW.id
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER feed_versions_article_delete AFTER DELETE ON articles
WHEN OLD.status = 'published'
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('s', 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO feed_versions (scope, version)
  SELECT 'c' || OLD.category_id, 1 WHERE OLD.category_id IS NOT NULL
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER feed_versions_tag_link_insert AFTER INSERT ON article_tags
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('t' || NEW.tag_id, 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER feed_versions_tag_link_delete AFTER DELETE ON article_tags
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('t' || OLD.tag_id, 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER feed_versions_author_link_insert AFTER INSERT ON article_authors
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('a' || NEW.author_id, 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER feed_versions_author_link_delete AFTER DELETE ON article_authors
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('a' || OLD.author_id, 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER feed_versions_category_change AFTER UPDATE ON categories
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('g', 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER feed_versions_category_delete AFTER DELETE ON categories
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('g', 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER feed_versions_tag_change AFTER UPDATE ON tags
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('g', 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER feed_versions_tag_delete AFTER DELETE ON tags
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('g', 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER feed_versions_author_change AFTER UPDATE ON authors
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('g', 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER feed_versions_author_delete AFTER DELETE ON authors
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('g', 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
