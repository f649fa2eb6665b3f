#include "app/app.h"

#include <filesystem>

#include "base/log.h"
#include "base/strings.h"
#include "content/dates.h"
#include "http/server.h"
#include "ingest/wire_poller.h"
#include "site/distribution.h"
#include "site/feed_status.h"
#include "site/site.h"
#include "store/sqlite/sqlite_store.h"

namespace warta {

App::App(Config config, const Clock& clock)
    : config_(std::move(config)), clock_(clock) {}
App::~App() = default;

Result<std::unique_ptr<App>> App::Open(Config config, const Clock& clock) {
  std::unique_ptr<App> app(new App(std::move(config), clock));
  const Config& c = app->config_;
  WARTA_ASSIGN_OR_RETURN(app->timezone_, FindTimeZone(c.site.timezone));
  std::error_code ec;
  std::filesystem::create_directories(c.data_dir, ec);
  if (ec)
    return Status::IoError("cannot create data directory " + c.data_dir + ": " +
                           ec.message());
  SqliteOptions so;
  so.path = c.data_dir + "/warta.db";
  so.synchronous = c.store.synchronous;
  WARTA_ASSIGN_OR_RETURN(app->store_, OpenSqliteStore(so, clock));
  app->newsroom_ = std::make_unique<Newsroom>(*app->store_, clock, c.site.name);
  WARTA_ASSIGN_OR_RETURN(app->theme_, render::Theme::Load(c.theme_dir));
  app->urls_ = std::make_unique<Urls>(c.PublicUrl());
  return app;
}

Status App::Serve(const std::function<void(std::uint16_t port)>& on_listening) {
  const Config& c = config_;
  http::Router router;
  http::ServerOptions o;
  o.host = c.server.host;
  o.port = c.server.port;
  o.threads = c.server.threads;
  o.header_limit = c.server.header_limit;
  o.body_limit = c.server.body_limit;
  o.idle_timeout = std::chrono::seconds(c.server.idle_timeout);
  o.request_timeout = std::chrono::seconds(c.server.request_timeout);
  o.access_log = c.server.access_log;
  // Bind first (routes are added before Run): with port 0 the public origin
  // follows the port the kernel picked.
  WARTA_ASSIGN_OR_RETURN(auto server, http::Server::Create(o, router));
  if (c.site.url.empty()) {
    urls_ = std::make_unique<Urls>("http://" + c.server.host + ":" +
                                   std::to_string(server->port()));
  }

  site::SiteOptions so;
  so.name = c.site.name;
  so.description = c.site.description;
  so.language = ParseLanguage(c.site.locale);
  so.timezone = timezone_;
  so.page_size = c.site.page_size;
  so.related_count = c.site.related_count;
  so.cache_bytes = c.server.page_cache_bytes;
  so.logo = c.site.logo;
  so.image = c.site.image;
  so.no_ai = c.robots.no_ai;
  for (std::string_view ua : Split(c.robots.ai_user_agents, ',')) {
    if (!Trim(ua).empty()) so.ai_user_agents.emplace_back(Trim(ua));
  }
  so.feed_items = c.feeds.items;
  site::Site site(*store_, *theme_, *urls_, clock_, so);
  newsroom_->AddListener([&site](const Article&) { site.Invalidate(); });
  site.Register(router);
  site::Distribution distribution(site);
  distribution.Register(router);
  // Editors' view of the wire feeds; loopback-only until the admin area's
  // sign-in guard wraps it instead.
  site::MountFeedStatus(router, *store_, clock_, &site::LoopbackOnly);

  // Wire feeds from DATA/feeds.json, polled on a background thread.
  WARTA_ASSIGN_OR_RETURN(auto wire_feeds,
                         ingest::LoadWireFeeds(c.data_dir + "/feeds.json"));
  ingest::WireDefaults wire_defaults;
  wire_defaults.category = c.import.default_category;
  wire_defaults.author = c.import.default_author;
  wire_defaults.utc_offset_seconds = timezone_.offset_seconds;
  ingest::WirePoller poller(*newsroom_,
                            c.ingest.poll
                                ? std::move(wire_feeds)
                                : std::vector<ingest::WireFeedConfig>{},
                            wire_defaults);

  LogInfo("warta serving " + urls_->site_url() + " from " + c.data_dir);
  if (on_listening) on_listening(server->port());
  poller.Start();
  server->Run();
  poller.Stop();
  LogInfo("warta stopped");
  return Status::Ok();
}

}  // namespace warta
