#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>

#include "base/strings.h"
#include "store/sql/applied_migrations.h"
#include "store/sqlite/file_watch.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace warta {

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options,
                                               const Clock& clock) {
  auto store = std::make_unique<sql::Rows<sqlite::SqliteStore>>(options, clock);
  WARTA_RETURN_IF_ERROR(store->Open());
  return std::unique_ptr<Store>(std::move(store));
}

namespace sqlite {

Status SqliteStore::Open() {
  WARTA_ASSIGN_OR_RETURN(
      writer_, Connection::Open(options_.path, true, options_.synchronous));
  WARTA_RETURN_IF_ERROR(writer_->UseTempFiles());
  WARTA_RETURN_IF_ERROR(Migrate());
  // The readers are opened now, while the schema the migrations just read
  // is in the OS page cache: a reader opened later on a cold cache first
  // reads the schema from disk, on some request's path (45-99 ms outliers
  // in cold feed renders at 1M articles; docs/feeds.md).
  MutexLock lock(&pool_mu_);
  while (readers_.size() < static_cast<size_t>(options_.reader_connections)) {
    WARTA_ASSIGN_OR_RETURN(
        auto c, Connection::Open(options_.path, false, options_.synchronous));
    // Parses the schema, which opening alone does not.
    WARTA_RETURN_IF_ERROR(c->Exec("SELECT 1 FROM sqlite_master LIMIT 1"));
    readers_.push_back(std::move(c));
  }
  WARTA_ASSIGN_OR_RETURN(
      auto own, Connection::Open(options_.path, false, options_.synchronous));
  checkpointer_ = std::make_unique<Checkpointer>(*writer_, std::move(own),
                                                 Checkpointer::Options{});
  return Status::Ok();
}

std::unique_ptr<ChangeWatch> SqliteStore::WatchChanges(
    std::function<void()> on_change) {
  // Every commit, of any process, appends to the WAL ("<db>-wal").
  std::filesystem::path db(options_.path);
  std::string dir = db.has_parent_path() ? db.parent_path().string() : ".";
  auto watch = FileWatch::Start(dir, db.filename().string() + "-wal",
                                std::move(on_change));
  if (!watch.ok()) return nullptr;  // readers poll instead
  return std::move(*watch);
}

Status SqliteStore::Migrate() {
  std::lock_guard<std::mutex> lock(write_mu_);
  WARTA_RETURN_IF_ERROR(
      writer_->Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                    "applied_at BIGINT NOT NULL)"));
  // Applied versions, so migrations merged out of order still run.
  std::map<std::int64_t, std::string> applied;
  {
    WARTA_ASSIGN_OR_RETURN(
        auto st,
        writer_->Prepare("SELECT version, name FROM schema_migrations"));
    while (true) {
      WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      applied.emplace(st.Int(0), st.Text(1));
    }
  }
  WARTA_RETURN_IF_ERROR(sql::CheckAppliedMigrations(applied, Migrations()));
  int current = applied.empty() ? 0 : static_cast<int>(applied.rbegin()->first);
  // An existing database is copied before its first pending migration runs
  // (DB.before-NNN beside it), so an upgrade can be undone.
  bool backed_up = applied.empty();
  for (const auto& migration : Migrations()) {
    // Named, not bound: the lambda below captures them (clang 14 refuses).
    const auto& name = migration.first;
    const auto& sql = migration.second;
    auto version = ParseInt(name.substr(0, name.find('_')));
    if (!version)
      return Status::Internal("bad migration name " + std::string(name));
    if (applied.count(*version)) continue;
    if (!backed_up) {
      char suffix[32];
      std::snprintf(suffix, sizeof suffix, ".before-%03d",
                    static_cast<int>(*version));
      std::string copy = options_.path + suffix;
      std::remove(copy.c_str());
      WARTA_ASSIGN_OR_RETURN(auto vacuum, writer_->Prepare("VACUUM INTO ?"));
      Status b = vacuum.Bind(1, copy).Run();
      if (!b.ok())
        return b.WithContext("backup before migration " + std::string(name));
      backed_up = true;
    }
    Status s = InTransaction(*writer_, [&]() -> Status {
      WARTA_RETURN_IF_ERROR(writer_->Exec(sql));
      // 060 made the media rows: the uploads already on disk get theirs.
      if (*version == 60)
        WARTA_RETURN_IF_ERROR(RecordMediaOnDisk(*writer_, options_.media_dir));
      WARTA_ASSIGN_OR_RETURN(
          auto st,
          writer_->Prepare(
              "INSERT INTO schema_migrations (version, name, applied_at) "
              "VALUES (?, ?, ?)"));
      return st.Bind(1, *version).Bind(2, name).Bind(3, clock_.Now()).Run();
    });
    if (!s.ok()) return s.WithContext("migration " + std::string(name));
    current = std::max(current, static_cast<int>(*version));
  }
  schema_version_ = current;
  return Status::Ok();
}

