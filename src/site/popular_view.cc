// The Terpopuler box of the home and article pages, and /api/popular.
#include "base/log.h"
#include "base/strings.h"
#include "base/time.h"
#include "site/discovery.h"
#include "site/popular.h"

namespace warta::site {

void AddPopularBox(const SiteContext& ctx, render::View& view) {
  render::View items = render::View::array();
  if (ctx.popular) {
    auto list = ctx.popular->Get(PopularWindow::kDay);
    if (!list.ok()) {
      LogWarning("terpopuler: " + list.status().ToString());
    } else {
      int rank = 0;
      for (const PopularItem& item : (*list)->items) {
        if (rank >= kPopularBoxItems) break;
        const Article& a = item.article;
        items.push_back(
            {{"rank", ++rank},
             {"title", a.title},
             {"url", ctx.urls.Article(a.slug)},
             {"category", a.category ? render::View(a.category->name)
                                     : render::View(false)}});
      }
    }
  }
  view["has_popular"] = !items.empty();
  view["popular"] = std::move(items);
}

http::Response HandleApiPopular(const SiteContext& ctx,
                                const http::Request& req) {
  if (!ctx.popular) return JsonError(503, "popular articles are not available");
  PopularWindow window = PopularWindow::kDay;
  if (auto w = req.Query("window")) {
    if (*w == "7d") {
      window = PopularWindow::kWeek;
    } else if (*w != "24h" && !w->empty()) {
      return JsonError(400, "window: expected 24h or 7d");
    }
  }
  int limit = 10;
  if (auto l = req.Query("limit")) {
    auto n = ParseInt(*l);
    if (!n || *n < 1 || *n > Popular::kMaxItems)
      return JsonError(
          400, "limit: expected 1 to " + std::to_string(Popular::kMaxItems));
    limit = static_cast<int>(*n);
  }
  auto list = ctx.popular->Get(window);
  if (!list.ok()) return JsonError(500, "popular articles failed");
  render::View articles = render::View::array();
  for (const PopularItem& item : (*list)->items) {
    if (static_cast<int>(articles.size()) >= limit) break;
    const Article& a = item.article;
    articles.push_back(
        {{"id", a.id},
         {"title", a.title},
         {"url", ctx.urls.Article(a.slug)},
         {"views", item.views},
         {"published_at",
          a.published_at
              ? render::View(FormatIso8601(*a.published_at,
                                           ctx.options.timezone.offset_seconds))
              : render::View(nullptr)},
         {"category", a.category ? render::View(a.category->name)
                                 : render::View(nullptr)}});
  }
  render::View body = {{"window", window == PopularWindow::kDay ? "24h" : "7d"},
                       {"fallback", (*list)->fallback},
                       {"articles", std::move(articles)}};
  http::Response r = http::Response::Json(200, body.dump() + "\n");
  r.SetHeader("Cache-Control", "public, max-age=30");
  return r;
}

}  // namespace warta::site
