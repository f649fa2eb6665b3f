// Segment files: one immutable Segment per file under the data directory's
// index/ folder. A fixed header (magic, format version, the layout of the
// records, the file's length, checksums of the header and of the rest, the
// segment's scalars and a table of sections), then the segment's tables
// as they are in memory, each aligned to 8 bytes. Opening maps the file and
// points the segment's tables into the mapping: nothing is copied to the
// heap, and pages are read from disk as searches touch them.
// Thread-safe (pure functions; the segments are immutable).
#ifndef WARTA_INDEX_SEGMENT_FILE_H_
#define WARTA_INDEX_SEGMENT_FILE_H_

#include <functional>
#include <memory>
#include <string>

#include "base/result.h"
#include "index/file_io.h"
#include "index/segment.h"

namespace warta::index {

// Bumped whenever the layout of a segment file or its records changes:
// files of other versions are rebuilt.
inline constexpr std::uint32_t kSegmentFileVersion = 1;

// Writes `segment` to `path` atomically (a temporary file, fsync, rename).
Status WriteSegmentFile(const Segment& segment, const std::string& path);

// The same from a segment's scalars and its sections, which `section(i,
// file)` appends in section order (i from 0 to kSegmentSections - 1): for a
// builder that holds some of them outside memory (segment_builder.h).
Status WriteSegmentFile(
    const SegmentScalars& scalars,
    const std::function<Status(int section, AtomicFile& file)>& section,
    const std::string& path);

// Maps the segment file at `path` after checking its header, length and
// (with `verify`) the checksum of its contents, which reads the whole file:
// `verify` false is for a file this process has just written. NotFound
// when it is missing; FailedPrecondition when it is damaged, truncated or
// of another format version.
Result<std::shared_ptr<const Segment>> OpenSegmentFile(const std::string& path,
                                                       bool verify = true);

}  // namespace warta::index

#endif  // WARTA_INDEX_SEGMENT_FILE_H_
