-- warta schema, version 1: articles and their taxonomies.
-- Times are BIGINT seconds since the Unix epoch, UTC. Portable SQL except
-- "INTEGER PRIMARY KEY" (SQLite's rowid alias; identity columns on PostgreSQL).

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('change_seq', 0);

CREATE TABLE categories (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL
);

CREATE TABLE tags (
  id         INTEGER PRIMARY KEY,
  slug       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE authors (
  id         INTEGER PRIMARY KEY,
  slug       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  bio        TEXT NOT NULL DEFAULT '',
  email      TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);

CREATE TABLE articles (
  id                    INTEGER PRIMARY KEY,
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
  word_count            INTEGER NOT NULL DEFAULT 0,
  reading_time          INTEGER NOT NULL DEFAULT 1,
  version               BIGINT NOT NULL DEFAULT 1,
  import_key            TEXT UNIQUE
);
CREATE INDEX articles_by_status ON articles (status, published_at, id);
CREATE INDEX articles_by_category ON articles (category_id, status, published_at, id);
CREATE INDEX articles_by_updated ON articles (updated_at, id);

CREATE TABLE article_authors (
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  author_id  BIGINT NOT NULL REFERENCES authors (id),
  position   INTEGER NOT NULL,
  PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_authors_by_author ON article_authors (author_id, article_id);

CREATE TABLE article_tags (
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  tag_id     BIGINT NOT NULL REFERENCES tags (id),
  position   INTEGER NOT NULL,
  PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id);

-- Slugs an article had before a rename; their URLs redirect (301).
CREATE TABLE slug_history (
  slug       TEXT PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
