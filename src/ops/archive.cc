#include "ops/archive.h"

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <memory>
#include <vector>

namespace warta::ops {
namespace {

constexpr size_t kBlock = 512;
constexpr size_t kChunk = 256 * 1024;

void PutOctal(char* field, size_t width, std::uint64_t v) {
  // width - 1 digits and a NUL.
  std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1),
                static_cast<unsigned long long>(v));
}

// The 512-byte ustar header for a regular file.
Result<std::string> Header(const std::string& name, std::uint64_t size) {
  std::string h(kBlock, '\0');
  std::string prefix, base = name;
  if (name.size() > 100) {
    size_t cut = name.rfind('/', 155);
    if (cut == std::string::npos || name.size() - cut - 1 > 100) {
      return Status::InvalidArgument("archive name too long: " + name);
    }
    prefix = name.substr(0, cut);
    base = name.substr(cut + 1);
  }
  std::memcpy(&h[0], base.data(), base.size());
  PutOctal(&h[100], 8, 0644);
  PutOctal(&h[108], 8, 0);
  PutOctal(&h[116], 8, 0);
  if (size < (1ULL << 33)) {
    PutOctal(&h[124], 12, size);
  } else {  // GNU base-256: high bit set, big-endian
    h[124] = static_cast<char>(0x80);
    for (int i = 11; i >= 4; --i, size >>= 8) {
      h[124 + i] = static_cast<char>(size & 0xff);
    }
  }
  PutOctal(&h[136], 12, static_cast<std::uint64_t>(std::time(nullptr)));
  std::memset(&h[148], ' ', 8);
  h[156] = '0';
  std::memcpy(&h[257], "ustar", 6);
  std::memcpy(&h[263], "00", 2);
  std::memcpy(&h[265], "warta", 5);
  std::memcpy(&h[297], "warta", 5);
  std::memcpy(&h[345], prefix.data(), prefix.size());
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  std::snprintf(&h[148], 8, "%06o", sum);
  h[155] = ' ';
  return h;
}

std::uint64_t ParseSize(const char* f) {
  if (static_cast<unsigned char>(f[0]) & 0x80) {
    std::uint64_t v = 0;
    for (int i = 4; i < 12; ++i)
      v = (v << 8) | static_cast<unsigned char>(f[i]);
    return v;
  }
  std::uint64_t v = 0;
  for (int i = 0; i < 12 && f[i] >= '0' && f[i] <= '7'; ++i)
    v = v * 8 + (f[i] - '0');
  return v;
}

std::string Field(const char* f, size_t n) {
  return std::string(f, strnlen(f, n));
}

}  // namespace

struct ArchiveWriter::Impl {
  gzFile gz = nullptr;
  std::string path;

  Status Write(const void* data, size_t n) {
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
      unsigned part = static_cast<unsigned>(std::min<size_t>(n, 1 << 30));
      if (gzwrite(gz, p, part) != static_cast<int>(part)) {
        int err = 0;
        const char* msg = gzerror(gz, &err);
        return Status::IoError("writing " + path + ": " +
                               (err == Z_ERRNO ? std::strerror(errno) : msg));
      }
      p += part;
      n -= part;
    }
    return Status::Ok();
  }
  Status Pad(std::uint64_t size) {
    static const char kZeros[kBlock] = {};
    size_t rem = size % kBlock;
    return rem ? Write(kZeros, kBlock - rem) : Status::Ok();
  }
};

ArchiveWriter::ArchiveWriter(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

ArchiveWriter::~ArchiveWriter() {
  if (impl_->gz) gzclose(impl_->gz);
}

Result<std::unique_ptr<ArchiveWriter>> ArchiveWriter::Create(
    const std::string& path, int level) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  std::string mode = "wb" + std::to_string(level);
  impl->gz = gzopen(path.c_str(), mode.c_str());
  if (!impl->gz) {
    return Status::IoError("cannot create " + path + ": " +
                           std::strerror(errno));
  }
  gzbuffer(impl->gz, kChunk);
  return std::unique_ptr<ArchiveWriter>(new ArchiveWriter(std::move(impl)));
}

