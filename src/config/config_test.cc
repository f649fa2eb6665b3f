#include "config/config.h"

#include <gtest/gtest.h>

namespace warta {
namespace {

TEST(ConfigTest, DefaultsAreDocumentedValues) {
  Config c;
  EXPECT_EQ(c.site.timezone, "Asia/Jakarta");
  EXPECT_EQ(c.site.locale, "id");
  EXPECT_EQ(c.PublicUrl(), "http://127.0.0.1:8080");
}

TEST(ConfigTest, AppliesTextWithCommentsAndQuotes) {
  Config c;
  Status s = ApplyConfigText(c,
                             "# komentar\n"
                             "site.name = \"KABARIN\"\n"
                             "site.url = https://kabarin.id/\n"
                             "server.port = 9090\n"
                             "server.access_log = off\n",
                             "warta.conf");
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(c.site.name, "KABARIN");
  EXPECT_EQ(c.PublicUrl(), "https://kabarin.id");
  EXPECT_EQ(c.server.port, 9090);
  EXPECT_FALSE(c.server.access_log);
}

TEST(ConfigTest, ErrorsNameTheLineAndKey) {
  Config c;
  Status s =
      ApplyConfigText(c, "site.name = A\nserver.port = tujuh\n", "x.conf");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("x.conf:2"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("server.port"), std::string::npos);
  EXPECT_FALSE(ApplySetting(c, "site.colour", "merah").ok());
  EXPECT_FALSE(ApplySetting(c, "site.locale", "fr").ok());
  EXPECT_FALSE(ApplySetting(c, "server.port", "70000").ok());
}

TEST(ConfigTest, EnvironmentOverridesFile) {
  char a[] = "WARTA_SITE_NAME=Kabar Kita";
  char b[] = "PATH=/usr/bin";
  char d[] = "WARTA_SERVER_PORT=8181";
  char* env[] = {a, b, d, nullptr};
  auto c = LoadConfig("/nonexistent-dir", env);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->site.name, "Kabar Kita");
  EXPECT_EQ(c->server.port, 8181);
}

TEST(ConfigTest, StoreUrlFromFileAndEnvironment) {
  Config c;
  EXPECT_EQ(c.store.url, "");
  ASSERT_TRUE(
      ApplySetting(c, "store.url", "postgresql://w@db:5432/warta").ok());
  EXPECT_EQ(c.store.url, "postgresql://w@db:5432/warta");
  EXPECT_TRUE(ApplySetting(c, "store.url", "").ok());
  EXPECT_TRUE(ApplySetting(c, "store.url", "sqlite:/srv/w.db").ok());
  EXPECT_FALSE(ApplySetting(c, "store.url", "mysql://db/warta").ok());
  EXPECT_TRUE(ApplySetting(c, "store.connections", "20").ok());
  EXPECT_EQ(c.store.connections, 20);
  EXPECT_FALSE(ApplySetting(c, "store.connections", "1").ok());
  EXPECT_TRUE(ApplySetting(c, "store.statement_timeout_ms", "5000").ok());
  EXPECT_EQ(c.store.statement_timeout_ms, 5000);
  char a[] = "WARTA_STORE_URL=postgres://localhost/warta";
  char* env[] = {a, nullptr};
  auto loaded = LoadConfig("/nonexistent-dir", env);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->store.url, "postgres://localhost/warta");
}

TEST(ConfigTest, OperationsKeys) {
  Config c;
  EXPECT_EQ(c.server.log_format, "text");
  ASSERT_TRUE(ApplyConfigText(c,
                              "server.log_format = json\n"
                              "metrics.allow = 10.0.0.0/8, ::1\n"
                              "metrics.token = \"rahasia\"\n"
                              "store.path = /srv/w.db\n",
                              "warta.conf")
                  .ok());
  EXPECT_EQ(c.server.log_format, "json");
  EXPECT_TRUE(c.metrics.allow.Contains("10.9.8.7"));
  EXPECT_TRUE(c.metrics.allow.Contains("::1"));
  EXPECT_FALSE(c.metrics.allow.Contains("192.0.2.1"));
  EXPECT_EQ(c.metrics.token, "rahasia");
  EXPECT_EQ(c.store.path, "/srv/w.db");
  Status bad = ApplySetting(c, "server.log_format", "xml");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("text or json"), std::string::npos);
}

TEST(ConfigTest, TrustedProxiesAreCheckedWhenRead) {
  Config c;
  EXPECT_TRUE(c.server.trusted_proxies.empty());
  ASSERT_TRUE(
      ApplySetting(c, "server.trusted_proxies", "10.0.0.0/8, 127.0.0.1").ok());
  EXPECT_TRUE(c.server.trusted_proxies.Contains("10.1.2.3"));
  EXPECT_TRUE(c.server.trusted_proxies.Contains("127.0.0.1"));
  Status bad = ApplySetting(c, "server.trusted_proxies", "balancer.local");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("balancer.local"), std::string::npos);
  // The refused value leaves the previous list in place.
  EXPECT_TRUE(c.server.trusted_proxies.Contains("10.1.2.3"));
}

TEST(ConfigTest, MetricsAllowIsCheckedWhenRead) {
  Config c;
  Status bad = ApplySetting(c, "metrics.allow", "10.0.0.0/33");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("metrics.allow"), std::string::npos);
}

}  // namespace
}  // namespace warta
