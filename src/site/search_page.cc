// /cari?q=...&page=N: search results with highlighted snippets, pagination,
// and, when nothing matches, a suggestion built from the index's words.
// Without q: the search form. A malformed query: the form with the reason
// (HTTP 400).
#include "base/log.h"
#include "base/strings.h"
#include "base/time.h"
#include "site/discovery.h"
#include "site/pages.h"
#include "site/picture.h"
#include "site/views.h"

namespace warta::site {
namespace {

std::string SearchUrl(const SiteContext& ctx, const std::string& q,
                      const SearchParams& p) {
  std::string url = ctx.urls.Search(q);
  if (p.sort == index::SortOrder::kNewest) url += "&sort=date";
  return url;
}

}  // namespace

http::Response HandleSearchPage(const SiteContext& ctx,
                                const http::Request& req) {
  const Language lang = ctx.options.language;
  auto error_page = [&](int status) {
    http::Response r =
        http::Response::Html(status, RenderErrorPage(ctx, status));
    r.SetHeader("Cache-Control", "no-store");
    return r;
  };
  if (!ctx.search || !ctx.analyzer) return error_page(503);
  int page = 1;
  if (auto p = req.Query("page")) {
    auto n = ParseInt(*p);
    if (!n || *n < 1 || *n > kMaxSearchOffset / kSearchPageSize + 1)
      return error_page(404);
    page = static_cast<int>(*n);
  }
  auto params = ReadSearchParams(ctx, req);
  int status = 200;
  std::string error;
  std::string q = params.ok() ? params->q : req.Query("q").value_or("");
  std::optional<index::ParsedQuery> query;
  if (!params.ok()) {
    if (params.status().code() != StatusCode::kInvalidArgument)
      return error_page(500);
    status = 400;
    error = params.status().message();
  } else if (!Trim(q).empty()) {
    auto parsed = index::ParseQuery(q, *ctx.analyzer);
    if (parsed.ok()) {
      query = std::move(*parsed);
    } else {
      status = 400;
      error = ctx.theme.Text(lang, "search_invalid") + " (" +
              parsed.status().message() + ")";
    }
  }
  PageInfo info;
  info.kind = "search-page";
  info.title = (query ? ctx.theme.Text(lang, "search_results_for",
                                       {{"q", std::string(Trim(q))}})
                      : ctx.theme.Text(lang, "search")) +
               " - " + ctx.options.name;
  info.description = ctx.theme.Text(lang, "search_label");
  info.path = query ? ctx.urls.Search(query->text) : std::string(kSearchRoute);
  info.noindex = true;  // result pages are not for search engines
  auto base = BaseView(ctx, info);
  if (!base.ok()) return error_page(500);
  render::View v = std::move(*base);
  v["page"]["query"] = q;
  render::View s = {
      {"query", q},
      {"error", error.empty() ? render::View(false) : render::View(error)},
      {"heading",
       query ? ctx.theme.Text(lang, "search_results_for", {{"q", query->text}})
             : ctx.theme.Text(lang, "search")},
      {"prompt", query || status != 200
                     ? render::View(false)
                     : render::View(ctx.theme.Text(lang, "search_prompt"))},
      {"suggestion", false},
      {"empty", false},
      {"relaxed", false},
      {"count_label", false},
      {"results", render::View::array()}};
  v["pagination"] = false;
  if (query && !ctx.search->ready()) {
    // The index is being built (a first start, or damaged files): say so,
    // and when to come back.
    status = 503;
    s["error"] = ctx.theme.Text(lang, "search_building");
  } else if (query) {
    SearchParams p = *params;
    p.limit = kSearchPageSize;
    p.offset = (page - 1) * kSearchPageSize;
    auto outcome = RunSearch(ctx, *query, p);
    if (!outcome.ok()) {
      LogError("search " + q + ": " + outcome.status().ToString());
      return error_page(500);
    }
    const auto total = outcome->result.total;
    const int pages =
        static_cast<int>((total + kSearchPageSize - 1) / kSearchPageSize);
    if (page > 1 && page > pages) return error_page(404);
    s["count_label"] =
        ctx.theme.Text(lang, "search_count", {{"n", std::to_string(total)}});
    s["relaxed"] = outcome->result.relaxed;
    if (total == 0) {
      s["empty"] = ctx.theme.Text(lang, "search_empty", {{"q", query->text}});
    }
    if (!outcome->suggestion.empty()) {
      s["suggestion"] = {{"text", outcome->suggestion},
                         {"url", SearchUrl(ctx, outcome->suggestion, p)}};
    }
    render::View results = render::View::array();
    for (const SearchItem& item : outcome->items) {
      render::View card = CardView(ctx, item.article, false);
      card["title_html"] = item.title_html;
      card["snippet_html"] = item.snippet_html;
      results.push_back(std::move(card));
    }
    LoadFirstCardEagerly(results);
    s["results"] = std::move(results);
    AddPagination(ctx, v, SearchUrl(ctx, query->text, p), page,
                  std::min(pages, kMaxSearchOffset / kSearchPageSize + 1));
  }
  v["search"] = std::move(s);
  auto html = ctx.theme.Render({"search"}, v);
  if (!html.ok()) {
    LogError("search page: " + html.status().ToString());
    return error_page(500);
  }
  http::Response r = http::Response::Html(status, std::move(*html));
  r.SetHeader("Cache-Control",
              status == 200 ? "public, max-age=10" : "no-store");
  if (status == 503)
    r.SetHeader("Retry-After", std::to_string(kSearchRetryAfterSeconds));
  return r;
}

}  // namespace warta::site
