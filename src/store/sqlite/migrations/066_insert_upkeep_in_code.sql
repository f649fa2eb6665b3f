-- warta schema 066 (issue 10, import at archive scale): the upkeep of an
-- inserted article, link or listing row is done by the store's code on
-- every write, as 059 already did it inside batches (BatchUpkeep, written
-- when the write or the batch ends: store/sqlite/batch_rows.cc); the insert
-- triggers go.
--
-- In a batch those triggers stood aside, yet SQLite still ran each as a
-- sub-program with its WHEN for every row (17 firings an imported article)
-- and their presence gave the statements a statement journal: dropped on a
-- copy of a 100k archive, 18-22 us an article less for the writer
-- (docs/benchmarks.md, "The writer statement by statement").
--
-- The links' feed_at is bound by every insert (article_rows.cc; RetireTag
-- copies it), so its fillers go too. The update and delete triggers stay:
-- the delete ones still stand aside in a batch (059).
DROP TRIGGER taxonomy_lastmod_article_insert;
DROP TRIGGER sitemap_months_insert;
DROP TRIGGER feed_versions_article_insert;
DROP TRIGGER taxonomy_lastmod_tag;
DROP TRIGGER feed_versions_tag_link_insert;
DROP TRIGGER article_tags_feed_insert;
DROP TRIGGER taxonomy_lastmod_author;
DROP TRIGGER feed_versions_author_link_insert;
DROP TRIGGER article_authors_feed_insert;
DROP TRIGGER listing_count_insert;
