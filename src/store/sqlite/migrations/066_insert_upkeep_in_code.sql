-- warta schema 066 (issue 10, import at archive scale): the upkeep of an
-- inserted article, link or listing row is done by the store's code on
-- every write, as 059 already did it inside batches (BatchUpkeep, written
-- when the write ends, sqlite_store_impl.h, or the batch, batch_rows.cc);
-- the insert triggers go.
--
-- In a batch those triggers stood aside, yet SQLite still ran each as a
-- sub-program with its WHEN for every row (17 firings an imported article).
-- A 100k import onto one article: the writer 273 -> 238 us an article
-- (docs/benchmarks.md, "The insert upkeep in code, the triggers dropped").
--
-- The links' feed_at is bound by every insert (article_rows.cc; RetireTag
-- copies it), so its fillers go too. The update and delete triggers stay;
-- of them only listing_count_delete stands aside in a batch (059).
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
