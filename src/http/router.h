// Router: one route table per surface. Maps (method, path) to a handler.
// Patterns are literal segments and "{name}" segments that match one
// non-empty path segment, and a final "{name*}" that matches the rest of the
// path (possibly containing '/'). Literal routes win over parameter routes,
// which win over a rest parameter; when a more specific branch fails further
// down, the next one is tried. Matching is exact on the percent-decoded path:
// "/a" and "/a/" are different paths (see AddSlashRedirect), empty segments
// ("/a//b") only match literally, and "{name*}" needs at least one byte.
// An unknown method (Method::kOther) gets 501 unless a route was added for it.
// Add() before serving; Route() and OptionsFor() are then safe from many
// threads (they only read the table).
#ifndef WARTA_HTTP_ROUTER_H_
#define WARTA_HTTP_ROUTER_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace warta::http {

using Handler = std::function<Response(const Request&)>;

struct RouteOptions {
  // Largest request body accepted on this route; 0 means the server default.
  std::size_t body_limit = 0;
  // When set, the body (application/json) of the 413 answer to a request
  // body over the limit, instead of the plain-text one.
  std::string too_large_json;
};

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // GET routes also answer HEAD (the server drops the body). A malformed
  // pattern (not starting with '/', "{name*}" not last, an empty name) or a
  // duplicate (method, pattern) is a programming error and throws
  // std::invalid_argument.
  void Add(Method method, std::string_view pattern, Handler handler,
           RouteOptions options = {});
  void Get(std::string_view pattern, Handler h) {
    Add(Method::kGet, pattern, std::move(h));
  }
  void Post(std::string_view pattern, Handler h) {
    Add(Method::kPost, pattern, std::move(h));
  }
  void Put(std::string_view pattern, Handler h) {
    Add(Method::kPut, pattern, std::move(h));
  }
  void Delete(std::string_view pattern, Handler h) {
    Add(Method::kDelete, pattern, std::move(h));
  }

  // Adds a GET route for the trailing-slash twin of `pattern` ("/a/{x}" ->
  // "/a/{x}/", "/b/" -> "/b") that answers 301 to the same path in the form
  // of `pattern`, keeping the query string.
  void AddSlashRedirect(std::string_view pattern);

  // Handler for paths no route matches (default: Response::Error(404)).
  void SetNotFound(Handler handler);

  // The options of the route that would serve (method, path), for the server
  // to pick a body limit after reading the header. Defaults when none match.
  RouteOptions OptionsFor(Method method, std::string_view path) const;

  // Finds the route, fills request.path_params and calls the handler. A path
  // that matches only other methods gets 405 with an Allow header.
  Response Route(Request& request) const;

  // Every pattern added, once each, in the order first added (for metrics
  // keyed by route).
  const std::vector<std::string>& Patterns() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace warta::http

#endif  // WARTA_HTTP_ROUTER_H_
