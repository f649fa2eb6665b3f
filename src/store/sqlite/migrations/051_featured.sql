-- warta schema 051 (issue 12): Ghost's `featured` flag, set by editors.
-- Featured stories among the latest rise into the home page's top stories.
ALTER TABLE articles ADD COLUMN featured INTEGER NOT NULL DEFAULT 0;
