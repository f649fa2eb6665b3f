#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>
#include <utime.h>

#include <filesystem>
#include <fstream>

#include "store/sqlite/db.h"
#include "store/sqlite/derived_text.h"
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

// F1 (issue 15): reading articles pasted their ids into the SQL text, and
// every reader connection cached each text for ever: memory grew with every
// article read. Reads now bind their ids, so the statements stay the same.
TEST(SqliteStoreTest, ReadingManyArticlesKeepsTheStatementCacheBounded) {
  FakeClock clock(1759115700);
  const std::string dir =
      ::testing::TempDir() + "/warta-stmts-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  std::unique_ptr<Store> store = MakeSqlite(dir, clock);
  ASSERT_NE(store, nullptr);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 300; ++i) {
    Article a;
    a.title = "Berita " + std::to_string(i);
    a.body = "Isi";
    a.plaintext = "Isi";
    a.category = Category{0, "", "Politik", ""};
    a.tags = {Tag{0, "", "Tag " + std::to_string(i % 7)}};
    a.authors = {Author{0, "", "Rina Wulandari", "", ""}};
    a.status = ArticleStatus::kPublished;
    auto saved = store->SaveArticle(a);
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
    ids.push_back(saved->id);
  }
  auto read = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      auto a = store->GetArticle(ids[i]);
      ASSERT_TRUE(a.ok()) << a.status().ToString();
      ASSERT_EQ(a->tags.size(), 1u);
      ASSERT_EQ(a->authors.size(), 1u);
      auto w = store->GetWorkflows({ids[i], ids[(i + 1) % ids.size()]});
      ASSERT_TRUE(w.ok());
      ASSERT_EQ(w->size(), 2u);
    }
  };
  read(0, 20);
  const std::int64_t warm = sqlite::Connection::LiveStatements();
  read(20, ids.size());
  EXPECT_LE(sqlite::Connection::LiveStatements(), warm + 8);
  store.reset();
  std::filesystem::remove_all(dir);
}

// A store in a fresh directory `dir` holding one published article of
// Politik (2025-09-29); nullptr (a test failure) if it cannot be made.
std::unique_ptr<Store> StoreWithOneArticle(const std::string& dir,
                                           const Clock& clock) {
  std::filesystem::create_directories(dir);
  std::unique_ptr<Store> store = MakeSqlite(dir, clock);
  if (store == nullptr) return nullptr;
  Article a;
  a.title = "Berita biasa";
  a.body = "Isi";
  a.category = Category{0, "", "Politik", ""};
  a.status = ArticleStatus::kPublished;
  a.published_at = 1759115700;
  auto saved = store->SaveArticle(a);
  EXPECT_TRUE(saved.ok()) << saved.status().ToString();
  return saved.ok() ? std::move(store) : nullptr;
}

// Runs `sql` on the database in `dir` behind the store's back.
void ExecBehindTheStore(const std::string& dir, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir + "/warta.db").c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

// F3 (issue 15): a NULL month row in sitemap_months (left by an article at
// -2^63, before dates were bounded) made ListSitemapMonths throw, and
// /sitemap.xml answered 500 for good. Bad rows are now skipped.
TEST(SqliteStoreTest, SitemapMonthsSkipRowsFromAbsurdDates) {
  FakeClock clock(1759115700);
  const std::string dir =
      ::testing::TempDir() + "/warta-months-" + std::to_string(::getpid());
  std::unique_ptr<Store> store = StoreWithOneArticle(dir, clock);
  ASSERT_NE(store, nullptr);
  ExecBehindTheStore(dir,
                     "INSERT INTO sitemap_months (month, articles, lastmod) "
                     "VALUES (NULL, 1, 0), ('', 1, 0), ('x', 1, 0), "
                     "('2025-13', 1, 0), ('abcd-ef', 1, 0)");
  auto months = store->ListSitemapMonths();
  ASSERT_TRUE(months.ok()) << months.status().ToString();
  ASSERT_EQ(months->size(), 1u);
  EXPECT_EQ((*months)[0].year, 2025);
  EXPECT_EQ((*months)[0].month, 9);
  store.reset();
  std::filesystem::remove_all(dir);
}

