#include "app/options.h"

#include <gtest/gtest.h>

namespace warta {
namespace {

// Every Config value reaches its module's option (none stays at the
// option's own default).
TEST(OptionsTest, FillsModuleOptionsFromConfig) {
  Config c;
  c.data_dir = "/srv/warta";
  c.store.url = "postgresql://db/warta";
  c.store.synchronous = "NORMAL";
  c.store.connections = 3;
  c.store.statement_timeout_ms = 1234;
  StoreOptions so = StoreOptionsFrom(c);
  EXPECT_EQ(so.url, "postgresql://db/warta");
  EXPECT_EQ(so.default_sqlite_path, "/srv/warta/warta.db");
  EXPECT_EQ(so.sqlite_synchronous, "NORMAL");
  EXPECT_EQ(so.postgres_connections, 3);
  EXPECT_EQ(so.postgres_statement_timeout_ms, 1234);
  c.store.path = "/var/lib/w.db";
  EXPECT_EQ(StoreOptionsFrom(c).default_sqlite_path, "/var/lib/w.db");

  c.search.save_interval = 7;
  EXPECT_EQ(LiveIndexOptionsFrom(c).dir, "/srv/warta/index");
  EXPECT_EQ(LiveIndexOptionsFrom(c).save_interval, std::chrono::seconds(7));

  c.server.host = "0.0.0.0";
  c.server.threads = 3;
  c.server.idle_timeout = 11;
  c.server.request_timeout = 12;
  c.server.access_log = false;
  ASSERT_TRUE(ApplySetting(c, "server.trusted_proxies", "10.0.0.0/8").ok());
  http::ServerOptions o = ServerOptionsFrom(c);
  EXPECT_TRUE(o.trusted_proxies.Contains("10.1.2.3"));
  EXPECT_FALSE(o.trusted_proxies.Contains("192.0.2.1"));
  EXPECT_EQ(o.host, "0.0.0.0");
  EXPECT_EQ(o.threads, 3);
  EXPECT_EQ(o.idle_timeout, std::chrono::seconds(11));
  EXPECT_EQ(o.request_timeout, std::chrono::seconds(12));
  EXPECT_FALSE(o.access_log);
  EXPECT_FALSE(o.limit_loopback_per_address);

  c.site.name = "Kabar Kita";
  c.site.locale = "en";
  c.site.page_size = 9;
  c.site.views_flush = 3;
  c.robots.ai_user_agents = " GPTBot , ,CCBot";
  c.feeds.items = 33;
  site::SiteOptions site = SiteOptionsFrom(c, DefaultTimeZone());
  EXPECT_EQ(site.name, "Kabar Kita");
  EXPECT_EQ(site.language, Language::kEnglish);
  EXPECT_EQ(site.page_size, 9);
  EXPECT_EQ(site.views_flush_ms, 3000);
  EXPECT_EQ(site.ai_user_agents, (std::vector<std::string>{"GPTBot", "CCBot"}));
  EXPECT_EQ(site.feed_items, 33);

  c.admin.login_limit_ip = 4;
  c.admin.session_days = 2;
  c.admin.autosave_seconds = 9;
  admin::AdminOptions ao = AdminOptionsFrom(c, true);
  EXPECT_EQ(ao.auth.limit_ip, 4);
  EXPECT_EQ(ao.auth.session_days, 2);
  EXPECT_TRUE(ao.auth.secure_cookie);
  EXPECT_EQ(ao.media_dir, "/srv/warta/media");
  EXPECT_EQ(ao.autosave_seconds, 9);
}

}  // namespace
}  // namespace warta
