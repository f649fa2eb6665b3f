#include "ops/endpoints.h"

#include <gtest/gtest.h>

#include "store/sqlite/testing/temp_sqlite_store.h"

namespace warta::ops {
namespace {

http::Response Get(const http::Router& router, const std::string& path,
                   const std::string& ip, const std::string& auth = "") {
  http::Request req;
  req.path = path;
  req.target = path;
  req.remote_ip = ip;
  if (!auth.empty()) req.headers.emplace_back("authorization", auth);
  return router.Route(req);
}

TEST(MetricsEndpoint, RefusesClientsOutsideTheAllowedNetworks) {
  metrics::Registry registry;
  registry.GetCounter("t_things_total", "Things.").Inc(5);
  auto policy = metrics::AccessPolicy::Parse("10.0.0.0/8", "tok3n");
  ASSERT_TRUE(policy.ok());
  http::Router router;
  RegisterMetricsRoute(router, *policy, registry);
  http::Response refused = Get(router, "/metrics", "203.0.113.9");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.body->find("t_things_total"), std::string::npos);
  EXPECT_EQ(Get(router, "/metrics", "203.0.113.9", "Bearer wrong").status, 403);
  for (auto [ip, auth] : {std::pair{"127.0.0.1", ""},
                          {"10.3.4.5", ""},
                          {"203.0.113.9", "Bearer tok3n"}}) {
    http::Response ok = Get(router, "/metrics", ip, auth);
    ASSERT_EQ(ok.status, 200) << ip;
    EXPECT_EQ(ok.content_type, metrics::kContentType);
    EXPECT_NE(ok.body->find("t_things_total 5\n"), std::string::npos);
    EXPECT_NE(ok.body->find("\nprocess_open_fds "), std::string::npos);
  }
}

TEST(HttpMetrics, CountsByRoutePatternAndStatusClass) {
  metrics::Registry registry;
  HttpMetrics m(registry);
  m.AddRoutes({"/berita/{slug}", "/"});
  http::ExchangeRecord r;
  r.route = "/berita/{slug}";
  r.status = 200;
  r.bytes = 100;
  m.OnExchange(r);
  m.OnExchange(r);
  r.status = 404;
  m.OnExchange(r);
  r.route = "";
  m.OnExchange(r);
  m.OnConnectionOpened();
  std::string out = registry.Render();
  EXPECT_NE(out.find("warta_http_requests_total{route=\"/berita/{slug}\","
                     "code=\"2xx\"} 2\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("warta_http_requests_total{route=\"/berita/{slug}\","
                     "code=\"4xx\"} 1\n"),
            std::string::npos);
  EXPECT_NE(
      out.find("warta_http_requests_total{route=\"unmatched\",code=\"4xx\"} 1"),
      std::string::npos);
  EXPECT_NE(out.find("warta_http_response_bytes_total 400\n"),
            std::string::npos);
  EXPECT_NE(out.find("warta_http_open_connections 1\n"), std::string::npos);
}

TEST(ReadyEndpoint, ReportsStoreAndMigrations) {
  TempSqliteStore store(RealClock::Get());
  http::Router router;
  RegisterReadyRoute(router, store.store(), nullptr);
  http::Response r = Get(router, "/readyz", "127.0.0.1");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body->find("\"status\":\"ready\""), std::string::npos) << *r.body;
  EXPECT_NE(r.body->find("\"migrations\":\"ok\""), std::string::npos);
}

}  // namespace
}  // namespace warta::ops
