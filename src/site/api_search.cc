// GET /api/search?q=...&limit=N&offset=M
//   {"query": q, "total": N, "results": [{"url", "title", "snippet",
//    "published_at", "category"}]}
// url is the article path, snippet HTML-escaped text with <mark> around
// matched words, published_at ISO 8601 in the site's time zone, category
// the primary category's name or null. Optional: sort=relevance|date,
// category/tag/author=slug, from/to=YYYY-MM-DD. A bad query or parameter
// is a 400 with {"error": "..."}. While the index is being built (a first
// start, or damaged index files) a 503 with {"error": "search index is being
// built", "retry_after": seconds} and a Retry-After header.
#include "base/time.h"
#include "render/view.h"
#include "site/discovery.h"

namespace warta::site {

http::Response HandleApiSearch(const SiteContext& ctx,
                               const http::Request& req) {
  if (!ctx.search || !ctx.analyzer)
    return JsonError(503, "search is not available");
  if (!ctx.search->ready()) {
    render::View body = {{"error", "search index is being built"},
                         {"retry_after", kSearchRetryAfterSeconds}};
    http::Response r = http::Response::Json(503, body.dump() + "\n");
    r.SetHeader("Retry-After", std::to_string(kSearchRetryAfterSeconds));
    r.SetHeader("Cache-Control", "no-store");
    return r;
  }
  auto params = ReadSearchParams(ctx, req);
  if (!params.ok()) {
    if (params.status().code() == StatusCode::kInvalidArgument)
      return JsonError(400, params.status().message());
    return JsonError(500, "search failed");
  }
  if (!req.Query("q")) return JsonError(400, "the query is empty: use ?q=");
  auto query = index::ParseQuery(params->q, *ctx.analyzer);
  if (!query.ok()) return JsonError(400, query.status().message());
  auto outcome = RunSearch(ctx, *query, *params);
  if (!outcome.ok()) return JsonError(500, "search failed");
  render::View results = render::View::array();
  for (const SearchItem& item : outcome->items) {
    const Article& a = item.article;
    render::View r = {
        {"url", ctx.urls.Article(a.slug)},
        {"title", a.title},
        {"snippet", item.snippet_html},
        {"published_at",
         a.published_at
             ? render::View(FormatIso8601(*a.published_at,
                                          ctx.options.timezone.offset_seconds))
             : render::View(nullptr)},
        {"category",
         a.category ? render::View(a.category->name) : render::View(nullptr)},
    };
    results.push_back(std::move(r));
  }
  render::View body = {{"query", query->text},
                       {"total", outcome->result.total},
                       {"results", std::move(results)}};
  http::Response r = http::Response::Json(200, body.dump() + "\n");
  r.SetHeader("Cache-Control", "public, max-age=10");
  return r;
}

}  // namespace warta::site
