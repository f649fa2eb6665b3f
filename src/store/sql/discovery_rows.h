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

}  // namespace warta::sql

#endif  // WARTA_STORE_SQL_DISCOVERY_ROWS_H_