// `warta check` compares every list month's count with the list's rows: a
// count that drifted, or rows with no count, are named.
TEST(SqliteStoreTest, IntegrityCheckNamesListMonthsThatDisagreeWithTheRows) {
  FakeClock clock(1759115700);
  const std::string dir =
      ::testing::TempDir() + "/warta-list-months-" + std::to_string(::getpid());
  std::unique_ptr<Store> store = StoreWithOneArticle(dir, clock);
  ASSERT_NE(store, nullptr);
  auto sound = store->CheckIntegrity();
  ASSERT_TRUE(sound.ok());
  EXPECT_TRUE(sound->empty()) << (*sound)[0];
  // The category's month counts two; the whole list's loses its row.
  ExecBehindTheStore(dir,
                     "UPDATE listing_months SET n = 2 WHERE kind = 1; "
                     "DELETE FROM listing_months WHERE kind = 0");
  auto problems = store->CheckIntegrity();
  ASSERT_TRUE(problems.ok()) << problems.status().ToString();
  ASSERT_EQ(problems->size(), 2u);
  const std::string month = std::to_string(1759115700 / (30 * 86400));
  EXPECT_EQ((*problems)[0], "listing_months: list 0/0 month " + month +
                                " counts 0 (0 shown), holds 1 (1 shown)");
  EXPECT_EQ((*problems)[1], "listing_months: list 1/1 month " + month +
                                " counts 2 (1 shown), holds 1 (1 shown)");
  store.reset();
  std::filesystem::remove_all(dir);
}

// Rows of `a` and not of `b`, both SELECTs on the database in `dir`, plus
// those of `b` and not of `a` (-1 on an error).
int SymmetricDifference(const std::string& dir, const std::string& a,
                        const std::string& b) {
  sqlite3* db = nullptr;
  if (sqlite3_open((dir + "/warta.db").c_str(), &db) != SQLITE_OK) return -1;
  EXPECT_TRUE(sqlite::RegisterDerivedText(db).ok());
  const std::string sql = "SELECT (SELECT COUNT(*) FROM (" + a + " EXCEPT " +
                          b + ")) + (SELECT COUNT(*) FROM (" + b + " EXCEPT " +
                          a + "))";
  sqlite3_stmt* st = nullptr;
  int n = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    n = sqlite3_column_int(st, 0);
  } else {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

// Each card (migration 061) against its article's row, column by column:
// the card's columns in their order, read from articles (plaintext_head as
// the first 400 characters of plaintext, unpacked), and from article_cards.
int CardsApartFromArticles(const std::string& dir) {
  sqlite3* db = nullptr;
  if (sqlite3_open((dir + "/warta.db").c_str(), &db) != SQLITE_OK) return -1;
  sqlite3_stmt* st = nullptr;
  std::string columns;
  sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info('article_cards')",
                     -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string name =
        reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    if (!columns.empty()) columns += ", ";
    columns += name == "plaintext_head"
                   ? "SUBSTR(derived_text(body, plaintext), 1, 400)"
                   : name;
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  EXPECT_NE(columns.find("deleted_at"), std::string::npos) << columns;
  return SymmetricDifference(dir, "SELECT " + columns + " FROM articles",
                             "SELECT * FROM article_cards");
}

// Runs `sql` on the database as the sqlite3 shell would: without the
// functions warta registers. The first column of the last row, or the error.
std::string ShellExec(const std::string& dir, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open((dir + "/warta.db").c_str(), &db) != SQLITE_OK) return "?";
  std::string out;
  auto on_row = [](void* to, int, char** values, char**) {
    *static_cast<std::string*>(to) = values[0] ? values[0] : "NULL";
    return 0;
  };
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), on_row, &out, &err) != SQLITE_OK) {
    out = std::string("error: ") + (err ? err : "");
    sqlite3_free(err);
  }
  sqlite3_close(db);
  return out;
}

