#include "metrics/metrics.h"

#include <gtest/gtest.h>

#include "metrics/access.h"

namespace warta::metrics {
namespace {

TEST(Metrics, CountersAndLabelsRender) {
  Registry r;
  auto& f = r.CounterFamily("x_requests_total", "Requests.", {"route", "code"});
  f.With({"/berita/{slug}", "2xx"}).Inc(3);
  f.With({"a\"b\\c\nd", "5xx"}).Inc();
  std::string out = r.Render();
  EXPECT_NE(out.find("# HELP x_requests_total Requests.\n"
                     "# TYPE x_requests_total counter\n"),
            std::string::npos);
  EXPECT_NE(
      out.find("x_requests_total{route=\"/berita/{slug}\",code=\"2xx\"} 3\n"),
      std::string::npos)
      << out;
  EXPECT_NE(out.find("route=\"a\\\"b\\\\c\\nd\""), std::string::npos) << out;
}

TEST(Metrics, SameNameReturnsSameFamily) {
  Registry r;
  r.GetCounter("a_total", "A.").Inc();
  r.GetCounter("a_total", "ignored").Inc();
  EXPECT_EQ(r.GetCounter("a_total", "A.").value(), 2u);
}

TEST(Metrics, HistogramIsCumulative) {
  Registry r;
  Histogram& h = r.GetHistogram("t_seconds", "T.", {0.1, 1});
  h.Observe(0.05);
  h.Observe(0.1);  // le is inclusive
  h.Observe(0.5);
  h.Observe(7);
  std::string out = r.Render();
  EXPECT_NE(out.find("t_seconds_bucket{le=\"0.1\"} 2\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("t_seconds_bucket{le=\"1\"} 3\n"), std::string::npos);
  EXPECT_NE(out.find("t_seconds_bucket{le=\"+Inf\"} 4\n"), std::string::npos);
  EXPECT_NE(out.find("t_seconds_sum 7.65\n"), std::string::npos);
  EXPECT_NE(out.find("t_seconds_count 4\n"), std::string::npos);
}

TEST(Metrics, CollectorsRunUntilTheirHandleDies) {
  Registry r;
  {
    auto c = r.AddCollector([](Writer& w) {
      w.Header("c_entries", "C.", Type::kGauge);
      w.Sample("c_entries", 42);
    });
    EXPECT_NE(r.Render().find("c_entries 42\n"), std::string::npos);
  }
  EXPECT_EQ(r.Render().find("c_entries"), std::string::npos);
}

TEST(Metrics, ProcessMetrics) {
  std::string out;
  Writer w(out);
  WriteProcessMetrics(w);
  for (const char* name :
       {"process_cpu_seconds_total ", "process_resident_memory_bytes ",
        "process_open_fds ", "process_start_time_seconds "}) {
    EXPECT_NE(out.find(std::string("\n") + name), std::string::npos) << name;
  }
}

TEST(MetricsAccess, LoopbackNetworksAndToken) {
  auto p =
      AccessPolicy::Parse("10.1.0.0/16, 2001:db8::/32,192.0.2.7", "s3cret");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  struct Case {
    const char* ip;
    const char* auth;
    bool allowed;
  } cases[] = {
      {"127.0.0.1", "", true},
      {"127.9.9.9", "", true},
      {"::1", "", true},
      {"10.1.200.3", "", true},
      {"10.2.0.1", "", false},
      {"192.0.2.7", "", true},
      {"192.0.2.8", "", false},
      {"2001:db8:1::5", "", true},
      {"2001:db9::1", "", false},
      {"203.0.113.5", "Bearer s3cret", true},
      {"203.0.113.5", "Bearer nope", false},
      {"203.0.113.5", "Basic s3cret", false},
      {"-", "", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(p->Allows(c.ip, c.auth), c.allowed) << c.ip << " " << c.auth;
  }
}

TEST(MetricsAccess, NoTokenMeansNoBearerAccess) {
  auto p = AccessPolicy::Parse("", "");
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->Allows("203.0.113.5", "Bearer "));
  EXPECT_TRUE(p->Allows("127.0.0.1", ""));
}

TEST(MetricsAccess, BadEntriesAreRefused) {
  for (const char* bad : {"10.0.0.0/33", "nonsense", "::/129", "10.0.0.0/x"}) {
    EXPECT_FALSE(AccessPolicy::Parse(bad, "").ok()) << bad;
  }
}

}  // namespace
}  // namespace warta::metrics
