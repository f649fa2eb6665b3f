// libFuzzer target for the HTTP request path as the server takes it: the
// server's RequestParser (Beast's parser) with the server's limits, the
// request-target parser, the Request accessors and the Router (parameter
// routes, slash redirects, 404/405). Any bytes must be refused or routed, never
// crash or hang. Built only with clang (see ../CMakeLists.txt); scripts/fuzz
// runs it.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/request.h"
#include "http/request_parser.h"
#include "http/response.h"
#include "http/router.h"
#include "http/target.h"

namespace {

using warta::http::Request;
using warta::http::Response;

const warta::http::Router& TheRouter() {
  static const auto* router = [] {
    auto* r = new warta::http::Router;
    auto echo = [](const Request& q) {
      std::string text(q.Param("slug"));
      text += q.Query("page").value_or("");
      text += q.Cookie("warta_session").value_or("");
      text += q.Header("accept-encoding");
      return Response::Text(200, text);
    };
    r->Get("/", echo);
    r->Get("/berita/{slug}", echo);
    r->Get("/kategori/{slug}", echo);
    r->AddSlashRedirect("/kategori/{slug}");
    r->Get("/admin/", echo);
    r->AddSlashRedirect("/admin/");
    r->Post("/api/admin/articles", echo);
    r->SetNotFound([](const Request&) { return Response::Error(404); });
    return r;
  }();
  return *router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  Request req;
  std::string method;
  warta::http::RequestParser parser(&req, &method);
  parser.header_limit(16 * 1024);
  parser.body_limit(1024 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_header_done()) return 0;
  if (req.method != warta::http::MethodFromName(method)) std::abort();
  if (!warta::http::ParseTarget(req.target, &req.path, &req.query)) return 0;
  Response res = TheRouter().Route(req);
  if (res.status == 301) {
    // A redirect stays on this site: a path, never "//host" or a scheme.
    std::string_view to = res.Header("Location");
    if (to.empty() || to[0] != '/' || to.substr(0, 2) == "//") std::abort();
  }
  return 0;
}
