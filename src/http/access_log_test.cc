#include "http/access_log.h"

#include <gtest/gtest.h>

namespace warta::http {
namespace {

TEST(AccessLogTest, Format) {
  AccessLogEntry e;
  e.remote_ip = "127.0.0.1";
  e.method = "GET";
  e.target = "/berita/x?a=1";
  e.status = 200;
  e.bytes = 5123;
  e.duration = std::chrono::microseconds(400);
  e.user_agent = "curl/8.0";
  EXPECT_EQ(FormatAccessLog(e),
            "127.0.0.1 \"GET /berita/x?a=1 HTTP/1.1\" 200 5123 0.4ms "
            "\"curl/8.0\"");
  e.version = 10;
  e.duration = std::chrono::milliseconds(1234);
  e.user_agent = "";
  EXPECT_EQ(FormatAccessLog(e),
            "127.0.0.1 \"GET /berita/x?a=1 HTTP/1.0\" 200 5123 1234ms \"-\"");
}

TEST(AccessLogTest, DurationInTenthsUnder100MsThenWholeMilliseconds) {
  const struct {
    std::chrono::nanoseconds duration;
    const char* text;
  } kCases[] = {
      {std::chrono::nanoseconds(0), " 0.0ms "},
      {std::chrono::nanoseconds(49'999), " 0.0ms "},
      {std::chrono::nanoseconds(50'000), " 0.1ms "},
      {std::chrono::microseconds(1'250), " 1.3ms "},
      {std::chrono::microseconds(99'940), " 99.9ms "},
      {std::chrono::microseconds(99'960), " 100.0ms "},
      {std::chrono::milliseconds(100), " 100ms "},
      {std::chrono::microseconds(100'500), " 101ms "},
      {std::chrono::seconds(61), " 61000ms "},
  };
  for (const auto& c : kCases) {
    AccessLogEntry e;
    e.remote_ip = "127.0.0.1";
    e.method = "GET";
    e.target = "/";
    e.status = 200;
    e.duration = c.duration;
    EXPECT_NE(FormatAccessLog(e).find(c.text), std::string::npos)
        << FormatAccessLog(e) << " for " << c.duration.count() << " ns";
  }
}

TEST(AccessLogTest, EscapesClientControlledParts) {
  AccessLogEntry e;
  e.remote_ip = "10.0.0.1";
  e.method = "-";
  e.target = "/a\"b";
  e.status = 400;
  e.user_agent = "evil\n2025-01-01T00:00:00Z I fake \\ line";
  EXPECT_EQ(FormatAccessLog(e),
            "10.0.0.1 \"- /a\\\"b HTTP/1.1\" 400 0 0.0ms "
            "\"evil\\x0a2025-01-01T00:00:00Z I fake \\\\ line\"");
}

TEST(AccessLogTest, EndsWithTheRequestIdAndRedactsSecrets) {
  AccessLogEntry e;
  e.remote_ip = "127.0.0.1";
  e.method = "GET";
  e.target = "/cari?q=banjir&token=abc123&api_key=k&x=1";
  e.status = 200;
  e.bytes = 10;
  e.user_agent = "curl/8.0";
  e.request_id = "abc-123";
  std::string line = FormatAccessLog(e);
  EXPECT_NE(
      line.find("\"GET /cari?q=banjir&token=REDACTED&api_key=REDACTED&x=1 "
                "HTTP/1.1\""),
      std::string::npos)
      << line;
  EXPECT_EQ(line.substr(line.size() - 11), " id=abc-123") << line;
  EXPECT_EQ(line.find("abc123"), std::string::npos);
  EXPECT_EQ(RedactTarget("/x"), "/x");
  EXPECT_EQ(RedactTarget("/x?password=&q"), "/x?password=REDACTED&q");
}

}  // namespace
}  // namespace warta::http
