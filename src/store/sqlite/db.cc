#include "store/sqlite/db.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <list>
#include <mutex>
#include <unordered_map>

#include "base/fibonacci_hash.h"
#include "metrics/metrics.h"
#include "store/sqlite/derived_text.h"
#include "store/sqlite/split_write_vfs.h"

namespace warta::sqlite {
namespace {

// Process-wide settings, before the first connection initializes SQLite.
// Memory statistics off: with them on (the default), every allocation of
// every connection takes one global mutex, and Debian's build has no
// lookaside allocator, so concurrent readers queue on it.
//
// A statement journal (the pages a statement inside a transaction changes,
// kept to undo that statement alone) is held in memory in one chunk of
// kStatementJournalSpill and spills to a temporary file beyond that, on a
// connection whose temp_store is FILE (the store's writer:
// Connection::UseTempFiles). With temp_store=MEMORY SQLite keeps it in 1 KiB
// chunks, one malloc each, eight or nine for an 8 KiB page: the import's
// writer ran 17% fewer instructions without them (docs/benchmarks.md,
// "MinHash vectorized; statement journals in one chunk").
void ConfigureOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, kStatementJournalSpill);
    InstallSplitWriteVfs();  // the spill's copy is one write of 1 MiB
  });
}

// One mapping of SQLite result codes to Status for Exec and Error: busy or
// locked and a full disk are Unavailable (HTTP 503: retrying later may
// work), a corrupt file says what to do, other failures are IoError (500).
Status StatusFor(int code, const std::string& msg) {
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Unavailable(msg);
    case SQLITE_FULL:
      return Status::Unavailable(msg +
                                 " (free disk space; the write was not made)");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::IoError(
          msg +
          ": the database file is damaged or not a warta database. "
          "Stop warta, move the file (and its -wal and -shm files) "
          "aside and restore the latest backup; `sqlite3 FILE "
          ".recover` may save what is left");
    default:
      return Status::IoError(msg);
  }
}

std::atomic<std::int64_t> live_statements{0};

void Finalize(sqlite3_stmt* stmt) {
  sqlite3_finalize(stmt);
  live_statements.fetch_sub(1, std::memory_order_relaxed);
}

}  // namespace

// Prepared statements by SQL text, most recently used first. A statement
// handed out (uses > 0) is never finalized; the cache may then exceed its
// capacity until it is released.
struct Connection::Cache {
  struct Entry {
    std::string sql;
    sqlite3_stmt* stmt;
    int uses;
  };
  using List = std::list<Entry>;
  List lru;
  std::unordered_map<std::string_view, List::iterator> by_sql;

  // In front of by_sql, the entries last found by where their text was
  // (a literal, or a static string, is always at the same address): a hit
  // compares the text once instead of hashing it first (statements of up to
  // several hundred bytes, prepared again for every article a bulk import
  // saves).
  struct Recent {
    const char* data = nullptr;  // nullptr: empty
    std::size_t size = 0;
    List::iterator it;
  };
  static constexpr unsigned kRecentBits = 7;
  std::array<Recent, std::size_t{1} << kRecentBits> recent;

  // The slot of an address: all its bits mixed.
  static std::size_t RecentSlot(const char* data) {
    return static_cast<std::size_t>(FibonacciHash(
        static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(data)),
        kRecentBits));
  }
  // The entry whose text is `sql`, or lru.end().
  List::iterator Find(std::string_view sql) {
    Recent& r = recent[RecentSlot(sql.data())];
    if (r.data != nullptr && r.data == sql.data() && r.size == sql.size() &&
        std::memcmp(r.it->sql.data(), sql.data(), sql.size()) == 0) {
      return r.it;
    }
    auto found = by_sql.find(sql);
    if (found == by_sql.end()) return lru.end();
    r = Recent{sql.data(), sql.size(), found->second};
    return found->second;
  }
  void Evict() {
    auto it = lru.end();
    while (lru.size() > kStatementCacheCapacity && it != lru.begin()) {
      --it;
      if (it->uses > 0) continue;
      for (Recent& r : recent) {
        if (r.data != nullptr && r.it == it) r = Recent{};
      }
      by_sql.erase(it->sql);
      Finalize(it->stmt);
      it = lru.erase(it);
    }
  }
};

