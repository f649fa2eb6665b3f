// A thin RAII layer over sqlite3: Connection and Statement. Only the sqlite
// backend includes this file. A Connection is used by one thread at a time.
#ifndef WARTA_STORE_SQLITE_DB_H_
#define WARTA_STORE_SQLITE_DB_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/sqlite/wait_flag.h"

struct sqlite3;
struct sqlite3_stmt;
struct sqlite3_vfs;

namespace warta::sqlite {

// The page size of a database file Connection::Open creates. A 1M-article
// import ran 18-21% faster than with SQLite's 4 KiB (docs/benchmarks.md,
// "8 KiB pages for new databases"): nearly every article row (~7.8 KB)
// fits its leaf page instead of needing an overflow page. (Since migration
// 069 a row keeps html and plain text as deltas: 2.9 KB an article.)
inline constexpr int kNewPageSize = 8192;

// How much of one statement's journal a writer keeps in memory (one chunk)
// before it spills to a temporary file. An import's writer journals ~38
// pages (~300 KiB) an article over all its statements, and no statement of
// a 300k import spilled (docs/benchmarks.md); a migration may. Spilling
// copies the chunk in one write, which needs split_write_vfs.h: without
// it, any spill failed as a full disk. (At 64 or 120 KiB, under the unix
// VFS's bound, an import's statements spilled their journals by the
// hundred KiB an article: 4-6x the bytes written, 1.25-1.5x the time.)
inline constexpr int kStatementJournalSpill = 1 << 20;

class Statement;

class Connection {
 public:
  // Opens (creating when `create`, with pages of kNewPageSize) the database
  // file with foreign keys on, WAL journal, the given synchronous mode and a
  // busy handler: a lock another connection holds is polled for every
  // kBusyPoll, up to kBusyTimeout, with this connection's WaitFlag raised
  // meanwhile (so a bulk import yields to it; wait_flag.h).
  static Result<std::unique_ptr<Connection>> Open(const std::string& path,
                                                  bool create,
                                                  std::string_view synchronous);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // For the store's one writer: temporary storage (statement journals past
  // kStatementJournalSpill, large temporary tables) in files rather than in
  // memory, which keeps statement journals in one chunk instead of a malloc
  // a KiB. Readers keep temp_store=MEMORY.
  Status UseTempFiles() { return Exec("PRAGMA temp_store=FILE"); }

  // How often a connection that waits for a lock tries it again, and for
  // how long in all before the statement fails as busy (Unavailable).
  // SQLite's own handler (sqlite3_busy_timeout) sleeps up to 100 ms between
  // tries, and a writer that polls that seldom almost never finds the lock
  // free between the back-to-back transactions of an import.
  static constexpr std::chrono::microseconds kBusyPoll{1000};
  static constexpr std::chrono::milliseconds kBusyTimeout{10000};

  // Runs one or more statements without results.
  Status Exec(std::string_view sql);

  // Most prepared statements one connection keeps; the least recently used
  // one not in use is finalized beyond it.
  static constexpr std::size_t kStatementCacheCapacity = 128;

  // Prepares (and caches, least recently used out) a statement; the returned
  // Statement is reset and its bindings cleared when it goes out of scope.
  // SQL text must not vary with data: bind values (JsonArray for lists).
  Result<Statement> Prepare(std::string_view sql);

  // Statements this connection holds prepared now.
  std::size_t CachedStatements() const;
  // Statements prepared and not yet finalized by every connection of the
  // process (for tests that check the caches stay bounded).
  static std::int64_t LiveStatements();

  std::int64_t LastInsertId() const;
  int Changes() const;
  sqlite3* raw() { return db_; }

  // Turns the last error into a Status naming `what`.
  Status Error(std::string_view what) const;

