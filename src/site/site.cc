#include "site/site.h"

#include <algorithm>

#include "base/log.h"
#include "base/strings.h"
#include "content/slug.h"
#include "metrics/metrics.h"
#include "site/discovery.h"
#include "site/pages.h"
#include "site/related.h"
#include "url/urls.h"

namespace warta::site {
namespace {

constexpr char kHtml[] = "text/html; charset=utf-8";
constexpr char kPageCacheControl[] =
    "public, max-age=60, stale-while-revalidate=30";
constexpr char kErrorCacheControl[] = "no-store";

// ?page=N: 1 when absent; 0 (invalid) when not a positive number.
int PageParam(const http::Request& req) {
  auto p = req.Query("page");
  if (!p) return 1;
  auto n = ParseInt(*p);
  return n && *n >= 1 && *n <= 1000000 ? static_cast<int>(*n) : 0;
}

}  // namespace

Site::Site(SiteStores store, const render::Theme& theme, const Urls& urls,
           const Clock& clock, SiteOptions options, RelatedFn related)
    : ctx_{store, theme, urls, clock, std::move(options), std::move(related)},
      cache_(ctx_.options.cache_bytes),
      views_(store.readers, clock),
      popular_({store.articles, store.discovery, store.readers}, clock,
               std::max(1, ctx_.options.popular_refresh_seconds / 2)) {
  ctx_.popular = &popular_;
  ctx_.views = &views_;
  ctx_.breaking = &breaking_;
  if (!ctx_.related) {
    ArticleStore& articles = store.articles;
    ctx_.related = [&articles, &clock](const Article& a, int limit) {
      return NewestInCategory(articles, clock, a, limit);
    };
  }
}

Site::~Site() {
  watch_.reset();  // its callback uses this
  {
    MutexLock lock(&bg_mu_);
    stopping_ = true;
  }
  bg_cv_.NotifyAll();
  if (background_.joinable()) background_.join();
}

void Site::Invalidate() { CatchUp(); }

void Site::InvalidateAll() { cache_.Invalidate(); }

void Site::SetSearch(const index::LiveIndex* search,
                     const text::Analyzer* analyzer) {
  ctx_.search = search;
  ctx_.analyzer = analyzer;
}

void Site::LoadBreaking() {
  auto settings = ctx_.store.settings.LoadSettings();
  if (!settings.ok()) {
    LogWarning("breaking news: " + settings.status().ToString());
    return;
  }
  breaking_.Set(BreakingFromSettings(*settings));
  breaking_expiry_ = breaking_.expires_at();
}

void Site::CatchUp() {
  MutexLock lock(&catch_up_mu_);
  if (seen_seq_ < 0) {
    // First call: what is cached was rendered from the store as it is.
    auto seq = ctx_.store.changes.ChangeSeq();
    if (seq.ok()) seen_seq_ = *seq;
    LoadBreaking();
    return;
  }
  // The banner ran out: every page showed it.
  if (breaking_expiry_ != 0 && ctx_.clock.Now() >= breaking_expiry_) {
    breaking_expiry_ = 0;
    cache_.Invalidate();
  }
  auto changes = ctx_.store.changes.PageChangesSince(seen_seq_, 5000);
  if (!changes.ok()) {
    LogWarning("page cache: " + changes.status().ToString());
    return;
  }
  if (changes->seq == seen_seq_) return;
  if (changes->everything ||
      std::find(changes->keys.begin(), changes->keys.end(), "site") !=
          changes->keys.end()) {
    LoadBreaking();  // settings may have changed
  }
  if (changes->everything) {
    cache_.Invalidate();
  } else {
    cache_.Invalidate(changes->keys);
  }
  seen_seq_ = changes->seq;
}

void Site::RefreshIfChanged() {
  if (following_.load(std::memory_order_relaxed)) return;  // Follow does it
  Timestamp now = ctx_.clock.Now();
  Timestamp last = last_check_.load();
  if (now == last || !last_check_.compare_exchange_strong(last, now)) return;
  CatchUp();
}

void Site::Follow(std::chrono::milliseconds interval) {
  CatchUp();
  views_.Start(
      std::chrono::milliseconds(std::max(100, ctx_.options.views_flush_ms)));
  popular_.Start();
  MutexLock lock(&bg_mu_);
  if (background_.joinable()) return;
  background_ = std::thread([this, interval] { BackgroundLoop(interval); });
  following_ = true;
  // Woken by each commit (of `warta import` beside us, too), `interval`
  // is only the fallback.
  watch_ = ctx_.store.changes.WatchChanges([this] {
    {
      MutexLock lock(&bg_mu_);
      change_pending_ = true;
    }
    bg_cv_.NotifyOne();
  });
}

void Site::BackgroundLoop(std::chrono::milliseconds interval) {
  MutexLock lock(&bg_mu_);
  while (!stopping_) {
    const auto deadline = std::chrono::steady_clock::now() + interval;
    while (!stopping_ && !change_pending_ && refresh_queue_.empty() &&
           bg_cv_.WaitUntil(&bg_mu_, deadline)) {
    }
    if (stopping_) break;
    change_pending_ = false;
    lock.Unlock();
    CatchUp();
    lock.Lock();
    while (!refresh_queue_.empty() && !stopping_) {
      Refresh r = std::move(refresh_queue_.front());
      refresh_queue_.pop_front();
      lock.Unlock();
      RenderAndStore(r.key, r.render, r.codings, /*refresh=*/true);
      lock.Lock();
    }
  }
}

http::Response Site::ErrorResponse(int status) {
  if (status != 404) {
    http::Response r =
        http::Response::Html(status, RenderErrorPage(ctx_, status));
    r.SetHeader("Cache-Control", kErrorCacheControl);
    return r;
  }
  // Bots ask for missing pages all day: the 404 page, with its list of the
  // latest stories, renders once per change of the lists (and, for edits
  // of the stories it lists, at most page_max_stale_seconds late).
  constexpr std::string_view kNotFoundKey = "error:404";
  RefreshIfChanged();
  const Timestamp now = ctx_.clock.Now();
  PageCache::Hit hit = cache_.Lookup(kNotFoundKey, now);
  std::shared_ptr<const CachedPage> page = hit.page;
  if (!page || hit.refresh_due) {
    const std::uint64_t generation = cache_.generation();
    std::shared_ptr<CachedPage> made = MakeCachedPage(
        404, kHtml, RenderErrorPage(ctx_, 404), kErrorCacheControl);
    made->etag.clear();  // never a 304 for a 404
    cache_.Insert(std::string(kNotFoundKey), made, generation, {"all"},
                  now + std::max(ctx_.options.page_max_stale_seconds, 1));
    page = std::move(made);
  }
  return page->ToResponse();
}

// One render of a page that several requests wait for.
struct Site::Flight {
  Mutex mu;
  CondVar cv;
  bool done GUARDED_BY(mu) = false;
  http::Response response GUARDED_BY(mu);
  std::shared_ptr<const CachedPage> page GUARDED_BY(mu);  // when stored
};

std::shared_ptr<const CachedPage> Site::WithWantedCoding(
    std::string_view key, std::shared_ptr<const CachedPage> page,
    const http::Request& req) {
  const http::Coding want =
      http::PreferredCoding(req.Header("accept-encoding"));
  if ((page->missing & CodingBit(want)) == 0 || !page->ClaimCoding(want)) {
    return page;
  }
  std::shared_ptr<const CachedPage> fuller = WithCoding(*page, want);
  cache_.Replace(key, page.get(), fuller);
  return fuller;
}

http::Response Site::RenderAndStore(const std::string& key,
                                    const Renderer& render, unsigned codings,
                                    bool refresh,
                                    std::shared_ptr<const CachedPage>* made) {
  std::uint64_t generation = cache_.generation();
  Result<PageResult> result = render();
  if (!result.ok()) {
    const Status& s = result.status();
    if (refresh && !s.IsNotFound()) {
      // Readers keep the copy they have (the database may be down).
      LogWarning("page " + key +
                 ": refresh failed, serving the cached copy: " + s.ToString());
      cache_.Postpone(
          key,
          ctx_.clock.Now() + std::max(ctx_.options.page_max_stale_seconds, 1));
      return http::Response();
    }
    cache_.Invalidate({"page:" + key});
    if (s.IsNotFound()) return ErrorResponse(404);
    LogError("page " + key + ": " + s.ToString());
    if (s.code() == StatusCode::kUnavailable) {
      http::Response r = ErrorResponse(503);
      r.SetHeader("Retry-After", "5");
      return r;
    }
    return ErrorResponse(500);
  }
  std::shared_ptr<const CachedPage> page;
  if (result->status == 301) {
    auto p = std::make_shared<CachedPage>();
    p->status = 301;
    p->content_type = "text/plain; charset=utf-8";
    p->body = std::make_shared<const std::string>("Moved to " +
                                                  result->location + "\n");
    p->location = result->location;
    p->cache_control = "public, max-age=3600";
    p->bytes = p->body->size() + 256;
    page = std::move(p);
  } else {
    std::shared_ptr<CachedPage> fresh =
        MakeCachedPage(result->status, kHtml, std::move(result->html),
                       kPageCacheControl, codings);
    fresh->Prepare();
    page = std::move(fresh);
  }
  std::vector<std::string> deps = std::move(result->keys);
  if (deps.empty()) deps.push_back("pub");
  deps.push_back("page:" + key);  // lets a failed refresh drop it
  int max_age = ctx_.options.page_max_stale_seconds;
  if (result->refresh_seconds > 0)
    max_age = std::min(max_age, result->refresh_seconds);
  Timestamp refresh_at =
      result->bounded_age ? ctx_.clock.Now() + std::max(max_age, 1) : 0;
  cache_.Insert(key, page, generation, std::move(deps), refresh_at);
  if (made) *made = page;
  return page->ToResponse();
}

http::Response Site::Cached(const http::Request& req, std::string_view key_view,
                            const std::function<Renderer()>& make_renderer) {
  RefreshIfChanged();
  PageCache::Hit hit = cache_.Lookup(key_view, ctx_.clock.Now());
  if (hit.page && !hit.refresh_due) {
    if (hit.page->missing != 0) [[unlikely]] {
      hit.page = WithWantedCoding(key_view, std::move(hit.page), req);
    }
    if (hit.page->prepared) return http::Response(hit.page->prepared);
    http::Response r = hit.page->ToResponse();
    r.SetHeader("X-Cache", "hit");
    return r;
  }
  std::string key(key_view);
  Renderer render = make_renderer();
  if (hit.page) {  // due for a refresh: serve it, re-render in the background
    // The refreshed page gets the codings readers asked of this one.
    const unsigned codings = kAllCodings & ~hit.page->missing;
    bool queued = false;
    bool following = false;
    {
      MutexLock lock(&bg_mu_);
      following = background_.joinable();
      if (following && refresh_queue_.size() < 1024) {
        refresh_queue_.push_back(Refresh{key, std::move(render), codings});
        queued = true;
      }
    }
    if (queued) {
      bg_cv_.NotifyOne();
    } else if (!following) {
      return RenderAndStore(key, render,
                            codings | CodingBit(http::PreferredCoding(
                                          req.Header("accept-encoding"))));
    } else {
      cache_.Invalidate({"page:" + key});  // too many due: render on miss
    }
    std::shared_ptr<const CachedPage> page = std::move(hit.page);
    if (page->missing != 0) page = WithWantedCoding(key, std::move(page), req);
    if (page->prepared) return http::Response(page->prepared);
    http::Response r = page->ToResponse();
    r.SetHeader("X-Cache", "hit");
    return r;
  }
  // A miss: the first request renders, the others wait for its page. Only
  // the coding the leader wants is made now; the others on first request.
  std::shared_ptr<Flight> flight;
  bool leader = false;
  {
    MutexLock lock(&flights_mu_);
    auto& slot = flights_[key];
    if (!slot) {
      slot = std::make_shared<Flight>();
      leader = true;
    }
    flight = slot;
  }
  if (!leader) {
    std::shared_ptr<const CachedPage> page;
    {
      MutexLock lock(&flight->mu);
      while (!flight->done) flight->cv.Wait(&flight->mu);
      if (!flight->page) return flight->response;
      page = flight->page;
    }
    if (page->missing != 0) page = WithWantedCoding(key, std::move(page), req);
    return page->ToResponse();
  }
  std::shared_ptr<const CachedPage> page;
  http::Response response = RenderAndStore(
      key, render,
      CodingBit(http::PreferredCoding(req.Header("accept-encoding"))),
      /*refresh=*/false, &page);
  {
    MutexLock lock(&flight->mu);
    flight->response = response;
    flight->page = std::move(page);
    flight->done = true;
  }
  flight->cv.NotifyAll();
  {
    MutexLock lock(&flights_mu_);
    flights_.erase(key);
  }
  return response;
}

http::Response Site::ViewBeacon(const http::Request& req) {
  http::Response r;
  r.status = 204;
  r.SetHeader("Cache-Control", "no-store");
  if (!ctx_.options.view_beacon || !IsReaderView(req)) return r;
  auto path = req.Query("path");
  if (!path) return r;
  constexpr std::string_view kPrefix = "/berita/";
  std::string_view p = *path;
  if (p.rfind(kPrefix, 0) != 0) return r;
  std::string_view slug = p.substr(kPrefix.size());
  if (IsValidSlug(slug)) views_.Count(slug);
  return r;
}

http::Response Site::Asset(const http::Request& req) {
  const render::Asset* a = ctx_.theme.FindAsset(req.Param("file"));
  if (!a) return ErrorResponse(404);
  http::Response r;
  r.content_type = a->content_type;
  r.body = std::make_shared<const std::string>(a->bytes);
  r.SetHeader("ETag", "\"" + a->version + "\"");
  auto v = req.Query("v");
  r.SetHeader("Cache-Control", v && *v == a->version
                                   ? "public, max-age=31536000, immutable"
                                   : "public, max-age=300");
  return r;
}

void Site::Register(http::Router& router) {
  // Render times per page kind and article views, for /metrics.
  auto& render_time = metrics::Registry::Default().HistogramFamily(
      "warta_render_duration_seconds",
      "Time to render a page that was not in the page cache, by kind.",
      {"kind"}, metrics::LatencyBuckets());
  static metrics::Counter& views = metrics::Registry::Default().GetCounter(
      "warta_article_views_total", "Article pages served with status 200.");
  // The renderers are made only on a miss, and what the makers capture stays
  // within std::function's inline storage, so a hit allocates nothing.
  metrics::Histogram* home_time = &render_time.With({"home"});
  router.Get("/", [this, home_time](const http::Request& req) {
    return Cached(req, "/", [this, home_time]() -> Renderer {
      return [this, home_time] {
        metrics::Timer timer(*home_time);
        return RenderHomePage(ctx_);
      };
    });
  });
  metrics::Histogram* article_time = &render_time.With({"article"});
  router.Get(kArticleRoute, [this, article_time](const http::Request& req) {
    thread_local std::string key;
    ctx_.urls.Article(req.Param("slug"), &key);
    struct Miss {
      Site* site;
      const http::Request* req;
      metrics::Histogram* time;
    } miss{this, &req, article_time};
    http::Response r = Cached(req, key, [&miss]() -> Renderer {
      return [site = miss.site, time = miss.time,
              slug = std::string(miss.req->Param("slug"))] {
        metrics::Timer timer(*time);
        return RenderArticlePage(site->ctx_, slug);
      };
    });
    if (r.status == 200) {
      views.Inc();
      // Terpopuler (site/view_counter.h): cached pages count too.
      if (!ctx_.options.view_beacon && IsReaderView(req))
        views_.Count(req.Param("slug"));
    }
    return r;
  });
  router.Post("/api/view",
              [this](const http::Request& req) { return ViewBeacon(req); });
  router.Get("/api/view",
             [this](const http::Request& req) { return ViewBeacon(req); });
  router.Get("/api/popular", [this](const http::Request& req) {
    return HandleApiPopular(ctx_, req);
  });
  struct ListRoute {
    std::string_view pattern;
    ListKind kind;
    std::string_view name;
  };
  for (ListRoute lr :
       {ListRoute{kCategoryRoute, ListKind::kCategory, "category"},
        ListRoute{kTagRoute, ListKind::kTag, "tag"},
        ListRoute{kAuthorRoute, ListKind::kAuthor, "author"}}) {
    metrics::Histogram* time = &render_time.With({lr.name});
    router.Get(lr.pattern, [this, lr, time](const http::Request& req) {
      int page = PageParam(req);
      if (page == 0) return ErrorResponse(404);
      std::string slug(req.Param("slug"));
      std::string key =
          std::string(lr.pattern) + "|" + slug + "|" + std::to_string(page);
      return Cached(req, key, [&]() -> Renderer {
        return [this, lr, slug, page, time] {
          metrics::Timer timer(*time);
          return RenderListPage(ctx_, lr.kind, slug, page);
        };
      });
    });
  }
  router.Get(kIndexPath, [this](const http::Request& req) {
    int page = PageParam(req);
    if (page == 0) return ErrorResponse(404);
    auto r = ParseIndexRequest(ctx_, req.Query("tanggal"),
                               req.Query("kategori"), page);
    if (!r.ok()) return ErrorResponse(404);
    return Cached(req, IndexCacheKey(*r), [&]() -> Renderer {
      return [this, r = *r] { return RenderIndexPage(ctx_, r); };
    });
  });
  router.Get(kCorrectionsPath, [this](const http::Request& req) {
    int page = PageParam(req);
    if (page == 0) return ErrorResponse(404);
    return Cached(
        req, std::string(kCorrectionsPath) + "|" + std::to_string(page),
        [&]() -> Renderer {
          return [this, page] { return RenderCorrectionsPage(ctx_, page); };
        });
  });
  // Search and related articles (site/discovery.h).
  router.Get(kSearchRoute, [this](const http::Request& req) {
    return HandleSearchPage(ctx_, req);
  });
  router.Get("/api/search", [this](const http::Request& req) {
    return HandleApiSearch(ctx_, req);
  });
  router.Get("/api/related", [this](const http::Request& req) {
    RefreshIfChanged();
    return HandleApiRelated(ctx_, req);
  });
  router.Get(kAssetRoute,
             [this](const http::Request& req) { return Asset(req); });
  router.Get("/favicon.ico", [this](const http::Request&) {
    const render::Asset* a = ctx_.theme.FindAsset("favicon.svg");
    if (!a) return ErrorResponse(404);
    http::Response r;
    r.content_type = a->content_type;
    r.body = std::make_shared<const std::string>(a->bytes);
    r.SetHeader("Cache-Control", "public, max-age=86400");
    return r;
  });
  // Liveness, and the load balancer's check: 200 while this node serves
  // pages. An unreachable store is reported but keeps it 200: every node
  // shares it, and while it is down the page caches still serve readers
  // (/readyz says 503).
  router.Get("/healthz", [this](const http::Request&) {
    auto seq = ctx_.store.changes.ChangeSeq();
    http::Response r = http::Response::Json(
        200, seq.ok()
                 ? "{\"status\":\"ok\"}\n"
                 : "{\"status\":\"degraded\",\"store\":\"unavailable\"}\n");
    r.SetHeader("Cache-Control", "no-store");
    return r;
  });
  router.SetNotFound([this](const http::Request& req) {
    // "/berita/x/" -> "/berita/x": one canonical form per page.
    if (req.path.size() > 1 && req.path.back() == '/' && req.IsSafeMethod()) {
      std::string to = req.path.substr(0, req.path.find_last_not_of('/') + 1);
      if (!to.empty() && to.find("//") == std::string::npos) {
        to = UrlEncodePath(to);  // the raw query follows, unencoded
        if (!req.query.empty()) to += "?" + req.query;
        return http::Response::Redirect(301, to);
      }
    }
    return ErrorResponse(404);
  });
}

}  // namespace warta::site
