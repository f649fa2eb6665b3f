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

// Produces the next chunk of a streamed body into `chunk` (cleared by the
// caller). Returns false when there is no more data. Called from one thread at
// a time, possibly different threads over the life of the response.
using BodyStream = std::function<bool(std::string& chunk)>;

struct Response {
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
