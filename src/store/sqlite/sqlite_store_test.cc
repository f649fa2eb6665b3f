#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace warta