// Migration 071: a tag's links, and an author's, are kept in one index by
// tag (by author): the feed index, made whole, which answers the reads of a
// tag's articles (and the foreign key's check when a tag is deleted, which
// a partial index could not).
TEST(SqliteStoreTest, TaxonomyLinksKeepOneIndexByTaxonomy) {
  FakeClock clock(1759115700);
  const std::string dir =
      ::testing::TempDir() + "/warta-links-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::unique_ptr<Store> store = MakeSqlite(dir, clock);
  ASSERT_NE(store, nullptr);
  Article a;
  a.title = "Banjir di hilir";
  a.body = "Air naik.";
  a.tags = {Tag{0, "", "Banjir"}};
  a.authors = {Author{0, "", "Sari Lubis", "", ""}};
  a.status = ArticleStatus::kPublished;
  a.published_at = 1759115000;
  ASSERT_TRUE(store->SaveArticle(a).ok());
  Article draft = a;
  draft.title = "Banjir di hulu";
  draft.status = ArticleStatus::kDraft;
  draft.published_at.reset();
  ASSERT_TRUE(store->SaveArticle(draft).ok());
  for (const char* table : {"article_tags", "article_authors"}) {
    EXPECT_EQ(
        ShellExec(dir, std::string("SELECT group_concat(name, ' ') FROM "
                                   "(SELECT name FROM pragma_index_list('") +
                           table + "') ORDER BY name)"),
        std::string(table) + "_by_article " + table + "_feed " +
            "sqlite_autoindex_" + table + "_1");
  }
  // The feed index holds the draft's link too (feed_at NULL).
  EXPECT_EQ(ShellExec(dir,
                      "SELECT COUNT(*) FROM article_tags INDEXED BY "
                      "article_tags_feed WHERE tag_id = (SELECT id FROM tags "
                      "WHERE slug = 'banjir')"),
            "2");
  EXPECT_EQ(ShellExec(dir,
                      "SELECT COUNT(*) FROM article_authors INDEXED BY "
                      "article_authors_feed WHERE author_id > 0 AND feed_at "
                      "IS NOT NULL"),
            "1");
  auto tag = store->GetTagBySlug("banjir");
  ASSERT_TRUE(tag.ok());
  auto linked = store->ListNewestLinkedArticleIds(TaxonomyKind::kTag, tag->id,
                                                  1800000000, 10);
  ASSERT_TRUE(linked.ok());
  EXPECT_EQ(linked->size(), 1u);  // the published one alone
  std::filesystem::remove_all(dir);
}

