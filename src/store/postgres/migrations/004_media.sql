-- Uploaded files (originals and variants), so that every node serves every
-- upload (store/media_store.h). Keyed by the path below /media/, which is
-- named by the content's hash: rows are written once and never change.
CREATE TABLE media (
  path       TEXT PRIMARY KEY,
  bytes      BYTEA NOT NULL,
  created_at BIGINT NOT NULL
);
