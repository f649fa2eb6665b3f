#include "store/postgres/pg_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "store/open/migrate_store.h"
#include "store/postgres/db.h"
#include "store/postgres/migrations.h"
#include "store/postgres/testing/pg_test_db.h"
#include "store/sqlite/sqlite_store.h"
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

// A database made by an earlier warta (migration 001 only) upgrades in
// place: its articles are not featured, and pins can be set.
TEST(PgStoreTest, UpgradesADatabaseMadeByMigration001) {
  const std::string url = pg::TestDatabaseUrl(
      "upgrade-001-" + std::to_string(::getpid()), /*empty=*/true);
  if (url.empty()) return;
  FakeClock clock(1759115700);
  {
    auto c = pg::Connection::Open(url, 0);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    const auto& [name, sql] = pg::Migrations().front();
    ASSERT_EQ(name.substr(0, 4), "001_");
    ASSERT_TRUE((*c)->Exec(sql).ok());
    ASSERT_TRUE((*c)->Exec("CREATE TABLE schema_migrations (version BIGINT "
                           "PRIMARY KEY, name TEXT NOT NULL, applied_at "
                           "BIGINT NOT NULL); INSERT INTO schema_migrations "
                           "VALUES (1, '001_init.sql', 0); INSERT INTO "
                           "categories (slug, name, created_at) VALUES "
                           "('politik', 'Politik', 0); INSERT INTO articles "
                           "(slug, title, status, published_at, created_at, "
                           "updated_at) VALUES ('lama', 'Lama', 'published', "
                           "0, 0, 0)")
                    .ok());
  }
  PgOptions o;
  o.url = url;
  auto store = OpenPgStore(o, clock);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->SchemaVersion(),
            static_cast<int>(pg::Migrations().size()));
  auto old = (*store)->GetArticleBySlug("lama");
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_FALSE(old->featured);
  HomePins pins;
  pins.lead = old->id;
  ASSERT_TRUE((*store)->SetHomePins(pins).ok());
  EXPECT_EQ((*store)->GetHomePins()->lead, old->id);
}

// Background jobs every node starts run on one node at a time; the claim
// ends with the job, or with the node (its connection) that held it.
TEST(PgStoreTest, RunExclusiveLetsOneNodeAtATimeRunAJob) {
  const std::string url = pg::TestDatabaseUrl("exclusive");
  if (url.empty()) return;
  FakeClock clock(0);
  PgOptions o;
  o.url = url;
  auto a = OpenPgStore(o, clock);
  auto b = OpenPgStore(o, clock);
  ASSERT_TRUE(a.ok() && b.ok());
  bool inner_ran = false, other_ran = false;
  auto outer = (*a)->RunExclusive("wire:antara", [&] {
    auto inner = (*b)->RunExclusive("wire:antara", [&] { inner_ran = true; });
    ASSERT_TRUE(inner.ok()) << inner.status().ToString();
    EXPECT_FALSE(*inner);
    auto other = (*b)->RunExclusive("wire:reuters", [&] { other_ran = true; });
    ASSERT_TRUE(other.ok());
    EXPECT_TRUE(*other);
  });
  ASSERT_TRUE(outer.ok()) << outer.status().ToString();
  EXPECT_TRUE(*outer);
  EXPECT_FALSE(inner_ran);
  EXPECT_TRUE(other_ran);
  bool after = false;
  auto again = (*b)->RunExclusive("wire:antara", [&] { after = true; });
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(*again);
  EXPECT_TRUE(after);
}

