-- warta schema 057 (issue 13): the SEO title and description (Ghost's
-- meta_title, meta_description) shown in <title>, the meta description and
-- shared links instead of the headline and excerpt when set.
ALTER TABLE articles ADD COLUMN meta_title TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN meta_description TEXT NOT NULL DEFAULT '';
