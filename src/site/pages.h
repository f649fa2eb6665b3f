// The public pages, one builder per kind (article_page.cc, home_page.cc,
// list_pages.cc, error_pages.cc). Each reads the store, computes a view and
// renders it; Site adds caching and HTTP. kNotFound means "show the 404
// page"; other errors are 500s. Thread-safe.
#ifndef WARTA_SITE_PAGES_H_
#define WARTA_SITE_PAGES_H_

#include <string>
#include <string_view>

#include "base/result.h"
#include "site/context.h"

namespace warta::site {

struct PageResult {
  int status = 200;
  std::string html;      // the page, for 200 and 404
  std::string location;  // for 301 redirects
};

// /berita/{slug}; an old slug gives a 301 to the current one.
Result<PageResult> RenderArticlePage(const SiteContext& ctx,
                                     std::string_view slug);

// The article view model alone, for the admin preview (issue: newsroom).
Result<std::string> RenderArticleHtml(const SiteContext& ctx,
                                      const Article& article, bool preview);

// /
Result<PageResult> RenderHomePage(const SiteContext& ctx);

enum class ListKind { kCategory, kTag, kAuthor };

// /kategori/{slug}, /tag/{slug}, /penulis/{slug} at `page` (1-based).
Result<PageResult> RenderListPage(const SiteContext& ctx, ListKind kind,
                                  std::string_view slug, int page);

// The themed 404 or 500 page; falls back to plain text if the theme fails.
std::string RenderErrorPage(const SiteContext& ctx, int status);

}  // namespace warta::site

#endif  // WARTA_SITE_PAGES_H_
