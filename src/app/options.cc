#include "app/options.h"

#include "base/ip_networks.h"
#include "base/strings.h"
#include "content/dates.h"

namespace warta {

StoreOptions StoreOptionsFrom(const Config& c) {
  StoreOptions so;
  so.url = c.store.url;
  so.default_sqlite_path =
      c.store.path.empty() ? c.data_dir + "/warta.db" : c.store.path;
  so.sqlite_synchronous = c.store.synchronous;
  so.media_dir = c.data_dir + "/media";
  so.postgres_connections = c.store.connections;
  so.postgres_statement_timeout_ms = c.store.statement_timeout_ms;
  return so;
}

text::StemmerOptions StemmerOptionsFrom(const Config& c) {
  text::StemmerOptions o;
  o.dictionary = c.search.dictionary;
  return o;
}

index::LiveIndexOptions LiveIndexOptionsFrom(const Config& c) {
  index::LiveIndexOptions io;
  io.dir = c.data_dir + "/index";
  io.save_interval = std::chrono::seconds(c.search.save_interval);
  return io;
}

http::ServerOptions ServerOptionsFrom(const Config& c) {
  http::ServerOptions o;
  o.host = c.server.host;
  o.port = c.server.port;
  o.threads = c.server.threads;
  o.header_limit = c.server.header_limit;
  o.body_limit = c.server.body_limit;
  o.idle_timeout = std::chrono::seconds(c.server.idle_timeout);
  o.request_timeout = std::chrono::seconds(c.server.request_timeout);
  o.max_connections_per_address = c.server.max_connections_per_address;
  o.limit_loopback_per_address = false;  // a proxy in front, local benches
  o.access_log = c.server.access_log;
  o.trusted_proxies = c.server.trusted_proxies;  // parsed in config.cc
  return o;
}

site::SiteOptions SiteOptionsFrom(const Config& c, const TimeZone& timezone) {
  site::SiteOptions so;
  so.name = c.site.name;
  so.description = c.site.description;
  so.language = ParseLanguage(c.site.locale);
  so.timezone = timezone;
  so.page_size = c.site.page_size;
  so.related_count = c.site.related_count;
  so.cache_bytes = c.server.page_cache_bytes;
  so.page_max_stale_seconds = c.server.page_max_stale;
  so.logo = c.site.logo;
  so.image = c.site.image;
  so.no_ai = c.robots.no_ai;
  for (std::string_view ua : Split(c.robots.ai_user_agents, ',')) {
    if (!Trim(ua).empty()) so.ai_user_agents.emplace_back(Trim(ua));
  }
  so.feed_items = c.feeds.items;
  so.popular_refresh_seconds = c.site.popular_refresh;
  so.view_beacon = c.site.view_beacon;
  so.views_flush_ms = c.site.views_flush * 1000;
  so.update_grace_seconds = c.site.update_grace;
  return so;
}

admin::AdminOptions AdminOptionsFrom(const Config& c, bool https) {
  admin::AdminOptions ao;
  ao.auth.limit_account = c.admin.login_limit_account;
  ao.auth.limit_ip = c.admin.login_limit_ip;
  ao.auth.window_seconds = c.admin.login_window;
  ao.auth.session_days = c.admin.session_days;
  ao.auth.secure_cookie = https;
  ao.upload_limit = c.admin.upload_limit;
  ao.media_dir = c.data_dir + "/media";
  ao.autosave_seconds = c.admin.autosave_seconds;
  return ao;
}

}  // namespace warta
