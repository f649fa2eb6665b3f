// Distribution: the machine-readable surface of the site. Feeds (RSS 2.0,
// Atom 1.0, JSON Feed 1.1) for the site and every category, tag and author;
// the sitemap index, child sitemaps (articles by month, categories, tags,
// authors; at most 50,000 URLs each), the Google News sitemap and
// robots.txt. Feeds and robots.txt are served from the Site's page cache;
// child sitemaps are streamed from the store in batches so memory stays flat
// at any size. Every response carries an ETag (and feeds Last-Modified) for
// conditional GET. docs/feeds.md lists the URLs. Thread-safe after
// Register().
#ifndef WARTA_SITE_DISTRIBUTION_H_
#define WARTA_SITE_DISTRIBUTION_H_

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

#include "base/mutex.h"
#include "feeds/feed.h"
#include "http/router.h"
#include "site/pages.h"
#include "site/site.h"

namespace warta::site {

enum class FeedFormat { kRss, kAtom, kJson };
inline constexpr FeedFormat kFeedFormats[] = {
    FeedFormat::kRss, FeedFormat::kAtom, FeedFormat::kJson};

// A child sitemap named by its file, e.g. "sitemap-articles-2025-09-2.xml".
struct SitemapName {
  enum class Kind { kArticles, kCategories, kTags, kAuthors } kind;
  int year = 0;   // articles only
  int month = 0;  // articles only
  int page = 1;   // 1-based; page N >= 2 is written "-N"
};

// Parses a child sitemap file name; nullopt for anything else.
std::optional<SitemapName> ParseSitemapName(std::string_view file);
// The inverse: "sitemap-tags-2.xml".
std::string SitemapFileName(const SitemapName& name);

class Distribution {
 public:
  // `site` must outlive this object.
  explicit Distribution(Site& site);
  ~Distribution();
  Distribution(const Distribution&) = delete;
  Distribution& operator=(const Distribution&) = delete;

  void Register(http::Router& router);

  // What rendering a feed found out besides its body.
  struct FeedInfo {
    Timestamp last_modified = 0;  // the newest item's update (or now)
    FeedScope scope;              // whose articles it shows
    std::int64_t version =
        0;  // DistributionStore::FeedVersion(scope) before reading
    Timestamp valid_until = 0;  // 0, or when a future item becomes due
  };

  // The body of a feed (kNotFound for an unknown category/tag/author);
  // `list_kind` nullopt means the whole site.
  Result<std::string> RenderFeed(std::optional<ListKind> list_kind,
                                 std::string_view slug, FeedFormat format,
                                 FeedInfo& info) const;

  // The page-cache and stored-document key of a feed.
  static std::string FeedKey(std::optional<ListKind> list_kind,
                             std::string_view slug, FeedFormat format);

  // Puts every hot feed that is not in the page cache back into it: the
  // site's three feeds, those of every category with published articles
  // once StartWarming ran (at most half the list), and others that readers
  // asked for since start-up, up to kMaxHotFeeds in all. Feeds whose stored
  // document is still valid load from it; the others render, and are stored
  // together in one write after the round. So after a write, a feed reader
  // finds the new feed ready instead of waiting for its render. Returns how
  // many feeds it loaded. Thread-safe.
  std::size_t WarmFeeds();
  static constexpr std::size_t kMaxHotFeeds = 256;

  // Adds the categories' feeds to the hot list, then runs WarmFeeds on a
  // background thread once and again whenever the page cache was dropped
  // (a write here, or in another process within the store's change poll),
  // checking every `interval`. Stopped by
  // StopWarming or the destructor.
  void StartWarming(std::chrono::milliseconds interval);
  void StopWarming();

 private:
  struct HotFeed {
    HotFeed(std::optional<ListKind> kind, std::string_view slug,
            FeedFormat format)
        : kind(kind),
          slug(slug),
          format(format),
          key(FeedKey(kind, slug, format)) {}
    std::optional<ListKind> kind;
    std::string slug;
    FeedFormat format;
    std::string key;  // FeedKey of the above
  };
  http::Response Feed(std::optional<ListKind> kind, std::string_view slug,
                      FeedFormat format);
  // The feed from its valid stored document, else rendered and stored;
  // into the page cache either way. kNotFound for an unknown slug. A
  // rendered feed's document is stored at once when `to_store` is null,
  // else appended to it for the caller to store (StoreFeeds).
  Result<std::shared_ptr<const CachedPage>> LoadFeed(
      const HotFeed& feed, std::vector<StoredFeed>* to_store);
  // Stores `docs` in one write (PutStoredFeeds); on failure logs each key.
  void StoreFeeds(const std::vector<StoredFeed>& docs);
  // Adds `feed` to the hot list unless it is there or the list holds
  // `limit` feeds already; false when it is that full.
  bool NoteHot(HotFeed feed, std::size_t limit = kMaxHotFeeds);
  void NoteSectionFeeds();
  http::Response SitemapIndex();
  http::Response Sitemap(std::string_view file);
  http::Response NewsSitemap();
  http::Response Robots();
  // An ETag that changes with every write to the store.
  std::string StoreEtag(std::string_view what) const;

  Site& site_;
  // What a stored feed depends on besides the store's content: the site
  // settings it shows and the renderer itself (a fixed sample rendered in
  // every format), so new settings or a new warta version never serve an
  // old document. Fixed for this object's life, as the settings are.
  const std::string feed_fingerprint_;

  Mutex hot_mu_;
  std::vector<HotFeed> hot_ GUARDED_BY(hot_mu_);
  std::unordered_set<std::string> hot_keys_ GUARDED_BY(hot_mu_);

  Mutex warm_mu_;
  CondVar warm_cv_;
  bool warm_stop_ GUARDED_BY(warm_mu_) = false;
  std::thread warmer_;
};

}  // namespace warta::site

#endif  // WARTA_SITE_DISTRIBUTION_H_
