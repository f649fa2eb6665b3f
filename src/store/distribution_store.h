// DistributionStore: what sitemaps and robots.txt read, shaped so a
// million-article site is served by index range scans in small batches.
// Part of the Store interface (store/store.h). Thread-safe.
#ifndef WARTA_STORE_DISTRIBUTION_STORE_H_
#define WARTA_STORE_DISTRIBUTION_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"

namespace warta {

// A published article as a sitemap lists it.
struct SitemapArticle {
  std::int64_t id = 0;
  std::string slug;
  std::string title;  // filled only when SitemapQuery::with_title
  Timestamp published_at = 0;
  Timestamp updated_at = 0;
};

// Published, indexable (noindex off) articles with from <= published_at < to,
// ordered by (published_at, id). Paging: either `offset` rows are skipped,
// or the rows after the keyset (after_published_at, after_id) are returned.
struct SitemapQuery {
  Timestamp from = 0;
  Timestamp to = 0;
  std::optional<std::pair<Timestamp, std::int64_t>> after;
  int offset = 0;
  int limit = 1000;  // at most 50000
  bool with_title = false;
  bool newest_first = false;  // order by (published_at, id) descending
};

// A UTC month with indexable published articles.
struct SitemapMonth {
  int year = 0;
  int month = 0;  // 1..12
  std::int64_t articles = 0;
  Timestamp lastmod = 0;  // newest updated_at seen in the month
};

enum class TaxonomyKind { kCategory, kTag, kAuthor };

// A category, tag or author that has had a published article.
struct TaxonomyLastmod {
  std::int64_t id = 0;
  std::string slug;
  Timestamp lastmod = 0;
};

class DistributionStore {
 public:
  virtual ~DistributionStore() = default;

  virtual Result<std::vector<SitemapArticle>> ListSitemapArticles(
      const SitemapQuery& q) = 0;

  // Months with at least one indexable published article (published_at in
  // UTC), newest first. Kept up to date at write time: no article scan.
  virtual Result<std::vector<SitemapMonth>> ListSitemapMonths() = 0;

  // Entries of `kind` with id > after_id, by id, at most `limit` (<= 50000).
  virtual Result<std::vector<TaxonomyLastmod>> ListTaxonomyLastmod(
      TaxonomyKind kind, std::int64_t after_id, int limit) = 0;
  virtual Result<std::int64_t> CountTaxonomyLastmod(TaxonomyKind kind) = 0;

  // Ids of the newest published, untrashed articles (published_at <=
  // before) of a tag or author (kind kTag or kAuthor), newest first, at most
  // `limit` (<= 1000). Reads about `limit` index entries whatever the size
  // of the tag or the store (the links carry the article's publication
  // state, kept at write time).
  virtual Result<std::vector<std::int64_t>> ListNewestLinkedArticleIds(
      TaxonomyKind kind, std::int64_t id, Timestamp before, int limit) = 0;

  // Slugs of published articles with no_ai set, newest first, at most
  // `limit`.
  virtual Result<std::vector<std::string>> ListNoAiSlugs(int limit) = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_DISTRIBUTION_STORE_H_
