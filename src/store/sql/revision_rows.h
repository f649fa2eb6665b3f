// Rows (store/sql/rows.h), both SQL backends: article revisions.
#include <algorithm>

#include "store/sql/rows.h"

namespace warta::sql {
namespace {

constexpr std::string_view kRevisionColumns =
    "SELECT r.id, r.article_id, r.article_version, r.created_at, "
    "COALESCE(r.user_id, 0), COALESCE(u.name, ''), r.kind, r.note, r.title, "
    "COALESCE(r.base_id, 0), r.chain, r.raw_size, r.snapshot_hash, r.applied, ";

Revision ReadRevision(const auto& st) {
  Revision r;
  int i = 0;
  r.id = st.Int(i++);
  r.article_id = st.Int(i++);
  r.article_version = st.Int(i++);
  r.created_at = st.Int(i++);
  r.user_id = st.Int(i++);
  r.user_name = st.Text(i++);
  r.kind = st.Text(i++);
  r.note = st.Text(i++);
  r.title = st.Text(i++);
  r.base_id = st.Int(i++);
  r.chain = static_cast<int>(st.Int(i++));
  r.raw_size = st.Int(i++);
  r.snapshot_hash = st.Text(i++);
  r.applied = st.Int(i++) != 0;
  r.data = st.Text(i++);
  return r;
}

}  // namespace

template <typename Core>
Status Rows<Core>::InsertRevision(Connection& c, std::int64_t id,
                                  const Revision& rev, bool applied) {
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      c.Prepare(
          "INSERT INTO revisions (article_id, article_version, "
          "created_at, user_id, kind, note, title, base_id, chain, "
          "raw_size, snapshot_hash, data, applied) SELECT id, version, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ? FROM articles WHERE id = ? AND "
          "deleted_at IS NULL"));
  int i = 1;
  st.Bind(i++, clock_.Now());
  st.Bind(i++, rev.user_id ? std::optional<std::int64_t>(rev.user_id)
                           : std::nullopt);
  st.Bind(i++, rev.kind);
  st.Bind(i++, rev.note);
  st.Bind(i++, rev.title);
  st.Bind(i++, rev.base_id ? std::optional<std::int64_t>(rev.base_id)
                           : std::nullopt);
  st.Bind(i++, rev.chain);
  st.Bind(i++, rev.raw_size);
  st.Bind(i++, rev.snapshot_hash);
  st.BindBlob(i++, rev.data);
  st.Bind(i++, applied ? 1 : 0);
  st.Bind(i++, id);
  WARTA_RETURN_IF_ERROR(st.Run());
  if (c.Changes() == 0)
    return Status::NotFound("article " + std::to_string(id))
        .WithReason("not_found", {{"what", "article"}});
  return Status::Ok();
}

template <typename Core>
Status Rows<Core>::AddRevision(std::int64_t article_id, const Revision& rev) {
  return WriteQuiet([&](Connection& c) -> Status {
    return InsertRevision(c, article_id, rev, false);
  });
}

template <typename Core>
Result<std::vector<Revision>> Rows<Core>::ListRevisions(std::int64_t article_id,
                                                        int limit,
                                                        bool with_data) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  std::string sql(kRevisionColumns);
  sql += with_data ? "r.data " : "'' ";
  sql +=
      "FROM revisions r LEFT JOIN users u ON u.id = r.user_id "
      "WHERE r.article_id = ? ORDER BY r.id DESC LIMIT ?";
  WARTA_ASSIGN_OR_RETURN(auto st, (*r)->Prepare(sql));
  st.Bind(1, article_id).Bind(2, std::clamp(limit, 1, 100000));
  std::vector<Revision> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadRevision(st));
  }
  return out;
}

template <typename Core>
Result<Revision> Rows<Core>::GetRevision(std::int64_t revision_id) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare(std::string(kRevisionColumns) +
                             "r.data FROM revisions r LEFT JOIN users u ON "
                             "u.id = r.user_id WHERE r.id = ?"));
  st.Bind(1, revision_id);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row)
    return Status::NotFound("revision " + std::to_string(revision_id))
        .WithReason("not_found", {{"what", "revision"}});
  return ReadRevision(st);
}

}  // namespace warta::sql
