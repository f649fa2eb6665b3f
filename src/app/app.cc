#include "app/app.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <utility>

#include "admin/admin.h"
#include "admin/auth.h"
#include "admin/policy.h"
#include "app/options.h"
#include "base/log.h"
#include "base/progress.h"
#include "base/stop_signals.h"
#include "base/strings.h"
#include "content/dates.h"
#include "http/server.h"
#include "index/live_index.h"
#include "ingest/wire_poller.h"
#include "metrics/access.h"
#include "metrics/metrics.h"
#include "newsroom/scheduler.h"
#include "site/distribution.h"
#include "site/related.h"
#include "site/site.h"
#include "store/open/open_store.h"

namespace warta {
namespace {

constexpr const char* kEditable[] = {"site.name", "site.url", "site.timezone",
                                     "site.locale"};

// Applies settings saved from the admin onto `config`; a stored value that
// no longer validates is skipped with a warning.
void ApplyStoredSettings(Store& store, Config& config) {
  auto stored = store.LoadSettings();
  if (!stored.ok()) {
    LogWarning("settings: " + stored.status().ToString());
    return;
  }
  for (const char* key : kEditable) {
    auto it = stored->find(key);
    if (it == stored->end()) continue;
    Config trial = config;
    Status s = ApplySetting(trial, key, it->second);
    if (s.ok() && FindTimeZone(trial.site.timezone).ok()) {
      config = std::move(trial);
    } else {
      LogWarning("settings: ignoring stored " + std::string(key) + ": " +
                 s.message());
    }
  }
}

// Owns a file descriptor (-1: none) and closes it unless released.
class OwnedFd {
 public:
  explicit OwnedFd(int fd) : fd_(fd) {}
  OwnedFd(const OwnedFd&) = delete;
  OwnedFd& operator=(const OwnedFd&) = delete;
  ~OwnedFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int Release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

}  // namespace

App::App(Config config, const Clock& clock)
    : config_(std::move(config)), clock_(clock) {}
App::~App() {
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

Result<std::unique_ptr<App>> App::Open(Config config, const Clock& clock) {
  std::unique_ptr<App> app(new App(std::move(config), clock));
  Config& c = app->config_;
  SetLogFormat(c.server.log_format == "json" ? LogFormat::kJson
                                             : LogFormat::kText);
  std::error_code ec;
  std::filesystem::create_directories(c.data_dir, ec);
  if (ec)
    return Status::IoError("cannot create data directory " + c.data_dir + ": " +
                           ec.message());
  WARTA_ASSIGN_OR_RETURN(app->store_, OpenStore(StoreOptionsFrom(c), clock));
  ApplyStoredSettings(*app->store_, c);
  WARTA_ASSIGN_OR_RETURN(app->timezone_, FindTimeZone(c.site.timezone));
  // "Baca juga" lines link to the search route Urls owns, and links to the
  // site's pages carry the reference that pages resolve with the routes of
  // their day (Urls::ResolveLinks); the newsroom keeps its own (immutable)
  // copy, so a reload that replaces urls_ while the scheduler saves is no
  // race.
  auto urls = std::make_shared<const Urls>(c.PublicUrl());
  app->newsroom_ = std::make_unique<Newsroom>(
      *app->store_, clock, c.site.name,
      [urls](std::string_view q) { return urls->Search(q); },
      [urls](std::string_view href) { return urls->LinkRef(href); });
  // Search analysis, and near-duplicate clusters kept on every write (an
  // import as much as an edit while serving).
  WARTA_ASSIGN_OR_RETURN(app->stemmer_,
                         text::Stemmer::Open(StemmerOptionsFrom(c)));
  app->analyzer_ = std::make_unique<text::Analyzer>(*app->stemmer_);
  app->detector_ = std::make_unique<index::DuplicateClusters>(*app->store_);
  app->duplicates_listener_ = app->newsroom_->Subscribe(
      [detector = app->detector_.get()](const Article& a) {
        auto r = detector->Update(a);
        if (!r.ok()) LogWarning("near-duplicates: " + r.status().ToString());
      });
  WARTA_ASSIGN_OR_RETURN(app->theme_, render::Theme::Load(c.theme_dir));
  app->urls_ = std::make_unique<Urls>(c.PublicUrl());
  return app;
}

std::map<std::string, std::string> App::EditableSettings() const {
  std::lock_guard<std::mutex> lock(settings_mu_);
  return {{"site.name", config_.site.name},
          {"site.url", config_.site.url},
          {"site.timezone", config_.site.timezone},
          {"site.locale", config_.site.locale}};
}

Status App::ApplyEditableSettings(
    const std::map<std::string, std::string>& changes) {
  Config trial;
  {
    std::lock_guard<std::mutex> lock(settings_mu_);
    trial = config_;
  }
  for (const auto& [key, value] : changes) {
    bool known = false;
    for (const char* k : kEditable) known = known || key == k;
    if (!known)
      return Status::InvalidArgument(key + ": not editable").WithField(key);
    Status s = ApplySetting(trial, key, value);
    if (!s.ok()) {
      return Status::InvalidArgument(key.substr(key.find('.') + 1) + ": " +
                                     s.message())
          .WithField(key.substr(key.find('.') + 1));
    }
  }
  if (!FindTimeZone(trial.site.timezone).ok()) {
    return Status::InvalidArgument(
               "timezone: use Asia/Jakarta, Asia/Pontianak, Asia/Makassar, "
               "Asia/Jayapura or UTC")
        .WithField("timezone");
  }
  WARTA_RETURN_IF_ERROR(store_->SaveSettings(changes));
  std::lock_guard<std::mutex> lock(settings_mu_);
  config_.site = trial.site;
  reload_ = true;
  if (stop_server_) stop_server_();
  return Status::Ok();
}

Result<std::uint64_t> App::RebuildSearchIndex() {
  index::LiveIndexOptions io = LiveIndexOptionsFrom(config_);
  auto progress = std::make_shared<Progress>("search index");
  io.on_progress = [progress](std::uint64_t done, std::uint64_t total,
                              bool finished) {
    progress->Update(done, total);
    if (finished) progress->Finish();
  };
  index::LiveIndex live(*store_, *analyzer_, io);
  WARTA_RETURN_IF_ERROR(live.Build());
  WARTA_RETURN_IF_ERROR(live.Save());  // Build() only warns when it cannot
  return live.snapshot()->live_docs();
}

admin::ImageLibrary& App::Images() {
  if (!images_) {
    // One image at a time: resizing a large photo takes most of a core.
    const admin::AdminOptions ao = AdminOptionsFrom(config_, false);
    images_ = std::make_unique<admin::ImageLibrary>(
        *store_, clock_, ao.media_dir, ao.upload_limit,
        /*jobs=*/1, timezone_.offset_seconds);
  }
  return *images_;
}

ingest::WireDefaults App::WireDefaults() {
  ingest::WireDefaults d;
  d.category = config_.import.default_category;
  d.author = config_.import.default_author;
  d.utc_offset_seconds = timezone_.offset_seconds;
  admin::ImageLibrary& library = Images();
  d.images.max_bytes = library.max_bytes();
  d.images.keep =
      [images = &library](std::string_view bytes) -> Result<std::string> {
    WARTA_ASSIGN_OR_RETURN(admin::KeptImage kept,
                           images->Keep(bytes, std::chrono::minutes(1)));
    return kept.url;
  };
  return d;
}

Status App::Serve(const std::function<void(std::uint16_t port)>& on_listening) {
  // Every thread started from here on (the scheduler, wire poller, index
  // rebuild, page warmers) blocks SIGINT and SIGTERM: only the thread in
  // http::Server::Run takes them (base/stop_signals.h says why). One
  // arriving before that waits for it.
  StopSignalsBlock stop_signals_block;
  // Scheduled articles that fell due while the server was down publish now,
  // before the first request; then the scheduler checks every second.
  Scheduler scheduler(*newsroom_, std::chrono::seconds(1), [](const Status& s) {
    LogWarning("scheduler: " + s.ToString());
  });
  auto overdue = scheduler.Start();
  if (!overdue.ok()) {
    LogWarning("scheduler: " + overdue.status().ToString());
  } else if (!overdue->empty()) {
    LogInfo("scheduler: published " + std::to_string(overdue->size()) +
            " overdue article(s) at start-up");
  }
  // Wire feeds from DATA/feeds.json, polled on one background thread for
  // the whole life of the server (settings reloads do not restart it).
  std::vector<ingest::WireFeedConfig> wire_feeds;
  if (config_.ingest.poll) {
    auto loaded = ingest::LoadWireFeeds(config_.data_dir + "/feeds.json");
    if (!loaded.ok()) {
      scheduler.Stop();
      return loaded.status();
    }
    wire_feeds = std::move(*loaded);
  }
  ingest::WireDefaults wire_defaults = WireDefaults();
  // The search index: mapped from DATA/index and brought up to date from
  // the change log; when those files are missing or damaged it is built on
  // its own thread while the site already serves (search answers 503 until
  // then). Then it follows the change log (and this process's writes at
  // once) for the life of the server.
  index::LiveIndexOptions io = LiveIndexOptionsFrom(config_);
  auto progress = std::make_shared<Progress>("search index");
  io.on_progress = [progress](std::uint64_t done, std::uint64_t total,
                              bool finished) {
    if (total < 1000) return;  // a small site builds in a blink
    progress->Update(done, total);
    if (finished) progress->Finish();
  };
  search_ = std::make_unique<index::LiveIndex>(*store_, *analyzer_, io);
  auto load_start = std::chrono::steady_clock::now();
  if (Status s = search_->Load(); s.ok()) {
    LogInfo(
        "search index: " + std::to_string(search_->snapshot()->live_docs()) +
        " articles loaded from " + io.dir + " in " +
        std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - load_start)
                           .count()) +
        " ms");
  } else {
    LogInfo("search index: " +
            (s.IsNotFound() ? std::string("none saved yet") : s.ToString()) +
            "; building it in the background");
  }
  search_->Start();
  // Band rows an import left pending (killed before its last pass): written
  // now, beside the site, rather than by the first save that needs them.
  std::jthread band_rows;  // joined when Serve returns, also on failure
  {
    StopSignalsBlock block;  // the new thread blocks them too
    band_rows = std::jthread([store = store_.get()] {
      const auto began = std::chrono::steady_clock::now();
      Status s = store->CompleteBandRows();
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - began)
                          .count();
      if (!s.ok()) {
        LogInfo("near-duplicate band rows: " + s.ToString() +
                " (the next save that needs them writes them)");
      } else if (ms >= 100) {
        LogInfo("near-duplicate band rows left pending written in " +
                std::to_string(ms) + " ms");
      }
    });
  }
  Newsroom::Subscription search_listener = newsroom_->Subscribe(
      [search = search_.get()](const Article&) { search->Notify(); });
  ingest::WirePoller poller(*newsroom_, *store_, std::move(wire_feeds),
                            wire_defaults);
  poller.Start();
  std::uint16_t port = config_.server.port;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool again, ServeOnce(port, on_listening));
    if (!again) break;
    LogInfo("settings changed: restarting the site in place");
  }
  poller.Stop();
  scheduler.Stop();
  search_listener.Reset();
  search_->Stop();
  return Status::Ok();
}

