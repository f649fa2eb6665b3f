// Test support: a fresh PostgreSQL database per test, on the cluster named
// by TEST_PG_URL (scripts/pg-cluster; ctest starts one).
#ifndef WARTA_STORE_POSTGRES_TESTING_PG_TEST_DB_H_
#define WARTA_STORE_POSTGRES_TESTING_PG_TEST_DB_H_

#include <memory>
#include <string>

#include "base/clock.h"
#include "store/store.h"

namespace warta::pg {

// `url` with its database name replaced by `db`.
std::string WithDatabase(const std::string& url, const std::string& db);

// The URL of a database for `key` (the same key gives the same database),
// created migrated from a template on first use (`empty`: with no tables).
// "" with the test marked skipped (or failed when CI=true) when no
// PostgreSQL is reachable.
std::string TestDatabaseUrl(const std::string& key, bool empty = false);

// A StoreMaker: a PgStore on the database of `dir`.
std::unique_ptr<Store> MakePgStoreForTest(const std::string& dir,
                                          const Clock& clock);

}  // namespace warta::pg

#endif  // WARTA_STORE_POSTGRES_TESTING_PG_TEST_DB_H_
