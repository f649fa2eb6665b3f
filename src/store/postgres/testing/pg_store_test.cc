#include "store/postgres/pg_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>
#include <vector>

#include "store/postgres/db.h"
#include "store/postgres/migrations.h"
#include "store/postgres/testing/pg_test_db.h"
#include "store/store_conformance.h"

namespace warta {
namespace {

INSTANTIATE_TEST_SUITE_P(Postgres, StoreConformance,
                         ::testing::Values(&pg::MakePgStoreForTest));

TEST(PgSqlTest, PlaceholdersBecomeNumberedParameters) {
  int n = 0;
  EXPECT_EQ(
      pg::TranslateSql("SELECT a FROM t WHERE b = ? AND c = '?' AND d = ?", &n),
      "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $2");
  EXPECT_EQ(n, 2);
  EXPECT_EQ(pg::TranslateSql("VALUES (?1, ?2, ?1)", &n), "VALUES ($1, $2, $1)");
  EXPECT_EQ(n, 2);
  EXPECT_EQ(pg::TranslateSql("id IN (SELECT value FROM json_each(?))", &n),
            "id IN (SELECT value::bigint FROM "
            "jsonb_array_elements_text($1::jsonb) AS j(value))");
  EXPECT_EQ(
      pg::TranslateSql("SELECT 1 FROM t INDEXED BY t_by_x WHERE x = ?", &n),
      "SELECT 1 FROM t WHERE x = $1");
}

TEST(PgSqlTest, TestUrlsNameTheirDatabase) {
  EXPECT_EQ(pg::WithDatabase(
                "postgresql://postgres@/postgres?host=/tmp/x&port=5432", "t1"),
            "postgresql://postgres@/t1?host=/tmp/x&port=5432");
  EXPECT_EQ(pg::WithDatabase("postgresql://u:p@db:5433/warta", "t1"),
            "postgresql://u:p@db:5433/t1");
  EXPECT_EQ(pg::WithDatabase("postgresql://db", "t1"), "postgresql://db/t1");
}

TEST(PgStoreTest, FailsClearlyWhenTheServerIsUnreachable) {
  FakeClock clock(0);
  PgOptions o;
  o.url = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2";
  auto s = OpenPgStore(o, clock);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(s.status().message().find("PostgreSQL"), std::string::npos);
}

TEST(PgStoreTest, MigratesOnceAndReopens) {
  const std::string url = pg::TestDatabaseUrl("migrates-once");
  if (url.empty()) return;
  FakeClock clock(0);
  PgOptions o;
  o.url = url;
  auto a = OpenPgStore(o, clock);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto b = OpenPgStore(o, clock);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ((*a)->SchemaVersion(), (*b)->SchemaVersion());
  EXPECT_GE((*a)->SchemaVersion(), 1);
  EXPECT_EQ((*a)->BackendName(), "postgres");
}

// Several nodes starting together on an empty database: one runs the
// migrations under the advisory lock, the others wait and find them done.
TEST(PgStoreTest, NodesStartingTogetherMigrateOnce) {
  const std::string url = pg::TestDatabaseUrl(
      "nodes-together-" + std::to_string(::getpid()), /*empty=*/true);
  if (url.empty()) return;
  FakeClock clock(0);
  PgOptions o;
  o.url = url;
  std::vector<std::thread> nodes;
  std::vector<std::unique_ptr<Store>> opened(4);
  std::vector<Status> errors(4);
  for (int i = 0; i < 4; ++i) {
    nodes.emplace_back([&, i] {
      auto s = OpenPgStore(o, clock);
      if (s.ok()) {
        opened[i] = std::move(*s);
      } else {
        errors[i] = s.status();
      }
    });
  }
  for (auto& t : nodes) t.join();
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(opened[i]) << errors[i].ToString();
    EXPECT_EQ(opened[i]->SchemaVersion(), opened[0]->SchemaVersion());
  }
  auto c = pg::Connection::Open(url, 0);
  ASSERT_TRUE(c.ok());
  auto st = (*c)->Prepare(
      "SELECT count(*), count(DISTINCT version) FROM "
      "schema_migrations");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Int(0), st->Int(1));
  EXPECT_EQ(st->Int(0), static_cast<std::int64_t>(pg::Migrations().size()));
}

}  // namespace
}  // namespace warta
