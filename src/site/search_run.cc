// What the search page and the search API share: parameters and running.
#include <algorithm>

#include "base/strings.h"
#include "base/time.h"
#include "index/snippet.h"
#include "metrics/metrics.h"
#include "render/view.h"
#include "site/discovery.h"

namespace warta::site {
namespace {

Result<int> IntParam(const http::Request& req, std::string_view name,
                     int fallback, int min, int max) {
  auto v = req.Query(name);
  if (!v) return fallback;
  auto n = ParseInt(*v);
  if (!n || *n < min || *n > max) {
    return Status::InvalidArgument(
        std::string(name) + " must be a number from " + std::to_string(min) +
        " to " + std::to_string(max));
  }
  return static_cast<int>(*n);
}

}  // namespace

http::Response JsonError(int status, std::string_view message) {
  render::View v = {{"error", std::string(message)}};
  http::Response r = http::Response::Json(status, v.dump() + "\n");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Result<SearchParams> ReadSearchParams(const SiteContext& ctx,
                                      const http::Request& req) {
  SearchParams p;
  p.q = req.Query("q").value_or("");
  WARTA_ASSIGN_OR_RETURN(
      p.limit, IntParam(req, "limit", kSearchPageSize, 1, kMaxSearchLimit));
  WARTA_ASSIGN_OR_RETURN(p.offset,
                         IntParam(req, "offset", 0, 0, kMaxSearchOffset));
  if (auto sort = req.Query("sort")) {
    if (*sort == "date" || *sort == "newest") {
      p.sort = index::SortOrder::kNewest;
      p.sort_name = "date";
    } else if (*sort != "relevance" && !sort->empty()) {
      return Status::InvalidArgument("sort must be relevance or date");
    }
  }
  const int offset = ctx.options.timezone.offset_seconds;
  for (const char* name : {"from", "to"}) {
    auto v = req.Query(name);
    if (!v || v->empty()) continue;
    auto t = ParseIso8601(*v, offset);
    if (!t.ok() || v->size() != 10) {
      return Status::InvalidArgument(std::string(name) +
                                     " must be a date like 2024-05-31");
    }
    if (std::string_view(name) == "from") {
      p.filters.published_after = *t;
    } else {
      p.filters.published_before = *t + 86399;  // the whole day
    }
  }
  if (auto slug = req.Query("category"); slug && !slug->empty()) {
    auto c = ctx.store.taxonomy.GetCategoryBySlug(*slug);
    if (c.ok())
      p.filters.category_id = c->id;
    else if (c.status().IsNotFound())
      p.unknown_filter = true;
    else
      return c.status();
  }
  if (auto slug = req.Query("tag"); slug && !slug->empty()) {
    auto t = ctx.store.taxonomy.GetTagBySlug(*slug);
    if (t.ok())
      p.filters.tag_id = t->id;
    else if (t.status().IsNotFound())
      p.unknown_filter = true;
    else
      return t.status();
  }
  if (auto slug = req.Query("author"); slug && !slug->empty()) {
    auto a = ctx.store.taxonomy.GetAuthorBySlug(*slug);
    if (a.ok())
      p.filters.author_id = a->id;
    else if (a.status().IsNotFound())
      p.unknown_filter = true;
    else
      return a.status();
  }
  return p;
}

Result<SearchOutcome> RunSearch(const SiteContext& ctx,
                                const index::ParsedQuery& query,
                                const SearchParams& params) {
  SearchOutcome out;
  auto snapshot = ctx.search->snapshot();
  if (!params.unknown_filter) {
    index::SearchOptions o;
    o.filters = params.filters;
    o.sort = params.sort;
    o.limit = params.limit;
    o.offset = params.offset;
    o.now = ctx.clock.Now();
    static metrics::Histogram& latency =
        metrics::Registry::Default().GetHistogram(
            "warta_search_duration_seconds",
            "Time to run a search query on the index.",
            metrics::LatencyBuckets());
    metrics::Timer timer(latency);
    out.result = snapshot->Search(query, o);
  }
  // The page's cards in one read, and the plain text their snippets need
  // in another: neither reads a body or html. An article deleted a moment
  // ago is missing from either and left out.
  std::vector<std::int64_t> ids;
  ids.reserve(out.result.hits.size());
  for (const index::SearchHit& h : out.result.hits) ids.push_back(h.article_id);
  WARTA_ASSIGN_OR_RETURN(std::vector<Article> cards,
                         ctx.store.articles.ListArticlesById(ids));
  WARTA_ASSIGN_OR_RETURN(std::vector<ArticleText> texts,
                         ctx.store.articles.ListPlaintextsById(ids));
  // Both come in the order of `ids`.
  auto next_text = texts.begin();
  for (Article& a : cards) {
    auto text = std::find_if(next_text, texts.end(), [&](const ArticleText& t) {
      return t.id == a.id;
    });
    if (text == texts.end()) continue;
    next_text = text + 1;
    a.plaintext = std::move(text->plaintext);  // the whole text, not a card's
    SearchItem item;
    item.title_html =
        index::HighlightAll(*ctx.analyzer, a.title, out.result.terms);
    item.snippet_html =
        index::MakeSnippet(*ctx.analyzer, a.plaintext, out.result.terms);
    if (item.snippet_html.empty())
      item.snippet_html = HtmlEscape(a.Excerpt(200));
    item.article = std::move(a);
    out.items.push_back(std::move(item));
  }
  if (out.result.total == 0) out.suggestion = snapshot->Suggest(query);
  return out;
}

}  // namespace warta::site