// Migration 069: an article's html and plain text are stored packed against
// its body (derived_text.h) and read back as they were written; rows of
// TEXT (written before) still read; the sqlite3 shell can still write an
// article row; a body changed by hand apart from its packed text is an
// error, not other text.
TEST(SqliteStoreTest, ArticleTextIsStoredPackedAgainstTheBody) {
  FakeClock clock(1759115700);
  const std::string dir =
      ::testing::TempDir() + "/warta-packed-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::unique_ptr<Store> store = MakeSqlite(dir, clock);
  ASSERT_NE(store, nullptr);
  Article a;
  a.title = "Anggaran daerah dibahas";
  for (int i = 0; i < 10; ++i) {
    a.body +=
        "Warga kecamatan " + std::to_string(i) +
        " menyuarakan usulan tentang jalan, sekolah dan pasar kepada "
        "dewan \u2014 \"kami ingin didengar\", kata seorang ketua RT.\n\n";
    a.html += "<p>Warga kecamatan " + std::to_string(i) +
              " menyuarakan usulan tentang jalan, sekolah dan pasar kepada "
              "dewan \u2014 &quot;kami ingin didengar&quot;, kata seorang "
              "ketua RT.</p>\n";
    a.plaintext += "Warga kecamatan " + std::to_string(i) +
                   " menyuarakan usulan tentang jalan, sekolah dan pasar "
                   "kepada dewan \u2014 \"kami ingin didengar\", kata seorang "
                   "ketua RT.\n\n";
  }
  a.status = ArticleStatus::kPublished;
  a.published_at = 1759115000;
  auto saved = store->SaveArticle(a);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  const std::string id = std::to_string(saved->id);
  EXPECT_EQ(ShellExec(dir,
                      "SELECT typeof(html) || ',' || typeof(plaintext) "
                      "FROM articles WHERE id = " +
                          id),
            "blob,blob");
  const std::string stored = ShellExec(
      dir,
      "SELECT length(html) + length(plaintext) FROM articles WHERE id = " + id);
  EXPECT_LT(std::stoul(stored), (a.html.size() + a.plaintext.size()) / 5)
      << stored;
  auto got = store->GetArticle(saved->id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->html, a.html);
  EXPECT_EQ(got->plaintext, a.plaintext);
  auto texts = store->ListPlaintextsById({saved->id});
  ASSERT_TRUE(texts.ok() && texts->size() == 1u);
  EXPECT_EQ((*texts)[0].plaintext, a.plaintext);
  std::string head;  // 400 characters; the em dashes are 3 bytes each
  for (std::size_t at = 0, chars = 0; chars < 400; ++chars) {
    const std::size_t len =
        static_cast<unsigned char>(a.plaintext[at]) >= 0xE0 ? 3 : 1;
    head += a.plaintext.substr(at, len);
    at += len;
  }
  auto cards = store->ListArticlesById({saved->id});
  ASSERT_TRUE(cards.ok() && cards->size() == 1u);
  EXPECT_EQ((*cards)[0].plaintext, head);
  EXPECT_EQ(CardsApartFromArticles(dir), 0);

  // The shell writes a row (its card follows, the head kept).
  EXPECT_EQ(ShellExec(dir,
                      "UPDATE articles SET title = 'Dari shell' WHERE "
                      "id = " +
                          id + "; SELECT changes()"),
            "1");
  cards = store->ListArticlesById({saved->id});
  ASSERT_TRUE(cards.ok() && cards->size() == 1u);
  EXPECT_EQ((*cards)[0].title, "Dari shell");
  EXPECT_EQ((*cards)[0].plaintext, head);

  // A row as written before 069: TEXT, read as it is.
  EXPECT_EQ(ShellExec(dir,
                      "UPDATE articles SET html = '<p>Lama</p>', "
                      "plaintext = 'Lama' WHERE id = " +
                          id + "; SELECT changes()"),
            "1");
  got = store->GetArticle(saved->id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->html, "<p>Lama</p>");
  EXPECT_EQ(got->plaintext, "Lama");
  cards = store->ListArticlesById({saved->id});
  ASSERT_TRUE(cards.ok() && cards->size() == 1u);
  EXPECT_EQ((*cards)[0].plaintext, "Lama");

  // Saved again: packed again. Then the body changed by hand alone.
  got->html = a.html;
  got->plaintext = a.plaintext;
  ASSERT_TRUE(store->SaveArticle(*got).ok());
  EXPECT_EQ(CardsApartFromArticles(dir), 0);
  EXPECT_EQ(ShellExec(dir,
                      "UPDATE articles SET body = replace(body, 'a', "
                      "'o') WHERE id = " +
                          id + "; SELECT changes()"),
            "1");
  got = store->GetArticle(saved->id);
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("packed article text"),
            std::string::npos)
      << got.status().ToString();
  store.reset();
  std::filesystem::remove_all(dir);
}

