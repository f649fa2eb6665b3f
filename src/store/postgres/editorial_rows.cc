// PgStore: trash, review state, scheduled publishing and settings.
#include "store/postgres/pg_store_impl.h"

namespace warta::pg {

Status PgStore::TrashArticle(std::int64_t id, Timestamp now) {
  return Write([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(auto st,
                           c.Prepare("UPDATE articles SET deleted_at = ? "
                                     "WHERE id = ? AND deleted_at IS NULL"));
    WARTA_RETURN_IF_ERROR(st.Bind(1, now).Bind(2, id).Run());
    if (c.Changes() == 0)
      return Status::NotFound("article " + std::to_string(id))
          .WithReason("not_found", {{"what", "article"}});
    return LogArticleChange(c, id);
  });
}

Status PgStore::RestoreArticle(std::int64_t id) {
  return Write([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("UPDATE articles SET deleted_at = NULL "
                           "WHERE id = ? AND deleted_at IS NOT NULL"));
    WARTA_RETURN_IF_ERROR(st.Bind(1, id).Run());
    if (c.Changes() == 0)
      return Status::NotFound("article " + std::to_string(id) + " in the trash")
          .WithReason("not_found", {{"what", "article"}});
    return LogArticleChange(c, id);
  });
}

Result<Article> PgStore::GetTrashedArticle(std::int64_t id) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  return LoadArticle(**r, "WHERE a.id = ? AND a.deleted_at IS NOT NULL", id);
}

Result<std::vector<MediaUse>> PgStore::ListMediaUses(const std::string& q,
                                                     int limit) {
  std::vector<MediaUse> out;
  if (limit <= 0) return out;
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  // As the SQLite backend: the newest articles only, one row per image
  // (its newest use's alt, caption and credit), newest first.
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare(
          "SELECT * FROM (SELECT DISTINCT ON (feature_image) feature_image, "
          "feature_image_alt, feature_image_caption, feature_image_credit, "
          "updated_at FROM (SELECT id, feature_image, feature_image_alt, "
          "feature_image_caption, feature_image_credit, updated_at FROM "
          "articles WHERE deleted_at IS NULL ORDER BY id DESC LIMIT ?) n "
          "WHERE feature_image LIKE '/media/%' AND (? = '' OR "
          "strpos(lower(feature_image_caption), lower(?)) > 0 OR "
          "strpos(lower(feature_image_credit), lower(?)) > 0) "
          "ORDER BY feature_image, updated_at DESC, id DESC) u "
          "ORDER BY updated_at DESC, feature_image LIMIT ?"));
  st.Bind(1, static_cast<std::int64_t>(kMediaUseArticles))
      .Bind(2, q)
      .Bind(3, q)
      .Bind(4, q)
      .Bind(5, static_cast<std::int64_t>(limit));
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back({st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Int(4)});
  }
  return out;
}

Result<std::map<std::int64_t, Workflow>> PgStore::GetWorkflows(
    const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, Workflow> out;
  if (ids.empty()) return out;
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(auto st,
                         (*r)->Prepare("SELECT id, COALESCE(created_by, 0), "
                                       "review_state, review_note, deleted_at, "
                                       "review_by, review_at "
                                       "FROM articles WHERE id IN "
                                       "(SELECT value FROM json_each(?))"));
  st.Bind(1, JsonArray(ids));
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Workflow w;
    w.created_by = st.Int(1);
    w.review_state = st.Text(2);
    w.review_note = st.Text(3);
    w.trashed_at = st.OptInt(4);
    w.review_by = st.Int(5);
    w.review_at = st.OptInt(6);
    out[st.Int(0)] = std::move(w);
  }
  return out;
}

Result<bool> PgStore::PublishScheduled(std::int64_t id, std::int64_t version,
                                       Timestamp now, const Revision* rev) {
  bool won = false;
  Status s = Write([&](Connection& c) -> Status {
    // The condition is checked by the UPDATE itself, inside the write
    // transaction: whichever process commits first wins, the others change
    // no row.
    WARTA_ASSIGN_OR_RETURN(
        auto st,
        c.Prepare("UPDATE articles SET status = 'published', "
                  "version = version + 1, updated_at = ?, review_state = '' "
                  "WHERE id = ? AND status = 'scheduled' AND version = ? AND "
                  "published_at IS NOT NULL AND published_at <= ? AND "
                  "deleted_at IS NULL"));
    WARTA_RETURN_IF_ERROR(
        st.Bind(1, now).Bind(2, id).Bind(3, version).Bind(4, now).Run());
    // Nothing to do: roll back, so the change sequence stays put.
    if (c.Changes() == 0) return Status::FailedPrecondition("not due");
    won = true;
    if (rev) WARTA_RETURN_IF_ERROR(InsertRevision(c, id, *rev, true));
    return LogArticleChange(c, id);
  });
  if (!s.ok() && !won && s.code() == StatusCode::kFailedPrecondition)
    return false;
  if (!s.ok()) return s;
  return won;
}

Result<std::map<std::string, std::string>> PgStore::LoadSettings() {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT key, value FROM settings ORDER BY key"));
  std::map<std::string, std::string> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out[st.Text(0)] = st.Text(1);
  }
  return out;
}

Status PgStore::SaveSettings(
    const std::map<std::string, std::string>& settings) {
  return Write([&](Connection& c) -> Status {
    for (const auto& [key, value] : settings) {
      WARTA_ASSIGN_OR_RETURN(
          auto st,
          c.Prepare("INSERT INTO settings (key, value, updated_at) VALUES "
                    "(?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = "
                    "excluded.value, updated_at = excluded.updated_at"));
      WARTA_RETURN_IF_ERROR(
          st.Bind(1, key).Bind(2, value).Bind(3, clock_.Now()).Run());
    }
    NoteChangedKey("site");  // settings can show on any page
    return Status::Ok();
  });
}

}  // namespace warta::pg
