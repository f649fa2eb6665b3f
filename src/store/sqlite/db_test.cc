#include "store/sqlite/db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace warta::sqlite {
namespace {

std::unique_ptr<Connection> OpenMemory() {
  auto c = Connection::Open(":memory:", true, "OFF");
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(*c) : nullptr;
}

// Statements whose text varies (the F1 pattern) no longer pile up: the
// cache keeps at most its capacity and finalizes the least recently used.
TEST(ConnectionTest, StatementCacheStaysBounded) {
  auto c = OpenMemory();
  ASSERT_NE(c, nullptr);
  const std::int64_t before = Connection::LiveStatements();
  for (int i = 0; i < 1000; ++i) {
    auto st = c->Prepare("SELECT " + std::to_string(i));
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(st->Step().ok());
  }
  EXPECT_EQ(c->CachedStatements(), Connection::kStatementCacheCapacity);
  EXPECT_EQ(Connection::LiveStatements() - before,
            static_cast<std::int64_t>(Connection::kStatementCacheCapacity));
  c.reset();
  EXPECT_EQ(Connection::LiveStatements(), before);
}

// A statement in use is never finalized under its reader, even when many
// others are prepared meanwhile; the cache shrinks back once it is released.
TEST(ConnectionTest, KeepsStatementsInUseAlive) {
  auto c = OpenMemory();
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->Exec("CREATE TABLE t (v INTEGER); "
                      "INSERT INTO t VALUES (1), (2), (3);")
                  .ok());
  {
    auto outer = c->Prepare("SELECT v FROM t ORDER BY v");
    ASSERT_TRUE(outer.ok());
    ASSERT_TRUE(*outer->Step());
    EXPECT_EQ(outer->Int(0), 1);
    for (int i = 0; i < 300; ++i) {
      auto st = c->Prepare("SELECT " + std::to_string(i));
      ASSERT_TRUE(st.ok());
    }
    ASSERT_TRUE(*outer->Step());
    EXPECT_EQ(outer->Int(0), 2);
  }
  EXPECT_LE(c->CachedStatements(), Connection::kStatementCacheCapacity);
  // Reused from the cache, not re-prepared: same text, fresh cursor.
  auto again = c->Prepare("SELECT v FROM t ORDER BY v");
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(*again->Step());
  EXPECT_EQ(again->Int(0), 1);
}

// The cache finds a statement by its text wherever the text lies: one
// buffer holding different statements in turn (same address, same length)
// gets each its own, and the same text from another buffer the one already
// prepared; still right after the cache evicted the entries it last found.
TEST(ConnectionTest, StatementCacheGoesByTextNotAddress) {
  auto c = OpenMemory();
  ASSERT_NE(c, nullptr);
  std::string buffer(8, ' ');
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 10; ++i) {
      buffer = "SELECT " + std::to_string(i);  // "SELECT 0" .. "SELECT 9"
      auto st = c->Prepare(buffer);
      ASSERT_TRUE(st.ok());
      ASSERT_TRUE(*st->Step());
      EXPECT_EQ(st->Int(0), i) << buffer;
    }
    const std::size_t cached = c->CachedStatements();
    const std::string copy = "SELECT 7";
    auto st = c->Prepare(copy);
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(*st->Step());
    EXPECT_EQ(st->Int(0), 7);
    EXPECT_EQ(c->CachedStatements(), cached) << "found, not prepared again";
    // Enough others to evict all of them before the next round.
    for (int i = 0; i < 300; ++i) {
      ASSERT_TRUE(c->Prepare("SELECT " + std::to_string(1000 + i)).ok());
    }
  }
}

TEST(ConnectionTest, BindsListsAsOneJsonArray) {
  auto c = OpenMemory();
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(JsonArray({}), "[]");
  EXPECT_EQ(JsonArray({1, -2, 9007199254740993}), "[1,-2,9007199254740993]");
  auto st = c->Prepare(
      "SELECT COUNT(*), SUM(value) FROM json_each(?) WHERE value IN "
      "(SELECT value FROM json_each(?))");
  ASSERT_TRUE(st.ok());
  st->Bind(1, JsonArray({1, 2, 3, 9007199254740993}))
      .Bind(2, JsonArray({3, 9007199254740993}));
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Int(0), 2);
  EXPECT_EQ(st->Int(1), 9007199254740996);
}

// A fresh directory under the test temp dir, removed when it goes out of
// scope (also when an assertion returns early).
struct ScratchDir {
  explicit ScratchDir(const std::string& name)
      : path(::testing::TempDir() + "/" + name + "-" +
             std::to_string(::getpid())) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDir() { std::filesystem::remove_all(path); }
  const std::string path;
};

std::int64_t PageSize(Connection& c) {
  auto st = c.Prepare("PRAGMA page_size");
  EXPECT_TRUE(st.ok());
  if (!st.ok()) return 0;
  auto row = st->Step();
  EXPECT_TRUE(row.ok() && *row);
  return st->Int(0);
}

