// Site: the public website. Registers the reader-facing routes (home,
// article, category, tag, author, assets, health) on a router, serves pages
// from a PageCache and drops the cache when content changes: at once for
// writes in this process (Invalidate), and within a second for writes from
// other processes or nodes (the store's ChangeSeq, polled on requests).
// Thread-safe after Register().
#ifndef WARTA_SITE_SITE_H_
#define WARTA_SITE_SITE_H_

#include <atomic>
#include <memory>

#include "http/router.h"
#include "site/context.h"
#include "site/page_cache.h"

namespace warta::site {

class Site {
 public:
  // The referenced objects must outlive the Site. Without `related`, "Mungkin
  // Kamu Suka" shows the newest articles of the same category.
  Site(Store& store, const render::Theme& theme, const Urls& urls,
       const Clock& clock, SiteOptions options, RelatedFn related = nullptr);
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;

  // Enables /cari, /api/search and /api/related on `search` (which must
  // outlive the Site). Call before Register.
  void SetSearch(const index::LiveIndex* search,
                 const text::Analyzer* analyzer);

  void Register(http::Router& router);

  // Drops every cached page.
  void Invalidate();

  // Serves `kind` for `status` (404, 500) as a response.
  http::Response ErrorResponse(int status) const;

  const SiteContext& context() const { return ctx_; }
  PageCache& cache() { return cache_; }

  // What the page cache did since this Site was made (for /metrics): pages
  // served from it, pages rendered because they were not in it, times it
  // was dropped, and the pages in it now. Cheap; thread-safe.
  struct CacheStats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t invalidations = 0;
    std::size_t entries = 0;
  };
  CacheStats cache_stats() const;

  // Drops the cache when the store changed in another process (checks the
  // store at most once a second). Handlers outside Site call it before
  // using cache().
  void RefreshIfChanged();

 private:
  // Serves `key` from the cache or renders it with `render`.
  // `kind` ("article", "home", ...) labels the render time metric.
  template <typename Fn>
  http::Response Cached(std::string_view kind, const std::string& key,
                        Fn&& render);
  http::Response Asset(const http::Request& req) const;

  SiteContext ctx_;
  PageCache cache_;
  std::atomic<Timestamp> last_check_{0};
  std::atomic<std::int64_t> seen_seq_{-1};
  std::atomic<std::uint64_t> hits_{0}, misses_{0}, invalidations_{0};
};

}  // namespace warta::site

#endif  // WARTA_SITE_SITE_H_
