#include "index/segment_file.h"

#include <cstring>
#include <type_traits>
#include <utility>
#include <vector>

#include "index/file_io.h"

namespace warta::index {
namespace {

constexpr char kMagic[8] = {'W', 'A', 'R', 'T', 'A', 'S', 'E', 'G'};

struct SectionEntry {
  std::uint64_t offset = 0;
  std::uint64_t bytes = 0;
};

struct FileHeader {
  char magic[8] = {};
  std::uint32_t version = 0;
  std::uint32_t sections = 0;
  std::uint64_t layout = 0;  // sizes of the records: another ABI is rejected
  std::uint64_t file_size = 0;
  std::uint64_t body_checksum = 0;  // of bytes [sizeof(FileHeader), end)
  SegmentScalars scalars;
  SectionEntry table[kSegmentSections];
  std::uint64_t header_checksum = 0;  // of the bytes above
};
static_assert(std::is_trivially_copyable_v<FileHeader>);

// Records written as they are in memory carry no padding (segment.h).
static_assert(std::has_unique_object_representations_v<DocMeta> &&
              std::has_unique_object_representations_v<Block> &&
              std::has_unique_object_representations_v<TermInfo> &&
              std::has_unique_object_representations_v<ArticleDoc> &&
              std::has_unique_object_representations_v<KeyValue> &&
              std::has_unique_object_representations_v<SurfaceEntry>);

std::uint64_t Layout() {
  std::uint64_t h = 0;
  for (std::size_t s :
       {sizeof(DocMeta), sizeof(TermInfo), sizeof(Block), sizeof(ArticleDoc),
        sizeof(KeyValue), sizeof(SurfaceEntry), sizeof(FeatureWeight),
        sizeof(FeatureEntry), sizeof(SegmentScalars), sizeof(Impact)})
    h = h * 131 + s;
  return h;
}

std::uint64_t HeaderChecksum(const FileHeader& h) {
  Checksum c;
  c.Update(&h, offsetof(FileHeader, header_checksum));
  return c.Digest();
}

Status Damaged(const std::string& path, const std::string& why) {
  return Status::FailedPrecondition("index file " + path + ": " + why);
}

}  // namespace

Status WriteSegmentFile(const Segment& segment, const std::string& path) {
  std::vector<std::pair<const void*, std::size_t>> tables;
  segment.Visit([&](const auto& span) {
    tables.emplace_back(span.data(), span.size_bytes());
  });
  return WriteSegmentFile(
      segment.sc_,
      [&](int i, AtomicFile& file) {
        const auto& [data, bytes] = tables[i];
        return bytes > 0 ? file.Append(data, bytes) : Status::Ok();
      },
      path);
}

Status WriteSegmentFile(
    const SegmentScalars& scalars,
    const std::function<Status(int section, AtomicFile& file)>& section,
    const std::string& path) {
  WARTA_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(path));
  FileHeader h;
  WARTA_RETURN_IF_ERROR(file->Append(&h, sizeof h));
  file->ResetChecksum();
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kSegmentFileVersion;
  h.sections = kSegmentSections;
  h.layout = Layout();
  h.scalars = scalars;
  for (int i = 0; i < kSegmentSections; ++i) {
    WARTA_RETURN_IF_ERROR(file->Pad(8));
    h.table[i].offset = file->size();
    WARTA_RETURN_IF_ERROR(section(i, *file));
    h.table[i].bytes = file->size() - h.table[i].offset;
  }
  WARTA_RETURN_IF_ERROR(file->Pad(8));
  h.file_size = file->size();
  h.body_checksum = file->checksum().Digest();
  h.header_checksum = HeaderChecksum(h);
  WARTA_RETURN_IF_ERROR(file->WriteAt(0, &h, sizeof h));
  return file->Commit();
}

Result<std::shared_ptr<const Segment>> OpenSegmentFile(const std::string& path,
                                                       bool verify) {
  WARTA_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  FileHeader h;
  if (file->size() < sizeof h) return Damaged(path, "shorter than its header");
  std::memcpy(&h, file->data(), sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0)
    return Damaged(path, "not a segment file");
  if (h.header_checksum != HeaderChecksum(h))
    return Damaged(path, "header checksum mismatch");
  if (h.version != kSegmentFileVersion || h.sections != kSegmentSections ||
      h.layout != Layout())
    return Damaged(path, "format version " + std::to_string(h.version) +
                             ", this warta reads " +
                             std::to_string(kSegmentFileVersion));
  if (h.file_size != file->size())
    return Damaged(path, "length " + std::to_string(file->size()) +
                             ", expected " + std::to_string(h.file_size));
  if (verify) {
    WARTA_ASSIGN_OR_RETURN(std::uint64_t sum, file->ChecksumFrom(sizeof h));
    if (sum != h.body_checksum) return Damaged(path, "checksum mismatch");
  }

  std::shared_ptr<Segment> seg(new Segment());
  seg->sc_ = h.scalars;
  int i = 0;
  bool bad = false;
  seg->Visit([&](auto& span) {
    using T = typename std::remove_reference_t<decltype(span)>::element_type;
    const SectionEntry& e = h.table[i++];
    if (e.offset % 8 != 0 || e.offset > h.file_size ||
        e.bytes > h.file_size - e.offset || e.bytes % sizeof(T) != 0) {
      bad = true;
      return;
    }
    span = {reinterpret_cast<const T*>(file->data() + e.offset),
            e.bytes / sizeof(T)};
  });
  if (bad) return Damaged(path, "a section lies outside the file");
  // The tables must agree with each other (the checksum says they are what
  // was written; this guards the reader against a writer's bug).
  const std::size_t n = seg->t_.docs.size();
  const bool consistent =
      seg->t_.tag_offsets.size() == n + 1 &&
      seg->t_.author_offsets.size() == n + 1 &&
      seg->t_.by_article.size() == n &&
      seg->t_.feature_offsets.size() == n + 1 &&
      seg->t_.term_offsets.size() == seg->t_.terms.size() + 1 &&
      seg->t_.term_order.size() == seg->t_.terms.size() &&
      seg->t_.feature_ids.size() == seg->t_.feature_keys.size() &&
      seg->t_.list_offsets.size() == seg->t_.feature_keys.size() + 1 &&
      seg->t_.tag_offsets.back() <= seg->t_.tag_ids.size() &&
      seg->t_.author_offsets.back() <= seg->t_.author_ids.size() &&
      seg->t_.feature_offsets.back() <= seg->t_.doc_features.size() &&
      seg->t_.list_offsets.back() <= seg->t_.list_entries.size() &&
      seg->t_.term_offsets.back() <= seg->t_.term_text.size();
  if (!consistent) return Damaged(path, "tables disagree");
  seg->owner_ = std::move(file);
  seg->mapped_ = true;
  return std::shared_ptr<const Segment>(std::move(seg));
}

}  // namespace warta::index
