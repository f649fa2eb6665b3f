// Site: the public website. Registers the reader-facing routes (home,
// article, category, tag, author, assets, health) on a router and serves
// pages from a PageCache. A write drops only the cached pages rendered from
// what it changed (the store's page keys, store.h PageChanges): at once for
// writes in this process (Invalidate), and within a second for writes from
// other processes or nodes (Follow, or the store's ChangeSeq polled on
// requests). Concurrent misses of one page render it once; pages that show
// related articles are re-rendered in the background when older than
// SiteOptions::page_max_stale_seconds. Thread-safe after Register().
#ifndef WARTA_SITE_SITE_H_
#define WARTA_SITE_SITE_H_

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>

#include "base/mutex.h"
#include "http/router.h"
#include "site/breaking.h"
#include "site/context.h"
#include "site/page_cache.h"
#include "site/pages.h"
#include "site/popular.h"
#include "site/view_counter.h"

namespace warta::site {

class Site {
 public:
  // The referenced objects must outlive the Site. Without `related`, "Mungkin
  // Kamu Suka" shows the newest articles of the same category.
  Site(SiteStores store, const render::Theme& theme, const Urls& urls,
       const Clock& clock, SiteOptions options, RelatedFn related = nullptr);
  ~Site();
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;

  // Enables /cari, /api/search and /api/related on `search` (which must
  // outlive the Site). Call before Register.
  void SetSearch(const index::LiveIndex* search,
                 const text::Analyzer* analyzer);

  void Register(http::Router& router);

  // Drops the cached pages that writes since the last call changed (reads
  // the store's page keys now). The newsroom calls it after each save.
  void Invalidate();
  // Drops every cached page.
  void InvalidateAll();

  // Starts a background thread that follows the store's changes every
  // `interval` (writes from other processes show within it) and renders
  // pages due for a refresh. Without it, those render on the request.
  void Follow(std::chrono::milliseconds interval);

  // Serves the error page for `status` (404, 500) as a response. The 404
  // page (it lists the latest stories) comes from the page cache.
  http::Response ErrorResponse(int status);

  const SiteContext& context() const { return ctx_; }
  PageCache& cache() { return cache_; }
  ViewCounter& views() { return views_; }
  Popular& popular() { return popular_; }

  // Catches up with writes from other processes (checks the store at most
  // once a second). Handlers outside Site call it before using cache().
  void RefreshIfChanged();

 private:
  using Renderer = std::function<Result<PageResult>()>;
  struct Flight;

  // A background re-render of a cached page: its key, renderer and the
  // codings (page_cache.h bits) the cached copy had.
  struct Refresh {
    std::string key;
    Renderer render;
    unsigned codings = kAllCodings;
  };

  // Serves `key` to `req` from the cache or renders it with
  // make_renderer()'s renderer, made only on a miss or when a refresh is
  // due: a hit on a prepared page that has the coding `req` wants
  // allocates nothing. A miss compresses only that coding.
  http::Response Cached(const http::Request& req, std::string_view key,
                        const std::function<Renderer()>& make_renderer);
  // Renders `key` with the `codings` (page_cache.h bits) and stores it; the
  // response to send, and the page in `*made` when one was stored. When a
  // `refresh` of a cached page fails for another reason than the page
  // being gone (the store unreachable), the cached copy stays and is tried
  // again later.
  http::Response RenderAndStore(
      const std::string& key, const Renderer& render, unsigned codings,
      bool refresh = false, std::shared_ptr<const CachedPage>* made = nullptr);
  // `page` (cached as `key`) with the coding `req` wants: when it lacks it,
  // the first such request compresses it and puts the fuller page in the
  // cache; requests meanwhile get `page` as it is (another coding).
  std::shared_ptr<const CachedPage> WithWantedCoding(
      std::string_view key, std::shared_ptr<const CachedPage> page,
      const http::Request& req);
  void CatchUp() EXCLUDES(catch_up_mu_);
  // Loads the banner (before the pages that show it are dropped).
  void LoadBreaking() REQUIRES(catch_up_mu_);
  void BackgroundLoop(std::chrono::milliseconds interval) EXCLUDES(bg_mu_);
  http::Response Asset(const http::Request& req);
  // POST|GET /api/view?path=/berita/SLUG: the beacon of CDN setups.
  http::Response ViewBeacon(const http::Request& req);

  SiteContext ctx_;
  PageCache cache_;
  ViewCounter views_;
  Popular popular_;
  BreakingBanner breaking_;
  Mutex catch_up_mu_;
  // The banner's expiry whose pages are still cached (0: none).
  Timestamp breaking_expiry_ GUARDED_BY(catch_up_mu_) = 0;
  std::atomic<Timestamp> last_check_{0};
  std::int64_t seen_seq_ GUARDED_BY(catch_up_mu_) = -1;
  Mutex flights_mu_;
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_
      GUARDED_BY(flights_mu_);
  // Background refreshes and following (Follow).
  Mutex bg_mu_;
  CondVar bg_cv_;
  std::deque<Refresh> refresh_queue_ GUARDED_BY(bg_mu_);
  bool stopping_ GUARDED_BY(bg_mu_) = false;
  // the store saw a commit (WatchChanges)
  bool change_pending_ GUARDED_BY(bg_mu_) = false;
  std::atomic<bool> following_{false};
  std::unique_ptr<ChangeWatch> watch_ GUARDED_BY(bg_mu_);
  std::thread background_ GUARDED_BY(bg_mu_);
};

}  // namespace warta::site

#endif  // WARTA_SITE_SITE_H_