Result<bool> App::ServeOnce(
    std::uint16_t& port,
    const std::function<void(std::uint16_t)>& on_listening) {
  Config c;
  {
    std::lock_guard<std::mutex> lock(settings_mu_);
    c = config_;
    reload_ = false;
  }
  WARTA_ASSIGN_OR_RETURN(timezone_, FindTimeZone(c.site.timezone));
  const bool first = port == c.server.port && !stop_server_;
  metrics::AccessPolicy metrics_access(c.metrics.allow, c.metrics.token);
  if (!http_metrics_) {
    http_metrics_ =
        std::make_unique<ops::HttpMetrics>(metrics::Registry::Default());
  }
  http::Router router;
  http::ServerOptions o = ServerOptionsFrom(c);
  o.port = port;
  o.observer = http_metrics_.get();
  o.listen_fd = std::exchange(listen_fd_, -1);  // after a reload: adopt it
  // Bind first (routes are added before Run): with port 0 the public origin
  // follows the port the kernel picked.
  WARTA_ASSIGN_OR_RETURN(auto server, http::Server::Create(o, router));
  port = server->port();
  // Kept for a successor, should settings change: closed unless handed on.
  OwnedFd successor(server->DuplicateListener());
  urls_ = std::make_unique<Urls>(c.site.url.empty()
                                     ? "http://" + c.server.host + ":" +
                                           std::to_string(server->port())
                                     : c.site.url);

  site::SiteOptions so = SiteOptionsFrom(c, timezone_);
  // "Mungkin Kamu Suka" from the search index.
  site::RelatedFn related =
      site::RelatedFromIndex(*search_, *store_, *store_, clock_);
  site::Site site(*store_, *theme_, *urls_, clock_, so, std::move(related));
  site.SetSearch(search_.get(), analyzer_.get());
  // Ends with this scope, early returns included: it captures `site`.
  Newsroom::Subscription listener =
      newsroom_->Subscribe([&site](const Article&) { site.Invalidate(); });
  // Writes from other processes (`warta import`, another node) within 250 ms.
  site.Follow(std::chrono::milliseconds(250));

  admin::AdminOptions ao =
      AdminOptionsFrom(c, urls_->site_url().rfind("https://", 0) == 0);
  admin::SettingsHooks hooks;
  hooks.current = [this] { return EditableSettings(); };
  hooks.apply = [this](const std::map<std::string, std::string>& s) {
    return ApplyEditableSettings(s);
  };
  WARTA_ASSIGN_OR_RETURN(
      auto admin, admin::Admin::Create(*store_, *newsroom_, site.context(),
                                       clock_, ao, std::move(hooks), Images()));
  admin->Register(router);
  site.Register(router);
  site::Distribution distribution(site);
  distribution.Register(router);
  // Feeds readers asked for are rendered again right after a write (here or
  // on another node), not on the next reader's request.
  distribution.StartWarming(std::chrono::milliseconds(250));
  ops::RegisterMetricsRoute(router, std::move(metrics_access),
                            metrics::Registry::Default());
  ops::RegisterReadyRoute(router, *store_, search_.get());
  http_metrics_->AddRoutes(router.Patterns());
  // Values read at scrape time; ends before `site` does.
  metrics::Registry::Collector collector =
      metrics::Registry::Default().AddCollector([this,
                                                 &site](metrics::Writer& w) {
        using metrics::Type;
        site::PageCache::Stats s = site.cache().stats();
        const struct {
          const char* name;
          const char* help;
          double value;
        } counters[] = {
            {"warta_page_cache_hits_total", "Pages served from the page cache.",
             double(cache_totals_.hits + s.hits)},
            {"warta_page_cache_misses_total",
             "Pages rendered because they were not in the page cache.",
             double(cache_totals_.misses + s.misses)},
            {"warta_page_cache_invalidations_total",
             "Cached pages dropped because content they show changed.",
             double(cache_totals_.invalidations + s.invalidations)},
            {"warta_page_cache_evictions_total",
             "Cached pages dropped to make room.",
             double(cache_totals_.evictions + s.evictions)},
        };
        for (const auto& c : counters) {
          w.Header(c.name, c.help, Type::kCounter);
          w.Sample(c.name, c.value);
        }
        w.Header("warta_page_cache_entries", "Pages in the page cache now.",
                 Type::kGauge);
        w.Sample("warta_page_cache_entries", double(s.entries));
        w.Header("warta_page_cache_bytes",
                 "Bytes the page cache holds now (all encodings).",
                 Type::kGauge);
        w.Sample("warta_page_cache_bytes", double(s.bytes));
        auto snapshot = search_->snapshot();
        w.Header("warta_search_index_documents",
                 "Articles in the search index.", Type::kGauge);
        w.Sample("warta_search_index_documents",
                 snapshot ? double(snapshot->live_docs()) : 0);
        w.Header("warta_search_index_ready",
                 "1 once the search index is built or loaded.", Type::kGauge);
        w.Sample("warta_search_index_ready", search_->ready() ? 1 : 0);
      });

  {
    std::lock_guard<std::mutex> lock(settings_mu_);
    http::Server* raw = server.get();
    stop_server_ = [raw] { raw->Stop(); };
  }
  LogInfo("warta serving " + urls_->site_url() + " from " + c.data_dir);
  if (first && on_listening) on_listening(server->port());
  server->Run();
  bool again;
  {
    std::lock_guard<std::mutex> lock(settings_mu_);
    stop_server_ = [] {};
    again = reload_;
  }
  if (again) listen_fd_ = successor.Release();
  listener.Reset();
  collector.Reset();
  site::PageCache::Stats final_stats = site.cache().stats();
  cache_totals_.hits += final_stats.hits;
  cache_totals_.misses += final_stats.misses;
  cache_totals_.invalidations += final_stats.invalidations;
  cache_totals_.evictions += final_stats.evictions;
  if (!again) LogInfo("warta stopped");
  return again;
}

}  // namespace warta
