#include "store/sqlite/testing/query_plans.h"

#include <map>
#include <mutex>

#include "store/sqlite/db.h"

namespace warta {
namespace {

std::mutex recorder_mu;
std::set<std::string>* recorded = nullptr;

void Record(std::string_view sql) {
  std::lock_guard<std::mutex> lock(recorder_mu);
  if (recorded) recorded->emplace(sql);
}

}  // namespace

PreparedSqlRecorder::PreparedSqlRecorder() {
  std::lock_guard<std::mutex> lock(recorder_mu);
  recorded = new std::set<std::string>();
  sqlite::SetPrepareObserver(&Record);
}

PreparedSqlRecorder::~PreparedSqlRecorder() {
  sqlite::SetPrepareObserver(nullptr);
  std::lock_guard<std::mutex> lock(recorder_mu);
  delete recorded;
  recorded = nullptr;
}

std::set<std::string> PreparedSqlRecorder::statements() const {
  std::lock_guard<std::mutex> lock(recorder_mu);
  return recorded ? *recorded : std::set<std::string>();
}

Result<std::vector<std::string>> ExplainQueryPlan(const std::string& db_path,
                                                  const std::string& sql) {
  WARTA_ASSIGN_OR_RETURN(auto c,
                         sqlite::Connection::Open(db_path, false, "NORMAL"));
  WARTA_ASSIGN_OR_RETURN(auto st, c->Prepare("EXPLAIN QUERY PLAN " + sql));
  std::vector<std::string> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(st.Text(3));
  }
  return out;
}

Result<std::set<std::string>> BtreesRead(const std::string& db_path,
                                         const std::string& sql) {
  WARTA_ASSIGN_OR_RETURN(auto c,
                         sqlite::Connection::Open(db_path, false, "NORMAL"));
  std::map<std::int64_t, std::string> names;
  {
    WARTA_ASSIGN_OR_RETURN(
        auto st, c->Prepare("SELECT rootpage, name FROM sqlite_schema "
                            "WHERE rootpage > 0"));
    while (true) {
      WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      names[st.Int(0)] = st.Text(1);
    }
  }
  // EXPLAIN's columns: addr, opcode, p1, p2 (the root page), p3 (the
  // database: 0 main), p4, p5, comment.
  WARTA_ASSIGN_OR_RETURN(auto st, c->Prepare("EXPLAIN " + sql));
  std::set<std::string> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    const std::string op = st.Text(1);
    if (op != "OpenRead" && op != "ReopenIdx") continue;
    if (st.Int(4) != 0) continue;  // a temp table
    auto it = names.find(st.Int(3));
    out.insert(it == names.end() ? "page " + std::to_string(st.Int(3))
                                 : it->second);
  }
  return out;
}

}  // namespace warta
