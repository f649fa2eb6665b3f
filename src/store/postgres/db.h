// A thin RAII layer over libpq with the shape of store/postgres/db.h, so the
// PostgreSQL rows code reads like the SQLite one: Connection and Statement.
// SQL is written with `?` (or `?N`) placeholders and turned into $N here;
// every value is a parameter, never pasted into the SQL. Only the postgres
// backend includes this file. A Connection is used by one thread at a time.
#ifndef WARTA_STORE_POSTGRES_DB_H_
#define WARTA_STORE_POSTGRES_DB_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

struct pg_conn;
struct pg_result;

namespace warta::pg {

class Statement;

class Connection {
 public:
  // Seconds a connection attempt may take, unless the URL says otherwise
  // (connect_timeout=N).
  static constexpr char kConnectTimeoutSeconds[] = "5";
  // Connects to `url` (a libpq URI) and sets statement_timeout; kUnavailable
  // when the server cannot be reached.
  static Result<std::unique_ptr<Connection>> Open(const std::string& url,
                                                  int statement_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without parameters or results.
  Status Exec(std::string_view sql);

  // A statement with `?`/`?N` placeholders; prepared on the server on its
  // first run (per parameter types) and kept for the connection's life.
  Result<Statement> Prepare(std::string_view sql);

  // The id the last INSERT on this connection gave a BIGSERIAL (lastval()).
  std::int64_t LastInsertId();
  // Most server-side prepared statements one connection keeps.
  static constexpr std::size_t kStatementCacheCapacity = 256;
  std::size_t CachedStatements() const { return prepared_.size(); }

  // Rows the last statement inserted, updated or deleted.
  int Changes() const { return changes_; }
  // False once the server connection is lost.
  bool Healthy() const;
  // Healthy(), and for an idle connection also whether the server has
  // closed it meanwhile (without a round trip): for pooled connections.
  bool Probe();

  // After LISTEN: waits up to `timeout_ms` for notifications; true when at
  // least one came (all pending are consumed), false on timeout, an error
  // when the connection is lost.
  Result<bool> WaitForNotification(int timeout_ms);

  Status ErrorOf(pg_result* res, std::string_view what);

 private:
  friend class Statement;
  explicit Connection(pg_conn* conn) : conn_(conn) {}
  pg_conn* conn_;
  int changes_ = 0;
  // Server-side prepared statement names by SQL text + parameter types.
  std::map<std::string, std::string> prepared_;
  std::int64_t statements_made_ = 0;
};

// The SQL of `sqlite_style`, with `?`/`?N` as $N and SQLite idioms the rows
// code uses turned into PostgreSQL ones. Exposed for tests.
std::string TranslateSql(std::string_view sqlite_style, int* params);

// A JSON array of integers, bound as one parameter and read in SQL with
// `IN (SELECT value FROM json_each(?))` (translated to jsonb).
std::string JsonArray(const std::vector<std::int64_t>& values);

class Statement {
 public:
  Statement(Statement&& other) noexcept = default;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& Bind(int i, std::int64_t v);
  Statement& Bind(int i, int v) {
    return Bind(i, static_cast<std::int64_t>(v));
  }
  Statement& Bind(int i, std::string_view v);
  Statement& Bind(int i, const std::string& v) {
    return Bind(i, std::string_view(v));
  }
  Statement& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, std::optional<std::int64_t> v);
  Statement& BindNull(int i);
  Statement& BindBlob(int i, std::string_view bytes);
  // Text the server converts to the type the SQL gives the parameter (a
  // column's, say): for copying rows whose types the caller does not know.
  Statement& BindUntyped(int i, std::string_view v);

  void Reset();
  Result<bool> Step();
  Status Run();

  std::int64_t Int(int col) const;
  std::optional<std::int64_t> OptInt(int col) const;
  std::string Text(int col) const;
  bool IsNull(int col) const;

 private:
  friend class Connection;
  Statement(Connection* conn, std::string sql, int params)
      : conn_(conn), sql_(std::move(sql)), values_(params), types_(params) {}
  Statement& Set(int i, std::optional<std::string> v, unsigned type);
  Status Execute();
  Connection* conn_;
  std::string sql_;
  std::vector<std::optional<std::string>> values_;
  std::vector<unsigned> types_;  // Oids; 0: let the server infer
  std::shared_ptr<pg_result> result_;
  int row_ = -1;
  bool executed_ = false;
};

// Runs `fn` inside BEGIN ... COMMIT; rolls back when it fails.
template <typename Fn>
Status InTransaction(Connection& c, Fn&& fn) {
  WARTA_RETURN_IF_ERROR(c.Exec("BEGIN"));
  Status s = fn();
  if (!s.ok()) {
    (void)c.Exec("ROLLBACK");
    return s;
  }
  s = c.Exec("COMMIT");
  if (!s.ok()) (void)c.Exec("ROLLBACK");
  return s;
}

// Runs `fn` inside SAVEPOINT ... RELEASE within an open transaction; rolls
// back to the savepoint (keeping the transaction) when it fails.
template <typename Fn>
Status InSavepoint(Connection& c, Fn&& fn) {
  WARTA_RETURN_IF_ERROR(c.Exec("SAVEPOINT w"));
  Status s = fn();
  if (s.ok()) s = c.Exec("RELEASE w");
  if (!s.ok()) (void)c.Exec("ROLLBACK TO w; RELEASE w");
  return s;
}

}  // namespace warta::pg

#endif  // WARTA_STORE_POSTGRES_DB_H_
