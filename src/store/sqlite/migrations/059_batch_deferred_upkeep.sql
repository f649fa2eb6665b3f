-- warta schema 059 (issue 10, import at archive scale): inside a batch
-- (Store::RunBatch, e.g. `warta import`'s thousand articles a transaction)
-- the per-row upkeep triggers below stand aside and the store code adds up
-- what they would have written, once per batch (store/sqlite/batch_rows.cc):
-- the listing counts, each list's sum of +1/-1 over the batch; the lastmod
-- of taxonomies and sitemap months, their newest value; the feed versions,
-- one bump per scope the batch touched. Each link trigger read the article
-- row (past its body in overflow pages) for every link of every article.
--
-- The batch marks itself with the meta row 'batch_upkeep', inserted when the
-- batch's transaction begins and deleted before it commits: no other
-- connection ever sees it, and a crash rolls it back with the batch. Outside
-- a batch every trigger runs as before.
DROP TRIGGER taxonomy_lastmod_article_insert;
CREATE TRIGGER taxonomy_lastmod_article_insert AFTER INSERT ON articles
WHEN NEW.status = 'published' AND NEW.category_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'batch_upkeep')
BEGIN
  INSERT INTO taxonomy_lastmod (kind, taxonomy_id, lastmod)
  VALUES ('c', NEW.category_id, NEW.updated_at)
  ON CONFLICT (kind, taxonomy_id)
  DO UPDATE SET lastmod = MAX(lastmod, excluded.lastmod);
END;

DROP TRIGGER taxonomy_lastmod_tag;
CREATE TRIGGER taxonomy_lastmod_tag AFTER INSERT ON article_tags
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'batch_upkeep')
BEGIN
  INSERT INTO taxonomy_lastmod (kind, taxonomy_id, lastmod)
  SELECT 't', NEW.tag_id, a.updated_at FROM articles a
  WHERE a.id = NEW.article_id AND a.status = 'published'
  ON CONFLICT (kind, taxonomy_id)
  DO UPDATE SET lastmod = MAX(lastmod, excluded.lastmod);
END;

DROP TRIGGER taxonomy_lastmod_author;
CREATE TRIGGER taxonomy_lastmod_author AFTER INSERT ON article_authors
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'batch_upkeep')
BEGIN
  INSERT INTO taxonomy_lastmod (kind, taxonomy_id, lastmod)
  SELECT 'a', NEW.author_id, a.updated_at FROM articles a
  WHERE a.id = NEW.article_id AND a.status = 'published'
  ON CONFLICT (kind, taxonomy_id)
  DO UPDATE SET lastmod = MAX(lastmod, excluded.lastmod);
END;

DROP TRIGGER sitemap_months_insert;
CREATE TRIGGER sitemap_months_insert AFTER INSERT ON articles
WHEN NEW.status = 'published' AND NEW.noindex = 0 AND NEW.published_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'batch_upkeep')
BEGIN
  INSERT INTO sitemap_months (month, articles, lastmod)
  VALUES (strftime('%Y-%m', NEW.published_at, 'unixepoch'), 1, NEW.updated_at)
  ON CONFLICT (month) DO UPDATE SET articles = articles + 1,
    lastmod = MAX(lastmod, excluded.lastmod);
END;

DROP TRIGGER feed_versions_article_insert;
CREATE TRIGGER feed_versions_article_insert AFTER INSERT ON articles
WHEN NEW.status = 'published'
  AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'batch_upkeep')
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('s', 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO feed_versions (scope, version)
  SELECT 'c' || NEW.category_id, 1 WHERE NEW.category_id IS NOT NULL
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;

DROP TRIGGER feed_versions_tag_link_insert;
CREATE TRIGGER feed_versions_tag_link_insert AFTER INSERT ON article_tags
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'batch_upkeep')
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('t' || NEW.tag_id, 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;

DROP TRIGGER feed_versions_author_link_insert;
CREATE TRIGGER feed_versions_author_link_insert AFTER INSERT ON article_authors
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'batch_upkeep')
BEGIN
  INSERT INTO feed_versions (scope, version) VALUES ('a' || NEW.author_id, 1)
  ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;

DROP TRIGGER listing_count_insert;
CREATE TRIGGER listing_count_insert AFTER INSERT ON listing
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'batch_upkeep')
BEGIN
  INSERT INTO listing_counts (kind, subject_id, n, shown)
  VALUES (NEW.kind, NEW.subject_id, 1, NEW.hidden = 0)
  ON CONFLICT (kind, subject_id) DO UPDATE SET n = n + 1,
    shown = shown + (NEW.hidden = 0);
END;

DROP TRIGGER listing_count_delete;
CREATE TRIGGER listing_count_delete AFTER DELETE ON listing
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'batch_upkeep')
BEGIN
  UPDATE listing_counts SET n = n - 1, shown = shown - (OLD.hidden = 0)
  WHERE kind = OLD.kind AND subject_id = OLD.subject_id;
END;
