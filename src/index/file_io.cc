#include "index/file_io.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace warta::index {
namespace {

constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr std::size_t kBufferSize = 1 << 20;

std::uint64_t Rotl(std::uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

std::uint64_t Mix(std::uint64_t h, std::uint64_t v) {
  h ^= Rotl(v * kPrime2, 31) * kPrime1;
  return h * kPrime1 + 0x27D4EB2F165667C5ULL;
}

Status Errno(const std::string& what, const std::string& path) {
  return Status::IoError(what + " " + path + ": " + std::strerror(errno));
}

// Writes all of `buffer` to `fd` and empties it.
Status WriteOut(int fd, std::string& buffer, const std::string& path) {
  const char* p = buffer.data();
  std::size_t left = buffer.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Errno("cannot write", path);
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  buffer.clear();
  return Status::Ok();
}

// Appends to `buffer`, writing it out to `fd` when it would pass
// kBufferSize.
Status AppendBuffered(int fd, std::string& buffer, const void* data,
                      std::size_t size, const std::string& path) {
  auto p = static_cast<const char*>(data);
  if (buffer.size() + size > kBufferSize) {
    WARTA_RETURN_IF_ERROR(WriteOut(fd, buffer, path));
    if (size > kBufferSize) {
      buffer.assign(p, size);
      return WriteOut(fd, buffer, path);
    }
  }
  buffer.append(p, size);
  return Status::Ok();
}

}  // namespace

void Checksum::Round(const unsigned char* p) {
  for (int i = 0; i < 4; ++i) {
    std::uint64_t w;
    std::memcpy(&w, p + 8 * i, 8);
    lanes_[i] = Rotl(lanes_[i] + w * kPrime2, 31) * kPrime1;
  }
}

void Checksum::Update(const void* data, std::size_t size) {
  auto p = static_cast<const unsigned char*>(data);
  total_ += size;
  if (pending_size_ > 0) {
    std::size_t take = std::min(size, 32 - pending_size_);
    std::memcpy(pending_ + pending_size_, p, take);
    pending_size_ += take;
    p += take;
    size -= take;
    if (pending_size_ < 32) return;
    Round(pending_);
    pending_size_ = 0;
  }
  for (; size >= 32; p += 32, size -= 32) Round(p);
  std::memcpy(pending_, p, size);
  pending_size_ = size;
}

std::uint64_t Checksum::Digest() const {
  std::uint64_t h = total_;
  for (std::uint64_t lane : lanes_) h = Mix(h, lane);
  for (std::size_t i = 0; i < pending_size_; ++i) h = Mix(h, pending_[i]);
  h ^= h >> 33;
  h *= kPrime2;
  h ^= h >> 29;
  return h;
}

Result<std::unique_ptr<AtomicFile>> AtomicFile::Create(std::string path) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("cannot create", tmp);
  return std::unique_ptr<AtomicFile>(new AtomicFile(std::move(path), fd));
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink((path_ + ".tmp").c_str());
}

Status AtomicFile::Flush() { return WriteOut(fd_, buffer_, path_ + ".tmp"); }

Status AtomicFile::Append(const void* data, std::size_t size) {
  checksum_.Update(data, size);
  size_ += size;
  return AppendBuffered(fd_, buffer_, data, size, path_ + ".tmp");
}

Status AtomicFile::Pad(std::size_t alignment) {
  static const char kZeros[64] = {};
  std::size_t pad = (alignment - size_ % alignment) % alignment;
  return pad ? Append(kZeros, pad) : Status::Ok();
}

Status AtomicFile::WriteAt(std::uint64_t offset, const void* data,
                           std::size_t size) {
  WARTA_RETURN_IF_ERROR(Flush());
  if (::pwrite(fd_, data, size, static_cast<off_t>(offset)) !=
      static_cast<ssize_t>(size))
    return Errno("cannot write", path_ + ".tmp");
  return Status::Ok();
}

Status AtomicFile::Commit() {
  WARTA_RETURN_IF_ERROR(Flush());
  if (::fsync(fd_) != 0) return Errno("cannot sync", path_ + ".tmp");
  ::close(fd_);
  fd_ = -1;
  const std::string tmp = path_ + ".tmp";
  if (::rename(tmp.c_str(), path_.c_str()) != 0)
    return Errno("cannot rename", tmp);
  committed_ = true;
  std::string dir = std::filesystem::path(path_).parent_path().string();
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
}

Result<std::unique_ptr<TempFile>> TempFile::Create(std::string path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("cannot create", path);
  return std::unique_ptr<TempFile>(new TempFile(std::move(path), fd));
}

TempFile::~TempFile() {
  ::close(fd_);
  ::unlink(path_.c_str());
}

Status TempFile::Append(const void* data, std::size_t size) {
  size_ += size;
  return AppendBuffered(fd_, buffer_, data, size, path_);
}

Status TempFile::Flush() {
  buffer_at_ = 0;
  return WriteOut(fd_, buffer_, path_);
}

Status TempFile::Read(void* data, std::size_t size) {
  auto out = static_cast<char*>(data);
  while (size > 0) {
    if (buffer_at_ == buffer_.size()) {
      buffer_.resize(kBufferSize);
      ssize_t n = ::pread(fd_, buffer_.data(), buffer_.size(),
                          static_cast<off_t>(read_at_));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Errno("cannot read", path_);
      if (n == 0) return Status::IoError(path_ + ": shorter than written");
      buffer_.resize(static_cast<std::size_t>(n));
      buffer_at_ = 0;
      read_at_ += static_cast<std::uint64_t>(n);
    }
    std::size_t take = std::min(size, buffer_.size() - buffer_at_);
    std::memcpy(out, buffer_.data() + buffer_at_, take);
    buffer_at_ += take;
    out += take;
    size -= take;
  }
  return Status::Ok();
}

Result<std::shared_ptr<const MappedFile>> MappedFile::Open(
    const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound(path + ": no such file");
    return Errno("cannot open", path);
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    Status s = Errno("cannot stat", path);
    ::close(fd);
    return s;
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  void* p = nullptr;
  if (size > 0) {
    p = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
      Status s = Errno("cannot map", path);
      ::close(fd);
      return s;
    }
  }
  return std::shared_ptr<const MappedFile>(
      new MappedFile(path, fd, static_cast<const unsigned char*>(p), size));
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(const_cast<unsigned char*>(data_), size_);
  ::close(fd_);
}

Result<std::uint64_t> MappedFile::ChecksumFrom(std::size_t offset) const {
  Checksum sum;
  std::vector<char> buf(kBufferSize);
  std::size_t at = offset;
  while (at < size_) {
    ssize_t n = ::pread(fd_, buf.data(), std::min(buf.size(), size_ - at),
                        static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Errno("cannot read", path_);
    sum.Update(buf.data(), static_cast<std::size_t>(n));
    at += static_cast<std::size_t>(n);
  }
  return sum.Digest();
}

}  // namespace warta::index
