// MediaStore: uploaded files (originals and their variants): a row per file
// in every SQL store, for the media library, and the bytes too in backends
// shared by several nodes. Part of the Store interface. Thread-safe.
#ifndef WARTA_STORE_MEDIA_STORE_H_
#define WARTA_STORE_MEDIA_STORE_H_

#include <algorithm>
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

  // One file to record: its path below /media/ ("2026/12/HASH-WxH-o.png")
  // and its bytes.
  struct MediaFile {
    std::string path;
    std::string_view bytes;
  };
  // Records the files of one upload (an original and its variants), each
  // under its path with the time (for ListRecentMedia), and keeps their
  // bytes when the store KeepsMedia (the embedded store records the rows
  // only). All or none: one transaction, so the original is never listed
  // without its variants, nor a variant kept from an upload that failed.
  // InvalidArgument, with nothing recorded, when a path is not a media path
  // (content/media.h). Names are content hashes: a path always holds the
  // same bytes, so storing one again changes nothing.
  virtual Status PutMediaFiles(const std::vector<MediaFile>& files) {
    (void)files;
    return Status::Ok();
  }
  // One file (PutMediaFiles).
  Status PutMedia(const std::string& path, std::string_view bytes) {
    return PutMediaFiles({{path, bytes}});
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

 protected:
  // InvalidArgument unless every path is a relative path below /media/:
  // not empty, no leading '/', no ".." segment, no NUL or backslash.
  static Status CheckMediaPaths(const std::vector<MediaFile>& files) {
    for (const MediaFile& f : files) {
      const std::string& p = f.path;
      bool bad =
          p.empty() || p.front() == '/' ||
          p.find_first_of(std::string_view("\\\0", 2)) != std::string::npos;
      for (std::size_t i = 0; !bad && i < p.size();) {
        std::size_t end = std::min(p.find('/', i), p.size());
        bad = end == i || p.compare(i, end - i, "..") == 0;
        i = end + 1;
      }
      if (bad) return Status::InvalidArgument("not a media path: " + p);
    }
    return Status::Ok();
  }
};

}  // namespace warta

#endif  // WARTA_STORE_MEDIA_STORE_H_
