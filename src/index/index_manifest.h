// The manifest of a persisted search index: which segment files under the
// index directory make it up (the base first, then the small segments of
// recent changes), the documents of each deleted since it was written, and
// the change-log sequence number the files reflect. Written atomically
// after the segment files, so a crash leaves the previous manifest and its
// files whole. Pure functions; thread-safe.
#ifndef WARTA_INDEX_INDEX_MANIFEST_H_
#define WARTA_INDEX_INDEX_MANIFEST_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace warta::index {

// 2: documents carry tag and category names (issue 13); older indexes are
// rebuilt.
inline constexpr std::uint32_t kManifestVersion = 2;
inline constexpr char kManifestName[] = "MANIFEST";

struct ManifestSegment {
  std::string file;                    // a name inside the index directory
  std::vector<std::uint32_t> deleted;  // its local documents deleted since
};

struct IndexManifest {
  std::int64_t seq = 0;   // ChangeStore::ChangeSeq the files reflect
  bool has_base = false;  // segments[0] is the base
  std::vector<ManifestSegment> segments;
  // Articles in small segments and deletions since the base was built,
  // each with the change-log number that put it there.
  std::vector<std::pair<std::int64_t, std::int64_t>> small_docs;
  std::vector<std::pair<std::int64_t, std::int64_t>> deleted_since_base;
};

// Writes DIR/MANIFEST atomically.
Status WriteManifest(const std::string& dir, const IndexManifest& manifest);

// NotFound when there is none; FailedPrecondition when it is damaged or of
// another version.
Result<IndexManifest> ReadManifest(const std::string& dir);

}  // namespace warta::index

#endif  // WARTA_INDEX_INDEX_MANIFEST_H_
