// SqliteStore: near-duplicate signatures and clusters (migration 010).
#include <algorithm>
#include <functional>
#include <optional>
#include <string>

#include "base/strings.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace warta::sqlite {
Status SqliteStore::LogClusterChange(Connection& c, std::int64_t cluster_id) {
  WARTA_ASSIGN_OR_RETURN(auto st,
                         c.Prepare("SELECT article_id FROM article_signatures "
                                   "WHERE cluster_id = ?"));
  st.Bind(1, cluster_id);
  std::vector<std::int64_t> ids;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    ids.push_back(st.Int(0));
  }
  for (std::int64_t id : ids) WARTA_RETURN_IF_ERROR(LogArticleChange(c, id));
  return Status::Ok();
}

namespace {

// Band keys as article_signatures.band_keys holds them: a JSON array, in
// the order given (json_group_array's form: no spaces).
std::string BandKeysJson(const std::vector<std::int64_t>& bands) {
  std::string out = "[";
  for (std::size_t i = 0; i < bands.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(bands[i]);
  }
  out += ']';
  return out;
}

// An article's signature as stored: its cluster and band keys (migration
// 065), or nullopt when it has none.
struct StoredSignature {
  std::int64_t cluster_id = 0;
  std::string band_keys;
};
Result<std::optional<StoredSignature>> ReadSignature(Connection& c,
                                                     std::int64_t article_id) {
  WARTA_ASSIGN_OR_RETURN(auto st,
                         c.Prepare("SELECT cluster_id, band_keys FROM "
                                   "article_signatures WHERE article_id = ?"));
  st.Bind(1, article_id);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<StoredSignature>();
  return std::optional<StoredSignature>(StoredSignature{st.Int(0), st.Text(1)});
}

}  // namespace

Status SqliteStore::InsertBandRows(Connection& c, bool to_recent,
                                   std::int64_t article_id,
                                   const std::vector<std::int64_t>& bands) {
  // An article's rows (kBands of them) in one statement: one cursor opened
  // on the table and one statement run, not one per row. With `OR IGNORE`
  // no row can abort it (EXPLAIN shows no aborting Halt), so SQLite keeps no
  // statement journal although it writes several rows; the band tables have
  // no trigger or foreign key. Measured in docs/benchmarks.md, "MinHash
  // vectorized; statement journals in one chunk".
  if (bands.empty()) return Status::Ok();
  std::string sql = to_recent
                        ? "INSERT OR IGNORE INTO article_signature_bands_recent"
                        : "INSERT OR IGNORE INTO article_signature_bands";
  sql += " (band_key, article_id) VALUES (?, ?)";
  for (std::size_t k = 1; k < bands.size(); ++k) sql += ", (?, ?)";
  WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare(sql));
  int at = 0;
  for (std::int64_t key : bands) {
    st.Bind(++at, key);
    st.Bind(++at, article_id);
  }
  return st.Run();
}

Status SqliteStore::SaveDuplicateSignature(
    const DuplicateSignature& sig, const std::vector<std::int64_t>& bands) {
  const std::string keys = BandKeysJson(bands);
  return WriteIfShown([&](Connection& c) -> Result<bool> {
    WARTA_ASSIGN_OR_RETURN(std::optional<StoredSignature> old,
                           ReadSignature(c, sig.article_id));
    {
      WARTA_ASSIGN_OR_RETURN(
          auto st,
          c.Prepare("INSERT INTO article_signatures (article_id, cluster_id, "
                    "minhash, band_keys) VALUES (?, ?, ?, ?) ON CONFLICT "
                    "(article_id) DO UPDATE SET cluster_id = "
                    "excluded.cluster_id, minhash = excluded.minhash, "
                    "band_keys = excluded.band_keys"));
      WARTA_RETURN_IF_ERROR(st.Bind(1, sig.article_id)
                                .Bind(2, sig.cluster_id)
                                .Bind(3, sig.minhash)
                                .Bind(4, keys)
                                .Run());
    }
    // Band rows come and go with the signature (unless its keys are the
    // same); new ones go to the recent table, merged into the big one a
    // slice at a time (band_merge.cc), unless the archive is small.
    const bool same_keys = old && old->band_keys == keys;
    if (old && !same_keys)
      WARTA_RETURN_IF_ERROR(DeleteBandRows(c, sig.article_id, old->band_keys));
    if (!same_keys && defer_bands_ && InBatchHere()) {
      // Written later, sorted (pending_bands.cc).
      WARTA_RETURN_IF_ERROR(MarkBandRowsPending(c));
    } else if (!same_keys) {
      WARTA_ASSIGN_OR_RETURN(bool to_recent, BandsGoToRecent(c));
      WARTA_RETURN_IF_ERROR(
          InsertBandRows(c, to_recent, sig.article_id, bands));
      if (to_recent)
        band_rows_pending_ += static_cast<std::int64_t>(bands.size());
    }
    // A batch merges once at its end (RunBatchIn); a single save now and
    // then, a slice of about band_merge_rows rows.
    if (!InBatchHere() && band_rows_pending_ >= options_.band_merge_rows)
      WARTA_RETURN_IF_ERROR(MergeBandSlice(c));
    // An article that had no signature and forms a cluster of one (every
    // new article without near-duplicates: nearly all of an import) changes
    // no list, count or index entry: one alone in its cluster is shown as
    // one without a signature. Nothing to log.
    if (!old && sig.cluster_id == sig.article_id) {
      WARTA_ASSIGN_OR_RETURN(
          auto others, c.Prepare("SELECT 1 FROM article_signatures WHERE "
                                 "cluster_id = ? AND article_id <> ? LIMIT 1"));
      others.Bind(1, sig.cluster_id).Bind(2, sig.article_id);
      WARTA_ASSIGN_OR_RETURN(bool joined, others.Step());
      if (!joined) return false;
    }
    // Members of the old and new cluster see their cluster change.
    WARTA_RETURN_IF_ERROR(LogArticleChange(c, sig.article_id));
    if ((old ? old->cluster_id : 0) != sig.cluster_id) {
      if (old) WARTA_RETURN_IF_ERROR(LogClusterChange(c, old->cluster_id));
      WARTA_RETURN_IF_ERROR(LogClusterChange(c, sig.cluster_id));
    }
    return true;
  });
}

