#include "store/postgres/pg_store.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>

#include "base/strings.h"
#include "store/postgres/migrations.h"
#include "store/postgres/pg_store_impl.h"
#include "store/sql/applied_migrations.h"

namespace warta {

Result<std::unique_ptr<Store>> OpenPgStore(const PgOptions& options,
                                           const Clock& clock) {
  auto store = std::make_unique<sql::Rows<pg::PgStore>>(options, clock);
  WARTA_RETURN_IF_ERROR(store->Open());
  return std::unique_ptr<Store>(std::move(store));
}

namespace pg {

// The channel writes notify and watches listen on.
constexpr char kChangesChannel[] = "warta_changes";

// Any number every warta node agrees on: the advisory lock migrations take.
constexpr std::int64_t kMigrationLock = 0x77617274612d6d;  // "warta-m"

// The node lock (LockOutNodes): shared by open stores, exclusive for a
// restore. Its two halves as pg_locks shows them (classid, objid).
constexpr std::int64_t kNodeLock = 0x77617274612d6e;  // "warta-n"

namespace {

// Takes the node lock shared on `c`: FailedPrecondition while a restore
// holds it.
Status HoldNodeLock(Connection& c) {
  WARTA_ASSIGN_OR_RETURN(auto st,
                         c.Prepare("SELECT pg_try_advisory_lock_shared(?)"));
  WARTA_ASSIGN_OR_RETURN(bool row, st.Bind(1, kNodeLock).Step());
  if (!row || st.Int(0) == 0) {
    return Status::FailedPrecondition(
        "a warta restore is loading this PostgreSQL database; start warta "
        "again when it has finished");
  }
  return Status::Ok();
}

}  // namespace

Status LockOutNodes(Connection& c) {
  // A node stopped a moment ago: its server session ends a moment after
  // (the server releases its locks as the backend exits). Up to 2 s.
  for (int attempt = 0; attempt < 20; ++attempt) {
    if (attempt > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    WARTA_ASSIGN_OR_RETURN(auto st,
                           c.Prepare("SELECT pg_try_advisory_lock(?)"));
    WARTA_ASSIGN_OR_RETURN(bool row, st.Bind(1, kNodeLock).Step());
    if (row && st.Int(0) != 0) return Status::Ok();
  }
  // Who holds it here (advisory locks are per database): a bigint key shows
  // as (classid, objid) = (high, low).
  WARTA_ASSIGN_OR_RETURN(
      auto who,
      c.Prepare("SELECT count(DISTINCT pid) FROM pg_locks WHERE "
                "locktype = 'advisory' AND granted AND database = (SELECT oid "
                "FROM pg_database WHERE datname = current_database()) AND "
                "classid::bigint = ? AND objid::bigint = ? AND "
                "objsubid = 1 AND pid <> pg_backend_pid()"));
  WARTA_ASSIGN_OR_RETURN(
      bool counted,
      who.Bind(1, kNodeLock >> 32).Bind(2, kNodeLock & 0xffffffff).Step());
  const std::int64_t n = counted ? who.Int(0) : 0;
  return Status::FailedPrecondition(
      std::to_string(n) + " warta process" + (n == 1 ? " has" : "es have") +
      " this PostgreSQL database open (warta serve on a node, or a command "
      "such as import): stop them first (systemctl stop warta on each node), "
      "then run this again");
}

Status PgStore::Open() {
  WARTA_ASSIGN_OR_RETURN(
      writer_, Connection::Open(options_.url, options_.statement_timeout_ms));
  // Before migrating: a restore may be loading the database.
  WARTA_RETURN_IF_ERROR(HoldNodeLock(*writer_));
  WARTA_RETURN_IF_ERROR(Migrate());
  // One reader now (a first request need not connect); more on demand.
  WARTA_ASSIGN_OR_RETURN(
      auto c, Connection::Open(options_.url, options_.statement_timeout_ms));
  MutexLock lock(&pool_mu_);
  readers_.push_back(std::move(c));
  readers_open_ = 1;
  return Status::Ok();
}

int PgStore::MaxReaders() const {
  return std::max(1, options_.connections - 1);
}

Status PgStore::EnsureWriter() {
  if (writer_ && writer_->Probe()) return Status::Ok();
  WARTA_ASSIGN_OR_RETURN(
      auto c, Connection::Open(options_.url, options_.statement_timeout_ms));
  // The old session's node lock went with it (a server restart).
  WARTA_RETURN_IF_ERROR(HoldNodeLock(*c));
  writer_ = std::move(c);
  return Status::Ok();
}

Status PgStore::Migrate() {
  std::lock_guard<std::mutex> lock(write_mu_);
  Connection& c = *writer_;
  // Several nodes starting together: one migrates, the others wait for it
  // and then find nothing left to do.
  {
    WARTA_ASSIGN_OR_RETURN(auto st, c.Prepare("SELECT pg_advisory_lock(?)"));
    WARTA_RETURN_IF_ERROR(st.Bind(1, kMigrationLock).Run());
  }
  auto unlock = [&] {
    auto st = c.Prepare("SELECT pg_advisory_unlock(?)");
    if (st.ok()) (void)st->Bind(1, kMigrationLock).Run();
  };
  Status s = [&]() -> Status {
    WARTA_RETURN_IF_ERROR(
        c.Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
               "version BIGINT PRIMARY KEY, name TEXT NOT NULL, "
               "applied_at BIGINT NOT NULL)"));
    std::map<std::int64_t, std::string> applied;
    {
      WARTA_ASSIGN_OR_RETURN(
          auto st, c.Prepare("SELECT version, name FROM schema_migrations"));
      while (true) {
        WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        applied.emplace(st.Int(0), st.Text(1));
      }
    }
    WARTA_RETURN_IF_ERROR(sql::CheckAppliedMigrations(applied, Migrations()));
    int current =
        applied.empty() ? 0 : static_cast<int>(applied.rbegin()->first);
    for (const auto& migration : Migrations()) {
      // Named, not bound: the lambda below captures them (clang 14 refuses).
      const auto& name = migration.first;
      const auto& sql = migration.second;
      auto version = ParseInt(name.substr(0, name.find('_')));
      if (!version)
        return Status::Internal("bad migration name " + std::string(name));
      if (applied.count(*version)) continue;
      Status m = InTransaction(c, [&]() -> Status {
        WARTA_RETURN_IF_ERROR(c.Exec(sql));
        WARTA_ASSIGN_OR_RETURN(
            auto st, c.Prepare("INSERT INTO schema_migrations (version, name, "
                               "applied_at) VALUES (?, ?, ?)"));
        return st.Bind(1, *version).Bind(2, name).Bind(3, clock_.Now()).Run();
      });
      if (!m.ok()) return m.WithContext("migration " + std::string(name));
      current = std::max(current, static_cast<int>(*version));
    }
    schema_version_ = current;
    return Status::Ok();
  }();
  unlock();
  return s;
}

Result<std::unique_ptr<PgStore::Reader>> PgStore::BorrowReader() {
  if (InBatchHere()) return std::make_unique<Reader>(writer_.get());
  std::unique_ptr<Connection> c;
  {
    MutexLock lock(&pool_mu_);
    const auto deadline =
        std::chrono::steady_clock::now() +
        std::chrono::milliseconds(options_.statement_timeout_ms > 0
                                      ? options_.statement_timeout_ms
                                      : 30000);
    while (readers_.empty() && readers_open_ >= MaxReaders()) {
      if (!pool_cv_.WaitUntil(&pool_mu_, deadline)) break;
    }
    if (readers_.empty() && readers_open_ >= MaxReaders())
      return Status::Unavailable("postgres: every connection is busy");
    if (!readers_.empty()) {
      c = std::move(readers_.back());
      readers_.pop_back();
    }
    if (c && !c->Probe()) {  // lost (server restart): replaced below
      c.reset();
      --readers_open_;
    }
    if (!c) ++readers_open_;  // the one opened below
  }
  if (!c) {
    auto opened = Connection::Open(options_.url, options_.statement_timeout_ms);
    if (!opened.ok()) {
      MutexLock lock(&pool_mu_);
      --readers_open_;
      pool_cv_.NotifyOne();
      return opened.status();
    }
    c = std::move(*opened);
  }
  return std::make_unique<Reader>(this, std::move(c));
}

void PgStore::ReturnReader(std::unique_ptr<Connection> c) {
  MutexLock lock(&pool_mu_);
  if (c->Healthy()) {
    readers_.push_back(std::move(c));
  } else {
    --readers_open_;
  }
  pool_cv_.NotifyOne();
}

// The first key of the advisory locks of RunExclusive (the second is the
// hash of the job's name).
constexpr std::int64_t kJobLocks = 0x7761;  // "wa"

Result<bool> PgStore::RunExclusive(std::string_view name,
                                   const std::function<void()>& fn) {
  WARTA_ASSIGN_OR_RETURN(auto c, Connection::Open(options_.url, 0));
  {
    WARTA_ASSIGN_OR_RETURN(auto st,
                           c->Prepare("SELECT pg_try_advisory_lock(?::int4, "
                                      "hashtext(?))"));
    WARTA_ASSIGN_OR_RETURN(bool row,
                           st.Bind(1, kJobLocks).Bind(2, name).Step());
    if (!row || st.Int(0) == 0) return false;
  }
  fn();
  // Closing the connection (when `c` goes) releases the lock too.
  WARTA_ASSIGN_OR_RETURN(
      auto st, c->Prepare("SELECT pg_advisory_unlock(?::int4, hashtext(?))"));
  (void)st.Bind(1, kJobLocks).Bind(2, name).Run();
  return true;
}

Status PgStore::LockChangeSeq(Connection& c) {
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare("SELECT value FROM meta WHERE key = 'change_seq' "
                         "FOR UPDATE"));
  return st.Run();
}

Result<std::int64_t> PgStore::BumpChangeSeq(Connection& c) {
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare("UPDATE meta SET value = value + 1 WHERE key = "
                         "'change_seq' RETURNING value"));
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::Internal("meta.change_seq is missing");
  const std::int64_t seq = st.Int(0);
  // Delivered to every listening node when the transaction commits (one
  // per transaction: PostgreSQL folds repeats).
  WARTA_RETURN_IF_ERROR(c.Exec("NOTIFY " + std::string(kChangesChannel)));
  return seq;
}

