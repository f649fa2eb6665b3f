-- warta schema 061 (issue 10, cold pages at archive scale): an article's
-- card, its row without body, html and the whole plain text, in a table of
-- its own. In `articles` the card's small columns sit after those three
-- (about 12 KB at 1M), so reading a card walked the row's overflow pages:
-- each related card of an article page, each entry of a list page. Cards
-- are read by id (SqliteStore::LoadArticlesByIds without body) from here.
--
-- A rowid table, not WITHOUT ROWID: a card keeps up to about 4 KB on its
-- leaf page (an index-style B-tree spills past about 1 KB, and a long
-- caption, custom excerpt and meta description reach that). Kept by the
-- triggers below, so every write of `articles` keeps its card in the same
-- statement (the trigger has the new row at hand; the write path would read
-- it back or bind every column again). plaintext_head is what lists carry of
-- the plain text for excerpts: its first 400 characters.
CREATE TABLE article_cards (
  id                    INTEGER PRIMARY KEY,
  slug                  TEXT NOT NULL,
  title                 TEXT NOT NULL,
  custom_excerpt        TEXT NOT NULL,
  plaintext_head        TEXT NOT NULL,
  dateline_city         TEXT NOT NULL,
  dateline_outlet       TEXT NOT NULL,
  source                TEXT NOT NULL,
  source_url            TEXT NOT NULL,
  feature_image         TEXT NOT NULL,
  feature_image_alt     TEXT NOT NULL,
  feature_image_caption TEXT NOT NULL,
  status                TEXT NOT NULL,
  published_at          BIGINT,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL,
  word_count            INTEGER NOT NULL,
  reading_time          INTEGER NOT NULL,
  version               BIGINT NOT NULL,
  import_key            TEXT,
  noindex               INTEGER NOT NULL,
  no_ai                 INTEGER NOT NULL,
  featured              INTEGER NOT NULL,
  modified_at           BIGINT,
  correction            TEXT NOT NULL,
  correction_at         BIGINT,
  withdrawn_at          BIGINT,
  withdrawn_reason      TEXT NOT NULL,
  pending_tags          TEXT NOT NULL,
  feature_image_credit  TEXT NOT NULL,
  feature_image_focal_x INTEGER NOT NULL,
  feature_image_focal_y INTEGER NOT NULL,
  meta_title            TEXT NOT NULL,
  meta_description      TEXT NOT NULL,
  live_report           INTEGER NOT NULL,
  category_id           BIGINT,
  editor_id             BIGINT,
  deleted_at            BIGINT
);

INSERT INTO article_cards
  SELECT id, slug, title, custom_excerpt, SUBSTR(plaintext, 1, 400),
    dateline_city, dateline_outlet, source, source_url, feature_image,
    feature_image_alt, feature_image_caption, status, published_at,
    created_at, updated_at, word_count, reading_time, version, import_key,
    noindex, no_ai, featured, modified_at, correction, correction_at,
    withdrawn_at, withdrawn_reason, pending_tags, feature_image_credit,
    feature_image_focal_x, feature_image_focal_y, meta_title,
    meta_description, live_report, category_id, editor_id, deleted_at
  FROM articles ORDER BY id;

CREATE TRIGGER article_cards_insert AFTER INSERT ON articles
BEGIN
  INSERT INTO article_cards VALUES (NEW.id, NEW.slug, NEW.title,
    NEW.custom_excerpt, SUBSTR(NEW.plaintext, 1, 400), NEW.dateline_city,
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
    NEW.custom_excerpt, SUBSTR(NEW.plaintext, 1, 400), NEW.dateline_city,
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

CREATE TRIGGER article_cards_delete AFTER DELETE ON articles
BEGIN
  DELETE FROM article_cards WHERE id = OLD.id;
END;

-- A card's authors and tags (SqliteStore::LoadArticleLinks) from an index
-- alone, in position order: before, each was a search of the primary key's
-- index and then of the rowid table for the position (two more random pages
-- per card and link table at 1M) and a sort.
CREATE INDEX article_tags_by_article
  ON article_tags (article_id, position, tag_id);
CREATE INDEX article_authors_by_article
  ON article_authors (article_id, position, author_id);
