// Slice files: the postings a SegmentBuilder of a large build has gathered
// since its last slice, written to a scratch file (TempFile) so that its
// memory stays bounded however many documents it is given; merged into the
// segment file at the end (segment_builder.h). One record per term with
// postings in the slice, in ascending term id: the varints term id,
// postings, document bytes and position bytes, then those bytes, in the
// builder's own encoding (gaps continue from the term's previous slice).
// Written once and read back once, in order. Each object is used by one
// thread.
#ifndef WARTA_INDEX_SLICE_FILE_H_
#define WARTA_INDEX_SLICE_FILE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "base/result.h"
#include "index/file_io.h"

namespace warta::index {

// Appends one term's record to `file`.
Status WriteSliceTerm(TempFile& file, std::uint32_t term,
                      std::uint32_t postings,
                      std::span<const std::uint8_t> docs,
                      std::span<const std::uint8_t> pos);

// Reads a slice file's records in order.
class SliceReader {
 public:
  // `file` is flushed and read from its start.
  explicit SliceReader(std::unique_ptr<TempFile> file)
      : file_(std::move(file)) {}

  // Reads the next record (or finds the end: done()). IoError when the
  // file is shorter than written.
  Status Next();
  bool done() const { return done_; }
  // The current record.
  std::uint32_t term() const { return term_; }
  std::uint32_t postings() const { return postings_; }
  const std::vector<std::uint8_t>& docs() const { return docs_; }
  const std::vector<std::uint8_t>& pos() const { return pos_; }

 private:
  Result<std::uint32_t> Varint();
  std::unique_ptr<TempFile> file_;
  std::uint64_t read_ = 0;
  bool done_ = false;
  std::uint32_t term_ = 0;
  std::uint32_t postings_ = 0;
  std::vector<std::uint8_t> docs_;
  std::vector<std::uint8_t> pos_;
};

}  // namespace warta::index

#endif  // WARTA_INDEX_SLICE_FILE_H_
