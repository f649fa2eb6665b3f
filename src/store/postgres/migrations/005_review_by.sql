-- The SQLite backend's migration 052 (issue 13): who put an article in its
-- review state (submitted, returned) and when, for the review banner.
ALTER TABLE articles ADD COLUMN review_by BIGINT NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN review_at BIGINT;
