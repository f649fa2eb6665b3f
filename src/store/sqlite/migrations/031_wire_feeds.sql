-- warta schema 031 (wire ingestion): the items of agency feeds already seen
-- and the status of each feed's fetches.
-- An item is known by (feed, item_key): its guid, else its link. content_hash
-- tells a changed item; fingerprint (normalised title + text) finds the same
-- story arriving from another feed. relation: 'origin' (the article was made
-- from this item) or 'duplicate' (linked to an existing article).
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
  name          TEXT PRIMARY KEY,
  source        TEXT NOT NULL DEFAULT '',  -- last URL or file fetched
  last_fetch    BIGINT NOT NULL DEFAULT 0,
  last_success  BIGINT NOT NULL DEFAULT 0,
  last_error    TEXT NOT NULL DEFAULT '',
  fetches       BIGINT NOT NULL DEFAULT 0,
  failures      BIGINT NOT NULL DEFAULT 0,
  last_items    BIGINT NOT NULL DEFAULT 0,  -- items in the last good fetch
  last_created  BIGINT NOT NULL DEFAULT 0,
  last_updated  BIGINT NOT NULL DEFAULT 0,
  last_linked   BIGINT NOT NULL DEFAULT 0
);
