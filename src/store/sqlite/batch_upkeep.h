// What the per-row upkeep triggers of migration 059 would write inside a
// batch (Store::RunBatch), added up so it is written once when the batch
// ends: listing counts, taxonomy and sitemap-month lastmods, feed versions.
// Plain data; the SqliteStore owns it under its write lock.
#ifndef WARTA_STORE_SQLITE_BATCH_UPKEEP_H_
#define WARTA_STORE_SQLITE_BATCH_UPKEEP_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "base/clock.h"
#include "base/status.h"
#include "store/sqlite/db.h"

namespace warta::sqlite {

// The meta key that marks a batch's transaction (migration 059).
inline constexpr std::string_view kBatchUpkeepKey = "batch_upkeep";

struct BatchUpkeep {
  // listing_months (kind, subject_id, month) -> (n, shown) deltas; a list's
  // listing_counts delta is the sum over its months (CountDelta, WriteTo).
  std::map<std::tuple<int, std::int64_t, std::int64_t>,
           std::pair<std::int64_t, std::int64_t>>
      month_counts;
  // taxonomy_lastmod ('c' | 't' | 'a', id) -> newest lastmod.
  std::map<std::pair<char, std::int64_t>, Timestamp> lastmod;
  // sitemap_months month ("YYYY-MM") -> (articles delta, newest lastmod).
  std::map<std::string, std::pair<std::int64_t, Timestamp>> months;
  // feed_versions scopes to bump once: ('s', 0) is the site's feed "s",
  // ('c' | 't' | 'a', id) a category's, tag's or author's ("t12"). Kept
  // as pairs, not their strings: an import adds three an article.
  std::set<std::pair<char, std::int64_t>> feed_scopes;
  void FeedChanged(char kind, std::int64_t id = 0) {
    feed_scopes.emplace(kind, id);
  }

  // A listing row of `kind`/`subject` published at `published_at` inserted
  // (+1) or deleted (-1): its list's count and its month's.
  void CountRow(int kind, std::int64_t subject, std::int64_t published_at,
                bool hidden, int sign);
  void Lastmod(char kind, std::int64_t id, Timestamp at);
  // A published, indexable article (published_at) entered its month.
  void MonthGains(Timestamp published_at, Timestamp updated_at);
  // The (n, shown) delta of one list, (0, 0) when untouched.
  std::pair<std::int64_t, std::int64_t> CountDelta(int kind,
                                                   std::int64_t subject) const;
  void Merge(BatchUpkeep&& other);
  void Clear();
  bool Empty() const;
  // Writes the sums into their tables on `c` (inside the batch's
  // transaction).
  Status WriteTo(Connection& c) const;
};

// "YYYY-MM" of `t` in UTC, as SQLite's strftime('%Y-%m', t, 'unixepoch').
std::string UtcMonth(Timestamp t);

}  // namespace warta::sqlite

#endif  // WARTA_STORE_SQLITE_BATCH_UPKEEP_H_