std::string JsonArray(const std::vector<std::int64_t>& values) {
  std::string out = "[";
  for (std::int64_t v : values) {
    if (out.size() > 1) out += ',';
    out += std::to_string(v);
  }
  out += ']';
  return out;
}

Connection::Connection(sqlite3* db, const std::string& path)
    : db_(db), cache_(std::make_unique<Cache>()), wait_flag_(path) {}

int Connection::OnBusy(void* self, int count) {
  auto* c = static_cast<Connection*>(self);
  const auto now = std::chrono::steady_clock::now();
  if (count == 0) {
    c->busy_since_ = now;
    c->busy_slept_ = std::chrono::microseconds(0);
    if (c->call_writes_) c->wait_flag_.Raise();
  }
  // The longer of the time passed and the sleep the VFS reported, so a
  // test VFS that skips its sleeps (testing/fault_vfs.h) still times out.
  const auto waited = std::max<std::chrono::steady_clock::duration>(
      now - c->busy_since_, c->busy_slept_);
  if (waited >= kBusyTimeout) return 0;
  c->busy_slept_ += std::chrono::microseconds(
      c->vfs_->xSleep(c->vfs_, static_cast<int>(kBusyPoll.count())));
  return 1;
}

Result<std::unique_ptr<Connection>> Connection::Open(
    const std::string& path, bool create, std::string_view synchronous) {
  ConfigureOnce();
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::IoError("cannot open database " + path + ": " + msg);
  }
  std::unique_ptr<Connection> c(new Connection(db, path));
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_VFS_POINTER, &c->vfs_) !=
          SQLITE_OK ||
      c->vfs_ == nullptr) {
    c->vfs_ = sqlite3_vfs_find(nullptr);
  }
  sqlite3_busy_handler(db, &Connection::OnBusy, c.get());
  sqlite3_extended_result_codes(db, 1);
  // Before anything reads an article row or fires its card triggers.
  WARTA_RETURN_IF_ERROR(RegisterDerivedText(db));
  std::string pragmas =
      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
      "PRAGMA temp_store=MEMORY; PRAGMA synchronous=" +
      std::string(synchronous) + ";";
  // A new database gets pages of kNewPageSize; an existing one keeps its
  // own (SQLite changes it only while the file is empty).
  if (create)
    pragmas =
        "PRAGMA page_size=" + std::to_string(kNewPageSize) + "; " + pragmas;
  if (Status s = c->Exec(pragmas); !s.ok())
    return s.WithContext("database " + path);
  return c;
}

Connection::~Connection() {
  if (cache_) {
    for (auto& e : cache_->lru) Finalize(e.stmt);
  }
  sqlite3_close(db_);
}

Status Connection::Exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  BeginCall(true);  // BEGIN IMMEDIATE, COMMIT, schema changes
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  EndCall();
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return StatusFor(rc, "sqlite: " + msg);
  }
  return Status::Ok();
}

namespace {
std::atomic<PrepareObserver> prepare_observer{nullptr};
}  // namespace

void SetPrepareObserver(PrepareObserver fn) { prepare_observer.store(fn); }

Result<Statement> Connection::Prepare(std::string_view sql) {
  if (PrepareObserver observe = prepare_observer.load()) observe(sql);
  Cache& cache = *cache_;
  if (auto it = cache.Find(sql); it != cache.lru.end()) {
    cache.lru.splice(cache.lru.begin(), cache.lru, it);
    ++it->uses;
    return Statement(this, it->stmt, &it->uses);
  }
  sqlite3_stmt* stmt = nullptr;
  BeginCall(false);
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  EndCall();
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Error("prepare \"" + std::string(sql.substr(0, 60)) + "\"");
  }
  live_statements.fetch_add(1, std::memory_order_relaxed);
  cache.lru.push_front(Cache::Entry{std::string(sql), stmt, 1});
  cache.by_sql.emplace(cache.lru.front().sql, cache.lru.begin());
  cache.Evict();
  return Statement(this, stmt, &cache.lru.front().uses);
}

