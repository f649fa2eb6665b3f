// Request: one parsed HTTP request as handlers see it. Built by the server
// from Beast's message; handlers never see Beast. Thread-compatible.
#ifndef WARTA_HTTP_REQUEST_H_
#define WARTA_HTTP_REQUEST_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warta::http {

enum class Method {
  kGet,
  kHead,
  kPost,
  kPut,
  kPatch,
  kDelete,
  kOptions,
  kOther
};

// "GET", "HEAD", ...; "OTHER" for kOther.
std::string_view MethodName(Method m);
// The inverse of MethodName for the seven known methods (case-sensitive, as
// HTTP methods are); kOther for anything else.
Method MethodFromName(std::string_view name);

class Request {
 public:
  Method method = Method::kGet;
  std::string target;  // as sent: "/cari?q=suara%20rakyat"
  std::string path;    // percent-decoded path without the query: "/cari"
  std::string query;   // raw query string without '?': "q=suara%20rakyat"
  std::string body;
  std::string remote_ip;  // "127.0.0.1"
  // Header fields in arrival order; names lower-cased.
  std::vector<std::pair<std::string, std::string>> headers;
  // Filled by the router from the route pattern: "/tag/{slug}" -> {"slug", ..}.
  std::vector<std::pair<std::string, std::string>> path_params;
  // Set by the router: the pattern of the route that answered
  // ("/berita/{slug}"), "" when none did. Points into the router.
  std::string_view route;
  // The client's X-Request-Id when it is well-formed (up to 128 of
  // [A-Za-z0-9._:-]), else one the server made up; echoed in the response.
  std::string request_id;

  // The first header with this (case-insensitive) name, or "" when absent.
  std::string_view Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;

  // The first query parameter with this name, percent- and '+'-decoded.
  std::optional<std::string> Query(std::string_view name) const;

  // A path parameter set by the router, or "" when absent.
  std::string_view Param(std::string_view name) const;

  // The value of a cookie from the Cookie header, or nullopt.
  std::optional<std::string> Cookie(std::string_view name) const;

  // Empties the request for the next one on the same connection, keeping
  // the strings' memory. path_params are left for the router and headers
  // for the RequestParser, which overwrite them in place.
  void Reset();

  bool IsSafeMethod() const {
    return method == Method::kGet || method == Method::kHead ||
           method == Method::kOptions;
  }
};

}  // namespace warta::http

#endif  // WARTA_HTTP_REQUEST_H_
