-- The SQLite backend's migrations 050-051 (issue 12): the home page's
-- pinned stories and Ghost's `featured` flag. Position 0 is the lead (with
-- an optional expiry, UTC seconds), 1..4 the top stories in order. Readers
-- skip pins whose article is gone or not live.
CREATE TABLE home_pins (
  position   BIGINT PRIMARY KEY CHECK (position BETWEEN 0 AND 4),
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  until      BIGINT
);
-- Set by editors: featured stories among the latest rise into the home
-- page's top stories.
ALTER TABLE articles ADD COLUMN featured BIGINT NOT NULL DEFAULT 0;
