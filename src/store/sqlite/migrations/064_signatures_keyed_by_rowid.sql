-- warta schema 064 (issue 10, import at archive scale): article_signatures
-- keyed by its rowid. 010 declared article_id BIGINT PRIMARY KEY, which is
-- not SQLite's rowid alias (only INTEGER PRIMARY KEY is): the key lived in
-- an index of its own beside the rowid table, so every look-up by article
-- (an import reads ~20 candidates' signatures an article) descended two
-- B-trees, and every insert wrote two. Now the article id is the rowid: one
-- B-tree, in article order.
CREATE TABLE article_signatures_064 (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  cluster_id BIGINT NOT NULL,
  minhash    TEXT NOT NULL
);
INSERT INTO article_signatures_064 (article_id, cluster_id, minhash)
  SELECT article_id, cluster_id, minhash FROM article_signatures
  ORDER BY article_id;
DROP TABLE article_signatures;
ALTER TABLE article_signatures_064 RENAME TO article_signatures;
CREATE INDEX article_signatures_by_cluster
  ON article_signatures (cluster_id, article_id);
