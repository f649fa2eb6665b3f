-- warta schema 048 (issue 13): tags a kontributor typed that do not exist
-- yet, kept with the article (one name a line) until an editor accepts
-- them on review, instead of failing the save.
ALTER TABLE articles ADD COLUMN pending_tags TEXT NOT NULL DEFAULT '';
