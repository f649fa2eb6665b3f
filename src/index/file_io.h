// Durable files for the persisted search index: a streaming checksum, a
// writer that puts a file in place atomically (temporary file, fsync,
// rename, fsync of the directory), and a read-only memory mapping. Each
// object is used by one thread.
#ifndef WARTA_INDEX_FILE_IO_H_
#define WARTA_INDEX_FILE_IO_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace warta::index {

// A 64-bit checksum of a byte stream (xxHash64's rounds over four lanes);
// the same for any split of the stream into Update calls. Detects damage,
// not tampering.
class Checksum {
 public:
  void Update(const void* data, std::size_t size);
  std::uint64_t Digest() const;

 private:
  void Round(const unsigned char* p);
  std::uint64_t lanes_[4] = {0x9E3779B185EBCA87ULL, 0xC2B2AE3D27D4EB4FULL,
                             0x165667B19E3779F9ULL, 0x85EBCA77C2B2AE63ULL};
  unsigned char pending_[32];
  std::size_t pending_size_ = 0;
  std::uint64_t total_ = 0;
};

// Writes `path` through `path`.tmp; nothing is at `path` until Commit()
// succeeds. Destroying an uncommitted writer removes the temporary file.
class AtomicFile {
 public:
  static Result<std::unique_ptr<AtomicFile>> Create(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Appends bytes (buffered); the checksum covers what is appended.
  Status Append(const void* data, std::size_t size);
  // Appends zero bytes up to a multiple of `alignment`.
  Status Pad(std::size_t alignment);
  std::uint64_t size() const { return size_; }
  // Of the bytes appended since the last ResetChecksum().
  const Checksum& checksum() const { return checksum_; }
  void ResetChecksum() { checksum_ = Checksum(); }
  // Overwrites bytes already appended (a header written last); not
  // checksummed.
  Status WriteAt(std::uint64_t offset, const void* data, std::size_t size);
  // fsync, rename over `path`, fsync of the directory.
  Status Commit();

 private:
  AtomicFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  Status Flush();
  std::string path_;
  int fd_ = -1;
  std::string buffer_;
  std::uint64_t size_ = 0;
  Checksum checksum_;
  bool committed_ = false;
};

// A scratch file this process writes and then reads back once, from the
// start (the slices of a large index build, segment_builder.h): buffered
// appends, then buffered reads. Removed when the object goes; a crash
// leaves it behind for the next build to remove.
class TempFile {
 public:
  static Result<std::unique_ptr<TempFile>> Create(std::string path);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  Status Append(const void* data, std::size_t size);
  // Writes out what is buffered; then Read() may start.
  Status Flush();
  // The next `size` bytes after those read before; IoError past the end.
  Status Read(void* data, std::size_t size);
  std::uint64_t size() const { return size_; }
  const std::string& path() const { return path_; }

 private:
  TempFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_ = -1;
  std::string buffer_;         // appends not yet written, or bytes read ahead
  std::size_t buffer_at_ = 0;  // the next byte of buffer_ to read
  std::uint64_t size_ = 0;
  std::uint64_t read_at_ = 0;  // the file offset after buffer_
};

// A whole file mapped read-only; unmapped when the last owner goes.
class MappedFile {
 public:
  // NotFound when the file does not exist.
  static Result<std::shared_ptr<const MappedFile>> Open(
      const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const unsigned char* data() const { return data_; }
  std::size_t size() const { return size_; }
  // The checksum of bytes [offset, size()), read with pread so that the
  // pages are not counted in this process's resident memory.
  Result<std::uint64_t> ChecksumFrom(std::size_t offset) const;

 private:
  MappedFile(std::string path, int fd, const unsigned char* data,
             std::size_t size)
      : path_(std::move(path)), fd_(fd), data_(data), size_(size) {}
  std::string path_;
  int fd_;
  const unsigned char* data_;
  std::size_t size_;
};

}  // namespace warta::index

#endif  // WARTA_INDEX_FILE_IO_H_
