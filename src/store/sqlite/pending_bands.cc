// SqliteStore: near-duplicate band rows left pending by the first import of
// an archive (DiscoveryStore::DeferBandRows) and written in one pass sorted
// by key (CompleteBandRows).
//
// Why: each article's 16 band rows fall at random keys of a table that at
// 1M articles holds 16M rows and does not fit the cache, so inserting them
// as the articles come dirtied a leaf a row and took a quarter of the
// writer's CPU; in key order every row appends to the table's last leaf.
// Measured at 1M (docs/benchmarks.md, "Two bounds at 1M" and "Band rows
// in one pass after the import").
//
// The pending mark (meta key band_rows_pending) commits with each batch
// that leaves rows out, so a kill or a crash leaves it set: whoever next
// needs the band rows writes them first (FindDuplicateCandidates), and so
// does the next import of the same archive. Its value counts the batches
// that set it: a pass clears only the mark it read, so a batch committed
// while a sliced pass ran (CompleteBandRows outside a batch) leaves it set.
#include <algorithm>
#include <cstdlib>
#include <utility>
#include <vector>

#include "store/sqlite/sqlite_store_impl.h"

namespace warta::sqlite {
namespace {

constexpr const char* kPendingKey = "band_rows_pending";

using BandRow = std::pair<std::int64_t, std::int64_t>;  // (band_key, id)

// Appends the (band key, article) rows of `band_keys`, a JSON array of
// integers as article_signatures.band_keys holds it.
void ParseBandKeys(const std::string& band_keys, std::int64_t article_id,
                   std::vector<BandRow>& out) {
  const char* p = band_keys.c_str();
  while (*p) {
    if (*p == '-' || (*p >= '0' && *p <= '9')) {
      char* end = nullptr;
      out.emplace_back(std::strtoll(p, &end, 10), article_id);
      p = end;
    } else {
      ++p;
    }
  }
}

// Every signature's band rows, sorted, without those the recent table holds
// (a save that did not defer put them there).
Result<std::vector<BandRow>> WantedBandRows(Connection& c) {
  std::vector<BandRow> rows;
  {
    WARTA_ASSIGN_OR_RETURN(
        auto count, c.Prepare("SELECT count(*) FROM article_signatures"));
    WARTA_ASSIGN_OR_RETURN(bool row, count.Step());
    // 16 keys a signature (text::kBands), so one allocation at 1M.
    if (row) rows.reserve(static_cast<std::size_t>(count.Int(0)) * 16);
  }
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      c.Prepare("SELECT article_id, band_keys FROM article_signatures"));
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    ParseBandKeys(st.Text(1), st.Int(0), rows);
  }
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  std::vector<BandRow> recent;
  WARTA_ASSIGN_OR_RETURN(
      auto held, c.Prepare("SELECT band_key, article_id FROM "
                           "article_signature_bands_recent ORDER BY band_key, "
                           "article_id"));
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, held.Step());
    if (!row) break;
    recent.emplace_back(held.Int(0), held.Int(1));
  }
  if (!recent.empty()) {
    std::vector<BandRow> rest;
    rest.reserve(rows.size());
    std::set_difference(rows.begin(), rows.end(), recent.begin(), recent.end(),
                        std::back_inserter(rest));
    rows.swap(rest);
  }
  return rows;
}

// Inserts rows[from, to) into the big band table, in their (key) order:
// kPerStatement rows a statement.
Status InsertSorted(Connection& c, const std::vector<BandRow>& rows,
                    std::size_t from, std::size_t to) {
  constexpr std::size_t kPerStatement = 16;
  std::string sql =
      "INSERT OR IGNORE INTO article_signature_bands (band_key, article_id) "
      "VALUES (?, ?)";
  for (std::size_t k = 1; k < kPerStatement; ++k) sql += ", (?, ?)";
  WARTA_ASSIGN_OR_RETURN(auto many, c.Prepare(sql));
  WARTA_ASSIGN_OR_RETURN(
      auto one,
      c.Prepare("INSERT OR IGNORE INTO article_signature_bands (band_key, "
                "article_id) VALUES (?, ?)"));
  std::size_t i = from;
  for (; i + kPerStatement <= to; i += kPerStatement) {
    int at = 0;
    for (std::size_t k = i; k < i + kPerStatement; ++k) {
      many.Bind(++at, rows[k].first);
      many.Bind(++at, rows[k].second);
    }
    WARTA_RETURN_IF_ERROR(many.Run());
    many.Reset();
  }
  for (; i < to; ++i) {
    WARTA_RETURN_IF_ERROR(
        one.Bind(1, rows[i].first).Bind(2, rows[i].second).Run());
    one.Reset();
  }
  return Status::Ok();
}