// Cards equal their articles' columns after every kind of write: insert,
// update, unpublish, trash and restore, review, scheduled publishing, a
// batch, delete. Lists read cards, so a card behind its article would show
// a stale title or a withdrawn story.
TEST(SqliteStoreTest, CardsFollowEveryWriteOfTheirArticles) {
  FakeClock clock(1759115700);
  const std::string dir =
      ::testing::TempDir() + "/warta-cards-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::unique_ptr<Store> store = MakeSqlite(dir, clock);
  ASSERT_NE(store, nullptr);
  std::string text;  // 600 characters, 3 bytes each past the first 100
  for (int i = 0; i < 100; ++i) text += "a";
  for (int i = 0; i < 500; ++i) text += "\xe2\x80\x94";  // em dash
  Article a;
  a.title = "Berita pertama";
  a.custom_excerpt = "Ringkasan";
  a.body = "Isi";
  a.html = "<p>Isi</p>";
  a.plaintext = text;
  a.category = Category{0, "", "Politik", ""};
  a.authors = {Author{0, "", "Rina Wulandari", "", ""}};
  a.tags = {Tag{0, "", "Pemilu"}};
  a.feature_image = "/media/2025/09/a.jpg";
  a.feature_image_caption = "Keterangan foto";
  a.status = ArticleStatus::kPublished;
  a.published_at = 1759115000;
  auto first = store->SaveArticle(a);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  Article b = a;
  b.title = "Berita kedua";
  b.status = ArticleStatus::kScheduled;
  b.published_at = 1759116000;
  auto second = store->SaveArticle(b);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(CardsApartFromArticles(dir), 0) << "after insert";
  EXPECT_EQ(SymmetricDifference(dir, "SELECT id FROM articles",
                                "SELECT id FROM article_cards"),
            0);

  // The card carries what lists carried before: the plain text's start.
  auto cards = store->ListArticlesById({first->id});
  ASSERT_TRUE(cards.ok() && cards->size() == 1u);
  EXPECT_EQ((*cards)[0].plaintext.size(), 100u + 300u * 3u);
  EXPECT_EQ((*cards)[0].title, "Berita pertama");
  EXPECT_EQ((*cards)[0].feature_image_caption, "Keterangan foto");
  EXPECT_TRUE((*cards)[0].body.empty());

  first->title = "Berita pertama, diperbarui";
  first->plaintext = "Teks baru";
  first->correction = "Koreksi.";
  auto updated = store->SaveArticle(*first);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(CardsApartFromArticles(dir), 0) << "after update";
  cards = store->ListArticlesById({first->id});
  ASSERT_TRUE(cards.ok() && cards->size() == 1u);
  EXPECT_EQ((*cards)[0].title, "Berita pertama, diperbarui");
  EXPECT_EQ((*cards)[0].plaintext, "Teks baru");

  updated->status = ArticleStatus::kDraft;
  updated->withdrawn_reason = "Ditarik.";
  auto unpublished = store->SaveArticle(*updated);
  ASSERT_TRUE(unpublished.ok()) << unpublished.status().ToString();
  EXPECT_EQ(CardsApartFromArticles(dir), 0) << "after unpublish";
  cards = store->ListArticlesById({first->id});
  ASSERT_TRUE(cards.ok() && cards->size() == 1u);
  EXPECT_EQ((*cards)[0].status, ArticleStatus::kDraft);

  ASSERT_TRUE(store->TrashArticle(first->id, clock.Now()).ok());
  EXPECT_EQ(CardsApartFromArticles(dir), 0) << "after trash";
  cards = store->ListArticlesById({first->id});
  ASSERT_TRUE(cards.ok());
  EXPECT_TRUE(cards->empty()) << "a trashed article shows no card";
  ASSERT_TRUE(store->RestoreArticle(first->id).ok());
  EXPECT_EQ(CardsApartFromArticles(dir), 0) << "after restore";

  ASSERT_TRUE(store->SetReviewState(second->id, "submitted", "Cek").ok());
  EXPECT_EQ(CardsApartFromArticles(dir), 0) << "after review";
  clock.Advance(3600);
  auto published = store->PublishScheduled(second->id, second->version,
                                           clock.Now(), nullptr);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_TRUE(*published);
  EXPECT_EQ(CardsApartFromArticles(dir), 0) << "after scheduled publish";
  cards = store->ListArticlesById({second->id});
  ASSERT_TRUE(cards.ok() && cards->size() == 1u);
  EXPECT_EQ((*cards)[0].status, ArticleStatus::kPublished);

  Status batch = store->RunBatch([&]() -> Status {
    Article c = a;
    c.title = "Berita dalam batch";
    return store->SaveArticle(c).status();
  });
  ASSERT_TRUE(batch.ok()) << batch.ToString();
  EXPECT_EQ(CardsApartFromArticles(dir), 0) << "after a batch";

  ASSERT_TRUE(store->DeleteArticle(first->id).ok());
  EXPECT_EQ(CardsApartFromArticles(dir), 0) << "after delete";
  EXPECT_EQ(SymmetricDifference(dir, "SELECT id FROM articles",
                                "SELECT id FROM article_cards"),
            0);
  cards = store->ListArticlesById({first->id, second->id});
  ASSERT_TRUE(cards.ok());
  ASSERT_EQ(cards->size(), 1u);
  EXPECT_EQ((*cards)[0].id, second->id);
  store.reset();
  std::filesystem::remove_all(dir);
}

