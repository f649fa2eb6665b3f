// The public pages, one builder per kind (article_page.cc, home_page.cc,
// list_pages.cc, error_pages.cc). Each reads the store, computes a view and
// renders it; Site adds caching and HTTP. kNotFound means "show the 404
// page"; other errors are 500s. Thread-safe.
#ifndef WARTA_SITE_PAGES_H_
#define WARTA_SITE_PAGES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "site/context.h"

namespace warta::site {

struct PageResult {
  int status = 200;
  std::string html;      // the page, for 200 and 404
  std::string location;  // for 301 redirects
  // The page keys it was rendered from (store.h PageChanges): a write that
  // changes one re-renders the page. Empty: any public change ("pub").
  std::vector<std::string> keys;
  // It also shows content not in `keys` (related articles) that may be
  // SiteOptions::page_max_stale_seconds old.
  bool bounded_age = false;
  // With bounded_age: re-render after this many seconds when sooner than
  // page_max_stale_seconds (0: page_max_stale_seconds). Pages showing
  // Terpopuler use SiteOptions::popular_refresh_seconds.
  int refresh_seconds = 0;
};

// Page keys: "a:ID" for an article; "all", "c:ID", "t:ID", "u:ID" for lists.
std::string ArticleKey(std::int64_t id);
std::string CategoryKey(std::int64_t id);

// /berita/{slug}; an old slug gives a 301 to the current one.
Result<PageResult> RenderArticlePage(const SiteContext& ctx,
                                     std::string_view slug);

// The article view model alone, for the admin preview (issue: newsroom).
Result<std::string> RenderArticleHtml(const SiteContext& ctx,
                                      const Article& article, bool preview);

// /
Result<PageResult> RenderHomePage(const SiteContext& ctx);

// /indeks?tanggal=YYYY-MM-DD&kategori=SLUG&page=N (site/index_page.cc).
inline constexpr std::string_view kIndexPath = "/indeks";
struct IndexRequest {
  std::string date;      // YYYY-MM-DD in the site's time zone
  bool today = false;    // no date asked for: today's
  std::string category;  // slug; empty: all
  int page = 1;
};
// NotFound when the date is not a YYYY-MM-DD calendar date.
Result<IndexRequest> ParseIndexRequest(const SiteContext& ctx,
                                       std::optional<std::string> date,
                                       std::optional<std::string> category,
                                       int page);
std::string IndexCacheKey(const IndexRequest& r);
Result<PageResult> RenderIndexPage(const SiteContext& ctx,
                                   const IndexRequest& r);

// The public corrections log (site/corrections_page.cc).
inline constexpr std::string_view kCorrectionsPath = "/koreksi";
Result<PageResult> RenderCorrectionsPage(const SiteContext& ctx, int page);

enum class ListKind { kCategory, kTag, kAuthor };

// /kategori/{slug}, /tag/{slug}, /penulis/{slug} at `page` (1-based).
Result<PageResult> RenderListPage(const SiteContext& ctx, ListKind kind,
                                  std::string_view slug, int page);

// The themed 404 or 500 page; falls back to plain text if the theme fails.
// The 404 page also lists the latest stories (one bounded read; Site keeps
// the page in its cache under the page key "all").
std::string RenderErrorPage(const SiteContext& ctx, int status);

}  // namespace warta::site

#endif  // WARTA_SITE_PAGES_H_
