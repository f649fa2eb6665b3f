// A small blocking HTTP/1.1 client for http:// and https:// URLs, for
// integration tests and for fetching agency feeds. https verifies the peer
// against the system's default CA paths (OpenSSL honours SSL_CERT_FILE /
// SSL_CERT_DIR) and checks the host name; SNI is sent. Thread-safe: every
// call uses its own connection and closes it afterwards.
#ifndef WARTA_HTTP_CLIENT_H_
#define WARTA_HTTP_CLIENT_H_

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "http/request.h"

namespace warta::http {

struct ClientRequest {
  Method method = Method::kGet;
  std::string url;  // "http://127.0.0.1:8080/berita/x"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // For each hop: resolve + connect + TLS + send + receive together.
  std::chrono::milliseconds timeout{10000};
  std::size_t max_body = 64 * 1024 * 1024;
  // Up to 5 hops when true; relative Locations are resolved. 303 (and
  // 301/302 after a POST) continue as GET without a body; Authorization and
  // Cookie are dropped when the host changes. After 5 hops the last redirect
  // response is returned as is.
  bool follow_redirects = false;
  // When false, a redirect may not lead to a loopback, private (RFC 1918,
  // fc00::/7), link-local or unspecified address (checked on the resolved
  // addresses, so DNS cannot point around it): kPermissionDenied. The URL
  // asked for is the caller's choice and is not checked.
  bool private_redirects = true;
  // The same check for the URL asked for itself, when it was taken from
  // content someone else wrote (an image URL in an agency's feed).
  bool private_target = true;
};

// Whether `address` ("127.0.0.1", "::1", "10.1.2.3", ...) is loopback,
// private, link-local, unspecified or otherwise not a public Internet host.
bool IsNonPublicAddress(std::string_view address);

struct ClientResponse {
  int status = 0;
  // Names lower-cased, in arrival order.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // decoded from chunked transfer; not decompressed
  // The first header with this (case-insensitive) name, or "".
  std::string Header(std::string_view name) const;
  std::string url;  // the URL that answered (after redirects)
};

// Fails with kUnavailable on connection, TLS and protocol errors and on
// timeouts, kInvalidArgument on a URL it cannot handle, kResourceExhausted on
// a body over max_body. Any HTTP status is a success. Sends Host,
// User-Agent ("warta/<version>") unless given, Content-Length when there is
// a body, and "Connection: close".
Result<ClientResponse> Fetch(const ClientRequest& request);

// Shorthand for a GET.
Result<ClientResponse> Get(const std::string& url);

}  // namespace warta::http

#endif  // WARTA_HTTP_CLIENT_H_
