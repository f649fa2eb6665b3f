// Rows (store/sql/rows.h), both SQL backends: the media library's newest
// uploads (MediaStore::ListRecentMedia) from the media rows each backend
// writes in PutMedia (SQLite migration 060: the row only; PostgreSQL
// migration 004: with the bytes).
#include "store/sql/rows.h"

namespace warta::sql {

template <typename Core>
Result<std::vector<MediaStore::StoredMedia>> Rows<Core>::ListRecentMedia(
    int limit) {
  // An index read, newest first (media_created_at: SQLite migration 060,
  // PostgreSQL 010), that stops after `limit` originals: each upload is one
  // original and a few variants.
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT path, created_at FROM media "
                             "WHERE path LIKE '%-o.%' "
                             "ORDER BY created_at DESC, path DESC LIMIT ?"));
  st.Bind(1, static_cast<std::int64_t>(limit));
  std::vector<MediaStore::StoredMedia> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back({st.Text(0), st.Int(1)});
  }
  return out;
}

}  // namespace warta::sql
