// PgStore: uploaded files' bytes (migration 004), so every node serves
// every upload.
#include "store/postgres/pg_store_impl.h"

namespace warta::pg {

Status PgStore::PutMedia(const std::string& path, std::string_view bytes) {
  // Not a content write (no change seq, no page keys): a new upload changes
  // no page until an article names it. One autocommitted statement.
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("INSERT INTO media (path, bytes, created_at) "
                             "VALUES (?, ?, ?) ON CONFLICT (path) DO NOTHING"));
  return st.Bind(1, path).BindBlob(2, bytes).Bind(3, clock_.Now()).Run();
}

Result<std::string> PgStore::GetMedia(const std::string& path) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT bytes FROM media WHERE path = ?"));
  st.Bind(1, path);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("media " + path);
  return st.Text(0);
}

Result<std::vector<MediaStore::StoredMedia>> PgStore::ListRecentMedia(
    int limit) {
  // media_created_at (migration 010) keeps this a bounded index read: each
  // upload is one original and a few variants.
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT path, created_at FROM media "
                             "WHERE path LIKE '%-o.%' "
                             "ORDER BY created_at DESC, path DESC LIMIT ?"));
  st.Bind(1, static_cast<std::int64_t>(limit));
  std::vector<StoredMedia> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back({st.Text(0), st.Int(1)});
  }
  return out;
}

}  // namespace warta::pg
