#include "store/open/open_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace warta {
namespace {

TEST(OpenStoreTest, EmptyUrlIsSqliteInTheDefaultFile) {
  auto w = LocateStore("", "/data/warta.db");
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->backend, StoreBackend::kSqlite);
  EXPECT_EQ(w->sqlite_path, "/data/warta.db");
}

TEST(OpenStoreTest, SqliteSchemesAndPlainPathsNameTheFile) {
  for (const char* url : {"sqlite:/srv/w.db", "sqlite:///srv/w.db",
                          "file:/srv/w.db", "/srv/w.db"}) {
    auto w = LocateStore(url, "/data/warta.db");
    ASSERT_TRUE(w.ok()) << url;
    EXPECT_EQ(w->backend, StoreBackend::kSqlite) << url;
    EXPECT_EQ(w->sqlite_path.substr(w->sqlite_path.size() - 9), "/srv/w.db")
        << url;
  }
}

TEST(OpenStoreTest, PostgresUrlsChoosePostgres) {
  for (const char* url :
       {"postgresql://warta:pw@db.example:5432/warta", "postgres://db/warta",
        "postgresql:///warta?host=/run/postgresql"}) {
    auto w = LocateStore(url, "/data/warta.db");
    ASSERT_TRUE(w.ok()) << url;
    EXPECT_EQ(w->backend, StoreBackend::kPostgres);
    EXPECT_EQ(w->postgres_url, url);
    EXPECT_FALSE(RequireSqlite(*w, "backup").ok());
  }
}

TEST(OpenStoreTest, UnknownSchemesAreRefusedWithoutThePassword) {
  auto w = LocateStore("mysql://root:sekret@db/warta", "/data/warta.db");
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(w.status().message().find("sekret"), std::string::npos)
      << w.status().message();
}

TEST(OpenStoreTest, OpensSqlite) {
  FakeClock clock(0);
  const std::string dir =
      ::testing::TempDir() + "/warta-open-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  StoreOptions o;
  o.default_sqlite_path = dir + "/warta.db";
  auto s = OpenStore(o, clock);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->BackendName(), "sqlite");
  s->reset();
  std::filesystem::remove_all(dir);
}

TEST(OpenStoreTest, PostgresWithoutSupportSaysSo) {
  if (PostgresSupported()) GTEST_SKIP() << "built with PostgreSQL";
  FakeClock clock(0);
  StoreOptions o;
  o.url = "postgresql://w:sekret@127.0.0.1:1/none";
  auto s = OpenStore(o, clock);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("built without PostgreSQL support"),
            std::string::npos);
  EXPECT_EQ(s.status().message().find("sekret"), std::string::npos);
}

}  // namespace
}  // namespace warta