// Clears the mark if it still is `read` (BandRowsPending's value).
Status ClearMark(Connection& c, std::int64_t read) {
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare("DELETE FROM meta WHERE key = ? AND value = ?"));
  return st.Bind(1, kPendingKey).Bind(2, read).Run();
}

}  // namespace

void SqliteStore::DeferBandRows() {
  if (InBatchHere()) defer_bands_ = true;
}

Result<std::int64_t> SqliteStore::BandRowsPending(Connection& c) {
  WARTA_ASSIGN_OR_RETURN(auto st,
                         c.Prepare("SELECT value FROM meta WHERE key = ?"));
  st.Bind(1, kPendingKey);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

Status SqliteStore::MarkBandRowsPending(Connection& c) {
  if (bands_marked_) return Status::Ok();
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare("INSERT INTO meta (key, value) VALUES (?, 1) ON "
                         "CONFLICT (key) DO UPDATE SET value = value + 1"));
  WARTA_RETURN_IF_ERROR(st.Bind(1, kPendingKey).Run());
  bands_marked_ = true;
  return Status::Ok();
}

// In a batch the pass is one write: every signature so far, under the
// batch's lock. It runs there only when the import's in-memory screen ended
// mid-import (another writer's save usually wrote the rows already, outside
// a batch); after the screen filled (~1.5M articles) it would hold the lock
// for longer than another process's writer waits. Not measured.
Status SqliteStore::WritePendingBandRows(Connection& c) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t pending, BandRowsPending(c));
  if (pending == 0) return Status::Ok();
  WARTA_ASSIGN_OR_RETURN(std::vector<BandRow> rows, WantedBandRows(c));
  WARTA_RETURN_IF_ERROR(InsertSorted(c, rows, 0, rows.size()));
  WARTA_RETURN_IF_ERROR(ClearMark(c, pending));
  // The rest of this batch writes its rows as it goes: the importer that
  // deferred them reads the store now.
  defer_bands_ = false;
  bands_marked_ = false;
  return Status::Ok();
}

Status SqliteStore::CompleteBandRows() {
  if (InBatchHere())
    return WriteQuiet([&](Connection& c) { return WritePendingBandRows(c); });
  // Outside a batch (the import's end): read and sort on a reader, then
  // insert in slices of the key order, each a write of its own (at 1M, 16M
  // rows: the whole pass took 8.9 s), so a writer of another process waits
  // for one slice, not for the whole pass (Connection::kBusyTimeout).
  std::vector<BandRow> rows;
  std::int64_t pending = 0;
  {
    WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
    WARTA_RETURN_IF_ERROR(InReadTransaction(**r, [&]() -> Status {
      WARTA_ASSIGN_OR_RETURN(pending, BandRowsPending(**r));
      if (pending == 0) return Status::Ok();
      WARTA_ASSIGN_OR_RETURN(rows, WantedBandRows(**r));
      return Status::Ok();
    }));
    if (pending == 0) return Status::Ok();
  }
  constexpr std::size_t kSlice = 1 << 20;
  for (std::size_t from = 0; from < rows.size(); from += kSlice) {
    const std::size_t to = std::min(rows.size(), from + kSlice);
    WARTA_RETURN_IF_ERROR(WriteQuiet(
        [&](Connection& c) { return InsertSorted(c, rows, from, to); }));
  }
  // Signatures saved since the read wrote their rows (unless a batch
  // deferred them, which changed the mark: it stays). One replaced or
  // removed since may leave rows of its old keys: candidates the exact
  // comparison turns down (index/near_duplicate.cc).
  return WriteQuiet([&](Connection& c) -> Status {
    WARTA_RETURN_IF_ERROR(ClearMark(c, pending));
    bands_marked_ = false;
    return Status::Ok();
  });
}

}  // namespace warta::sqlite
