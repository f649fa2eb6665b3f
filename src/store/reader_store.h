// ReaderStore: what the reader-facing features around articles keep: view
// counts (Terpopuler; no cookies, addresses or user agents, only counts per
// article and hour), the public corrections log and withdrawn stories. Part
// of the Store interface (store/store.h). Thread-safe; view writes leave the
// change seq alone (no page depends on them directly).
#ifndef WARTA_STORE_READER_STORE_H_
#define WARTA_STORE_READER_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "content/article.h"

namespace warta {

// Views an article had in a window.
struct PopularArticle {
  std::int64_t article_id = 0;
  std::int64_t views = 0;
};

// An article's views: since `day_start`, since `week_start`, ever.
struct ArticleViews {
  std::int64_t today = 0;
  std::int64_t week = 0;
  std::int64_t total = 0;
};

// One entry of the corrections log.
struct CorrectionEntry {
  std::int64_t id = 0;
  std::int64_t article_id = 0;
  std::string text;
  Timestamp created_at = 0;
};

// A story taken off the site after it was published.
struct WithdrawnArticle {
  std::int64_t article_id = 0;
  std::string title;
  Timestamp withdrawn_at = 0;
  std::string reason;  // may be empty
};

class ReaderStore {
 public:
  virtual ~ReaderStore() = default;

  // Adds views by article slug (unknown slugs are ignored) to the hour
  // starting at `hour` and to the totals: one transaction.
  virtual Status AddViews(
      Timestamp hour,
      const std::vector<std::pair<std::string, std::int64_t>>& by_slug) = 0;

  // Live published articles with the most views in the hours starting at or
  // after `since`, most first (then newest id), at most `limit` (1..100).
  virtual Result<std::vector<PopularArticle>> ListPopular(Timestamp since,
                                                          int limit) = 0;

  // Views of each id (ids without views are left out).
  virtual Result<std::map<std::int64_t, ArticleViews>> GetArticleViews(
      const std::vector<std::int64_t>& ids, Timestamp day_start,
      Timestamp week_start) = 0;

  // Forgets hourly counts of hours before `before` (totals stay).
  virtual Status PruneViews(Timestamp before) = 0;

  // The corrections log of live published articles, written at or before
  // `before`, newest first; at most `limit` (0..1000) after `offset`.
  virtual Result<std::vector<CorrectionEntry>> ListCorrections(Timestamp before,
                                                               int limit,
                                                               int offset) = 0;

  // The article at `slug` when it was withdrawn (unpublished after
  // publication; not trashed, which reads as deleted); kNotFound otherwise.
  virtual Result<WithdrawnArticle> FindWithdrawn(std::string_view slug) = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_READER_STORE_H_
