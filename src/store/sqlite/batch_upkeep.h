// What the per-row upkeep triggers of migration 059 would write inside a
// batch (Store::RunBatch), added up so it is written once when the batch
// ends: listing counts, taxonomy and sitemap-month lastmods, feed versions.
// Plain data; the SqliteStore owns it under its write lock.
#ifndef WARTA_STORE_SQLITE_BATCH_UPKEEP_H_
#define WARTA_STORE_SQLITE_BATCH_UPKEEP_H_

#include <compare>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "base/clock.h"
#include "base/status.h"
#include "store/sqlite/db.h"

namespace warta::sqlite {

// The meta key that marks a batch's transaction (migration 059).
inline constexpr std::string_view kBatchUpkeepKey = "batch_upkeep";

struct BatchUpkeep {
  // A list's month (listing_months' key) and a list (kind, subject_id).
  struct ListMonth {
    int kind;
    std::int64_t subject;
    std::int64_t month;
    auto operator<=>(const ListMonth&) const = default;
  };
  using List = std::pair<int, std::int64_t>;
  // ('c' | 't' | 'a' | 's', id): a taxonomy, or a feed's scope.
  using Scope = std::pair<char, std::int64_t>;
  // Every saved article adds to these several times over and a batch holds
  // thousands of keys: hashed while summed, sorted once when written.
  struct KeyHash {
    std::size_t operator()(const ListMonth& k) const;
    std::size_t operator()(const List& k) const;
    std::size_t operator()(const Scope& k) const;
  };
  using Delta = std::pair<std::int64_t, std::int64_t>;  // (n, shown)

  // listing_months (kind, subject_id, month) -> (n, shown) deltas, and
  // each list's sum over its months (listing_counts).
  std::unordered_map<ListMonth, Delta, KeyHash> month_counts;
  std::unordered_map<List, Delta, KeyHash> list_counts;
  // taxonomy_lastmod ('c' | 't' | 'a', id) -> newest lastmod.
  std::unordered_map<Scope, Timestamp, KeyHash> lastmod;
  // sitemap_months by UTC month (year * 12 + month - 1) -> (articles
  // delta, newest lastmod).
  std::map<std::int64_t, std::pair<std::int64_t, Timestamp>> months;
  // feed_versions scopes to bump once: ('s', 0) is the site's feed "s",
  // ('c' | 't' | 'a', id) a category's, tag's or author's ("t12"). Kept
  // as pairs, not their strings: an import adds three an article.
  std::unordered_set<Scope, KeyHash> feed_scopes;
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
  Delta CountDelta(int kind, std::int64_t subject) const;
  void Merge(BatchUpkeep&& other);
  void Clear();
  bool Empty() const;
  // Writes the sums into their tables on `c` (inside the batch's
  // transaction), each table's rows in key order.
  Status WriteTo(Connection& c) const;
};

// "YYYY-MM" of `t` in UTC, as SQLite's strftime('%Y-%m', t, 'unixepoch').
std::string UtcMonth(Timestamp t);

}  // namespace warta::sqlite

#endif  // WARTA_STORE_SQLITE_BATCH_UPKEEP_H_
