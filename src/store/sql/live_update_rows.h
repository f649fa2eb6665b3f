// Rows (store/sql/rows.h), both SQL backends: the updates of live reports
// (store/live_update_store.h), kept in live_updates (migration 058).
#include <algorithm>

#include "store/sql/rows.h"

namespace warta::sql {
namespace {

constexpr std::string_view kUpdateColumns =
    "SELECT l.id, l.article_id, l.created_at, COALESCE(l.user_id, 0), "
    "COALESCE(u.name, ''), l.body FROM live_updates l "
    "LEFT JOIN users u ON u.id = l.user_id ";

LiveUpdate ReadUpdate(const auto& st) {
  LiveUpdate u;
  u.id = st.Int(0);
  u.article_id = st.Int(1);
  u.created_at = st.Int(2);
  u.user_id = st.Int(3);
  u.user_name = st.Text(4);
  u.body = st.Text(5);
  return u;
}

}  // namespace

template <typename Core>
Result<LiveUpdate> Rows<Core>::AddLiveUpdate(std::int64_t article_id,
                                             std::string_view body,
                                             std::int64_t user_id) {
  std::int64_t id = 0;
  WARTA_RETURN_IF_ERROR(Write([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("INSERT INTO live_updates (article_id, "
                           "created_at, user_id, body) SELECT id, ?, ?, ? "
                           "FROM articles WHERE id = ? AND deleted_at IS "
                           "NULL"));
    st.Bind(1, clock_.Now());
    st.Bind(2, user_id ? std::optional<std::int64_t>(user_id) : std::nullopt);
    st.Bind(3, std::string(body));
    st.Bind(4, article_id);
    WARTA_RETURN_IF_ERROR(st.Run());
    if (c.Changes() == 0)
      return Status::NotFound("article " + std::to_string(article_id))
          .WithReason("not_found", {{"what", "article"}});
    id = c.LastInsertId();
    NoteChangedKey("a:" + std::to_string(article_id));  // its page alone
    return Status::Ok();
  }));
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare(std::string(kUpdateColumns) + "WHERE l.id = ?"));
  st.Bind(1, id);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("live update " + std::to_string(id));
  return ReadUpdate(st);
}

template <typename Core>
Result<std::vector<LiveUpdate>> Rows<Core>::ListLiveUpdates(
    std::int64_t article_id, int limit) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare(std::string(kUpdateColumns) +
                             "WHERE l.article_id = ? ORDER BY l.id DESC "
                             "LIMIT ?"));
  st.Bind(1, article_id).Bind(2, std::clamp(limit, 1, 10000));
  std::vector<LiveUpdate> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadUpdate(st));
  }
  return out;
}

template <typename Core>
Status Rows<Core>::DeleteLiveUpdate(std::int64_t article_id,
                                    std::int64_t update_id) {
  return Write([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("DELETE FROM live_updates WHERE id = ? AND "
                           "article_id = ?"));
    WARTA_RETURN_IF_ERROR(st.Bind(1, update_id).Bind(2, article_id).Run());
    if (c.Changes() == 0)
      return Status::NotFound("live update " + std::to_string(update_id));
    NoteChangedKey("a:" + std::to_string(article_id));
    return Status::Ok();
  });
}

}  // namespace warta::sql