void Connection::Release(int* uses) {
  // (An entry in use is never evicted, so `uses` is still its count.)
  if (--*uses == 0 && cache_->lru.size() > kStatementCacheCapacity)
    cache_->Evict();
}

std::size_t Connection::CachedStatements() const { return cache_->lru.size(); }

std::int64_t Connection::LiveStatements() {
  return live_statements.load(std::memory_order_relaxed);
}

std::int64_t Connection::LastInsertId() const {
  return sqlite3_last_insert_rowid(db_);
}

int Connection::Changes() const { return sqlite3_changes(db_); }

Status Connection::Error(std::string_view what) const {
  int code = sqlite3_extended_errcode(db_);
  std::string msg = std::string(what) + ": " + sqlite3_errmsg(db_);
  if ((code & 0xff) == SQLITE_CONSTRAINT) {
    if (code == SQLITE_CONSTRAINT_UNIQUE ||
        code == SQLITE_CONSTRAINT_PRIMARYKEY)
      return Status::AlreadyExists(msg);
    return Status::InvalidArgument(msg);
  }
  return StatusFor(code, msg);
}

Statement::Statement(Statement&& o) noexcept
    : conn_(o.conn_), stmt_(o.stmt_), uses_(o.uses_), step_ns_(o.step_ns_) {
  o.stmt_ = nullptr;
  o.step_ns_ = 0;
}

namespace {

struct StoreMetrics {
  metrics::Histogram* latency[2];
  metrics::Counter* errors[2];
};

// [0]: statements that only read, [1]: statements that write.
const StoreMetrics& GetStoreMetrics() {
  static const StoreMetrics m = [] {
    auto& r = metrics::Registry::Default();
    auto& latency = r.HistogramFamily(
        "warta_store_operation_duration_seconds",
        "Time spent executing one store statement, by kind (read, write).",
        {"op"}, metrics::LatencyBuckets());
    auto& errors =
        r.CounterFamily("warta_store_errors_total",
                        "Store statements that failed, by kind.", {"op"});
    return StoreMetrics{{&latency.With({"read"}), &latency.With({"write"})},
                        {&errors.With({"read"}), &errors.With({"write"})}};
  }();
  return m;
}

std::int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void Statement::ReportTime() {
  if (step_ns_ == 0) return;
  int write = sqlite3_stmt_readonly(stmt_) ? 0 : 1;
  GetStoreMetrics().latency[write]->Observe(double(step_ns_) * 1e-9);
  step_ns_ = 0;
}

Statement::~Statement() {
  if (stmt_) {
    ReportTime();
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    conn_->Release(uses_);
  }
}

void Statement::Reset() {
  ReportTime();
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::Bind(int i, std::int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

Statement& Statement::Bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int i, std::optional<std::int64_t> v) {
  return v ? Bind(i, *v) : BindNull(i);
}

Statement& Statement::BindBlob(int i, std::string_view v) {
  sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Result<bool> Statement::Step() {
  const bool timed = metrics::StatementTiming();
  const std::int64_t start = timed ? NowNs() : 0;
  conn_->BeginCall(sqlite3_stmt_readonly(stmt_) == 0);
  int rc = sqlite3_step(stmt_);
  conn_->EndCall();
  if (timed) step_ns_ += std::max<std::int64_t>(NowNs() - start, 1);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  GetStoreMetrics().errors[sqlite3_stmt_readonly(stmt_) ? 0 : 1]->Inc();
  return conn_->Error("step");
}

Status Statement::Run() {
  while (true) {
    auto r = Step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::Ok();
  }
}

std::int64_t Statement::Int(int col) const {
  return sqlite3_column_int64(stmt_, col);
}

std::optional<std::int64_t> Statement::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

std::string Statement::Text(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_BLOB) {
    const void* b = sqlite3_column_blob(stmt_, col);
    int n = sqlite3_column_bytes(stmt_, col);
    return b ? std::string(static_cast<const char*>(b), n) : std::string();
  }
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), n) : std::string();
}

bool Statement::IsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

}  // namespace warta::sqlite
