// Search and related-article handlers of the public site, one file per
// page kind: search_page.cc (/cari), api_search.cc (GET /api/search),
// api_related.cc (GET /api/related); search_run.cc holds what the first two
// share. Thread-safe.
#ifndef WARTA_SITE_DISCOVERY_H_
#define WARTA_SITE_DISCOVERY_H_

#include <string>
#include <vector>

#include "base/result.h"
#include "http/request.h"
#include "http/response.h"
#include "index/query.h"
#include "index/snapshot.h"
#include "site/context.h"

namespace warta::site {

inline constexpr int kSearchPageSize = 10;
inline constexpr int kMaxSearchLimit = 50;
inline constexpr int kMaxSearchOffset = 1000;
// Retry-After of search answers while the index is being built.
inline constexpr int kSearchRetryAfterSeconds = 5;
inline constexpr int kMaxRelatedLimit = 20;

struct SearchParams {
  std::string q;
  int limit = kSearchPageSize;
  int offset = 0;
  index::SearchFilters filters;
  index::SortOrder sort = index::SortOrder::kRelevance;
  std::string sort_name = "relevance";
  bool unknown_filter = false;  // a category/tag/author slug that is absent
};

// Reads q, limit, offset, sort (relevance|date), category, tag, author
// (slugs), from and to (YYYY-MM-DD). InvalidArgument names the parameter.
// `q` is not checked here (index::ParseQuery does).
Result<SearchParams> ReadSearchParams(const SiteContext& ctx,
                                      const http::Request& req);

struct SearchItem {
  Article article;
  std::string title_html;    // escaped, matched words in <mark>
  std::string snippet_html;  // likewise
};

struct SearchOutcome {
  index::SearchResult result;
  std::vector<SearchItem> items;
  std::string suggestion;  // "" when none
};

// Runs the query on the index and loads the page of articles.
Result<SearchOutcome> RunSearch(const SiteContext& ctx,
                                const index::ParsedQuery& query,
                                const SearchParams& params);

http::Response HandleSearchPage(const SiteContext& ctx,
                                const http::Request& req);
http::Response HandleApiSearch(const SiteContext& ctx,
                               const http::Request& req);
http::Response HandleApiRelated(const SiteContext& ctx,
                                const http::Request& req);

// {"error": message} with `status`, never cached.
http::Response JsonError(int status, std::string_view message);

}  // namespace warta::site

#endif  // WARTA_SITE_DISCOVERY_H_
