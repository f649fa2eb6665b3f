#include "store/sqlite/testing/old_schema.h"

#include <sqlite3.h>

#include "base/strings.h"
#include "store/sqlite/migrations.h"

namespace warta {
namespace {

int NumberOf(std::string_view name) {
  auto n = ParseInt(name.substr(0, name.find('_')));
  return n ? static_cast<int>(*n) : -1;
}

Status Exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK)
    return Status::Ok();
  Status s = Status::Internal(std::string(error ? error : "?") + ": " +
                              sql.substr(0, 200));
  sqlite3_free(error);
  return s;
}

}  // namespace

Status CreateDatabaseAtMigration(const std::string& path, int last) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return Status::Internal("cannot open " + path);
  }
  Status s = Exec(db,
                  "CREATE TABLE schema_migrations (version INTEGER PRIMARY "
                  "KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
  for (const auto& [name, sql] : sqlite::Migrations()) {
    if (!s.ok() || NumberOf(name) > last) break;
    s = Exec(db, std::string(sql));
    if (s.ok()) {
      s = Exec(db, "INSERT INTO schema_migrations VALUES (" +
                       std::to_string(NumberOf(name)) + ", '" +
                       std::string(name) + "', 0)");
    }
  }
  sqlite3_close(db);
  return s;
}

int NewestMigration() { return NumberOf(sqlite::Migrations().back().first); }

}  // namespace warta
