// View-model builders shared by the page handlers: the frame every page has
// (site, navigation, strings, assets), article cards and pagination. All
// dates, labels and URLs are computed here, never in templates.
#ifndef WARTA_SITE_VIEWS_H_
#define WARTA_SITE_VIEWS_H_

#include <string>
#include <string_view>
#include <vector>

#include "content/article.h"
#include "render/view.h"
#include "site/context.h"

namespace warta::site {

struct PageInfo {
  std::string kind;         // "article", "home", "category", ... (body class)
  std::string title;        // <title>
  std::string description;  // meta description
  std::string path;         // canonical path
  std::string current_nav;  // URL of the nav entry to mark current
  bool noindex = false;
};

// The frame: site, t (strings), nav, assets, page, footer.
Result<render::View> BaseView(const SiteContext& ctx, const PageInfo& page);

// A card for lists: title, url, category, excerpt, date labels.
render::View CardView(const SiteContext& ctx, const Article& a,
                      bool with_excerpt);

// {label, prev_url, next_url} or null when there is one page only. Also sets
// page.prev_url/next_url in `view` for <link rel>.
void AddPagination(const SiteContext& ctx, render::View& view,
                   std::string_view path, int page, int total_pages);

// "Rina Wulandari dan Budi Santoso" style separators for a byline list.
render::View AuthorsView(const SiteContext& ctx,
                         const std::vector<Author>& authors);

}  // namespace warta::site

#endif  // WARTA_SITE_VIEWS_H_
