-- warta schema 032 (distribution): how many indexable published articles
-- each UTC month has and when the newest of them changed, kept by triggers
-- so the sitemap index is a read of a few hundred rows at any size.
-- lastmod never moves back (an article leaving a month bumps it too).
CREATE TABLE sitemap_months (
  month    TEXT PRIMARY KEY,  -- 'YYYY-MM' of published_at, UTC
  articles BIGINT NOT NULL,
  lastmod  BIGINT NOT NULL
);

INSERT INTO sitemap_months (month, articles, lastmod)
  SELECT strftime('%Y-%m', published_at, 'unixepoch'), COUNT(*), MAX(updated_at)
  FROM articles
  WHERE status = 'published' AND noindex = 0 AND published_at IS NOT NULL
  GROUP BY 1;

CREATE TRIGGER sitemap_months_insert AFTER INSERT ON articles
WHEN NEW.status = 'published' AND NEW.noindex = 0 AND NEW.published_at IS NOT NULL
BEGIN
  INSERT INTO sitemap_months (month, articles, lastmod)
  VALUES (strftime('%Y-%m', NEW.published_at, 'unixepoch'), 1, NEW.updated_at)
  ON CONFLICT (month) DO UPDATE SET articles = articles + 1,
    lastmod = MAX(lastmod, excluded.lastmod);
END;

CREATE TRIGGER sitemap_months_update_old AFTER UPDATE ON articles
WHEN OLD.status = 'published' AND OLD.noindex = 0 AND OLD.published_at IS NOT NULL
BEGIN
  UPDATE sitemap_months SET articles = articles - 1,
    lastmod = MAX(lastmod, NEW.updated_at)
  WHERE month = strftime('%Y-%m', OLD.published_at, 'unixepoch');
END;

CREATE TRIGGER sitemap_months_update_new AFTER UPDATE ON articles
WHEN NEW.status = 'published' AND NEW.noindex = 0 AND NEW.published_at IS NOT NULL
BEGIN
  INSERT INTO sitemap_months (month, articles, lastmod)
  VALUES (strftime('%Y-%m', NEW.published_at, 'unixepoch'), 1, NEW.updated_at)
  ON CONFLICT (month) DO UPDATE SET articles = articles + 1,
    lastmod = MAX(lastmod, excluded.lastmod);
END;

CREATE TRIGGER sitemap_months_delete AFTER DELETE ON articles
WHEN OLD.status = 'published' AND OLD.noindex = 0 AND OLD.published_at IS NOT NULL
BEGIN
  UPDATE sitemap_months SET articles = articles - 1
  WHERE month = strftime('%Y-%m', OLD.published_at, 'unixepoch');
END;

-- robots.txt lists the articles that tell AI crawlers no; few have it.
CREATE INDEX articles_no_ai ON articles (published_at) WHERE no_ai = 1;
