// URL handling for the client: absolute http(s) URLs and the resolution of a
// redirect's Location against the URL that answered. Pure functions,
// thread-safe.
#ifndef WARTA_HTTP_CLIENT_URL_H_
#define WARTA_HTTP_CLIENT_URL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace warta::http {

struct HttpUrl {
  bool https = false;
  std::string host;  // "example.com", "127.0.0.1", "::1" (no brackets)
  std::uint16_t port = 80;
  std::string target;  // "/path?query"; never empty; no fragment

  // "example.com", "example.com:8080", "[::1]:8080".
  std::string HostHeader() const;
  // "https://example.com:8443/path?q".
  std::string ToString() const;
};

// Parses "http://host[:port][/path][?query][#fragment]" (and https).
// Fails with kInvalidArgument on other schemes, user info, an empty host or a
// bad port.
Result<HttpUrl> ParseHttpUrl(std::string_view url);

// Resolves a Location value (absolute, "//host/x", "/x", "x", "../x", "?q")
// against `base` (RFC 3986 section 5.2) and returns an absolute URL.
std::string ResolveReference(const HttpUrl& base, std::string_view reference);

}  // namespace warta::http

#endif  // WARTA_HTTP_CLIENT_URL_H_
