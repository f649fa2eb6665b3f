// MediaStore: uploaded files (originals and their variants): a row per file
// in every SQL store, for the media library, and the bytes too in backends
// shared by several nodes. Part of the Store interface. Thread-safe.
#ifndef WARTA_STORE_MEDIA_STORE_H_
#define WARTA_STORE_MEDIA_STORE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace warta {

class MediaStore {
 public:
  virtual ~MediaStore() = default;

  // True when uploads' bytes live in the store, so that every node on the
  // same database serves every upload (PostgreSQL; each node keeps a disk
  // copy in DATA/media as a cache). False for the embedded SQLite store,
  // whose one process serves DATA/media itself: Put does nothing and Get
  // finds nothing.
  virtual bool KeepsMedia() const { return false; }

  // Records a file under its path below /media/ ("2026/12/HASH-WxH-o.png")
  // with the time (for ListRecentMedia), and keeps its bytes when the store
  // KeepsMedia (the embedded store records the row only). Names are content
  // hashes: a path always holds the same bytes, so storing one again changes
  // nothing.
  virtual Status PutMedia(const std::string& path, std::string_view bytes) {
    (void)path;
    (void)bytes;
    return Status::Ok();
  }
  // The file's bytes; NotFound when the store has none under `path`.
  virtual Result<std::string> GetMedia(const std::string& path) {
    return Status::NotFound("media " + path);
  }
  // The newest uploaded originals (paths below /media/ holding "-o."),
  // newest first, at most `limit`, each with when it was stored (unix
  // seconds): the media library lists uploads (made through any node) from
  // these rows, never from the disk. Empty in a store without media rows.
  struct StoredMedia {
    std::string path;
    std::int64_t created_at = 0;
  };
  virtual Result<std::vector<StoredMedia>> ListRecentMedia(int limit) {
    (void)limit;
    return std::vector<StoredMedia>{};
  }
};

}  // namespace warta

#endif  // WARTA_STORE_MEDIA_STORE_H_
