-- warta schema 067: the sitemap-month update triggers of 032 fire only when
-- an update sets a column they read (status, noindex, published_at,
-- updated_at). An update of another column (created_by, the review state,
-- the trash's deleted_at) took the article off its month and put it back:
-- no change, but since 066 a new article's own count is written when its
-- write ends, so when the same write then set created_by on it (a user's
-- save) the pair ran on a month row that might not exist yet, and came out
-- right only because SQLite ran the upsert before the decrement.
DROP TRIGGER sitemap_months_update_old;
CREATE TRIGGER sitemap_months_update_old
AFTER UPDATE OF status, noindex, published_at, updated_at ON articles
WHEN OLD.status = 'published' AND OLD.noindex = 0 AND OLD.published_at IS NOT NULL
BEGIN
  UPDATE sitemap_months SET articles = articles - 1,
    lastmod = MAX(lastmod, NEW.updated_at)
  WHERE month = strftime('%Y-%m', OLD.published_at, 'unixepoch');
END;

DROP TRIGGER sitemap_months_update_new;
CREATE TRIGGER sitemap_months_update_new
AFTER UPDATE OF status, noindex, published_at, updated_at ON articles
WHEN NEW.status = 'published' AND NEW.noindex = 0 AND NEW.published_at IS NOT NULL
BEGIN
  INSERT INTO sitemap_months (month, articles, lastmod)
  VALUES (strftime('%Y-%m', NEW.published_at, 'unixepoch'), 1, NEW.updated_at)
  ON CONFLICT (month) DO UPDATE SET articles = articles + 1,
    lastmod = MAX(lastmod, excluded.lastmod);
END;
