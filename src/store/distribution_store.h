// DistributionStore: what sitemaps and robots.txt read, shaped so a
// million-article site is served by index range scans in small batches.
// Part of the Store interface (store/store.h). Thread-safe.
#ifndef WARTA_STORE_DISTRIBUTION_STORE_H_
#define WARTA_STORE_DISTRIBUTION_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

// Which feed: the site's (kind nullopt), or a category's, tag's or author's.
struct FeedScope {
  std::optional<TaxonomyKind> kind;
  std::int64_t id = 0;
};

// A rendered feed kept in the store (docs/feeds.md), valid while nothing
// that feed shows has changed since `version` was read.
struct StoredFeed {
  std::string key;           // the document's name, chosen by the caller
  FeedScope scope;           // whose articles it shows
  std::string fingerprint;   // what else it depends on, chosen by the caller
  std::int64_t version = 0;  // FeedVersion(scope), read before rendering
  Timestamp last_modified = 0;
  Timestamp valid_until = 0;  // 0: no limit; else stale from this time on
  // The body, encoded both ways it is sent (the caller's choice of levels);
  // the store keeps the bytes as they are.
  std::string body_gzip;
  std::string body_brotli;
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

  // A number that grows with every write that can change what the feed of
  // `scope` shows: a published article in it (or leaving it), a link, a
  // category/tag/author name. Kept at write time; a read of two rows.
  virtual Result<std::int64_t> FeedVersion(const FeedScope& scope) = 0;
  // The stored feed `key` if its version is still the scope's current one,
  // else nullopt (also when there is none). One row read.
  virtual Result<std::optional<StoredFeed>> GetStoredFeed(
      std::string_view key) = 0;
  // Stores (replaces) rendered feeds, all in one write transaction: every
  // one, or on failure none. A key given twice: the later document stands.
  // An empty list is Ok and writes nothing (no transaction, so also inside
  // a write batch). Not a content change: ChangeSeq() stays put. A stored
  // feed is a cache: the commit may skip the backend's flush to disk, so a
  // crash may lose these rows, never other data.
  virtual Status PutStoredFeeds(const std::vector<StoredFeed>& feeds) = 0;
  // One feed: PutStoredFeeds of a list of one.
  Status PutStoredFeed(const StoredFeed& feed) {
    return PutStoredFeeds(std::vector<StoredFeed>{feed});
  }
  // The earliest published_at later than `after` of a published, untrashed
  // article in `scope`, if any: when a feed rendered now gains an item
  // without any write.
  virtual Result<std::optional<Timestamp>> NextFeedItemTime(
      const FeedScope& scope, Timestamp after) = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_DISTRIBUTION_STORE_H_
