// Test support: the SQL statements a piece of code prepares, and their
// query plans, to check that read paths use bounded index reads.
#ifndef WARTA_STORE_SQLITE_TESTING_QUERY_PLANS_H_
#define WARTA_STORE_SQLITE_TESTING_QUERY_PLANS_H_

#include <set>
#include <string>
#include <vector>

#include "base/result.h"

namespace warta {

// Records every statement prepared on any sqlite Connection while alive.
// One at a time.
class PreparedSqlRecorder {
 public:
  PreparedSqlRecorder();
  ~PreparedSqlRecorder();
  PreparedSqlRecorder(const PreparedSqlRecorder&) = delete;
  PreparedSqlRecorder& operator=(const PreparedSqlRecorder&) = delete;

  // The distinct statements so far.
  std::set<std::string> statements() const;
};

// The detail lines of EXPLAIN QUERY PLAN for `sql` on the database at
// `db_path` (parameters unbound: NULL), e.g. "SEARCH a USING INDEX ...".
Result<std::vector<std::string>> ExplainQueryPlan(const std::string& db_path,
                                                  const std::string& sql);

// The names of the tables and indexes whose B-trees `sql` opens to read
// (its OpenRead opcodes), on the database at `db_path`: e.g. "articles"
// means the statement reads article rows, not only an index of them.
Result<std::set<std::string>> BtreesRead(const std::string& db_path,
                                         const std::string& sql);

}  // namespace warta

#endif  // WARTA_STORE_SQLITE_TESTING_QUERY_PLANS_H_
