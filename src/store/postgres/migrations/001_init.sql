-- The PostgreSQL schema: the same tables as the SQLite backend's migrations
-- 001-048 (src/store/sqlite/migrations), integers as BIGINT and flags as
-- BIGINT 0/1 so the store code reads both alike. What SQLite triggers keep
-- (taxonomy last-modified, sitemap months, feed links, feed versions,
-- listing counts) PL/pgSQL triggers keep here.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('change_seq', 0), ('change_keys_from', 0);
CREATE TABLE categories (
  id          BIGSERIAL PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL
);
CREATE TABLE tags (
  id         BIGSERIAL PRIMARY KEY,
  slug       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE authors (
  id         BIGSERIAL PRIMARY KEY,
  slug       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  bio        TEXT NOT NULL DEFAULT '',
  email      TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE TABLE articles (
  id                    BIGSERIAL PRIMARY KEY,
  slug                  TEXT NOT NULL UNIQUE,
  title                 TEXT NOT NULL,
  custom_excerpt        TEXT NOT NULL DEFAULT '',
  body                  TEXT NOT NULL DEFAULT '',
  html                  TEXT NOT NULL DEFAULT '',
  plaintext             TEXT NOT NULL DEFAULT '',
  dateline_city         TEXT NOT NULL DEFAULT '',
  dateline_outlet       TEXT NOT NULL DEFAULT '',
  source                TEXT NOT NULL DEFAULT '',
  source_url            TEXT NOT NULL DEFAULT '',
  category_id           BIGINT REFERENCES categories (id),
  editor_id             BIGINT REFERENCES authors (id),
  feature_image         TEXT NOT NULL DEFAULT '',
  feature_image_alt     TEXT NOT NULL DEFAULT '',
  feature_image_caption TEXT NOT NULL DEFAULT '',
  status                TEXT NOT NULL DEFAULT 'draft'
                        CHECK (status IN ('draft', 'scheduled', 'published')),
  published_at          BIGINT,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL,
  word_count            BIGINT NOT NULL DEFAULT 0,
  reading_time          BIGINT NOT NULL DEFAULT 1,
  version               BIGINT NOT NULL DEFAULT 1,
  import_key            TEXT UNIQUE,
  deleted_at            BIGINT,
  created_by            BIGINT,
  review_state          TEXT NOT NULL DEFAULT '',
  review_note           TEXT NOT NULL DEFAULT '',
  noindex               BIGINT NOT NULL DEFAULT 0,
  no_ai                 BIGINT NOT NULL DEFAULT 0,
  modified_at           BIGINT,
  correction            TEXT NOT NULL DEFAULT '',
  correction_at         BIGINT,
  withdrawn_at          BIGINT,
  withdrawn_reason      TEXT NOT NULL DEFAULT '',
  pending_tags          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX articles_by_status ON articles (status, published_at, id);
CREATE INDEX articles_by_category ON articles (category_id, status, published_at, id);
CREATE INDEX articles_by_updated ON articles (updated_at, id);
CREATE INDEX articles_by_review ON articles (review_state, updated_at);
CREATE INDEX articles_sitemap
  ON articles (status, published_at, id, updated_at, noindex, no_ai, slug);
CREATE INDEX articles_no_ai ON articles (published_at) WHERE no_ai = 1;
CREATE TABLE article_authors (
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  author_id  BIGINT NOT NULL REFERENCES authors (id),
  position   BIGINT NOT NULL,
  feed_at    BIGINT,
  PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_authors_by_author ON article_authors (author_id, article_id);
CREATE INDEX article_authors_feed
  ON article_authors (author_id, feed_at, article_id) WHERE feed_at IS NOT NULL;
CREATE TABLE article_tags (
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  tag_id     BIGINT NOT NULL REFERENCES tags (id),
  position   BIGINT NOT NULL,
  feed_at    BIGINT,
  PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id);
CREATE INDEX article_tags_feed ON article_tags (tag_id, feed_at, article_id)
  WHERE feed_at IS NOT NULL;
CREATE TABLE slug_history (
  slug       TEXT PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
CREATE TABLE article_changes (
  seq        BIGINT NOT NULL,
  article_id BIGINT NOT NULL,
  changed_at BIGINT NOT NULL,
  PRIMARY KEY (seq, article_id)
);
CREATE INDEX article_changes_by_article ON article_changes (article_id, seq);
CREATE TABLE article_signatures (
  article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  cluster_id BIGINT NOT NULL,
  minhash    TEXT NOT NULL
);
CREATE INDEX article_signatures_by_cluster
  ON article_signatures (cluster_id, article_id);
CREATE TABLE article_signature_bands (
  band_key   BIGINT NOT NULL,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  PRIMARY KEY (band_key, article_id)
);
CREATE INDEX article_signature_bands_by_article
  ON article_signature_bands (article_id);
CREATE TABLE users (
  id            BIGSERIAL PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL
                CHECK (role IN ('kontributor', 'penulis', 'editor', 'admin')),
  password_hash TEXT NOT NULL,
  author_id     BIGINT REFERENCES authors (id),
  disabled      BIGINT NOT NULL DEFAULT 0,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE TABLE api_tokens (
  id           BIGSERIAL PRIMARY KEY,
  user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  hint         TEXT NOT NULL,
  scopes       TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at   BIGINT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, id);
CREATE TABLE revisions (
  id              BIGSERIAL PRIMARY KEY,
  article_id      BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  article_version BIGINT NOT NULL,
  created_at      BIGINT NOT NULL,
  user_id         BIGINT,
  kind            TEXT NOT NULL,
  note            TEXT NOT NULL DEFAULT '',
  title           TEXT NOT NULL,
  base_id         BIGINT,
  chain           BIGINT NOT NULL DEFAULT 0,
  raw_size        BIGINT NOT NULL,
  snapshot_hash   TEXT NOT NULL,
  data            BYTEA NOT NULL
);
CREATE INDEX revisions_by_article ON revisions (article_id, id);
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE taxonomy_lastmod (
  kind        TEXT NOT NULL CHECK (kind IN ('c', 't', 'a')),
  taxonomy_id BIGINT NOT NULL,
  lastmod     BIGINT NOT NULL,
  PRIMARY KEY (kind, taxonomy_id)
);
CREATE TABLE wire_items (
  feed         TEXT NOT NULL,
  item_key     TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,
  article_id   BIGINT NOT NULL,
  relation     TEXT NOT NULL CHECK (relation IN ('origin', 'duplicate')),
  link         TEXT NOT NULL DEFAULT '',
  first_seen   BIGINT NOT NULL,
  last_seen    BIGINT NOT NULL,
  PRIMARY KEY (feed, item_key)
);
CREATE INDEX wire_items_by_fingerprint ON wire_items (fingerprint);
CREATE INDEX wire_items_by_article ON wire_items (article_id);
CREATE TABLE wire_feeds (
  name              TEXT PRIMARY KEY,
  source            TEXT NOT NULL DEFAULT '',
  last_fetch        BIGINT NOT NULL DEFAULT 0,
  last_success      BIGINT NOT NULL DEFAULT 0,
  last_error        TEXT NOT NULL DEFAULT '',
  fetches           BIGINT NOT NULL DEFAULT 0,
  failures          BIGINT NOT NULL DEFAULT 0,
  last_items        BIGINT NOT NULL DEFAULT 0,
  last_created      BIGINT NOT NULL DEFAULT 0,
  last_updated      BIGINT NOT NULL DEFAULT 0,
  last_linked       BIGINT NOT NULL DEFAULT 0,
  not_modified      BIGINT NOT NULL DEFAULT 0,
  last_not_modified BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE wire_sources (
  feed          TEXT NOT NULL,
  source        TEXT NOT NULL,
  etag          TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (feed, source)
);
CREATE TABLE sitemap_months (
  month    TEXT PRIMARY KEY,  -- 'YYYY-MM' of published_at, UTC
  articles BIGINT NOT NULL,
  lastmod  BIGINT NOT NULL
);
CREATE TABLE feed_versions (
  scope   TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
CREATE TABLE feed_documents (
  key           TEXT PRIMARY KEY,
  scope         TEXT NOT NULL,
  fingerprint   TEXT NOT NULL,
  version       BIGINT NOT NULL,
  last_modified BIGINT NOT NULL,
  valid_until   BIGINT NOT NULL,
  body_gzip     BYTEA NOT NULL,
  body_brotli   BYTEA NOT NULL
);
CREATE TABLE listing (
  kind         BIGINT NOT NULL,
  subject_id   BIGINT NOT NULL,
  published_at BIGINT NOT NULL,
  article_id   BIGINT NOT NULL,
  hidden       BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, subject_id, published_at, article_id)
);
CREATE INDEX listing_by_article ON listing (article_id);
CREATE TABLE listing_counts (
  kind       BIGINT NOT NULL,
  subject_id BIGINT NOT NULL,
  n          BIGINT NOT NULL,
  shown      BIGINT NOT NULL,
  PRIMARY KEY (kind, subject_id)
);
CREATE TABLE change_keys (
  seq BIGINT NOT NULL,
  key TEXT NOT NULL,
  PRIMARY KEY (seq, key)
);
CREATE TABLE article_views (
  hour       BIGINT NOT NULL,
  article_id BIGINT NOT NULL,
  n          BIGINT NOT NULL,
  PRIMARY KEY (hour, article_id)
);
CREATE INDEX article_views_by_article ON article_views (article_id, hour);
CREATE TABLE article_view_totals (
  article_id BIGINT PRIMARY KEY,
  n          BIGINT NOT NULL
);
CREATE TABLE corrections (
  id         BIGSERIAL PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  text       TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX corrections_by_time ON corrections (created_at, id);
CREATE INDEX corrections_by_article ON corrections (article_id, created_at);

-- Triggers -----------------------------------------------------------------

CREATE FUNCTION warta_bump_feed(s TEXT) RETURNS void AS $$
  INSERT INTO feed_versions (scope, version) VALUES (s, 1)
  ON CONFLICT (scope) DO UPDATE SET version = feed_versions.version + 1;
$$ LANGUAGE sql;

CREATE FUNCTION warta_taxonomy_lastmod(k TEXT, tid BIGINT, at BIGINT)
RETURNS void AS $$
  INSERT INTO taxonomy_lastmod (kind, taxonomy_id, lastmod) VALUES (k, tid, at)
  ON CONFLICT (kind, taxonomy_id)
  DO UPDATE SET lastmod = GREATEST(taxonomy_lastmod.lastmod, excluded.lastmod);
$$ LANGUAGE sql;

-- 'YYYY-MM' (UTC) of a Unix time; NULL outside years 1-9999, as SQLite's
-- strftime gives (such articles have no sitemap month).
CREATE FUNCTION warta_month(t BIGINT) RETURNS TEXT AS $$
  SELECT CASE WHEN t BETWEEN -62135596800 AND 253402300799
              THEN to_char(to_timestamp(t) AT TIME ZONE 'UTC', 'YYYY-MM') END;
$$ LANGUAGE sql IMMUTABLE;

-- articles: taxonomy last-modified, sitemap months, feed links and versions.
CREATE FUNCTION warta_articles_after() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF NEW.status = 'published' AND NEW.category_id IS NOT NULL THEN
      PERFORM warta_taxonomy_lastmod('c', NEW.category_id, NEW.updated_at);
    END IF;
  END IF;
  -- sitemap months
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'published'
     AND OLD.noindex = 0 AND OLD.published_at IS NOT NULL THEN
    IF TG_OP = 'UPDATE' THEN
      UPDATE sitemap_months SET articles = articles - 1,
        lastmod = GREATEST(lastmod, NEW.updated_at)
      WHERE month = warta_month(OLD.published_at);
    ELSE
      UPDATE sitemap_months SET articles = articles - 1
      WHERE month = warta_month(OLD.published_at);
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'published'
     AND NEW.noindex = 0 AND warta_month(NEW.published_at) IS NOT NULL THEN
    INSERT INTO sitemap_months (month, articles, lastmod)
    VALUES (warta_month(NEW.published_at), 1, NEW.updated_at)
    ON CONFLICT (month) DO UPDATE SET articles = sitemap_months.articles + 1,
      lastmod = GREATEST(sitemap_months.lastmod, excluded.lastmod);
  END IF;
  -- feed links
  IF TG_OP = 'UPDATE' AND (OLD.status IS DISTINCT FROM NEW.status
      OR OLD.published_at IS DISTINCT FROM NEW.published_at
      OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at) THEN
    UPDATE article_tags SET feed_at =
      CASE WHEN NEW.status = 'published' AND NEW.deleted_at IS NULL
           THEN NEW.published_at END
    WHERE article_id = NEW.id;
    UPDATE article_authors SET feed_at =
      CASE WHEN NEW.status = 'published' AND NEW.deleted_at IS NULL
           THEN NEW.published_at END
    WHERE article_id = NEW.id;
  END IF;
  -- feed versions
  IF TG_OP = 'INSERT' AND NEW.status = 'published' THEN
    PERFORM warta_bump_feed('s');
    IF NEW.category_id IS NOT NULL THEN
      PERFORM warta_bump_feed('c' || NEW.category_id);
    END IF;
  ELSIF TG_OP = 'DELETE' AND OLD.status = 'published' THEN
    PERFORM warta_bump_feed('s');
    IF OLD.category_id IS NOT NULL THEN
      PERFORM warta_bump_feed('c' || OLD.category_id);
    END IF;
  ELSIF TG_OP = 'UPDATE' AND (OLD.status = 'published' OR NEW.status = 'published') THEN
    PERFORM warta_bump_feed('s');
    IF OLD.category_id IS NOT NULL THEN
      PERFORM warta_bump_feed('c' || OLD.category_id);
    END IF;
    IF NEW.category_id IS NOT NULL AND NEW.category_id IS DISTINCT FROM OLD.category_id THEN
      PERFORM warta_bump_feed('c' || NEW.category_id);
    END IF;
    INSERT INTO feed_versions (scope, version)
    SELECT 't' || tag_id, 1 FROM article_tags WHERE article_id = NEW.id
    ON CONFLICT (scope) DO UPDATE SET version = feed_versions.version + 1;
    INSERT INTO feed_versions (scope, version)
    SELECT 'a' || author_id, 1 FROM article_authors WHERE article_id = NEW.id
    ON CONFLICT (scope) DO UPDATE SET version = feed_versions.version + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER articles_after AFTER INSERT OR UPDATE OR DELETE ON articles
FOR EACH ROW EXECUTE FUNCTION warta_articles_after();

-- article_tags / article_authors: feed_at on insert, last-modified, versions.
CREATE FUNCTION warta_link_before_insert() RETURNS trigger AS $$
BEGIN
  NEW.feed_at := (SELECT CASE WHEN a.status = 'published' AND a.deleted_at IS NULL
                              THEN a.published_at END
                  FROM articles a WHERE a.id = NEW.article_id);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER article_tags_before_insert BEFORE INSERT ON article_tags
FOR EACH ROW EXECUTE FUNCTION warta_link_before_insert();
CREATE TRIGGER article_authors_before_insert BEFORE INSERT ON article_authors
FOR EACH ROW EXECUTE FUNCTION warta_link_before_insert();

-- TG_ARGV: the taxonomy kind ('t', 'a') and its id column.
CREATE FUNCTION warta_link_after() RETURNS trigger AS $$
DECLARE
  k TEXT := TG_ARGV[0];
  row_json JSONB := to_jsonb(CASE WHEN TG_OP = 'INSERT' THEN NEW ELSE OLD END);
  tid BIGINT := (row_json ->> TG_ARGV[1])::BIGINT;
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM warta_taxonomy_lastmod(k, tid, a.updated_at)
    FROM articles a WHERE a.id = NEW.article_id AND a.status = 'published';
  END IF;
  PERFORM warta_bump_feed(k || tid);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER article_tags_after AFTER INSERT OR DELETE ON article_tags
FOR EACH ROW EXECUTE FUNCTION warta_link_after('t', 'tag_id');
CREATE TRIGGER article_authors_after AFTER INSERT OR DELETE ON article_authors
FOR EACH ROW EXECUTE FUNCTION warta_link_after('a', 'author_id');

-- categories, tags, authors: the feeds' navigation.
CREATE FUNCTION warta_taxonomy_changed() RETURNS trigger AS $$
BEGIN
  PERFORM warta_bump_feed('g');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER categories_changed AFTER UPDATE OR DELETE ON categories
FOR EACH ROW EXECUTE FUNCTION warta_taxonomy_changed();
CREATE TRIGGER tags_changed AFTER UPDATE OR DELETE ON tags
FOR EACH ROW EXECUTE FUNCTION warta_taxonomy_changed();
CREATE TRIGGER authors_changed AFTER UPDATE OR DELETE ON authors
FOR EACH ROW EXECUTE FUNCTION warta_taxonomy_changed();

-- listing: counts kept at write time.
CREATE FUNCTION warta_listing_count() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO listing_counts (kind, subject_id, n, shown)
    VALUES (NEW.kind, NEW.subject_id, 1, CASE WHEN NEW.hidden = 0 THEN 1 ELSE 0 END)
    ON CONFLICT (kind, subject_id) DO UPDATE SET n = listing_counts.n + 1,
      shown = listing_counts.shown + CASE WHEN NEW.hidden = 0 THEN 1 ELSE 0 END;
  ELSE
    UPDATE listing_counts SET n = n - 1,
      shown = shown - CASE WHEN OLD.hidden = 0 THEN 1 ELSE 0 END
    WHERE kind = OLD.kind AND subject_id = OLD.subject_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER listing_count AFTER INSERT OR DELETE ON listing
FOR EACH ROW EXECUTE FUNCTION warta_listing_count();
