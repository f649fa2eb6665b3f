// Reads local files, transparently gunzipping .gz ones, whole or by line.
// Not thread-safe; one reader per thread.
#ifndef WARTA_INGEST_FILE_READER_H_
#define WARTA_INGEST_FILE_READER_H_

#include <memory>
#include <string>

#include "base/result.h"

namespace warta::ingest {

inline constexpr std::size_t kMaxImportFileBytes = 64u << 20;  // whole files
inline constexpr std::size_t kMaxImportLineBytes = 8u << 20;   // JSONL lines

class LineReader {
 public:
  static Result<std::unique_ptr<LineReader>> Open(const std::string& path);
  ~LineReader();
  // Next line without its '\n' (and '\r'); false at the end. A line over
  // kMaxImportLineBytes or a read error gives an error.
  Result<bool> Next(std::string& line);

 private:
  explicit LineReader(void* gz) : gz_(gz) {}
  void* gz_;  // gzFile
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
};

// The whole (decompressed) file; kResourceExhausted over kMaxImportFileBytes.
Result<std::string> ReadWholeFile(const std::string& path);

}  // namespace warta::ingest

#endif  // WARTA_INGEST_FILE_READER_H_