Result<std::unique_ptr<SqliteStore::Reader>> SqliteStore::BorrowReader() {
  if (InBatchHere()) return std::make_unique<Reader>(writer_.get());
  std::unique_ptr<Connection> c;
  {
    MutexLock lock(&pool_mu_);
    if (!readers_.empty()) {
      c = std::move(readers_.back());
      readers_.pop_back();
    }
  }
  if (!c) {
    WARTA_ASSIGN_OR_RETURN(
        c, Connection::Open(options_.path, false, options_.synchronous));
  }
  return std::make_unique<Reader>(this, std::move(c));
}

void SqliteStore::ReturnReader(std::unique_ptr<Connection> c) {
  MutexLock lock(&pool_mu_);
  if (readers_.size() < static_cast<size_t>(options_.reader_connections)) {
    readers_.push_back(std::move(c));
  }
}

Result<std::int64_t> SqliteStore::BumpChangeSeq(Connection& c) {
  // An UPDATE and a SELECT, not UPDATE ... RETURNING: RETURNING collects
  // its rows in a temporary table, which cost twice the two statements
  // (every write of a bulk import bumps the sequence).
  {
    WARTA_ASSIGN_OR_RETURN(
        auto bump, c.Prepare("UPDATE meta SET value = value + 1 WHERE key = "
                             "'change_seq'"));
    WARTA_RETURN_IF_ERROR(bump.Run());
    if (c.Changes() == 0) return Status::Internal("meta.change_seq is missing");
  }
  WARTA_ASSIGN_OR_RETURN(
      auto st, c.Prepare("SELECT value FROM meta WHERE key = 'change_seq'"));
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::Internal("meta.change_seq is missing");
  return st.Int(0);
}

Status SqliteStore::LogArticleChange(Connection& c, std::int64_t article_id) {
  // The write's seq is the value the final BumpChangeSeq will set.
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      // One row of VALUES, not INSERT ... SELECT: a statement that may
      // write several rows gets a statement journal.
      c.Prepare("INSERT INTO article_changes (seq, article_id, changed_at) "
                "VALUES ((SELECT value + 1 FROM meta WHERE key = "
                "'change_seq'), ?, ?) "
                "ON CONFLICT (seq, article_id) DO NOTHING"));
  WARTA_RETURN_IF_ERROR(st.Bind(1, article_id).Bind(2, clock_.Now()).Run());
  return Status::Ok();
}

Result<std::int64_t> SqliteStore::ChangeSeq() {
  // Inside this thread's batch the reader is the writer: the value as the
  // batch sees it, its own writes included (the import's near-duplicate
  // screen tells its writes from others' by it: DuplicateClusters::BatchSeq).
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare("SELECT value FROM meta WHERE key = 'change_seq'"));
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

}  // namespace sqlite
}  // namespace warta
