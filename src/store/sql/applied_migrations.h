// The check both SQL backends make before they run pending migrations: a
// migration the database records must be this build's migration of that
// number. A database made by another build (a branch whose migrations were
// numbered differently) would otherwise skip this build's migration of that
// number as applied, and fail later on a table that is not there (a login
// answered 500: "no such table: login_failures").
#ifndef WARTA_STORE_SQL_APPLIED_MIGRATIONS_H_
#define WARTA_STORE_SQL_APPLIED_MIGRATIONS_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "base/strings.h"

namespace warta::sql {

// `applied`: version -> name as schema_migrations holds them; `migrations`:
// this build's (NNN_name.sql, sql). FailedPrecondition naming both when a
// version differs by name; versions this build does not have pass (a newer
// build's migrations only add).
inline Status CheckAppliedMigrations(
    const std::map<std::int64_t, std::string>& applied,
    const std::vector<std::pair<std::string_view, std::string_view>>&
        migrations) {
  for (const auto& [name, sql] : migrations) {
    auto version = ParseInt(name.substr(0, name.find('_')));
    if (!version) continue;  // the caller refuses a bad name
    auto it = applied.find(*version);
    if (it == applied.end() || it->second == name) continue;
    return Status::FailedPrecondition(
        "this database was made by another build of warta: its migration " +
        std::to_string(*version) + " is " + it->second + ", this build's is " +
        std::string(name) +
        "; run the build that made it, or restore the copy taken before it "
        "(docs/operations.md#upgrade)");
  }
  return Status::Ok();
}

}  // namespace warta::sql

#endif  // WARTA_STORE_SQL_APPLIED_MIGRATIONS_H_
