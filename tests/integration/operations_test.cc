// Operations as an operator sees them: /metrics read by promtool and
// counting requests, /readyz, request ids, JSON logs without secrets, and
// backup / restore / check / reindex on the real binary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "warta_process.h"

namespace warta::testing {
namespace {

bool InCi() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

bool HavePromtool() {
  return std::system("command -v promtool >/dev/null 2>&1") == 0;
}

// The value of the sample line that starts with `series` + " ", or -1.
double SampleValue(const std::string& text, const std::string& series) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(series + " ", 0) == 0) {
      return std::stod(line.substr(series.size() + 1));
    }
  }
  return -1;
}

TEST(OperationsTest, MetricsPassPromtoolAndCountersMove) {
  TempDir dir;
  auto server = WartaServer::Start(dir.path() + "/data");
  ASSERT_NE(server, nullptr);
  ASSERT_EQ(server->Get("/")->status, 200);
  ASSERT_EQ(server->Get("/berita/tidak-ada")->status, 404);
  auto first = server->Get("/metrics");
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->status, 200);
  EXPECT_EQ(first->Header("content-type"),
            "text/plain; version=0.0.4; charset=utf-8");
  const std::string home = "warta_http_requests_total{route=\"/\",code=\"2xx\"}";
  const std::string article =
      "warta_http_requests_total{route=\"/berita/{slug}\",code=\"4xx\"}";
  EXPECT_EQ(SampleValue(first->body, home), 1) << first->body;
  EXPECT_EQ(SampleValue(first->body, article), 1);
  EXPECT_EQ(first->body.find("tidak-ada"), std::string::npos)
      << "labels are route patterns, never raw paths";
  for (const char* family :
       {"warta_http_request_duration_seconds_bucket", "warta_http_response_bytes_total",
        "warta_http_open_connections", "warta_page_cache_hits_total",
        "warta_page_cache_misses_total", "warta_page_cache_entries",
        "warta_page_cache_invalidations_total", "warta_render_duration_seconds",
        "warta_search_index_documents", "warta_store_operation_duration_seconds",
        "warta_article_views_total", "process_cpu_seconds_total",
        "process_resident_memory_bytes", "process_open_fds",
        "process_start_time_seconds"}) {
    EXPECT_NE(first->body.find(family), std::string::npos) << family;
  }
  ASSERT_EQ(server->Get("/")->status, 200);
  ASSERT_EQ(server->Get("/")->status, 200);
  auto second = server->Get("/metrics");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(SampleValue(second->body, home), 3);
  EXPECT_GE(SampleValue(second->body, "warta_page_cache_hits_total"), 2);

  if (!HavePromtool()) {
    if (InCi()) FAIL() << "promtool is missing (Debian package prometheus)";
    GTEST_SKIP() << "promtool not found (apt-get install prometheus): "
                    "skipping `promtool check metrics`";
  }
  std::string file = dir.Write("metrics.txt", second->body);
  std::string cmd = "promtool check metrics < " + file + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  int rc = ::pclose(p);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out, "") << "promtool lint findings";
}

TEST(OperationsTest, ReadyzReportsChecksAndRequestIdsAreEchoed) {
  TempDir dir;
  auto server = WartaServer::Start(dir.path() + "/data");
  ASSERT_NE(server, nullptr);
  auto ready = server->Get("/readyz");
  ASSERT_TRUE(ready.ok());
  EXPECT_EQ(ready->status, 200);
  auto body = nlohmann::json::parse(ready->body, nullptr, false);
  ASSERT_FALSE(body.is_discarded()) << ready->body;
  EXPECT_EQ(body["status"], "ready");
  EXPECT_EQ(body["checks"]["store"], "ok");
  EXPECT_EQ(body["checks"]["index"], "ok");
  EXPECT_EQ(body["checks"]["migrations"], "ok");
  EXPECT_GT(body["schema_version"].get<int>(), 0);
  EXPECT_EQ(server->Get("/healthz")->status, 200);

  http::ClientRequest req;
  req.url = server->Url("/");
  req.headers.push_back({"X-Request-Id", "abc-123.def"});
  auto echoed = http::Fetch(req);
  ASSERT_TRUE(echoed.ok());
  EXPECT_EQ(echoed->Header("x-request-id"), "abc-123.def");
  req.headers = {{"X-Request-Id", "bad id\" with quotes"}};
  auto replaced = http::Fetch(req);
  ASSERT_TRUE(replaced.ok());
  EXPECT_TRUE(std::regex_match(replaced->Header("x-request-id"),
                               std::regex("[0-9a-f]{16}")))
      << replaced->Header("x-request-id");
}

}  // namespace
}  // namespace warta::testing
