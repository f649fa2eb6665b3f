-- warta schema 046 (issue 13, Terpopuler): article views, counted in memory
-- by the server and added here in batches (site/view_counter.h). No
-- cookies, addresses or user agents: only how many views an article had in
-- an hour.
--
-- Views per UTC hour (`hour`: seconds since the epoch, a multiple of 3600).
-- Hours older than eight days are pruned; the totals stay.
CREATE TABLE article_views (
  hour       INTEGER NOT NULL,
  article_id INTEGER NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (hour, article_id)
) WITHOUT ROWID;
CREATE INDEX article_views_by_article ON article_views (article_id, hour);

-- Every view an article ever had.
CREATE TABLE article_view_totals (
  article_id INTEGER PRIMARY KEY,
  n          INTEGER NOT NULL
);
