// Page metadata for the view models: OpenGraph/Twitter <meta>, JSON-LD,
// feed <link rel="alternate">, the per-article and site-wide "no AI" tags.
// Fills page.meta, page.links and page.json_ld (see docs/themes.md). The
// generators live in feeds/page_meta.h; this file picks what each page gets.
#ifndef WARTA_SITE_META_VIEWS_H_
#define WARTA_SITE_META_VIEWS_H_

#include <string>
#include <string_view>

#include "content/article.h"
#include "feeds/page_meta.h"
#include "render/view.h"
#include "site/context.h"

namespace warta::site {

// Absolute logo and default image, site name and language.
feeds::SiteMeta SiteMetaOf(const SiteContext& ctx);

// Article page: og:type=article and friends, JSON-LD NewsArticle +
// BreadcrumbList, feed links (site and the article's category), no-AI tags
// when the site or the article asks.
void AddArticleMeta(const SiteContext& ctx, render::View& view,
                    const Article& article, std::string_view description);

// Home and list pages: og:type=website, the site's feeds and, for a list
// (list_path non-empty), the list's own feeds titled `list_title`.
void AddListMeta(const SiteContext& ctx, render::View& view,
                 std::string_view title, std::string_view description,
                 std::string_view path, std::string_view list_path,
                 std::string_view list_title);

}  // namespace warta::site

#endif  // WARTA_SITE_META_VIEWS_H_
