// App: the composition root. Builds the store, newsroom, theme and URL
// service from a Config, and the website and HTTP server on demand. The only
// place that names concrete backends. Not copyable; one per process.
#ifndef WARTA_APP_APP_H_
#define WARTA_APP_APP_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "admin/image_library.h"
#include "base/clock.h"
#include "base/result.h"
#include "config/config.h"
#include "content/timezone.h"
#include "index/live_index.h"
#include "index/near_duplicate.h"
#include "ingest/wire_ingester.h"
#include "newsroom/newsroom.h"
#include "ops/endpoints.h"
#include "render/theme.h"
#include "site/page_cache.h"
#include "store/store.h"
#include "text/analyzer.h"
#include "text/stemmer.h"
#include "url/urls.h"

namespace warta {

class App {
 public:
  // Creates the data directory if needed, opens (and migrates) the store and
  // loads the theme. Errors name the file or setting at fault.
  static Result<std::unique_ptr<App>> Open(
      Config config, const Clock& clock = RealClock::Get());
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Serves the site, the newsroom (/admin, /api/admin) and runs the
  // scheduler until SIGINT/SIGTERM. `on_listening` is called with the bound
  // port once the server accepts connections. Settings changed in the admin
  // rebuild the site in place (a graceful restart on the same port).
  Status Serve(const std::function<void(std::uint16_t port)>& on_listening);

  // The settings the admin may edit (site.name, site.url, site.timezone,
  // site.locale) as in effect now. Thread-safe.
  std::map<std::string, std::string> EditableSettings() const;
  // Validates, stores and applies them; the running server restarts in
  // place. InvalidArgument naming the key. Thread-safe.
  Status ApplyEditableSettings(const std::map<std::string, std::string>& s);

  // Builds the search index (which also answers "Mungkin Kamu Suka") from
  // every published article and saves it to DATA/index, with a progress
  // bar on stderr. Returns the number of articles indexed. Not while
  // Serve() runs.
  Result<std::uint64_t> RebuildSearchIndex();

  // What wire ingestion needs of the newsroom's settings: the default
  // category and author, the time zone, and an ImageKeeper that keeps the
  // items' photos in DATA/media (and a shared store) like uploads.
  ingest::WireDefaults WireDefaults();

  const Config& config() const { return config_; }
  Store& store() { return *store_; }
  Newsroom& newsroom() { return *newsroom_; }
  const render::Theme& theme() const { return *theme_; }
  const Urls& urls() const { return *urls_; }
  const TimeZone& timezone() const { return timezone_; }
  const Clock& clock() const { return clock_; }
  const text::Analyzer& analyzer() const { return *analyzer_; }
  // Keeps near-duplicate clusters on every save (a Newsroom listener).
  index::DuplicateClusters& duplicates() { return *detector_; }

 private:
  App(Config config, const Clock& clock);
  // Serves once; returns true when a settings change asks for another run.
  Result<bool> ServeOnce(
      std::uint16_t& port,
      const std::function<void(std::uint16_t)>& on_listening);

  Config config_;
  const Clock& clock_;
  TimeZone timezone_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Newsroom> newsroom_;
  std::unique_ptr<render::Theme> theme_;
  std::unique_ptr<Urls> urls_;
  std::unique_ptr<text::Stemmer> stemmer_;
  std::unique_ptr<text::Analyzer> analyzer_;
  std::unique_ptr<index::DuplicateClusters> detector_;
  // Feeds detector_ from newsroom_; declared after both, so it ends first.
  Newsroom::Subscription duplicates_listener_;
  std::unique_ptr<index::LiveIndex> search_;  // while serving
  // Uploads and agency photos are kept here (once asked for).
  admin::ImageLibrary& Images();
  std::unique_ptr<admin::ImageLibrary> images_;
  // Counts every server's requests for /metrics (outlives each server).
  std::unique_ptr<ops::HttpMetrics> http_metrics_;
  // Page cache counts of the sites of earlier settings reloads, so the
  // counters keep growing across reloads.
  site::PageCache::Stats cache_totals_;

  mutable std::mutex settings_mu_;     // guards config_.site during Serve
  std::function<void()> stop_server_;  // set while a server runs
  bool reload_ = false;
  // The listening socket a settings reload hands to the next server (so no
  // connection is refused meanwhile); -1 when none. Serve's thread only.
  int listen_fd_ = -1;
};

}  // namespace warta

#endif  // WARTA_APP_APP_H_
