// Rows (store/sql/rows.h), both SQL backends: view counts (migration 046), the
// corrections log and withdrawn stories (migration 047).
#include <algorithm>

#include "store/sql/rows.h"

namespace warta::sql {

template <typename Core>
Status Rows<Core>::AddViews(
    Timestamp hour,
    const std::vector<std::pair<std::string, std::int64_t>>& by_slug) {
  if (by_slug.empty()) return Status::Ok();
  // No page shows these counts directly (Terpopuler refreshes on its own
  // clock): the change seq stays, no cached page is dropped.
  return WriteQuiet([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto hourly,
        c.Prepare("INSERT INTO article_views (hour, article_id, n) "
                  "SELECT ?, id, ? FROM articles WHERE slug = ? "
                  "ON CONFLICT (hour, article_id) DO UPDATE SET "
                  "n = article_views.n + excluded.n RETURNING article_id"));
    WARTA_ASSIGN_OR_RETURN(
        auto total,
        c.Prepare("INSERT INTO article_view_totals (article_id, n) "
                  "VALUES (?, ?) ON CONFLICT (article_id) DO "
                  "UPDATE SET n = article_view_totals.n + excluded.n"));
    for (const auto& [slug, n] : by_slug) {
      if (n <= 0) continue;
      hourly.Bind(1, hour).Bind(2, n).Bind(3, slug);
      WARTA_ASSIGN_OR_RETURN(bool row, hourly.Step());
      std::int64_t id = row ? hourly.Int(0) : 0;
      hourly.Reset();
      if (!row) continue;
      WARTA_RETURN_IF_ERROR(total.Bind(1, id).Bind(2, n).Run());
      total.Reset();
    }
    return Status::Ok();
  });
}

template <typename Core>
Result<std::vector<PopularArticle>> Rows<Core>::ListPopular(Timestamp since,
                                                            int limit) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  // The window's rows only (the primary key starts with the hour), each
  // article looked up by id. CROSS JOIN keeps SQLite from walking every
  // published article (the status index) and probing its views; grouping
  // by +article_id from taking the whole table in article order to save
  // the window's sort. PostgreSQL reads both as a plain join and group.
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare("SELECT +v.article_id AS article_id, SUM(v.n) AS views "
                    "FROM article_views v CROSS JOIN " +
                    std::string(Core::kCards) +
                    " a WHERE a.id = v.article_id AND v.hour >= ? AND "
                    "a.status = 'published' AND a.deleted_at IS NULL "
                    "GROUP BY +v.article_id ORDER BY views DESC, "
                    "article_id DESC LIMIT ?"));
  st.Bind(1, since).Bind(2, std::clamp(limit, 1, 100));
  std::vector<PopularArticle> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(PopularArticle{st.Int(0), st.Int(1)});
  }
  return out;
}

template <typename Core>
Result<std::map<std::int64_t, ArticleViews>> Rows<Core>::GetArticleViews(
    const std::vector<std::int64_t>& ids, Timestamp day_start,
    Timestamp week_start) {
  std::map<std::int64_t, ArticleViews> out;
  if (ids.empty()) return out;
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  const std::string list = JsonArray(ids);
  {
    WARTA_ASSIGN_OR_RETURN(
        auto st, (*r)->Prepare("SELECT article_id, n FROM article_view_totals "
                               "WHERE article_id IN (SELECT value FROM "
                               "json_each(?))"));
    st.Bind(1, list);
    while (true) {
      WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      out[st.Int(0)].total = st.Int(1);
    }
  }
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare("SELECT article_id, SUM(CASE WHEN hour >= ? THEN n ELSE 0 "
                    "END), SUM(n) FROM article_views WHERE article_id IN "
                    "(SELECT value FROM json_each(?)) AND hour >= ? "
                    "GROUP BY article_id"));
  st.Bind(1, day_start).Bind(2, list).Bind(3, week_start);
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    ArticleViews& v = out[st.Int(0)];
    v.today = st.Int(1);
    v.week = st.Int(2);
  }
  return out;
}

template <typename Core>
Status Rows<Core>::PruneViews(Timestamp before) {
  return WriteQuiet([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("DELETE FROM article_views WHERE hour < ?"));
    return st.Bind(1, before).Run();
  });
}

template <typename Core>
Result<std::vector<CorrectionEntry>> Rows<Core>::ListCorrections(
    Timestamp before, int limit, int offset) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare(
          // CROSS JOIN: SQLite walks the corrections and looks each
          // article up, not every published article (the status index).
          "SELECT k.id, k.article_id, k.text, k.created_at "
          "FROM corrections k CROSS JOIN " +
          std::string(Core::kCards) +
          " a WHERE a.id = "
          "k.article_id AND k.created_at <= ? AND a.status = "
          "'published' AND a.deleted_at IS NULL ORDER BY k.created_at DESC, "
          "k.id DESC LIMIT ? OFFSET ?"));
  st.Bind(1, before)
      .Bind(2, std::clamp(limit, 0, 1000))
      .Bind(3, std::max(offset, 0));
  std::vector<CorrectionEntry> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(CorrectionEntry{st.Int(0), st.Int(1), st.Text(2), st.Int(3)});
  }
  return out;
}

template <typename Core>
Result<WithdrawnArticle> Rows<Core>::FindWithdrawn(std::string_view slug) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT id, title, withdrawn_at, "
                             "withdrawn_reason FROM articles WHERE slug = ? "
                             "AND withdrawn_at IS NOT NULL AND "
                             "status <> 'published' AND deleted_at IS "
                             "NULL"));
  st.Bind(1, slug);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("withdrawn article " + std::string(slug));
  return WithdrawnArticle{st.Int(0), st.Text(1), st.Int(2), st.Text(3)};
}

}  // namespace warta::sql