 private:
  friend class Statement;
  Connection(sqlite3* db, const std::string& path);
  // A Statement is done with its cache entry (`uses`: the entry's count).
  void Release(int* uses);
  // The busy handler (sqlite3_busy_handler); it raises the wait flag only
  // when the call waiting may write (BeginCall): a reader that waits (rare
  // in WAL mode, e.g. while the WAL index is rebuilt) must not make an
  // import cut its batches. EndCall, after the call: lowers the flag.
  static int OnBusy(void* self, int count);
  void BeginCall(bool writes) { call_writes_ = writes; }
  void EndCall() {
    if (wait_flag_.raised()) wait_flag_.Lower();
  }
  sqlite3* db_;
  struct Cache;
  std::unique_ptr<Cache> cache_;
  sqlite3_vfs* vfs_ = nullptr;  // sleeps through it, as SQLite's own handler
  WaitFlag wait_flag_;
  bool call_writes_ = false;  // the call in progress may write
  // The wait in progress: since when, and the sleep the VFS reported.
  std::chrono::steady_clock::time_point busy_since_;
  std::chrono::microseconds busy_slept_{0};
};

// A JSON array of integers, bound as one parameter and read in SQL with
// `IN (SELECT value FROM json_each(?))`, so lists never change the SQL text.
std::string JsonArray(const std::vector<std::int64_t>& values);

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Bind by 1-based index.
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
  // Binds bytes as a BLOB (Text() reads them back).
  Statement& BindBlob(int i, std::string_view bytes);

  // Resets the cursor and clears bindings, for reuse within one scope.
  void Reset();

  // Steps once: true with a row, false when done, or an error.
  Result<bool> Step();
  // Steps to completion, for statements without rows.
  Status Run();

  std::int64_t Int(int col) const;
  std::optional<std::int64_t> OptInt(int col) const;
  std::string Text(int col) const;
  bool IsNull(int col) const;

 private:
  friend class Connection;
  Statement(Connection* conn, sqlite3_stmt* stmt, int* uses)
      : conn_(conn), stmt_(stmt), uses_(uses) {}
  // Reports the time spent stepping since the last report to the store
  // latency metric.
  void ReportTime();
  Connection* conn_;
  sqlite3_stmt* stmt_;
  int* uses_;  // the cache entry's count of Statements using stmt_
  std::int64_t step_ns_ = 0;  // time in sqlite3_step since the last report
};

// Test support: `fn(sql)` sees the SQL of every Prepare on any Connection
// (nullptr: nothing). Used to check the query plans of the read paths.
using PrepareObserver = void (*)(std::string_view sql);
void SetPrepareObserver(PrepareObserver fn);

// Runs `fn` inside BEGIN IMMEDIATE ... COMMIT; rolls back when it fails.
template <typename Fn>
Status InTransaction(Connection& c, Fn&& fn) {
  WARTA_RETURN_IF_ERROR(c.Exec("BEGIN IMMEDIATE"));
  Status s = fn();
  if (!s.ok()) {
    (void)c.Exec("ROLLBACK");
    return s;
  }
  s = c.Exec("COMMIT");
  if (!s.ok()) (void)c.Exec("ROLLBACK");
  return s;
}

// Runs `fn` inside one read transaction (BEGIN ... COMMIT): several reads
// see one snapshot, and take the WAL read lock once, not once each.
// (Prepared, not Exec'd: the import's workers open ~1,400 a second.)
template <typename Fn>
Status InReadTransaction(Connection& c, Fn&& fn) {
  {
    WARTA_ASSIGN_OR_RETURN(auto begin, c.Prepare("BEGIN"));
    WARTA_RETURN_IF_ERROR(begin.Run());
  }
  Status s = fn();
  WARTA_ASSIGN_OR_RETURN(auto end, c.Prepare(s.ok() ? "COMMIT" : "ROLLBACK"));
  Status ended = end.Run();
  return s.ok() ? ended : s;
}

// Runs `fn` inside SAVEPOINT ... RELEASE within an open transaction; rolls
// back to the savepoint (keeping the transaction) when it fails.
// (Prepared, not Exec'd: a bulk import opens thousands a second.)
template <typename Fn>
Status InSavepoint(Connection& c, Fn&& fn) {
  {
    WARTA_ASSIGN_OR_RETURN(auto begin, c.Prepare("SAVEPOINT w"));
    WARTA_RETURN_IF_ERROR(begin.Run());
  }
  Status s = fn();
  if (s.ok()) {
    WARTA_ASSIGN_OR_RETURN(auto release, c.Prepare("RELEASE w"));
    s = release.Run();
  }
  if (!s.ok()) (void)c.Exec("ROLLBACK TO w; RELEASE w");
  return s;
}

}  // namespace warta::sqlite

#endif  // WARTA_STORE_SQLITE_DB_H_
