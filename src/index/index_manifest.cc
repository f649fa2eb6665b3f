#include "index/index_manifest.h"

#include <cstring>

#include "index/file_io.h"

namespace warta::index {
namespace {

constexpr char kMagic[8] = {'W', 'A', 'R', 'T', 'A', 'I', 'D', 'X'};

class Writer {
 public:
  void U64(std::uint64_t v) { Bytes(&v, sizeof v); }
  void Bytes(const void* p, std::size_t n) {
    out.append(static_cast<const char*>(p), n);
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool U64(std::uint64_t& v) { return Bytes(&v, sizeof v); }
  bool I64(std::int64_t& v) { return Bytes(&v, sizeof v); }
  bool Bytes(void* p, std::size_t n) {
    if (in_.size() - at_ < n) return false;
    std::memcpy(p, in_.data() + at_, n);
    at_ += n;
    return true;
  }
  // A count of items of `size` bytes that the rest can hold.
  bool Count(std::uint64_t& n, std::size_t size) {
    return U64(n) && n <= (in_.size() - at_) / size;
  }

 private:
  std::string_view in_;
  std::size_t at_ = 0;
};

void PutPairs(Writer& w,
              const std::vector<std::pair<std::int64_t, std::int64_t>>& v) {
  w.U64(v.size());
  for (const auto& [a, b] : v) {
    w.U64(static_cast<std::uint64_t>(a));
    w.U64(static_cast<std::uint64_t>(b));
  }
}

bool GetPairs(Reader& r,
              std::vector<std::pair<std::int64_t, std::int64_t>>& v) {
  std::uint64_t n;
  if (!r.Count(n, 16)) return false;
  v.resize(n);
  for (auto& [a, b] : v) {
    if (!r.I64(a) || !r.I64(b)) return false;
  }
  return true;
}

}  // namespace

Status WriteManifest(const std::string& dir, const IndexManifest& m) {
  Writer w;
  w.Bytes(kMagic, sizeof kMagic);
  w.U64(kManifestVersion);
  w.U64(static_cast<std::uint64_t>(m.seq));
  w.U64(m.has_base ? 1 : 0);
  w.U64(m.segments.size());
  for (const ManifestSegment& s : m.segments) {
    w.U64(s.file.size());
    w.Bytes(s.file.data(), s.file.size());
    w.U64(s.deleted.size());
    w.Bytes(s.deleted.data(), s.deleted.size() * sizeof(std::uint32_t));
  }
  PutPairs(w, m.small_docs);
  PutPairs(w, m.deleted_since_base);
  Checksum sum;
  sum.Update(w.out.data(), w.out.size());
  w.U64(sum.Digest());
  WARTA_ASSIGN_OR_RETURN(auto file,
                         AtomicFile::Create(dir + "/" + kManifestName));
  WARTA_RETURN_IF_ERROR(file->Append(w.out.data(), w.out.size()));
  return file->Commit();
}

Result<IndexManifest> ReadManifest(const std::string& dir) {
  const std::string path = dir + "/" + kManifestName;
  WARTA_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  auto damaged = [&](const std::string& why) {
    return Status::FailedPrecondition("index manifest " + path + ": " + why);
  };
  std::string_view all(reinterpret_cast<const char*>(file->data()),
                       file->size());
  if (all.size() < sizeof kMagic + 16 ||
      std::memcmp(all.data(), kMagic, sizeof kMagic) != 0)
    return damaged("not an index manifest");
  std::string_view body = all.substr(0, all.size() - 8);
  std::uint64_t stored;
  std::memcpy(&stored, all.data() + body.size(), 8);
  Checksum sum;
  sum.Update(body.data(), body.size());
  if (sum.Digest() != stored) return damaged("checksum mismatch");
  Reader r(body.substr(sizeof kMagic));
  IndexManifest m;
  std::uint64_t version, seq, has_base, segments;
  if (!r.U64(version)) return damaged("truncated");
  if (version != kManifestVersion)
    return damaged("format version " + std::to_string(version) +
                   ", this warta reads " + std::to_string(kManifestVersion));
  if (!r.U64(seq) || !r.U64(has_base) || !r.Count(segments, 16))
    return damaged("truncated");
  m.seq = static_cast<std::int64_t>(seq);
  m.has_base = has_base != 0;
  m.segments.resize(segments);
  for (ManifestSegment& s : m.segments) {
    std::uint64_t n;
    if (!r.Count(n, 1)) return damaged("truncated");
    s.file.resize(n);
    if (!r.Bytes(s.file.data(), n) || !r.Count(n, sizeof(std::uint32_t)))
      return damaged("truncated");
    s.deleted.resize(n);
    if (!r.Bytes(s.deleted.data(), n * sizeof(std::uint32_t)))
      return damaged("truncated");
    if (s.file.empty() || s.file.find('/') != std::string::npos)
      return damaged("bad segment name");
  }
  if (!GetPairs(r, m.small_docs) || !GetPairs(r, m.deleted_since_base))
    return damaged("truncated");
  return m;
}

}  // namespace warta::index