// A new database file gets pages of kNewPageSize; a file made with SQLite's
// 4 KiB pages keeps them, and opens, reads and writes as before.
TEST(ConnectionTest, NewFilesGetTheNewPageSizeOldFilesKeepTheirs) {
  const ScratchDir scratch("warta-pages");
  const std::string& dir = scratch.path;
  {
    auto c = Connection::Open(dir + "/new.db", true, "NORMAL");
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_TRUE((*c)->Exec("CREATE TABLE t (v TEXT)").ok());
    EXPECT_EQ(PageSize(**c), kNewPageSize);
  }
  {
    auto c = Connection::Open(dir + "/old.db", true, "NORMAL");
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->Exec("PRAGMA journal_mode=DELETE; "
                           "PRAGMA page_size=4096; VACUUM; "
                           "PRAGMA journal_mode=WAL; "
                           "CREATE TABLE t (v TEXT); "
                           "INSERT INTO t VALUES ('lama');")
                    .ok());
    ASSERT_EQ(PageSize(**c), 4096);
  }
  auto c = Connection::Open(dir + "/old.db", true, "NORMAL");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(PageSize(**c), 4096);
  ASSERT_TRUE((*c)->Exec("INSERT INTO t VALUES ('baru')").ok());
  auto st = (*c)->Prepare("SELECT count(*) FROM t");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Int(0), 2);
}

// The writer's statement journals live in files past kStatementJournalSpill
// (UseTempFiles). A statement inside a transaction that changes more than
// that of existing pages and then fails is undone alone, from the spilled
// journal: the transaction goes on and commits what came before it.
TEST(ConnectionTest, AStatementUndoneFromASpilledJournal) {
  const ScratchDir scratch("warta-stmtjrnl");
  auto opened = Connection::Open(scratch.path + "/w.db", true, "NORMAL");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Connection& c = **opened;
  ASSERT_TRUE(c.UseTempFiles().ok());
  auto temp_store = c.Prepare("PRAGMA temp_store");
  ASSERT_TRUE(temp_store.ok());
  ASSERT_TRUE(*temp_store->Step());
  EXPECT_EQ(temp_store->Int(0), 1);  // FILE
  // ~4 MiB of rows, four times the spill size.
  ASSERT_TRUE(c.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, "
                     "v TEXT NOT NULL, n INTEGER NOT NULL UNIQUE); "
                     "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL "
                     "SELECT i + 1 FROM k WHERE i < 2000) "
                     "INSERT INTO t SELECT i, printf('%.2000c', 'a'), i "
                     "FROM k;")
                  .ok());
  ASSERT_TRUE(c.Exec("BEGIN").ok());
  ASSERT_TRUE(c.Exec("INSERT INTO t VALUES (5000, 'kept', 5000)").ok());
  // Rewrites rows in id order (every page of the table) until row 1999
  // takes the n of row 2000: a UNIQUE failure, which aborts the statement.
  Status failed = c.Exec(
      "UPDATE t SET v = printf('%.2000c', 'b'), "
      "n = CASE WHEN id = 1999 THEN 2000 ELSE n END");
  EXPECT_FALSE(failed.ok());
  ASSERT_TRUE(c.Exec("COMMIT").ok());
  auto st = c.Prepare(
      "SELECT count(*), sum(v = printf('%.2000c', 'a')), "
      "sum(v = 'kept'), max(n) FROM t");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Int(0), 2001);
  EXPECT_EQ(st->Int(1), 2000);  // no row rewritten
  EXPECT_EQ(st->Int(2), 1);     // the insert before it kept
  EXPECT_EQ(st->Int(3), 5000);
}

// A statement inside a transaction whose journal outgrows
// kStatementJournalSpill spills it and goes on: an UPDATE and a DELETE of
// every row of a table of ~6 MiB (with an index), and a DROP INDEX, each
// in a transaction of its own on a database larger than the spill. Without
// the split-write VFS (split_write_vfs.h) each failed with "database or
// disk is full" (SQLite 3.40.1, a 1 MiB spill).
TEST(ConnectionTest, LargeStatementsInATransactionSpillTheirJournal) {
  const ScratchDir scratch("warta-bigstmt");
  auto opened = Connection::Open(scratch.path + "/w.db", true, "NORMAL");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Connection& c = **opened;
  ASSERT_TRUE(c.UseTempFiles().ok());
  ASSERT_TRUE(c.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, "
                     "k INTEGER NOT NULL, v TEXT NOT NULL); "
                     "CREATE INDEX t_by_k ON t (k, id); "
                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                     "SELECT i + 1 FROM n WHERE i < 60000) "
                     "INSERT INTO t SELECT i, i % 400, printf('%.80c', 'a') "
                     "FROM n;")
                  .ok());
  for (const char* sql :
       {"UPDATE t SET k = k + 1", "DELETE FROM t WHERE id % 2 = 0",
        "DROP INDEX t_by_k"}) {
    ASSERT_TRUE(c.Exec("BEGIN IMMEDIATE").ok());
    Status s = c.Exec(sql);
    EXPECT_TRUE(s.ok()) << sql << ": " << s.ToString();
    ASSERT_TRUE(c.Exec(s.ok() ? "COMMIT" : "ROLLBACK").ok());
  }
  auto st = c.Prepare(
      "SELECT count(*), min(k), (SELECT count(*) FROM sqlite_master WHERE "
      "name = 't_by_k') FROM t");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Int(0), 30000);
  EXPECT_EQ(st->Int(1), 2);  // odd ids left, each k moved up one
  EXPECT_EQ(st->Int(2), 0);
}
}  // namespace
}  // namespace warta::sqlite
