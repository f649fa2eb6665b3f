#include "http/compression.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <cstdlib>
#include <optional>
#include <stdexcept>

#include "base/strings.h"

namespace warta::http {
namespace {

constexpr int kGzipWindowBits = 15 + 16;  // 16: gzip wrapper, not zlib

// Parses a q-value ("0", "0.5", "1.000"); 1 when absent or malformed.
double ParseQ(std::string_view params) {
  SplitPieces pieces(params, ';');
  for (std::string_view p; pieces.Next(&p);) {
    p = Trim(p);
    if (p.size() < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=') continue;
    std::string value(Trim(p.substr(2)));
    char* end = nullptr;
    double q = std::strtod(value.c_str(), &end);
    if (end == value.c_str() || q < 0 || q > 1) return 1;
    return q;
  }
  return 1;
}

void Deflate(z_stream& zs, std::string_view in, int flush, std::string& out) {
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  char buf[16384];
  int rc;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = deflate(&zs, flush);
    if (rc == Z_STREAM_ERROR) throw std::runtime_error("deflate failed");
    out.append(buf, sizeof buf - zs.avail_out);
  } while (zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
}

}  // namespace

std::string_view CodingName(Coding c) {
  switch (c) {
    case Coding::kGzip:
      return "gzip";
    case Coding::kBrotli:
      return "br";
    case Coding::kIdentity:
      break;
  }
  return "identity";
}

double CodingQuality(std::string_view accept_encoding,
                     std::string_view coding) {
  std::optional<double> own, star;
  SplitPieces items(accept_encoding, ',');
  for (std::string_view item; items.Next(&item);) {
    size_t semi = item.find(';');
    std::string_view name = Trim(item.substr(0, semi));
    double q = semi == std::string_view::npos ? 1 : ParseQ(item.substr(semi));
    if (EqualsIgnoreAsciiCase(name, coding) ||
        (coding == "gzip" && EqualsIgnoreAsciiCase(name, "x-gzip"))) {
      own = q;
    } else if (name == "*") {
      star = q;
    }
  }
  if (own) return *own;
  if (star) return *star;
  return 0;
}

Coding PreferredCoding(std::string_view accept_encoding) {
  if (accept_encoding.empty()) return Coding::kIdentity;
  double q_br = CodingQuality(accept_encoding, "br");
  double q_gzip = CodingQuality(accept_encoding, "gzip");
  if (q_br > 0 && q_br >= q_gzip) return Coding::kBrotli;
  if (q_gzip > 0) return Coding::kGzip;
  return Coding::kIdentity;
}

bool IsCompressibleType(std::string_view content_type) {
  std::string type =
      AsciiLower(Trim(content_type.substr(0, content_type.find(';'))));
  std::string_view t = type;
  if (t.starts_with("text/")) return true;
  if (t.ends_with("+json") || t.ends_with("+xml")) return true;
  return t == "application/json" || t == "application/xml" ||
         t == "application/javascript" || t == "application/x-javascript" ||
         t == "application/ecmascript" || t == "image/svg+xml" ||
         t == "application/manifest+json" || t == "application/ld+json";
}

std::string GzipCompress(std::string_view data, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, kGzipWindowBits, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out;
  out.reserve(data.size() / 3 + 64);
  Deflate(zs, data, Z_FINISH, out);
  deflateEnd(&zs);
  return out;
}

std::string BrotliCompress(std::string_view data, int quality) {
  size_t size = BrotliEncoderMaxCompressedSize(data.size());
  if (size == 0) size = data.size() + 1024;
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                             data.size(),
                             reinterpret_cast<const uint8_t*>(data.data()),
                             &size, reinterpret_cast<uint8_t*>(out.data()))) {
    throw std::runtime_error("brotli compression failed");
  }
  out.resize(size);
  return out;
}

Result<std::string> GzipDecompress(std::string_view data,
                                   std::size_t max_size) {
  z_stream zs{};
  if (inflateInit2(&zs, kGzipWindowBits) != Z_OK) {
    return Status::Internal("inflateInit2 failed");
  }
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[16384];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return Status::InvalidArgument("corrupt gzip data");
    }
    out.append(buf, sizeof buf - zs.avail_out);
    if (out.size() > max_size) {
      inflateEnd(&zs);
      return Status::ResourceExhausted("gzip output over limit");
    }
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return Status::InvalidArgument("truncated gzip data");
    }
  }
  inflateEnd(&zs);
  return out;
}

Result<std::string> BrotliDecompress(std::string_view data,
                                     std::size_t max_size) {
  BrotliDecoderState* st =
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (!st) return Status::Internal("brotli decoder");
  const uint8_t* next_in = reinterpret_cast<const uint8_t*>(data.data());
  size_t avail_in = data.size();
  std::string out;
  uint8_t buf[16384];
  BrotliDecoderResult rc = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
  while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
    uint8_t* next_out = buf;
    size_t avail_out = sizeof buf;
    rc = BrotliDecoderDecompressStream(st, &avail_in, &next_in, &avail_out,
                                       &next_out, nullptr);
    out.append(reinterpret_cast<char*>(buf), sizeof buf - avail_out);
    if (out.size() > max_size) {
      BrotliDecoderDestroyInstance(st);
      return Status::ResourceExhausted("brotli output over limit");
    }
  }
  BrotliDecoderDestroyInstance(st);
  if (rc != BROTLI_DECODER_RESULT_SUCCESS) {
    return Status::InvalidArgument("corrupt or truncated brotli data");
  }
  return out;
}

struct GzipStream::State {
  z_stream zs{};
};

GzipStream::GzipStream(int level) : state_(std::make_unique<State>()) {
  if (deflateInit2(&state_->zs, level, Z_DEFLATED, kGzipWindowBits, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
}

GzipStream::~GzipStream() { deflateEnd(&state_->zs); }

void GzipStream::Write(std::string_view in, std::string& out) {
  if (in.empty()) return;
  Deflate(state_->zs, in, Z_SYNC_FLUSH, out);
}

void GzipStream::Finish(std::string& out) {
  Deflate(state_->zs, {}, Z_FINISH, out);
}

}  // namespace warta::http
