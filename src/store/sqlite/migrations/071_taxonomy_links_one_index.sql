-- warta schema 071 (issue 10, import rate): a tag's links were kept in two
-- indexes, article_tags_by_tag (tag_id, article_id) and the partial
-- article_tags_feed (tag_id, feed_at, article_id) WHERE feed_at IS NOT NULL;
-- an author's the same. The feed index, made whole, answers what the other
-- did (a tag's article ids, the foreign key's check when a tag is deleted,
-- which cannot use a partial index), and its readers ask for feed_at IS NOT
-- NULL themselves. One index less to keep for each of an article's tags and
-- authors: three an imported article, each at its tag's end, hundreds of
-- index leaves rewritten by every batch's commit.
DROP INDEX IF EXISTS article_tags_by_tag;
DROP INDEX IF EXISTS article_tags_feed;
CREATE INDEX article_tags_feed ON article_tags (tag_id, feed_at, article_id);
DROP INDEX IF EXISTS article_authors_by_author;
DROP INDEX IF EXISTS article_authors_feed;
CREATE INDEX article_authors_feed
  ON article_authors (author_id, feed_at, article_id);
