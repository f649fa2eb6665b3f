// An existing database is copied before its first pending migration runs
// (docs/operations.md#upgrade).
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "base/strings.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/testing/old_schema.h"

namespace warta {
namespace {

TEST(MigrationBackupTest, CopiesTheDatabaseBeforeAPendingMigration) {
  const auto& all = sqlite::Migrations();
  ASSERT_GE(all.size(), 2u);
  const std::string dir =
      ::testing::TempDir() + "/warta-migrate-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/warta.db";
  // A database of an older warta: every migration but the last.
  ASSERT_TRUE(CreateDatabaseAtMigration(path, NewestMigration() - 1).ok());
  std::string last(all.back().first);
  char suffix[32];
  std::snprintf(suffix, sizeof suffix, ".before-%03d",
                static_cast<int>(*ParseInt(last.substr(0, last.find('_')))));
  FakeClock clock(1759115700);
  SqliteOptions o;
  o.path = path;
  {
    auto store = OpenSqliteStore(o, clock);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
  }
  ASSERT_TRUE(std::filesystem::exists(path + suffix)) << path + suffix;
  // The copy is the old database: it still lacks the last migration.
  sqlite3* copy = nullptr;
  ASSERT_EQ(sqlite3_open(std::string(path + suffix).c_str(), &copy), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(copy, "SELECT max(version) FROM schema_migrations", -1,
                         &st, nullptr),
      SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_LT(sqlite3_column_int(st, 0),
            *ParseInt(last.substr(0, last.find('_'))));
  sqlite3_finalize(st);
  sqlite3_close(copy);
  // A fresh database and an up-to-date one get no copy.
  std::filesystem::remove(path + suffix);
  {
    auto store = OpenSqliteStore(o, clock);
    ASSERT_TRUE(store.ok());
  }
  EXPECT_FALSE(std::filesystem::exists(path + suffix));
  std::filesystem::remove_all(dir);
}

// A database made by another build, whose migration of some number is
// another migration (a branch numbered its own), is refused before anything
// runs, naming both, instead of skipping this build's migration of that
// number as applied.
TEST(MigrationBackupTest, RefusesADatabaseWhoseMigrationsAreAnotherBuilds) {
  const auto& all = sqlite::Migrations();
  const std::string dir = ::testing::TempDir() + "/warta-migrate-other-" +
                          std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  FakeClock clock(1759115700);
  SqliteOptions o;
  o.path = dir + "/warta.db";
  {
    auto store = OpenSqliteStore(o, clock);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
  }
  const std::string mine(all[all.size() / 2].first);
  const std::string version =
      std::to_string(*ParseInt(mine.substr(0, mine.find('_'))));
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(o.path.c_str(), &db), SQLITE_OK);
    const std::string rename = "UPDATE schema_migrations SET name = '" +
                               version +
                               "_from_a_branch.sql' WHERE version = " + version;
    ASSERT_EQ(sqlite3_exec(db, rename.c_str(), nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = OpenSqliteStore(o, clock);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  const std::string message = store.status().ToString();
  EXPECT_NE(message.find(version + "_from_a_branch.sql"), std::string::npos)
      << message;
  EXPECT_NE(message.find(mine), std::string::npos) << message;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace warta
