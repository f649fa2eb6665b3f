-- warta schema 20: the newsroom. Accounts, sessions and API tokens (secrets
-- only as hashes), article revisions (compressed snapshots), the trash,
-- review state and settings edited in the admin.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,       -- lower-case
  name          TEXT NOT NULL,
  role          TEXT NOT NULL
                CHECK (role IN ('kontributor', 'penulis', 'editor', 'admin')),
  password_hash TEXT NOT NULL,              -- argon2id string
  author_id     BIGINT REFERENCES authors (id),
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,              -- BLAKE2b of the cookie value
  user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  hint         TEXT NOT NULL,
  scopes       TEXT NOT NULL,               -- space-separated
  created_at   BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at   BIGINT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, id);

CREATE TABLE revisions (
  id              INTEGER PRIMARY KEY,
  article_id      BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  article_version BIGINT NOT NULL,
  created_at      BIGINT NOT NULL,
  user_id         BIGINT,                   -- no foreign key: users may go
  kind            TEXT NOT NULL,
  note            TEXT NOT NULL DEFAULT '',
  title           TEXT NOT NULL,
  base_id         BIGINT,                   -- keyframe (deflate dictionary)
  chain           INTEGER NOT NULL DEFAULT 0,
  raw_size        BIGINT NOT NULL,
  snapshot_hash   TEXT NOT NULL,
  data            BLOB NOT NULL
);
CREATE INDEX revisions_by_article ON revisions (article_id, id);

ALTER TABLE articles ADD COLUMN deleted_at BIGINT;      -- in the trash since
ALTER TABLE articles ADD COLUMN created_by BIGINT;      -- user id
ALTER TABLE articles ADD COLUMN review_state TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN review_note TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_by_review ON articles (review_state, updated_at);

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
