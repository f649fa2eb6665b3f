// OpenStore: the one place that chooses and opens a Store backend from a
// store URL. "" (or sqlite:PATH, sqlite://PATH, file:PATH) is the embedded
// SQLite backend; postgresql://... or postgres://... (a libpq URI) is the
// PostgreSQL backend, when this warta was built with it (WARTA_POSTGRES).
#ifndef WARTA_STORE_OPEN_OPEN_STORE_H_
#define WARTA_STORE_OPEN_OPEN_STORE_H_

#include <memory>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "store/store.h"

namespace warta {

struct StoreOptions {
  // store.url / WARTA_STORE_URL / --store.
  std::string url;
  // The SQLite file when `url` names none: store.path, else DATA/warta.db.
  std::string default_sqlite_path;
  // SQLite only: FULL|NORMAL|EXTRA (store.synchronous).
  std::string sqlite_synchronous = "FULL";
  // SQLite only: DATA/media, whose files a new media table records
  // (SqliteOptions::media_dir).
  std::string media_dir;
  // PostgreSQL only: store.connections, store.statement_timeout_ms.
  int postgres_connections = 12;
  int postgres_statement_timeout_ms = 10000;
};

enum class StoreBackend { kSqlite, kPostgres };

struct StoreLocation {
  StoreBackend backend = StoreBackend::kSqlite;
  std::string sqlite_path;   // kSqlite
  std::string postgres_url;  // kPostgres: the libpq URI as given
};

// Which backend and where. InvalidArgument for an unknown scheme.
Result<StoreLocation> LocateStore(const std::string& url,
                                  const std::string& default_sqlite_path);

// True when this build has the PostgreSQL backend.
bool PostgresSupported();

// The message of a build without PostgreSQL asked to open one.
inline constexpr char kNoPostgresMessage[] =
    "this warta was built without PostgreSQL support (rebuild with libpq-dev "
    "installed and -DWARTA_POSTGRES=ON)";

// Opens (creating and migrating) the store `options` names.
Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options,
                                         const Clock& clock);

// OK for an SQLite location; FailedPrecondition naming `what` otherwise
// (commands that work on the SQLite file itself: backup, restore).
Status RequireSqlite(const StoreLocation& where, const std::string& what);

}  // namespace warta

#endif  // WARTA_STORE_OPEN_OPEN_STORE_H_
