// Backup archives: a gzip-compressed POSIX tar (ustar) stream, so `tar tzf`
// lists one and `tar xzf` unpacks one without warta. Regular files only;
// names up to 255 bytes; sizes beyond 8 GiB use GNU's base-256 field.
// Each file's CRC-32 is computed while it is written or read, for the
// manifest. Not thread-safe: one thread per writer or reader.
#ifndef WARTA_OPS_ARCHIVE_H_
#define WARTA_OPS_ARCHIVE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace warta::ops {

struct ArchivedFile {
  std::string name;  // "warta.db", "media/2025/09/x.jpg"
  std::uint64_t size = 0;
  std::uint32_t crc32 = 0;
};

class ArchiveWriter {
 public:
  // Creates `path` (truncating it); `level` is the gzip level (1-9).
  static Result<std::unique_ptr<ArchiveWriter>> Create(const std::string& path,
                                                       int level = 6);
  ~ArchiveWriter();
  ArchiveWriter(const ArchiveWriter&) = delete;
  ArchiveWriter& operator=(const ArchiveWriter&) = delete;

  // Appends the file at `source` under `name`.
  Result<ArchivedFile> AddFile(const std::string& name,
                               const std::string& source);
  // Appends `bytes` under `name`.
  Result<ArchivedFile> AddBytes(const std::string& name,
                                std::string_view bytes);
  // Writes the end-of-archive blocks and closes; the archive is complete
  // (and flushed to disk) only when this succeeds.
  Status Finish();

 private:
  struct Impl;
  explicit ArchiveWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Reads every file of the archive at `path`, calling `sink(file, chunk)` with
// its bytes in order (chunk is empty once per file when the file is empty),
// then `done(file)` with its size and CRC-32. Fails on a damaged or
// truncated archive, or when a callback fails.
Status ReadArchive(const std::string& path,
                   const std::function<Status(const std::string& name)>& begin,
                   const std::function<Status(std::string_view chunk)>& sink,
                   const std::function<Status(const ArchivedFile& file)>& done);

}  // namespace warta::ops

#endif  // WARTA_OPS_ARCHIVE_H_
