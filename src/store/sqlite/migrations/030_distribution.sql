-- warta schema 030 (distribution): per-article robots switches, an index that
-- lets sitemaps read (slug, times) without touching the table, and the last
-- change of each category, tag and author with published articles, kept by
-- triggers so sitemaps of taxonomies need no scan of the articles.
ALTER TABLE articles ADD COLUMN noindex INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN no_ai INTEGER NOT NULL DEFAULT 0;

CREATE INDEX articles_sitemap
  ON articles (status, published_at, id, updated_at, noindex, no_ai, slug);

-- kind: 'c' category, 't' tag, 'a' author. lastmod: the newest updated_at of
-- a published article in it (it never moves back; a too-new lastmod is
-- harmless to crawlers).
CREATE TABLE taxonomy_lastmod (
  kind        TEXT NOT NULL CHECK (kind IN ('c', 't', 'a')),
  taxonomy_id BIGINT NOT NULL,
  lastmod     BIGINT NOT NULL,
  PRIMARY KEY (kind, taxonomy_id)
);

INSERT INTO taxonomy_lastmod (kind, taxonomy_id, lastmod)
  SELECT 'c', category_id, MAX(updated_at) FROM articles
  WHERE status = 'published' AND category_id IS NOT NULL GROUP BY category_id;
INSERT INTO taxonomy_lastmod (kind, taxonomy_id, lastmod)
  SELECT 't', at.tag_id, MAX(a.updated_at) FROM article_tags at
  JOIN articles a ON a.id = at.article_id
  WHERE a.status = 'published' GROUP BY at.tag_id;
INSERT INTO taxonomy_lastmod (kind, taxonomy_id, lastmod)
  SELECT 'a', aa.author_id, MAX(a.updated_at) FROM article_authors aa
  JOIN articles a ON a.id = aa.article_id
  WHERE a.status = 'published' GROUP BY aa.author_id;

CREATE TRIGGER taxonomy_lastmod_article_insert AFTER INSERT ON articles
WHEN NEW.status = 'published' AND NEW.category_id IS NOT NULL
BEGIN
  INSERT INTO taxonomy_lastmod (kind, taxonomy_id, lastmod)
  VALUES ('c', NEW.category_id, NEW.updated_at)
  ON CONFLICT (kind, taxonomy_id)
  DO UPDATE SET lastmod = MAX(lastmod, excluded.lastmod);
END;

CREATE TRIGGER taxonomy_lastmod_article_update AFTER UPDATE ON articles
WHEN NEW.status = 'published' AND NEW.category_id IS NOT NULL
BEGIN
  INSERT INTO taxonomy_lastmod (kind, taxonomy_id, lastmod)
  VALUES ('c', NEW.category_id, NEW.updated_at)
  ON CONFLICT (kind, taxonomy_id)
  DO UPDATE SET lastmod = MAX(lastmod, excluded.lastmod);
END;

CREATE TRIGGER taxonomy_lastmod_tag AFTER INSERT ON article_tags
BEGIN
  INSERT INTO taxonomy_lastmod (kind, taxonomy_id, lastmod)
  SELECT 't', NEW.tag_id, a.updated_at FROM articles a
  WHERE a.id = NEW.article_id AND a.status = 'published'
  ON CONFLICT (kind, taxonomy_id)
  DO UPDATE SET lastmod = MAX(lastmod, excluded.lastmod);
END;

CREATE TRIGGER taxonomy_lastmod_author AFTER INSERT ON article_authors
BEGIN
  INSERT INTO taxonomy_lastmod (kind, taxonomy_id, lastmod)
  SELECT 'a', NEW.author_id, a.updated_at FROM articles a
  WHERE a.id = NEW.article_id AND a.status = 'published'
  ON CONFLICT (kind, taxonomy_id)
  DO UPDATE SET lastmod = MAX(lastmod, excluded.lastmod);
END;
