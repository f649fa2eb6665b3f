-- warta schema 050 (issue 12): the home page's pinned stories. Position 0
-- is the lead (with an optional expiry, UTC seconds), 1..4 the top stories
-- in order. Readers skip pins whose article is gone or not live.
CREATE TABLE home_pins (
  position INTEGER PRIMARY KEY CHECK (position BETWEEN 0 AND 4),
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  until INTEGER
);
