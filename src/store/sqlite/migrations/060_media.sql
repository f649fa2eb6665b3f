-- warta schema 060: a row per uploaded file (originals and variants, named
-- by content hash below /media/), as PostgreSQL keeps them (its migrations
-- 004 and 010, without the bytes: DATA/media holds those here). The media
-- library lists the newest originals from these rows
-- (MediaStore::ListRecentMedia, store/sql/media_rows.h) instead of listing
-- DATA/media/YYYY/MM on each request. The files already in DATA/media are
-- recorded by the same migration, in code (RecordMediaOnDisk,
-- store/sqlite/media_rows.cc), with their modification times.
CREATE TABLE media (
  path       TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
-- Newest first, ties by path: read backwards, no sort, stops at the limit.
CREATE INDEX media_created_at ON media (created_at, path);
