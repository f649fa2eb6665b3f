-- warta schema, version 10: near-duplicate clusters (search and lists show
-- one article per cluster). Each published article's MinHash signature
-- (hex, written by index/near_duplicate.h), the LSH band keys that find its
-- candidates, and its cluster: the id of the cluster's earliest member, the
-- article's own id when it has no near-duplicate.
CREATE TABLE article_signatures (
  article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  cluster_id BIGINT NOT NULL,
  minhash    TEXT NOT NULL
);
CREATE INDEX article_signatures_by_cluster
  ON article_signatures (cluster_id, article_id);

CREATE TABLE article_signature_bands (
  band_key   BIGINT NOT NULL,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  PRIMARY KEY (band_key, article_id)
);
CREATE INDEX article_signature_bands_by_article
  ON article_signature_bands (article_id);
