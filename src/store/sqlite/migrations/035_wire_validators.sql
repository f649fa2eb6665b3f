-- warta schema 035 (wire ingestion): conditional fetches of agency feeds.
-- Each URL a feed is fetched from keeps the validators of its last good
-- fetch (ETag, Last-Modified as the agency sent them), sent back as
-- If-None-Match / If-Modified-Since; a 304 answer means "no change".
CREATE TABLE wire_sources (
  feed          TEXT NOT NULL,
  source        TEXT NOT NULL,
  etag          TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (feed, source)
);

-- Fetches answered 304 Not Modified, and whether the last one was.
ALTER TABLE wire_feeds ADD COLUMN not_modified BIGINT NOT NULL DEFAULT 0;
ALTER TABLE wire_feeds ADD COLUMN last_not_modified INTEGER NOT NULL DEFAULT 0;
