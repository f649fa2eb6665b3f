// Response: what a handler returns. Bodies are shared, immutable strings so a
// cached page is sent without copying; a page cache may also attach the same
// bytes pre-compressed. A Response may instead stream its body in chunks.
// Thread-compatible.
#ifndef WARTA_HTTP_RESPONSE_H_
#define WARTA_HTTP_RESPONSE_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warta::http {

using Body = std::shared_ptr<const std::string>;

struct PreparedResponse;  // http/prepared.h

// Produces the next chunk of a streamed body into `chunk` (cleared by the
// caller). Returns false when there is no more data. Called from one thread at
// a time, possibly different threads over the life of the response.
using BodyStream = std::function<bool(std::string& chunk)>;

struct Response {
  Response() = default;
  // A response serialized earlier (a cache hit): the server sends its bytes
  // to GET and HEAD as they are. Only status and the bodies are filled in
  // (shared, not copied), so building it allocates nothing; the rest is in
  // prepared->source.
  explicit Response(std::shared_ptr<const PreparedResponse> p);

  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  // Extra header fields (Cache-Control, Location, ETag, Set-Cookie, ...).
  std::vector<std::pair<std::string, std::string>> headers;
  Body body;          // may be null for an empty body
  Body body_gzip;     // optional: the same bytes, gzip-compressed
  Body body_brotli;   // optional: the same bytes, brotli-compressed
  BodyStream stream;  // when set, body is ignored and sent chunked
  // When false the server never compresses this response on the fly.
  bool compressible = true;
  // When set, everything above is ignored for GET and HEAD (see
  // http/prepared.h).
  std::shared_ptr<const PreparedResponse> prepared;

  void SetHeader(std::string name, std::string value);
  // The first header with this (case-insensitive) name, or "".
  std::string_view Header(std::string_view name) const;

  static Response Html(int status, std::string html);
  static Response Text(int status, std::string text);
  static Response Json(int status, std::string json);
  // `status` is 301, 302, 303, 307 or 308.
  static Response Redirect(int status, std::string location);
  // A bare error page: "<status> <reason>" as text/plain.
  static Response Error(int status);
};

// "Not Found" for 404, "" for unknown codes.
std::string_view ReasonPhrase(int status);

}  // namespace warta::http

#endif  // WARTA_HTTP_RESPONSE_H_
