// GET /api/related?path=/berita/{slug}&limit=N
//   {"results": [{"url", "title"}]}
// The same "Mungkin Kamu Suka" list as the article page. `path` may also be
// the absolute URL. 400 without a path or with a bad limit (1..20); 404
// when no published article has that path.
#include "base/strings.h"
#include "render/view.h"
#include "site/discovery.h"

namespace warta::site {

http::Response HandleApiRelated(const SiteContext& ctx,
                                const http::Request& req) {
  auto path = req.Query("path");
  if (!path || path->empty())
    return JsonError(400, "path is required, e.g. ?path=/berita/slug");
  int limit = ctx.options.related_count > 0 ? ctx.options.related_count : 6;
  if (auto l = req.Query("limit")) {
    auto n = ParseInt(*l);
    if (!n || *n < 1 || *n > kMaxRelatedLimit) {
      return JsonError(400, "limit must be a number from 1 to " +
                                std::to_string(kMaxRelatedLimit));
    }
    limit = static_cast<int>(*n);
  }
  std::string p = *path;
  const std::string& origin = ctx.urls.site_url();
  if (p.rfind(origin, 0) == 0) p = p.substr(origin.size());
  if (auto q = p.find_first_of("?#"); q != std::string::npos) p.resize(q);
  auto slug = Urls::ArticleSlugFromPath(p);
  if (!slug) return JsonError(400, "path is not an article path (/berita/...)");
  auto article = ctx.store.articles.GetArticleBySlug(*slug);
  if (!article.ok()) {
    if (article.status().IsNotFound())
      return JsonError(404, "no article at " + p);
    return JsonError(500, "related articles failed");
  }
  if (!article->IsPublished() ||
      (article->published_at && *article->published_at > ctx.clock.Now()))
    return JsonError(404, "no article at " + p);
  render::View results = render::View::array();
  if (ctx.related) {
    for (const Article& a : ctx.related(*article, limit)) {
      results.push_back(
          {{"url", ctx.urls.Article(a.slug)}, {"title", a.title}});
    }
  }
  render::View body = {{"results", std::move(results)}};
  http::Response r = http::Response::Json(200, body.dump() + "\n");
  r.SetHeader("Cache-Control", "public, max-age=60");
  return r;
}

}  // namespace warta::site