// Two writes take the write lock themselves; inside a batch (which holds
// it) they fail instead of waiting for themselves forever.
TEST(SqliteStoreTest, SelfLockingWritesFailInsideABatch) {
  FakeClock clock(0);
  const std::string dir =
      ::testing::TempDir() + "/warta-batch-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  std::unique_ptr<Store> store = MakeSqlite(dir, clock);
  ASSERT_NE(store, nullptr);
  WireItem item;
  item.feed = "antara";
  item.item_key = "k";
  item.article_id = 1;
  Status s = store->RunBatch([&] {
    EXPECT_EQ(store->SaveWireItem(item).code(),
              StatusCode::kFailedPrecondition);
    EXPECT_EQ(store->PutStoredFeed(StoredFeed()).code(),
              StatusCode::kFailedPrecondition);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  store.reset();
  std::filesystem::remove_all(dir);
}

// The media library lists the store's rows, not DATA/media: a database from
// before migration 060 gets a row for each upload already on disk, dated by
// the file's modification time, and later files appear only through the
// store (PutMedia).
TEST(SqliteStoreTest, MigrationRecordsTheUploadsAlreadyOnDisk) {
  FakeClock clock(1790000000);
  const std::string dir =
      ::testing::TempDir() + "/warta-media-" + std::to_string(::getpid());
  const std::string media = dir + "/media";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    // A database as an older warta left it: without 060.
    ASSERT_NE(MakeSqlite(dir, clock), nullptr);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir + "/warta.db").c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db,
                           "DROP TABLE media; DELETE FROM schema_migrations "
                           "WHERE version = 60",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto put = [&](const std::string& rel, std::int64_t mtime) {
    std::filesystem::create_directories(
        std::filesystem::path(media + "/" + rel).parent_path());
    std::ofstream(media + "/" + rel) << "x";
    struct utimbuf times = {mtime, mtime};
    ASSERT_EQ(::utime((media + "/" + rel).c_str(), &times), 0);
  };
  put("2025/08/aaaa-800x600-o.jpg", 1756000000);
  put("2025/08/aaaa-640x480-w640.webp", 1756000000);
  put("2025/09/bbbb-10x10-o.png", 1758000000);
  put("2025/09/cccc-10x10-o.png.tmp-abc123", 1759000000);  // half written
  SqliteOptions o;
  o.path = dir + "/warta.db";
  o.media_dir = media;
  {
    auto store = OpenSqliteStore(o, clock);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto recent = (*store)->ListRecentMedia(10);
    ASSERT_TRUE(recent.ok()) << recent.status().ToString();
    ASSERT_EQ(recent->size(), 2u);
    EXPECT_EQ((*recent)[0].path, "2025/09/bbbb-10x10-o.png");
    EXPECT_EQ((*recent)[0].created_at, 1758000000);
    EXPECT_EQ((*recent)[1].path, "2025/08/aaaa-800x600-o.jpg");
    EXPECT_EQ((*recent)[1].created_at, 1756000000);
  }
  // Once: a file that reaches the disk later, but not the store, is not
  // listed; an upload through the store is, newest first.
  put("2025/10/dddd-10x10-o.png", 1759500000);
  {
    auto store = OpenSqliteStore(o, clock);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->PutMedia("2026/09/eeee-20x20-o.png", "").ok());
    auto recent = (*store)->ListRecentMedia(10);
    ASSERT_TRUE(recent.ok());
    ASSERT_EQ(recent->size(), 3u);
    EXPECT_EQ((*recent)[0].path, "2026/09/eeee-20x20-o.png");
    EXPECT_EQ((*recent)[0].created_at, 1790000000);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace warta
