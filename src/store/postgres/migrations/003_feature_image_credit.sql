-- The SQLite backend's migration 049 (issue 12): the photo credit shown as
-- "Foto: ..." and the focal point a card crops around, in thousandths of the
-- width and height from the top left (500, 500: the centre).
ALTER TABLE articles ADD COLUMN feature_image_credit TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN feature_image_focal_x BIGINT NOT NULL DEFAULT 500;
ALTER TABLE articles ADD COLUMN feature_image_focal_y BIGINT NOT NULL DEFAULT 500;
