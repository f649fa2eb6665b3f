// SiteContext: what the public page handlers share. Built once by Site;
// every member is thread-safe to use from many requests at once.
#ifndef WARTA_SITE_CONTEXT_H_
#define WARTA_SITE_CONTEXT_H_

#include <functional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "content/article.h"
#include "content/dates.h"
#include "content/timezone.h"
#include "index/live_index.h"
#include "render/theme.h"
#include "store/article_store.h"
#include "store/change_store.h"
#include "store/discovery_store.h"
#include "store/distribution_store.h"
#include "store/home_store.h"
#include "store/live_update_store.h"
#include "store/reader_store.h"
#include "store/settings_store.h"
#include "store/store_of.h"
#include "store/taxonomy_store.h"
#include "url/urls.h"

namespace warta::site {

struct SiteOptions {
  std::string name = "Warta";
  std::string description;
  Language language = Language::kIndonesian;
  TimeZone timezone = DefaultTimeZone();
  int page_size = 20;
  int related_count = 6;
  std::size_t cache_bytes = 256u << 20;
  // How old a cached page may grow in what it shows only in passing
  // (related articles on an article page) before it is re-rendered in the
  // background; what a page is about is re-rendered at once on a write.
  int page_max_stale_seconds = 300;
  // Distribution (docs/feeds.md): URL paths or absolute URLs; empty logo:
  // the theme's favicon; empty image: the logo.
  std::string logo;
  std::string image;
  bool no_ai = false;  // tell AI crawlers no, site-wide
  std::vector<std::string> ai_user_agents;
  int feed_items = 20;
  // Terpopuler (site/popular.h): how old the list may grow, and with it the
  // pages that show it (home, article pages), before a background
  // re-render.
  int popular_refresh_seconds = 60;
  // Article views (site/view_counter.h): how often counts are flushed to
  // the store; a crash loses at most this much.
  int views_flush_ms = 10000;
  // Behind a caching CDN: pages ask the browser to send a beacon to
  // /api/view and the server stops counting the pages it serves.
  bool view_beacon = false;
  // "Diperbarui" shows when a published story's text changed more than this
  // long after its publication.
  int update_grace_seconds = 600;
  int corrections_page_size = 20;
};

class BreakingBanner;
class Popular;
class ViewCounter;

// Up to `limit` published articles related to `article`, never itself.
using RelatedFn =
    std::function<std::vector<Article>(const Article& article, int limit)>;

// The store interfaces the public site reads (and the stored feeds and view
// counts it writes).
struct SiteStores {
  ArticleStore& articles;
  TaxonomyStore& taxonomy;
  DistributionStore& distribution;  // sitemaps, robots.txt, stored feeds
  DiscoveryStore& discovery;        // near-duplicate clusters
  ReaderStore& readers;             // views, corrections, withdrawn stories
  HomeStore& home;
  LiveUpdateStore& live_updates;
  SettingsStore& settings;
  ChangeStore& changes;  // what the page cache follows
  // From one object that is all of them (the whole Store).
  template <StoreOf<ArticleStore, TaxonomyStore, DistributionStore,
                    DiscoveryStore, ReaderStore, HomeStore, LiveUpdateStore,
                    SettingsStore, ChangeStore>
                S>
  SiteStores(S& s)  // NOLINT: implicit
      : articles(s),
        taxonomy(s),
        distribution(s),
        discovery(s),
        readers(s),
        home(s),
        live_updates(s),
        settings(s),
        changes(s) {}
};

struct SiteContext {
  SiteStores store;
  const render::Theme& theme;
  const Urls& urls;
  const Clock& clock;
  SiteOptions options;
  RelatedFn related;
  // Search (/cari, /api/search); null: those routes answer 503.
  const index::LiveIndex* search = nullptr;
  const text::Analyzer* analyzer = nullptr;
  // Owned by Site; set once it is built.
  Popular* popular = nullptr;
  ViewCounter* views = nullptr;
  const BreakingBanner* breaking = nullptr;
};

}  // namespace warta::site

#endif  // WARTA_SITE_CONTEXT_H_
