-- The media library's newest uploads through any node
-- (MediaStore::ListRecentMedia): an index read, newest first.
CREATE INDEX media_created_at ON media (created_at DESC);
