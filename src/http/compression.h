// Content codings for the server (and for whoever fetches compressed feeds):
// Accept-Encoding negotiation, gzip and brotli in one piece, and a gzip
// encoder for streamed bodies. Functions are pure and thread-safe; a
// GzipStream is thread-compatible.
#ifndef WARTA_HTTP_COMPRESSION_H_
#define WARTA_HTTP_COMPRESSION_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace warta::http {

enum class Coding { kIdentity, kGzip, kBrotli };

// "gzip", "br" or "identity".
std::string_view CodingName(Coding c);

// The q-value (0..1) the Accept-Encoding field gives `coding` ("gzip", "br"):
// its own entry, else "*", else 0. "x-gzip" counts as "gzip". An absent or
// empty field accepts nothing but identity.
double CodingQuality(std::string_view accept_encoding, std::string_view coding);

// The coding a response that has every coding is sent in for
// `accept_encoding`: brotli when at least as preferred as gzip, then gzip,
// else identity (as PrepareOutgoing and ChoosePrepared pick).
Coding PreferredCoding(std::string_view accept_encoding);

// True for media types worth compressing: text/*, JSON, XML, JavaScript, SVG
// (and +json/+xml suffixes). Parameters such as "; charset=" are ignored.
bool IsCompressibleType(std::string_view content_type);

// One-shot encoders. `level` is zlib's 1..9; `quality` brotli's 0..11
// (5 is a good trade-off for bodies compressed per request).
std::string GzipCompress(std::string_view data, int level = 6);
std::string BrotliCompress(std::string_view data, int quality = 5);

// One-shot decoders; fail with kInvalidArgument on corrupt input and with
// kResourceExhausted when the output would exceed `max_size`.
Result<std::string> GzipDecompress(std::string_view data,
                                   std::size_t max_size = 64 << 20);
Result<std::string> BrotliDecompress(std::string_view data,
                                     std::size_t max_size = 64 << 20);

// A gzip encoder for a body that arrives in pieces. Each Write() flushes
// (Z_SYNC_FLUSH) so every chunk reaches the client at once; memory stays
// bounded by zlib's window.
class GzipStream {
 public:
  explicit GzipStream(int level = 6);
  ~GzipStream();
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  // Appends the compressed form of `in` to `out`.
  void Write(std::string_view in, std::string& out);
  // Appends the end of the stream (trailer) to `out`. Call once.
  void Finish(std::string& out);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace warta::http

#endif  // WARTA_HTTP_COMPRESSION_H_
