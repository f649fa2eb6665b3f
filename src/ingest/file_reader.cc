#include "ingest/file_reader.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>

namespace warta::ingest {

Result<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) {
    return Status::IoError("cannot open " + path + ": " +
                           (errno ? std::strerror(errno) : "out of memory"));
  }
  gzbuffer(gz, 256 * 1024);
  return std::unique_ptr<LineReader>(new LineReader(gz));
}

LineReader::~LineReader() { gzclose(static_cast<gzFile>(gz_)); }

Result<bool> LineReader::Next(std::string& line) {
  line.clear();
  while (true) {
    size_t nl = buffer_.find('\n', pos_);
    if (nl != std::string::npos) {
      line.append(buffer_, pos_, nl - pos_);
      pos_ = nl + 1;
      break;
    }
    line.append(buffer_, pos_, std::string::npos);
    buffer_.clear();
    pos_ = 0;
    if (line.size() > kMaxImportLineBytes) {
      return Status::ResourceExhausted("a line is longer than 8 MiB");
    }
    if (eof_) {
      if (line.empty()) return false;
      break;
    }
    buffer_.resize(256 * 1024);
    int n = gzread(static_cast<gzFile>(gz_), buffer_.data(),
                   static_cast<unsigned>(buffer_.size()));
    if (n < 0) {
      int err = 0;
      const char* msg = gzerror(static_cast<gzFile>(gz_), &err);
      return Status::IoError(std::string("read error: ") +
                             (msg ? msg : "unknown"));
    }
    buffer_.resize(static_cast<size_t>(n));
    if (n == 0) eof_ = true;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

Result<std::string> ReadWholeFile(const std::string& path) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) {
    return Status::IoError("cannot open " + path + ": " +
                           (errno ? std::strerror(errno) : "out of memory"));
  }
  std::string out;
  char buf[64 * 1024];
  while (true) {
    int n = gzread(gz, buf, sizeof buf);
    if (n < 0) {
      gzclose(gz);
      return Status::IoError("read error in " + path);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > kMaxImportFileBytes) {
      gzclose(gz);
      return Status::ResourceExhausted(path + " is larger than 64 MiB");
    }
  }
  gzclose(gz);
  return out;
}

}  // namespace warta::ingest