Status SqliteStore::RemoveDuplicateSignature(std::int64_t article_id) {
  return Write([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(std::optional<StoredSignature> old,
                           ReadSignature(c, article_id));
    if (!old) return Status::Ok();
    {
      WARTA_ASSIGN_OR_RETURN(
          auto st,
          c.Prepare("DELETE FROM article_signatures WHERE article_id = ?"));
      WARTA_RETURN_IF_ERROR(st.Bind(1, article_id).Run());
    }
    WARTA_RETURN_IF_ERROR(DeleteBandRows(c, article_id, old->band_keys));
    return LogClusterChange(c, old->cluster_id);
  });
}

Result<std::vector<DuplicateSignature>> SqliteStore::FindDuplicateCandidates(
    const std::vector<std::int64_t>& bands, std::int64_t exclude) {
  std::vector<DuplicateSignature> out;
  if (bands.empty()) return out;
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  // A reader's ~50 statements in one read transaction (the import's
  // workers call this beside the writer), not one each. In a batch, the
  // batch's own, which writes rows left pending first.
  if (InBatchHere()) {
    WARTA_ASSIGN_OR_RETURN(std::int64_t pending, BandRowsPending(**r));
    if (pending != 0) WARTA_RETURN_IF_ERROR(CompleteBandRows());
    return FindDuplicateCandidatesIn(**r, bands, exclude);
  }
  WARTA_RETURN_IF_ERROR(InReadTransaction(**r, [&]() -> Status {
    WARTA_ASSIGN_OR_RETURN(std::int64_t pending, BandRowsPending(**r));
    if (pending != 0)
      return Status::FailedPrecondition(
          "near-duplicate band rows are pending (an import's); "
          "CompleteBandRows writes them");
    WARTA_ASSIGN_OR_RETURN(out, FindDuplicateCandidatesIn(**r, bands, exclude));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<DuplicateSignature>> SqliteStore::FindDuplicateCandidatesIn(
    Connection& c, const std::vector<std::int64_t>& bands,
    std::int64_t exclude) {
  std::vector<DuplicateSignature> out;
  // Per band the newest kCandidatesPerBand holders of both tables (an
  // article's rows sit in one of them): one bounded range read of the
  // (band_key, article_id) key in each. (Two statements, not one UNION:
  // the compound's ORDER BY opened a temporary B-tree on every band.)
  std::vector<std::int64_t> ids, band;
  {
    WARTA_ASSIGN_OR_RETURN(
        auto recent,
        c.Prepare("SELECT article_id FROM article_signature_bands_recent "
                  "WHERE band_key = ? AND article_id <> ? "
                  "ORDER BY article_id DESC LIMIT ?"));
    WARTA_ASSIGN_OR_RETURN(
        auto big, c.Prepare("SELECT article_id FROM article_signature_bands "
                            "WHERE band_key = ? AND article_id <> ? "
                            "ORDER BY article_id DESC LIMIT ?"));
    for (std::int64_t key : bands) {
      band.clear();
      for (Statement* st : {&recent, &big}) {
        st->Bind(1, key).Bind(2, exclude).Bind(3, kCandidatesPerBand);
        while (true) {
          WARTA_ASSIGN_OR_RETURN(bool row, st->Step());
          if (!row) break;
          band.push_back(st->Int(0));
        }
        st->Reset();
      }
      if (band.size() > static_cast<std::size_t>(kCandidatesPerBand)) {
        std::sort(band.begin(), band.end(), std::greater<>());
        band.resize(kCandidatesPerBand);
      }
      ids.insert(ids.end(), band.begin(), band.end());
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare("SELECT article_id, cluster_id, minhash "
                         "FROM article_signatures WHERE article_id = ?"));
  out.reserve(ids.size());
  for (std::int64_t id : ids) {
    st.Bind(1, id);
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (row)
      out.push_back(DuplicateSignature{st.Int(0), st.Int(1), st.Text(2)});
    st.Reset();
  }
  return out;
}

Result<std::vector<std::int64_t>> SqliteStore::DuplicateClusterMembers(
    std::int64_t cluster_id) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT article_id FROM article_signatures "
                             "WHERE cluster_id = ? ORDER BY article_id"));
  st.Bind(1, cluster_id);
  std::vector<std::int64_t> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(st.Int(0));
  }
  return out;
}

Status SqliteStore::MoveDuplicateCluster(std::int64_t from, std::int64_t to) {
  if (from == to) return Status::Ok();
  return Write([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("UPDATE article_signatures SET cluster_id = ? "
                           "WHERE cluster_id = ?"));
    WARTA_RETURN_IF_ERROR(st.Bind(1, to).Bind(2, from).Run());
    return LogClusterChange(c, to);
  });
}

Result<std::int64_t> SqliteStore::DuplicateClusterOf(std::int64_t article_id) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare("SELECT s.cluster_id FROM article_signatures s "
                    "WHERE s.article_id = ? AND EXISTS (SELECT 1 FROM "
                    "article_signatures o WHERE o.cluster_id = s.cluster_id "
                    "AND o.article_id <> s.article_id)"));
  st.Bind(1, article_id);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

}  // namespace warta::sqlite
