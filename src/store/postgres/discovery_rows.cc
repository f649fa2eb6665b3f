// PgStore: near-duplicate signatures and clusters (migration 010).
#include <algorithm>

#include "base/strings.h"
#include "store/postgres/pg_store_impl.h"

namespace warta::pg {
Status PgStore::LogClusterChange(Connection& c, std::int64_t cluster_id) {
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

Status PgStore::SaveDuplicateSignature(const DuplicateSignature& sig,
                                       const std::vector<std::int64_t>& bands) {
  return Write([&](Connection& c) -> Status {
    std::int64_t old_cluster = 0;
    {
      WARTA_ASSIGN_OR_RETURN(
          auto st, c.Prepare("SELECT cluster_id FROM article_signatures "
                             "WHERE article_id = ?"));
      st.Bind(1, sig.article_id);
      WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
      if (row) old_cluster = st.Int(0);
    }
    {
      WARTA_ASSIGN_OR_RETURN(
          auto st,
          c.Prepare("INSERT INTO article_signatures (article_id, cluster_id, "
                    "minhash) VALUES (?, ?, ?) ON CONFLICT (article_id) DO "
                    "UPDATE SET cluster_id = excluded.cluster_id, "
                    "minhash = excluded.minhash"));
      WARTA_RETURN_IF_ERROR(st.Bind(1, sig.article_id)
                                .Bind(2, sig.cluster_id)
                                .Bind(3, sig.minhash)
                                .Run());
    }
    {
      WARTA_ASSIGN_OR_RETURN(auto st,
                             c.Prepare("DELETE FROM article_signature_bands "
                                       "WHERE article_id = ?"));
      WARTA_RETURN_IF_ERROR(st.Bind(1, sig.article_id).Run());
    }
    {
      WARTA_ASSIGN_OR_RETURN(auto st,
                             c.Prepare("INSERT INTO article_signature_bands "
                                       "(band_key, article_id) VALUES (?, ?) "
                                       "ON CONFLICT DO NOTHING"));
      for (std::int64_t key : bands) {
        WARTA_RETURN_IF_ERROR(st.Bind(1, key).Bind(2, sig.article_id).Run());
        st.Reset();
      }
    }
    // Members of the old and new cluster see their cluster change.
    WARTA_RETURN_IF_ERROR(LogArticleChange(c, sig.article_id));
    if (old_cluster != sig.cluster_id) {
      if (old_cluster) WARTA_RETURN_IF_ERROR(LogClusterChange(c, old_cluster));
      WARTA_RETURN_IF_ERROR(LogClusterChange(c, sig.cluster_id));
    }
    return Status::Ok();
  });
}

Status PgStore::RemoveDuplicateSignature(std::int64_t article_id) {
  return Write([&](Connection& c) -> Status {
    std::int64_t cluster = 0;
    {
      WARTA_ASSIGN_OR_RETURN(
          auto st, c.Prepare("SELECT cluster_id FROM article_signatures "
                             "WHERE article_id = ?"));
      st.Bind(1, article_id);
      WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) return Status::Ok();
      cluster = st.Int(0);
    }
    for (const char* sql :
         {"DELETE FROM article_signatures WHERE article_id = ?",
          "DELETE FROM article_signature_bands WHERE "
          "article_id = ?"}) {
      WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare(sql));
      WARTA_RETURN_IF_ERROR(st.Bind(1, article_id).Run());
    }
    return LogClusterChange(c, cluster);
  });
}

Result<std::vector<DuplicateSignature>> PgStore::FindDuplicateCandidates(
    const std::vector<std::int64_t>& bands, std::int64_t exclude) {
  std::vector<DuplicateSignature> out;
  if (bands.empty()) return out;
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  // Per band key one bounded backward range read of the (band_key,
  // article_id) primary key, all in one round trip (SQLite: one read per
  // key).
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare("SELECT s.article_id, s.cluster_id, s.minhash "
                    "FROM article_signatures s WHERE s.article_id IN ("
                    "SELECT b.article_id FROM (SELECT value FROM json_each(?)) "
                    "k CROSS JOIN LATERAL (SELECT article_id FROM "
                    "article_signature_bands WHERE band_key = k.value AND "
                    "article_id <> ? ORDER BY article_id DESC LIMIT ?) b) "
                    "ORDER BY s.article_id"));
  st.Bind(1, JsonArray(bands));
  st.Bind(2, exclude);
  st.Bind(3, kCandidatesPerBand);
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(DuplicateSignature{st.Int(0), st.Int(1), st.Text(2)});
  }
  return out;
}

Result<std::vector<std::int64_t>> PgStore::DuplicateClusterMembers(
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

Status PgStore::MoveDuplicateCluster(std::int64_t from, std::int64_t to) {
  if (from == to) return Status::Ok();
  return Write([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c.Prepare("UPDATE article_signatures SET cluster_id = ? "
                           "WHERE cluster_id = ?"));
    WARTA_RETURN_IF_ERROR(st.Bind(1, to).Bind(2, from).Run());
    return LogClusterChange(c, to);
  });
}

Result<std::int64_t> PgStore::DuplicateClusterOf(std::int64_t article_id) {
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

}  // namespace warta::pg
