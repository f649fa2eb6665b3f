// PgStore: uploaded files' bytes (migration 004), so every node serves
// every upload. The library's listing is the shared rows code
// (store/sql/media_rows.h).
#include "store/postgres/pg_store_impl.h"

namespace warta::pg {

Status PgStore::PutMediaFiles(const std::vector<MediaFile>& files) {
  WARTA_RETURN_IF_ERROR(CheckMediaPaths(files));
  // Not a content write (no change seq, no page keys): a new upload changes
  // no page until an article names it. On a reader connection, so large
  // bytes do not hold the writer; all files in one transaction (a savepoint
  // of this thread's batch, whose writer the reader then is).
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  auto body = [&]() -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto st,
        (*r)->Prepare("INSERT INTO media (path, bytes, created_at) "
                      "VALUES (?, ?, ?) ON CONFLICT (path) DO NOTHING"));
    for (const MediaFile& f : files) {
      WARTA_RETURN_IF_ERROR(
          st.Bind(1, f.path).BindBlob(2, f.bytes).Bind(3, clock_.Now()).Run());
      st.Reset();
    }
    return Status::Ok();
  };
  return InBatchHere() ? InSavepoint(**r, body) : InTransaction(**r, body);
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
