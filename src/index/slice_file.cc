#include "index/slice_file.h"

#include "index/varint.h"

namespace warta::index {

Status WriteSliceTerm(TempFile& file, std::uint32_t term,
                      std::uint32_t postings,
                      std::span<const std::uint8_t> docs,
                      std::span<const std::uint8_t> pos) {
  std::vector<std::uint8_t> head;
  PutVarint(head, term);
  PutVarint(head, postings);
  PutVarint(head, static_cast<std::uint32_t>(docs.size()));
  PutVarint(head, static_cast<std::uint32_t>(pos.size()));
  WARTA_RETURN_IF_ERROR(file.Append(head.data(), head.size()));
  WARTA_RETURN_IF_ERROR(file.Append(docs.data(), docs.size()));
  return file.Append(pos.data(), pos.size());
}

Result<std::uint32_t> SliceReader::Varint() {
  std::uint32_t v = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    std::uint8_t b;
    WARTA_RETURN_IF_ERROR(file_->Read(&b, 1));
    ++read_;
    v |= static_cast<std::uint32_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
  return Status::IoError(file_->path() + ": bad varint");
}

Status SliceReader::Next() {
  if (read_ == file_->size()) {
    done_ = true;
    docs_ = {};
    pos_ = {};
    return Status::Ok();
  }
  WARTA_ASSIGN_OR_RETURN(term_, Varint());
  WARTA_ASSIGN_OR_RETURN(postings_, Varint());
  WARTA_ASSIGN_OR_RETURN(std::uint32_t doc_bytes, Varint());
  WARTA_ASSIGN_OR_RETURN(std::uint32_t pos_bytes, Varint());
  docs_.resize(doc_bytes);
  pos_.resize(pos_bytes);
  WARTA_RETURN_IF_ERROR(file_->Read(docs_.data(), doc_bytes));
  WARTA_RETURN_IF_ERROR(file_->Read(pos_.data(), pos_bytes));
  read_ += doc_bytes + pos_bytes;
  return Status::Ok();
}

}  // namespace warta::index
