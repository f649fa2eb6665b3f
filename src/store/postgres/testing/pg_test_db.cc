#include "store/postgres/testing/pg_test_db.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <mutex>

#include "store/postgres/db.h"
#include "store/postgres/migrations.h"
#include "store/postgres/pg_store.h"

namespace warta::pg {
namespace {

constexpr std::int64_t kTemplateLock = 0x77617274612d74;  // "warta-t"

void SkipOrFail(const std::string& why) {
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") {
    FAIL() << why << " (CI=true: PostgreSQL tests must run)";
  }
  GTEST_SKIP() << why;
}

// The template every test database is copied from, named by the
// migrations it holds.
std::string TemplateName() {
  std::size_t h = 0;
  for (const auto& [name, sql] : Migrations())
    h = h * 31 + std::hash<std::string_view>()(sql);
  return "warta_tpl_" + std::to_string(h % 100000000);
}

Status CreateDatabase(Connection& admin, const std::string& base_url,
                      const std::string& db, bool empty) {
  const std::string tpl = TemplateName();
  WARTA_RETURN_IF_ERROR(admin.Exec("SELECT pg_advisory_lock(" +
                                   std::to_string(kTemplateLock) + ")"));
  auto unlock = [&] {
    (void)admin.Exec("SELECT pg_advisory_unlock(" +
                     std::to_string(kTemplateLock) + ")");
  };
  auto exists = [&](const std::string& name) -> Result<bool> {
    WARTA_ASSIGN_OR_RETURN(
        auto st, admin.Prepare("SELECT 1 FROM pg_database WHERE datname = ?"));
    return st.Bind(1, name).Step();
  };
  Status s = [&]() -> Status {
    WARTA_ASSIGN_OR_RETURN(bool have_db, exists(db));
    if (have_db) return Status::Ok();
    if (empty) return admin.Exec("CREATE DATABASE " + db);
    WARTA_ASSIGN_OR_RETURN(bool have_tpl, exists(tpl));
    if (!have_tpl) {
      // Identifiers cannot be parameters; both names are made here.
      WARTA_RETURN_IF_ERROR(admin.Exec("CREATE DATABASE " + tpl));
      FakeClock clock(0);
      PgOptions o;
      o.url = WithDatabase(base_url, tpl);
      o.connections = 1;
      auto store = OpenPgStore(o, clock);
      if (!store.ok()) {
        (void)admin.Exec("DROP DATABASE " + tpl);
        return store.status();
      }
    }
    return admin.Exec("CREATE DATABASE " + db + " TEMPLATE " + tpl);
  }();
  unlock();
  return s;
}

}  // namespace

std::string WithDatabase(const std::string& url, const std::string& db) {
  std::size_t scheme = url.find("://");
  std::size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  std::size_t query = url.find('?', start);
  std::size_t slash = url.find('/', start);
  if (slash == std::string::npos ||
      (query != std::string::npos && slash > query))
    slash = query == std::string::npos ? url.size() : query;
  std::string rest = query == std::string::npos ? "" : url.substr(query);
  return url.substr(0, slash) + "/" + db + rest;
}

std::string TestDatabaseUrl(const std::string& key, bool empty) {
  const char* base = std::getenv("TEST_PG_URL");
  if (!base || !*base) {
    SkipOrFail(
        "TEST_PG_URL is not set: no PostgreSQL to test on "
        "(ctest starts one with scripts/pg-cluster)");
    return "";
  }
  auto admin = Connection::Open(base, 0);
  if (!admin.ok()) {
    SkipOrFail("PostgreSQL at TEST_PG_URL is not reachable: " +
               admin.status().ToString());
    return "";
  }
  const std::string db =
      "warta_t" + std::to_string(std::hash<std::string>()(key) % 1000000000000);
  Status s = CreateDatabase(**admin, base, db, empty);
  if (!s.ok()) {
    ADD_FAILURE() << "cannot create test database " << db << ": "
                  << s.ToString();
    return "";
  }
  return WithDatabase(base, db);
}

std::unique_ptr<Store> MakePgStoreForTest(const std::string& dir,
                                          const Clock& clock) {
  std::string url = TestDatabaseUrl(dir);
  if (url.empty()) return nullptr;
  PgOptions o;
  o.url = url;
  o.connections = 4;
  auto s = OpenPgStore(o, clock);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : nullptr;
}

}  // namespace warta::pg
