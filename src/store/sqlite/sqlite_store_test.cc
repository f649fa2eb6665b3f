#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "store/store_conformance.h"

namespace warta {
namespace {

std::unique_ptr<Store> MakeSqlite(const std::string& dir, const Clock& clock) {
  SqliteOptions o;
  o.path = dir + "/warta.db";
  o.synchronous = "NORMAL";
  auto s = OpenSqliteStore(o, clock);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : nullptr;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformance,
                         ::testing::Values(&MakeSqlite));

TEST(SqliteStoreTest, FailsClearlyOnAnUnwritablePath) {
  FakeClock clock(0);
  SqliteOptions o;
  o.path = "/proc/nope/warta.db";
  auto s = OpenSqliteStore(o, clock);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("/proc/nope/warta.db"),
            std::string::npos);
}

// SQLite's memory statistics take one process-wide mutex on every
// allocation of every connection; the store turns them off before its first
// connection, so parallel readers do not queue on it (docs/feeds.md).
TEST(SqliteStoreTest, KeepsNoGlobalMemoryStatistics) {
  FakeClock clock(0);
  const std::string dir =
      ::testing::TempDir() + "/warta-memstatus-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  std::unique_ptr<Store> store = MakeSqlite(dir, clock);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->ChangeSeq().ok());
  // With statistics on, this counts the open connections' memory.
  EXPECT_EQ(sqlite3_memory_used(), 0);
  store.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace warta