namespace {

// Listens on its own connection and calls `on_change` for each burst of
// notifications; reconnects (and calls once, as writes may have been
// missed) when the connection drops.
class PgChangeWatch final : public ChangeWatch {
 public:
  PgChangeWatch(std::string url, std::function<void()> on_change)
      : url_(std::move(url)), on_change_(std::move(on_change)) {
    thread_ = std::thread([this] { Run(); });
  }
  ~PgChangeWatch() override {
    stop_.store(true);
    thread_.join();
  }

 private:
  void Run() {
    bool missed = false;
    while (!stop_.load()) {
      auto c = Connection::Open(url_, 0);
      if (!c.ok() ||
          !(*c)->Exec("LISTEN " + std::string(kChangesChannel)).ok()) {
        missed = true;
        Sleep(1000);
        continue;
      }
      if (missed) on_change_();  // writes while we were not listening
      missed = false;
      while (!stop_.load()) {
        auto got = (*c)->WaitForNotification(200);
        if (!got.ok()) {
          missed = true;
          break;
        }
        if (*got) on_change_();
      }
    }
  }
  void Sleep(int ms) {
    for (int waited = 0; waited < ms && !stop_.load(); waited += 50)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::string url_;
  std::function<void()> on_change_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace

std::unique_ptr<ChangeWatch> PgStore::WatchChanges(
    std::function<void()> on_change) {
  return std::make_unique<PgChangeWatch>(options_.url, std::move(on_change));
}

Status PgStore::LogArticleChange(Connection& c, std::int64_t article_id) {
  // The write's seq is the value the final BumpChangeSeq will set (the
  // write holds the change_seq row lock: LockChangeSeq).
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      c.Prepare("INSERT INTO article_changes (seq, article_id, changed_at) "
                "SELECT value + 1, ?, ? FROM meta WHERE key = 'change_seq' "
                "ON CONFLICT (seq, article_id) DO NOTHING"));
  return st.Bind(1, article_id).Bind(2, clock_.Now()).Run();
}

Result<std::int64_t> PgStore::ChangeSeq() {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare("SELECT value FROM meta WHERE key = 'change_seq'"));
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

}  // namespace pg
}  // namespace warta
