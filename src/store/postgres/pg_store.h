// The PostgreSQL backend of Store, for several warta nodes on one database.
// A small pool of libpq connections; every write is one transaction.
// Thread-safe. libpq's headers stay inside src/store/postgres.
#ifndef WARTA_STORE_POSTGRES_PG_STORE_H_
#define WARTA_STORE_POSTGRES_PG_STORE_H_

#include <memory>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "store/store.h"

namespace warta {

struct PgOptions {
  // A libpq URI: postgresql://user[:password]@host[:port]/db[?...]. The
  // password may also come from PGPASSFILE or PGPASSWORD.
  std::string url;
  // Connections kept open: enough for the server's threads and background
  // work; a call waits for a free one beyond that.
  int connections = 12;
  // statement_timeout of every connection, milliseconds (0: none).
  int statement_timeout_ms = 10000;
};

// Connects, creates the schema or runs pending migrations (once, under an
// advisory lock, when several nodes start together). While open the store
// holds the node lock shared (see LockOutNodes): FailedPrecondition when a
// restore holds it. `clock` stamps created_at/updated_at and must outlive
// the store.
Result<std::unique_ptr<Store>> OpenPgStore(const PgOptions& options,
                                           const Clock& clock);

namespace pg {

class Connection;

// Live nodes and restores exclude each other through one session advisory
// lock: every open PgStore (a serving node, or any command with the store
// open) holds it shared on its writer connection, taken again when that
// connection is replaced; `warta restore` (and `warta migrate`) take it
// exclusive for their load. Takes it exclusive on `c`'s session, released
// when `c` closes: FailedPrecondition naming how many warta processes have
// the database open.
Status LockOutNodes(Connection& c);

// Loads `path`, a pg_dump custom-format file (PgStore's SnapshotTo: the
// store of a backup), into the database `url` with pg_restore, in one
// transaction. The caller makes sure `url` holds no newsroom; tables a
// node's migrations created there are replaced.
Status RestoreDump(const std::string& url, const std::string& path);

}  // namespace pg
}  // namespace warta

#endif  // WARTA_STORE_POSTGRES_PG_STORE_H_