Result<ArchivedFile> ArchiveWriter::AddBytes(const std::string& name,
                                             std::string_view bytes) {
  ArchivedFile f{name, bytes.size(), 0};
  WARTA_ASSIGN_OR_RETURN(std::string h, Header(name, bytes.size()));
  WARTA_RETURN_IF_ERROR(impl_->Write(h.data(), h.size()));
  WARTA_RETURN_IF_ERROR(impl_->Write(bytes.data(), bytes.size()));
  WARTA_RETURN_IF_ERROR(impl_->Pad(bytes.size()));
  f.crc32 = static_cast<std::uint32_t>(
      crc32_z(0, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
  return f;
}

Result<ArchivedFile> ArchiveWriter::AddFile(const std::string& name,
                                            const std::string& source) {
  std::ifstream in(source, std::ios::binary | std::ios::ate);
  if (!in) return Status::IoError("cannot read " + source);
  std::uint64_t size = static_cast<std::uint64_t>(in.tellg());
  in.seekg(0);
  ArchivedFile f{name, size, 0};
  WARTA_ASSIGN_OR_RETURN(std::string h, Header(name, size));
  WARTA_RETURN_IF_ERROR(impl_->Write(h.data(), h.size()));
  std::vector<char> buf(kChunk);
  uLong crc = 0;
  std::uint64_t left = size;
  while (left > 0) {
    size_t n = static_cast<size_t>(std::min<std::uint64_t>(left, kChunk));
    if (!in.read(buf.data(), static_cast<std::streamsize>(n))) {
      return Status::IoError(source + " changed size while being archived");
    }
    crc = crc32_z(crc, reinterpret_cast<const Bytef*>(buf.data()), n);
    WARTA_RETURN_IF_ERROR(impl_->Write(buf.data(), n));
    left -= n;
  }
  WARTA_RETURN_IF_ERROR(impl_->Pad(size));
  f.crc32 = static_cast<std::uint32_t>(crc);
  return f;
}

Status ArchiveWriter::Finish() {
  static const char kZeros[2 * kBlock] = {};
  WARTA_RETURN_IF_ERROR(impl_->Write(kZeros, sizeof kZeros));
  int rc = gzclose(impl_->gz);
  impl_->gz = nullptr;
  if (rc != Z_OK) return Status::IoError("closing " + impl_->path);
  // The archive is durable before anyone relies on it.
  if (FILE* f = std::fopen(impl_->path.c_str(), "rb")) {
    ::fsync(fileno(f));
    std::fclose(f);
  }
  return Status::Ok();
}

Status ReadArchive(const std::string& path,
                   const std::function<Status(const std::string&)>& begin,
                   const std::function<Status(std::string_view)>& sink,
                   const std::function<Status(const ArchivedFile&)>& done) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) return Status::IoError("cannot open " + path);
  std::unique_ptr<gzFile_s, int (*)(gzFile)> closer(gz, gzclose);
  gzbuffer(gz, kChunk);
  auto read = [&](char* buf, size_t n) -> Status {
    int got = gzread(gz, buf, static_cast<unsigned>(n));
    if (got != static_cast<int>(n)) {
      int err = 0;
      const char* msg = gzerror(gz, &err);
      return Status::FailedPrecondition(
          path + " is damaged or truncated" +
          (err != Z_OK ? std::string(": ") + msg : std::string()));
    }
    return Status::Ok();
  };
  std::vector<char> buf(kChunk);
  char h[kBlock];
  while (true) {
    WARTA_RETURN_IF_ERROR(read(h, kBlock));
    bool zero = true;
    for (char c : h) zero = zero && c == 0;
    if (zero) {
      // End of archive: read on to the end of the gzip stream, whose
      // trailer (CRC-32 and length of everything) is checked there.
      int n;
      while ((n = gzread(gz, buf.data(), static_cast<unsigned>(buf.size()))) >
             0) {
      }
      int err = Z_OK;
      const char* msg = gzerror(gz, &err);
      if (n < 0 || err != Z_OK) {
        return Status::FailedPrecondition(path +
                                          " is damaged or truncated: " + msg);
      }
      return Status::Ok();
    }
    unsigned sum = 0;
    for (size_t i = 0; i < kBlock; ++i) {
      sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
    }
    unsigned stored = 0;
    for (int i = 148; i < 156 && h[i] >= '0' && h[i] <= '7'; ++i) {
      stored = stored * 8 + static_cast<unsigned>(h[i] - '0');
    }
    if (stored != sum) {
      return Status::FailedPrecondition(path +
                                        " is damaged: bad tar header checksum");
    }
    std::string name = Field(h, 100);
    std::string prefix = Field(h + 345, 155);
    if (!prefix.empty()) name = prefix + "/" + name;
    std::uint64_t size = ParseSize(h + 124);
    char type = h[156];
    bool regular = type == '0' || type == '\0';
    if (regular) WARTA_RETURN_IF_ERROR(begin(name));
    uLong crc = 0;
    std::uint64_t left = size;
    while (left > 0) {
      size_t n = static_cast<size_t>(std::min<std::uint64_t>(left, kChunk));
      WARTA_RETURN_IF_ERROR(read(buf.data(), n));
      if (regular) {
        crc = crc32_z(crc, reinterpret_cast<const Bytef*>(buf.data()), n);
        WARTA_RETURN_IF_ERROR(sink(std::string_view(buf.data(), n)));
      }
      left -= n;
    }
    if (size % kBlock)
      WARTA_RETURN_IF_ERROR(read(buf.data(), kBlock - size % kBlock));
    if (regular) {
      WARTA_RETURN_IF_ERROR(
          done(ArchivedFile{name, size, static_cast<std::uint32_t>(crc)}));
    }
  }
}

}  // namespace warta::ops
