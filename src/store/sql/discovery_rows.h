// Rows<Core>: the DiscoveryStore methods the two backends share (see
// rows.h; included only by the backends' rows.cc).
#ifndef WARTA_STORE_SQL_DISCOVERY_ROWS_H_
#define WARTA_STORE_SQL_DISCOVERY_ROWS_H_

#include "store/sql/rows.h"

namespace warta::sql {

template <typename Core>
Result<bool> Rows<Core>::HasDuplicateSignatures() {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  // A range of the key, not a scan: the first signature or none.
  WARTA_ASSIGN_OR_RETURN(auto st,
                         (*r)->Prepare("SELECT 1 FROM article_signatures "
                                       "WHERE article_id > 0 LIMIT 1"));
  return st.Step();
}

template <typename Core>
Result<std::vector<DuplicateSignature>> Rows<Core>::DuplicateSignaturesOf(
    const std::vector<std::int64_t>& article_ids) {
  std::vector<DuplicateSignature> out;
  if (article_ids.empty()) return out;
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT article_id, cluster_id, minhash FROM "
                             "article_signatures WHERE article_id IN (SELECT "
                             "value FROM json_each(?)) ORDER BY article_id"));
  st.Bind(1, JsonArray(article_ids));
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(DuplicateSignature{st.Int(0), st.Int(1), st.Text(2)});
  }
  return out;
}

}  // namespace warta::sql

#endif  // WARTA_STORE_SQL_DISCOVERY_ROWS_H_
