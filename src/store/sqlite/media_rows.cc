// SqliteStore: the media rows (migration 060): a row per uploaded file, from
// which the media library lists the newest uploads (store/sql/
// media_rows.h). The bytes stay in DATA/media, which this one process
// serves itself.
#include <sys/stat.h>

#include <filesystem>

#include "store/sqlite/sqlite_store_impl.h"

namespace warta::sqlite {
namespace {

constexpr std::string_view kInsertMedia =
    "INSERT INTO media (path, created_at) VALUES (?, ?) "
    "ON CONFLICT (path) DO NOTHING";

}  // namespace

Status SqliteStore::PutMediaFiles(const std::vector<MediaFile>& files) {
  WARTA_RETURN_IF_ERROR(CheckMediaPaths(files));
  // The bytes are in DATA/media. Not a content write (no change seq, no
  // page keys): a new upload changes no page until an article names it.
  return WriteQuiet([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare(kInsertMedia));
    for (const MediaFile& f : files) {
      WARTA_RETURN_IF_ERROR(st.Bind(1, f.path).Bind(2, clock_.Now()).Run());
      st.Reset();
    }
    return Status::Ok();
  });
}

Status RecordMediaOnDisk(Connection& c, const std::string& media_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (media_dir.empty() || !fs::is_directory(media_dir, ec))
    return Status::Ok();
  for (auto it = fs::recursive_directory_iterator(media_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string rel = fs::relative(it->path(), media_dir, ec).generic_string();
    if (ec || rel.find(".tmp-") != std::string::npos) continue;
    // When the file was written: the library's order, as it was on disk.
    struct stat info;
    if (::stat(it->path().c_str(), &info) != 0) continue;
    WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare(kInsertMedia));
    WARTA_RETURN_IF_ERROR(st.Bind(1, rel)
                              .Bind(2, static_cast<std::int64_t>(info.st_mtime))
                              .Run());
  }
  if (ec) return Status::IoError("listing " + media_dir + ": " + ec.message());
  return Status::Ok();
}

}  // namespace warta::sqlite
