-- warta schema 070 (issue 10, import rate): articles_by_status (status,
-- published_at, id) is a prefix of articles_sitemap (status, published_at,
-- id, updated_at, noindex, no_ai, slug), which answers every read it
-- answered (the query-plan test, src/site/query_plan_test.cc, checks that no
-- read path scans). One index less to keep: a new article's row went into
-- eight indexes, three of them at a random place (its published_at).
DROP INDEX IF EXISTS articles_by_status;
