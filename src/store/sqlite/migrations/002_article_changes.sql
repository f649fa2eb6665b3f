-- warta schema, version 2: a log of article changes, written in the same
-- transaction as the change, so readers in this or another process (search
-- index, page caches, other nodes) can catch up from a sequence number.
CREATE TABLE article_changes (
  seq        BIGINT NOT NULL,        -- the meta.change_seq value of the write
  article_id BIGINT NOT NULL,        -- no foreign key: deleted articles stay listed
  changed_at BIGINT NOT NULL,
  PRIMARY KEY (seq, article_id)
);
CREATE INDEX article_changes_by_article ON article_changes (article_id, seq);
