// PgStore: uploaded files' bytes (migration 004), so every node serves
// every upload. The library's listing is the shared rows code
// (store/sql/media_rows.h).
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

}  // namespace warta::pg
