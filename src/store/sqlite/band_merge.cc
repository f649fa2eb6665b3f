// SqliteStore: the near-duplicate band rows in two tables (migration 062).
// Saves insert into the small article_signature_bands_recent (from
// recent_bands_from_article on; before, straight into the big table); slices
// of the band-key space move from there into the big
// article_signature_bands.
//
// Why slices: the rows of one batch fall at random band keys, so a commit
// dirties every leaf of the table they go into, up to the number of rows.
// The recent table is kept near options_.recent_band_rows (512k rows: ~2,500
// leaves), so a batch dirties at most those; each merge moves the recent rows
// of the next 1/k of the key space, k = recent_band_rows / rows added, and
// dirties only that share of the big table's leaves (in key order, several
// rows per leaf). A sweep of the whole key space takes as many rows as the
// recent table holds, so it stays near its size. Measured: a 50k import
// onto 1.6-2.0M articles wrote 201.7 KiB an article with one table,
// 107.5-121.7 KiB with two (docs/benchmarks.md, "Band rows in two tables").
#include <limits>

#include "store/sqlite/sqlite_store_impl.h"

namespace warta::sqlite {
namespace {

// A position in the unsigned key space to the signed band key there
// (order-preserving: 0 is the smallest key).
std::int64_t KeyAt(std::uint64_t at) {
  return static_cast<std::int64_t>(at ^ (std::uint64_t{1} << 63));
}

}  // namespace

Result<bool> SqliteStore::BandsGoToRecent(Connection& c) {
  if (options_.recent_bands_from_article <= 0) return true;
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare("SELECT coalesce(max(id), 0) FROM articles"));
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  return row && st.Int(0) >= options_.recent_bands_from_article;
}

Status SqliteStore::DeleteBandRows(Connection& c, std::int64_t article_id,
                                   const std::string& band_keys) {
  // By (band_key, article_id), the primary key: the tables have no index by
  // article (migration 065). The article-delete trigger does the same.
  for (const char* sql :
       {"DELETE FROM article_signature_bands_recent WHERE band_key IN "
        "(SELECT value FROM json_each(?)) AND article_id = ?",
        "DELETE FROM article_signature_bands WHERE band_key IN "
        "(SELECT value FROM json_each(?)) AND article_id = ?"}) {
    WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare(sql));
    WARTA_RETURN_IF_ERROR(st.Bind(1, band_keys).Bind(2, article_id).Run());
  }
  return Status::Ok();
}

Status SqliteStore::MergeBandSlice(Connection& c) {
  const std::int64_t pending = band_rows_pending_;
  if (pending <= 0) return Status::Ok();
  band_rows_pending_ = 0;
  // The share of the key space to move: pending / recent_band_rows.
  constexpr std::uint64_t kAll = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t width = kAll;
  if (pending < options_.recent_band_rows) {
    long double share = static_cast<long double>(pending) /
                        static_cast<long double>(options_.recent_band_rows);
    width = static_cast<std::uint64_t>(share * 18446744073709551616.0L);
    if (width == 0) width = 1;
  }
  const std::uint64_t from = band_merge_at_;
  const std::uint64_t to = from + (width - 1);  // inclusive; may wrap
  band_merge_at_ = to + 1;
  std::pair<std::uint64_t, std::uint64_t> ranges[2];
  int n = 0;
  if (to >= from) {
    ranges[n++] = {from, to};
  } else {
    ranges[n++] = {from, kAll};
    ranges[n++] = {0, to};
  }
  WARTA_ASSIGN_OR_RETURN(
      auto move,
      c.Prepare("INSERT OR IGNORE INTO article_signature_bands (band_key, "
                "article_id) SELECT band_key, article_id FROM "
                "article_signature_bands_recent WHERE band_key BETWEEN ? AND ? "
                "ORDER BY band_key, article_id"));
  WARTA_ASSIGN_OR_RETURN(
      auto drop, c.Prepare("DELETE FROM article_signature_bands_recent WHERE "
                           "band_key BETWEEN ? AND ?"));
  for (int i = 0; i < n; ++i) {
    const std::int64_t lo = KeyAt(ranges[i].first);
    const std::int64_t hi = KeyAt(ranges[i].second);
    WARTA_RETURN_IF_ERROR(move.Bind(1, lo).Bind(2, hi).Run());
    move.Reset();
    WARTA_RETURN_IF_ERROR(drop.Bind(1, lo).Bind(2, hi).Run());
    drop.Reset();
  }
  return Status::Ok();
}

}  // namespace warta::sqlite