// A restore loads a database no warta process is using: it takes the node
// lock exclusive, which fails while a store is open (each holds it shared,
// and takes it again on a new writer connection), and no store opens
// while a restore holds it.
TEST(PgStoreTest, RestoresAndOpenStoresExcludeEachOther) {
  const std::string url = pg::TestDatabaseUrl("node-lock");
  if (url.empty()) return;
  FakeClock clock(0);
  PgOptions o;
  o.url = url;
  auto restore = pg::Connection::Open(url, 0);
  ASSERT_TRUE(restore.ok()) << restore.status().ToString();
  {
    auto node = OpenPgStore(o, clock);
    ASSERT_TRUE(node.ok()) << node.status().ToString();
    Status refused = pg::LockOutNodes(**restore);
    EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(refused.message().find("1 warta process has this PostgreSQL "
                                     "database open"),
              std::string::npos)
        << refused.message();
  }  // the node stops (its server process ends a moment after)
  Status locked = pg::LockOutNodes(**restore);
  for (int i = 0; i < 50 && !locked.ok(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    locked = pg::LockOutNodes(**restore);
  }
  ASSERT_TRUE(locked.ok()) << locked.ToString();
  auto starting = OpenPgStore(o, clock);
  ASSERT_FALSE(starting.ok());
  EXPECT_EQ(starting.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(starting.status().message().find("restore"), std::string::npos)
      << starting.status().message();
  restore->reset();  // the restore ends: its session closes
  starting = OpenPgStore(o, clock);
  ASSERT_TRUE(starting.ok()) << starting.status().ToString();
  EXPECT_TRUE((*starting)->CountUsers().ok());
}

// A node killed (SIGKILL) while it holds a job's claim: the claim goes with
// its connection, and another node takes the job at its next try.
TEST(PgStoreTest, RunExclusiveClaimDiesWithItsNode) {
  const std::string url = pg::TestDatabaseUrl("exclusive-kill");
  if (url.empty()) return;
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  pid_t node = ::fork();
  if (node == 0) {  // the node that dies holding the claim
    ::close(ready[0]);
    FakeClock clock(0);
    PgOptions o;
    o.url = url;
    auto store = OpenPgStore(o, clock);
    if (!store.ok()) ::_exit(2);
    (void)(*store)->RunExclusive("wire:antara", [&] {
      (void)!::write(ready[1], "x", 1);
      ::pause();
    });
    ::_exit(0);
  }
  ::close(ready[1]);
  char got = 0;
  ASSERT_EQ(::read(ready[0], &got, 1), 1) << "the node did not claim the job";
  ::close(ready[0]);
  FakeClock clock(0);
  PgOptions o;
  o.url = url;
  auto other = OpenPgStore(o, clock);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  bool ran = false;
  EXPECT_FALSE(*(*other)->RunExclusive("wire:antara", [&] { ran = true; }));
  ::kill(node, SIGKILL);
  int status = 0;
  ::waitpid(node, &status, 0);
  // PostgreSQL ends the dead node's session as its socket closes.
  for (int i = 0; i < 50 && !ran; ++i) {
    auto r = (*other)->RunExclusive("wire:antara", [&] { ran = true; });
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    if (!ran) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(ran) << "the claim outlived its node";
}

// `warta migrate`: an SQLite newsroom copied into an empty PostgreSQL
// database keeps its ids, users with password hashes, tokens, revisions,
// lists and change seq; a second copy into the same database is refused.
TEST(PgStoreTest, MigratesAnSqliteNewsroomIntoAnEmptyDatabase) {
  const std::string url = pg::TestDatabaseUrl(
      "migrate-" + std::to_string(::getpid()), /*empty=*/true);
  if (url.empty()) return;
  FakeClock clock(1759115700);
  const std::string dir =
      ::testing::TempDir() + "/warta-migrate-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  std::int64_t article_id = 0, seq = 0;
  {
    SqliteOptions so;
    so.path = dir + "/warta.db";
    // Band rows merge every 4 (2 saves): the last save's stay in the recent
    // table (migration 062), the others are in the big one.
    so.recent_band_rows = 4;
    so.band_merge_rows = 4;
    so.recent_bands_from_article = 0;
    auto s = OpenSqliteStore(so, clock);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    User u;
    u.email = "redaksi@contoh.id";
    u.name = "Redaksi";
    u.role = Role::kAdmin;
    u.password_hash = "$argon2id$v=19$contoh";
    auto user = (*s)->AddUser(u);
    ASSERT_TRUE(user.ok()) << user.status().ToString();
    ApiToken t;
    t.user_id = user->id;
    t.name = "cms";
    t.token_hash = "hash-token";
    t.hint = "abcd";
    t.scopes = "articles:write";
    ASSERT_TRUE((*s)->AddApiToken(t).ok());
    for (int i = 0; i < 5; ++i) {
      Article a;
      a.title = "Berita " + std::to_string(i);
      a.body = a.plaintext = "Isi";
      if (i == 4) {
        // Long enough to be stored packed in SQLite (migration 069).
        a.body.clear();
        for (int p = 0; p < 6; ++p) {
          a.body += "Warga menyuarakan usulan tentang jalan dan pasar, " +
                    std::to_string(p) + ".\n\n";
        }
        a.plaintext = a.body;
        a.html = "<p>" + a.body + "</p>";
      }
      a.category = Category{0, "", "Politik", ""};
      a.tags = {Tag{0, "", "Pemilu"}};
      a.status = ArticleStatus::kPublished;
      a.published_at = clock.Now() - i * 60;
      Revision r;
      r.kind = "save";
      r.title = a.title;
      r.raw_size = 3;
      r.snapshot_hash = "h" + std::to_string(i);
      r.data = std::string("\0\x01\xff", 3);  // bytes, not text
      a.featured = i == 4;
      auto saved = (*s)->SaveArticleWithRevision(a, &r, nullptr);
      ASSERT_TRUE(saved.ok()) << saved.status().ToString();
      article_id = saved->id;
      ASSERT_TRUE((*s)->SaveDuplicateSignature({saved->id, saved->id, "m"},
                                               {100, 200 + i})
                      .ok());
    }
    HomePins pins;
    pins.lead = article_id;
    pins.lead_until = clock.Now() + 3600;
    ASSERT_TRUE((*s)->SetHomePins(pins).ok());
    seq = *(*s)->ChangeSeq();
  }
  auto report = MigrateSqliteToPostgres(dir + "/warta.db", url, clock);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  PgOptions o;
  o.url = url;
  auto pg = OpenPgStore(o, clock);
  ASSERT_TRUE(pg.ok()) << pg.status().ToString();
  // The uploads in DATA/media go into the database for every node.
  std::filesystem::create_directories(dir + "/media/2026/12");
  std::ofstream(dir + "/media/2026/12/abc-2x1-o.png", std::ios::binary)
      << std::string("\x89PNG\0\x01", 6);
  std::ofstream(dir + "/media/2026/12/abc-2x1-o.png.tmp-x") << "half";
  auto files = CopyMediaFiles(dir + "/media", **pg);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ(*files, 1);
  auto png = (*pg)->GetMedia("2026/12/abc-2x1-o.png");
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  EXPECT_EQ(*png, std::string("\x89PNG\0\x01", 6));
  auto user = (*pg)->GetUserByEmail("redaksi@contoh.id");
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  EXPECT_EQ(user->password_hash, "$argon2id$v=19$contoh");
  EXPECT_TRUE((*pg)->GetApiTokenByHash("hash-token").ok());
  auto a = (*pg)->GetArticle(article_id);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->title, "Berita 4");
  EXPECT_TRUE(a->featured);
  // Packed in SQLite, text in PostgreSQL.
  EXPECT_NE(a->plaintext.find("usulan tentang jalan dan pasar, 5."),
            std::string::npos);
  EXPECT_EQ(a->html, "<p>" + a->plaintext + "</p>");
  auto texts = (*pg)->ListPlaintextsById({article_id});
  ASSERT_TRUE(texts.ok() && texts->size() == 1u);
  EXPECT_EQ((*texts)[0].plaintext, a->plaintext);
  ASSERT_EQ(a->tags.size(), 1u);
  auto pins = (*pg)->GetHomePins();
  ASSERT_TRUE(pins.ok()) << pins.status().ToString();
  EXPECT_EQ(pins->lead, article_id);
  EXPECT_EQ(pins->lead_until, clock.Now() + 3600);
  EXPECT_EQ(*(*pg)->ChangeSeq(), seq);
  // Band rows from both of SQLite's tables.
  auto holders = (*pg)->FindDuplicateCandidates({100}, 0);
  ASSERT_TRUE(holders.ok()) << holders.status().ToString();
  EXPECT_EQ(holders->size(), 5u);
  ArticleQuery q;
  q.status = ArticleStatus::kPublished;
  EXPECT_EQ(*(*pg)->CountArticles(q), 5);
  auto listed = (*pg)->ListArticles(q);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 5u);
  EXPECT_EQ((*listed)[0].title, "Berita 0");
  auto revisions = (*pg)->ListRevisions(article_id, 10, true);
  ASSERT_TRUE(revisions.ok()) << revisions.status().ToString();
  ASSERT_EQ(revisions->size(), 1u);
  EXPECT_EQ((*revisions)[0].data, std::string("\0\x01\xff", 3));
  auto months = (*pg)->ListSitemapMonths();
  ASSERT_TRUE(months.ok());
  ASSERT_EQ(months->size(), 1u);
  // New rows continue after the copied ids.
  Article next;
  next.title = "Sesudah pindah";
  next.body = "Isi";
  auto saved = (*pg)->SaveArticle(next);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_GT(saved->id, article_id);
  // Not into a database that holds a newsroom.
  auto again = MigrateSqliteToPostgres(dir + "/warta.db", url, clock);
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace warta
