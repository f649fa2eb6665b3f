#include "site/site.h"

#include "base/log.h"
#include "base/strings.h"
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

Site::Site(Store& store, const render::Theme& theme, const Urls& urls,
           const Clock& clock, SiteOptions options, RelatedFn related)
    : ctx_{store, theme, urls, clock, std::move(options), std::move(related)},
      cache_(ctx_.options.cache_bytes) {
  if (!ctx_.related) {
    ctx_.related = [&store, &clock](const Article& a, int limit) {
      return NewestInCategory(store, clock, a, limit);
    };
  }
}

void Site::Invalidate() {
  invalidations_.fetch_add(1, std::memory_order_relaxed);
  cache_.Invalidate();
}

Site::CacheStats Site::cache_stats() const {
  CacheStats s;
  s.hits = hits_.load(std::memory_order_relaxed);
  s.misses = misses_.load(std::memory_order_relaxed);
  s.invalidations = invalidations_.load(std::memory_order_relaxed);
  s.entries = cache_.size();
  return s;
}

void Site::SetSearch(const index::LiveIndex* search,
                     const text::Analyzer* analyzer) {
  ctx_.search = search;
  ctx_.analyzer = analyzer;
}

void Site::RefreshIfChanged() {
  Timestamp now = ctx_.clock.Now();
  Timestamp last = last_check_.load();
  if (now == last || !last_check_.compare_exchange_strong(last, now)) return;
  auto seq = ctx_.store.ChangeSeq();
  if (!seq.ok()) return;
  std::int64_t seen = seen_seq_.exchange(*seq);
  if (seen != *seq && seen != -1) Invalidate();
}

http::Response Site::ErrorResponse(int status) const {
  http::Response r =
      http::Response::Html(status, RenderErrorPage(ctx_, status));
  r.SetHeader("Cache-Control", kErrorCacheControl);
  return r;
}

template <typename Fn>
http::Response Site::Cached(std::string_view kind, const std::string& key,
                            Fn&& render) {
  RefreshIfChanged();
  if (auto page = cache_.Find(key)) {
    hits_.fetch_add(1, std::memory_order_relaxed);
    return page->ToResponse();
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  std::uint64_t generation = cache_.generation();
  static metrics::Family<metrics::Histogram>& render_family =
      metrics::Registry::Default().HistogramFamily(
          "warta_render_duration_seconds",
          "Time to render a page that was not in the page cache, by kind.",
          {"kind"}, metrics::LatencyBuckets());
  Result<PageResult> result = [&] {
    metrics::Timer timer(render_family.With({kind}));
    return render();
  }();
  if (!result.ok()) {
    if (result.status().IsNotFound()) return ErrorResponse(404);
    LogError("page " + key + ": " + result.status().ToString());
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
    page = MakeCachedPage(result->status, kHtml, std::move(result->html),
                          kPageCacheControl);
  }
  cache_.Insert(key, page, generation);
  return page->ToResponse();
}

http::Response Site::Asset(const http::Request& req) const {
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
  router.Get("/", [this](const http::Request&) {
    return Cached("home", "/", [&] { return RenderHomePage(ctx_); });
  });
  static metrics::Counter& views = metrics::Registry::Default().GetCounter(
      "warta_article_views_total", "Article pages served with status 200.");
  router.Get(kArticleRoute, [this](const http::Request& req) {
    std::string slug(req.Param("slug"));
    http::Response r = Cached("article", ctx_.urls.Article(slug),
                              [&] { return RenderArticlePage(ctx_, slug); });
    if (r.status == 200) views.Inc();
    return r;
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
    router.Get(lr.pattern, [this, lr](const http::Request& req) {
      int page = PageParam(req);
      if (page == 0) return ErrorResponse(404);
      std::string slug(req.Param("slug"));
      std::string key =
          std::string(lr.pattern) + "|" + slug + "|" + std::to_string(page);
      return Cached(lr.name, key, [&] {
        return RenderListPage(ctx_, lr.kind, slug, page);
      });
    });
  }
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
  router.Get("/healthz", [this](const http::Request&) {
    auto seq = ctx_.store.ChangeSeq();
    http::Response r =
        seq.ok()
            ? http::Response::Json(200, "{\"status\":\"ok\"}\n")
            : http::Response::Json(503, "{\"status\":\"store unavailable\"}\n");
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
