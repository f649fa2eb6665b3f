#include "store/open/open_store.h"

#include "store/sqlite/sqlite_store.h"
#ifdef WARTA_HAVE_POSTGRES
#include "store/postgres/pg_store.h"
#endif

namespace warta {

namespace {

bool StartsWith(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

// The URL without a password, for messages.
std::string Redacted(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  const std::size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace

Result<StoreLocation> LocateStore(const std::string& url,
                                  const std::string& default_sqlite_path) {
  StoreLocation where;
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    where.backend = StoreBackend::kPostgres;
    where.postgres_url = url;
    return where;
  }
  where.backend = StoreBackend::kSqlite;
  for (const char* scheme : {"sqlite://", "sqlite:", "file:"}) {
    if (StartsWith(url, scheme)) {
      where.sqlite_path = url.substr(std::string(scheme).size());
      if (where.sqlite_path.empty()) where.sqlite_path = default_sqlite_path;
      return where;
    }
  }
  if (url.empty()) {
    where.sqlite_path = default_sqlite_path;
    return where;
  }
  if (url.find("://") != std::string::npos || StartsWith(url, "postgres")) {
    return Status::InvalidArgument(
        "store URL " + Redacted(url) +
        ": expected postgresql://... (PostgreSQL) or empty / sqlite:PATH "
        "(SQLite)");
  }
  where.sqlite_path = url;  // a plain path
  return where;
}

bool PostgresSupported() {
#ifdef WARTA_HAVE_POSTGRES
  return true;
#else
  return false;
#endif
}

Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& options,
                                         const Clock& clock) {
  WARTA_ASSIGN_OR_RETURN(StoreLocation where,
                         LocateStore(options.url, options.default_sqlite_path));
  if (where.backend == StoreBackend::kPostgres) {
#ifdef WARTA_HAVE_POSTGRES
    PgOptions po;
    po.url = where.postgres_url;
    po.connections = options.postgres_connections;
    po.statement_timeout_ms = options.postgres_statement_timeout_ms;
    return OpenPgStore(po, clock);
#else
    return Status::FailedPrecondition(std::string(kNoPostgresMessage) +
                                      ": cannot open " +
                                      Redacted(where.postgres_url));
#endif
  }
  SqliteOptions so;
  so.path = where.sqlite_path;
  so.synchronous = options.sqlite_synchronous;
  so.media_dir = options.media_dir;
  return OpenSqliteStore(so, clock);
}

Status RequireSqlite(const StoreLocation& where, const std::string& what) {
  if (where.backend == StoreBackend::kSqlite) return Status::Ok();
  return Status::FailedPrecondition(
      what +
      " works on an SQLite store only for now; for PostgreSQL use its own "
      "tools (pg_dump, pg_restore)");
}

}  // namespace warta
