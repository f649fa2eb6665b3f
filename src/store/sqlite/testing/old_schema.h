// Test support: a database as an older warta left it, to test a migration
// on the rows it finds.
#ifndef WARTA_STORE_SQLITE_TESTING_OLD_SCHEMA_H_
#define WARTA_STORE_SQLITE_TESTING_OLD_SCHEMA_H_

#include <string>

#include "base/status.h"

namespace warta {

// Creates the database at `path` with this build's migrations numbered up
// to `last` applied and recorded in schema_migrations (as the store records
// them); the next open of a store there runs the rest.
Status CreateDatabaseAtMigration(const std::string& path, int last);

// The number of this build's newest migration.
int NewestMigration();

}  // namespace warta

#endif  // WARTA_STORE_SQLITE_TESTING_OLD_SCHEMA_H_
