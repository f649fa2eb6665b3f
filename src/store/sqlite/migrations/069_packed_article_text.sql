-- warta schema 069 (issue 10, import rate): an article's html and plain text
-- may be stored packed against its body (store/sqlite/derived_text.h: a
-- BLOB, a raw deflate stream with the body as its dictionary). The card
-- triggers cannot unpack (derived_text, the SQL function every warta
-- connection registers, is unknown to the sqlite3 shell, which must still
-- be able to write an article row): for a packed plain text they keep the
-- card's head as it was, and the write path (SqliteStore::WriteArticleRow)
-- sets the head itself. Rows written before keep their TEXT values.
DROP TRIGGER article_cards_insert;
DROP TRIGGER article_cards_update;
CREATE TRIGGER article_cards_insert AFTER INSERT ON articles
BEGIN
  INSERT INTO article_cards VALUES (NEW.id, NEW.slug, NEW.title,
    NEW.custom_excerpt, CASE WHEN typeof(NEW.plaintext) = 'blob' THEN ''
      ELSE SUBSTR(NEW.plaintext, 1, 400) END, NEW.dateline_city,
    NEW.dateline_outlet, NEW.source, NEW.source_url, NEW.feature_image,
    NEW.feature_image_alt, NEW.feature_image_caption, NEW.status,
    NEW.published_at, NEW.created_at, NEW.updated_at, NEW.word_count,
    NEW.reading_time, NEW.version, NEW.import_key, NEW.noindex, NEW.no_ai,
    NEW.featured, NEW.modified_at, NEW.correction, NEW.correction_at,
    NEW.withdrawn_at, NEW.withdrawn_reason, NEW.pending_tags,
    NEW.feature_image_credit, NEW.feature_image_focal_x,
    NEW.feature_image_focal_y, NEW.meta_title, NEW.meta_description,
    NEW.live_report, NEW.category_id, NEW.editor_id, NEW.deleted_at);
END;

-- Only writes of a card's columns (review state, owner: not on the card).
CREATE TRIGGER article_cards_update AFTER UPDATE OF id, slug, title,
  custom_excerpt, plaintext, dateline_city, dateline_outlet, source,
  source_url, feature_image, feature_image_alt, feature_image_caption,
  status, published_at, created_at, updated_at, word_count, reading_time,
  version, import_key, noindex, no_ai, featured, modified_at, correction,
  correction_at, withdrawn_at, withdrawn_reason, pending_tags,
  feature_image_credit, feature_image_focal_x, feature_image_focal_y,
  meta_title, meta_description, live_report, category_id, editor_id,
  deleted_at ON articles
BEGIN
  DELETE FROM article_cards WHERE id = OLD.id AND OLD.id IS NOT NEW.id;
  INSERT OR REPLACE INTO article_cards VALUES (NEW.id, NEW.slug, NEW.title,
    NEW.custom_excerpt, CASE WHEN typeof(NEW.plaintext) = 'blob'
      THEN COALESCE((SELECT plaintext_head FROM article_cards
                     WHERE id = NEW.id), '')
      ELSE SUBSTR(NEW.plaintext, 1, 400) END, NEW.dateline_city,
    NEW.dateline_outlet, NEW.source, NEW.source_url, NEW.feature_image,
    NEW.feature_image_alt, NEW.feature_image_caption, NEW.status,
    NEW.published_at, NEW.created_at, NEW.updated_at, NEW.word_count,
    NEW.reading_time, NEW.version, NEW.import_key, NEW.noindex, NEW.no_ai,
    NEW.featured, NEW.modified_at, NEW.correction, NEW.correction_at,
    NEW.withdrawn_at, NEW.withdrawn_reason, NEW.pending_tags,
    NEW.feature_image_credit, NEW.feature_image_focal_x,
    NEW.feature_image_focal_y, NEW.meta_title, NEW.meta_description,
    NEW.live_report, NEW.category_id, NEW.editor_id, NEW.deleted_at);
END;

