// The near-duplicate band rows in two tables (migration 062,
// band_merge.cc): whatever slices have moved, the candidates are what one
// table of all band rows gives, and an article's rows leave both tables.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "store/sqlite/db.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/testing/old_schema.h"
#include "store/sqlite/testing/query_plans.h"

namespace warta {
namespace {

class BandMergeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/warta-bands-" + std::to_string(::getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    SqliteOptions& o = options_;
    o.path = dir_ + "/warta.db";
    o.synchronous = "NORMAL";
    // Tiny: a save outside a batch merges every 8 rows (2 saves), each
    // merge a sixth of the key space, so the slices wrap around often.
    o.recent_band_rows = 48;
    o.band_merge_rows = 8;
    o.recent_bands_from_article = 0;  // always (one test sets its own)
    auto s = OpenSqliteStore(o, clock_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    auto c = sqlite::Connection::Open(o.path, false, "NORMAL");
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    db_ = std::move(*c);
  }
  void TearDown() override {
    db_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Keys spread over the whole signed range (as MinHash band keys are).
  static std::int64_t Key(int i) {
    std::uint64_t z = static_cast<std::uint64_t>(i) + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<std::int64_t>(z ^ (z >> 31));
  }

  std::int64_t NewArticle(int i) {
    Article a;
    a.title = "Berita " + std::to_string(i);
    a.body = a.plaintext = "Isi " + a.title;
    a.html = "<p>Isi</p>";
    a.category = Category{0, "", "Politik", ""};
    a.status = ArticleStatus::kPublished;
    a.published_at = clock_.Now() - 1000 + i;
    auto saved = store_->SaveArticle(a);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return saved.ok() ? saved->id : 0;
  }

  // Saves `id`'s signature with `keys` in the store and the model.
  void Save(std::int64_t id, const std::vector<std::int64_t>& keys) {
    ASSERT_TRUE(store_->SaveDuplicateSignature({id, id, "m"}, keys).ok());
    Forget(id);
    for (std::int64_t k : keys) model_[k].insert(id);
  }
  void Forget(std::int64_t id) {
    for (auto& [k, ids] : model_) ids.erase(id);
  }

  // Every key's candidates against the model: the newest
  // kCandidatesPerBand holders.
  void ExpectCandidatesAsOneTable() {
    for (const auto& [key, ids] : model_) {
      auto got = store_->FindDuplicateCandidates({key}, 0);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      std::vector<std::int64_t> want(ids.begin(), ids.end());
      if (want.size() > DiscoveryStore::kCandidatesPerBand)
        want.erase(want.begin(),
                   want.end() - DiscoveryStore::kCandidatesPerBand);
      std::vector<std::int64_t> have;
      for (const DuplicateSignature& s : *got) have.push_back(s.article_id);
      std::sort(have.begin(), have.end());
      EXPECT_EQ(have, want) << "key " << key;
    }
  }

  std::int64_t Count(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st.ok());
    if (!st.ok()) return -1;
    auto row = st->Step();
    EXPECT_TRUE(row.ok() && *row);
    return st->Int(0);
  }
  std::int64_t Recent() {
    return Count("SELECT count(*) FROM article_signature_bands_recent");
  }
  std::int64_t Big() {
    return Count("SELECT count(*) FROM article_signature_bands");
  }
  std::int64_t RowsOf(std::int64_t id) {
    const std::string a = std::to_string(id);
    return Count(
        "SELECT (SELECT count(*) FROM article_signature_bands_recent "
        "WHERE article_id = " +
        a +
        ") + (SELECT count(*) FROM article_signature_bands WHERE "
        "article_id = " +
        a + ")");
  }

  FakeClock clock_{1759115700};
  SqliteOptions options_;
  std::string dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<sqlite::Connection> db_;
  std::map<std::int64_t, std::set<std::int64_t>> model_;
};

TEST_F(BandMergeTest, CandidatesAreOneTablesAcrossMerges) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 60; ++i) {
    ids.push_back(NewArticle(i));
    // Two keys shared with many others (more than kCandidatesPerBand hold
    // key 0), two of its own.
    Save(ids.back(),
         {Key(0), Key(1 + i % 5), Key(100 + 2 * i), Key(101 + 2 * i)});
    ExpectCandidatesAsOneTable();
    if (HasFailure()) return;
  }
  // Slices moved: rows in both tables, none lost or doubled.
  EXPECT_GT(Big(), 0);
  EXPECT_GT(Recent(), 0);
  EXPECT_EQ(Big() + Recent(), 60 * 4);
  // The recent table stays near its size (48, plus up to a slice and the
  // rows not yet merged), not the archive's (240).
  EXPECT_LE(Recent(), 48 + 2 * 8);

  // A replaced signature leaves its old rows in neither table.
  Save(ids[3], {Key(2), Key(500)});
  EXPECT_EQ(RowsOf(ids[3]), 2);
  ExpectCandidatesAsOneTable();
  // A removed one, and a deleted article's, leave none.
  ASSERT_TRUE(store_->RemoveDuplicateSignature(ids[4]).ok());
  Forget(ids[4]);
  EXPECT_EQ(RowsOf(ids[4]), 0);
  ASSERT_TRUE(store_->DeleteArticle(ids[59]).ok());
  Forget(ids[59]);
  ASSERT_TRUE(store_->DeleteArticle(ids[0]).ok());
  Forget(ids[0]);
  EXPECT_EQ(RowsOf(ids[59]), 0);
  EXPECT_EQ(RowsOf(ids[0]), 0);
  ExpectCandidatesAsOneTable();
}

TEST_F(BandMergeTest, ABatchMergesAtItsEndAndAFailedOneMovesNothing) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 12; ++i) ids.push_back(NewArticle(i));
  const std::int64_t big = Big();
  // A batch's saves do not merge as they go (8 rows would): one slice when
  // it ends, sized by all 48 rows it added, which is the whole key space.
  ASSERT_TRUE(store_
                  ->RunBatch([&]() -> Status {
                    for (int i = 0; i < 12; ++i)
                      Save(ids[i], {Key(0), Key(1), Key(200 + 2 * i),
                                    Key(201 + 2 * i)});
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(Recent(), 0);
  EXPECT_EQ(Big(), big + 48);
  ExpectCandidatesAsOneTable();

  // A batch that fails rolls its rows and its merge back.
  std::vector<std::int64_t> more;
  for (int i = 12; i < 16; ++i) more.push_back(NewArticle(i));
  const std::int64_t before_big = Big(), before_recent = Recent();
  Status s = store_->RunBatch([&]() -> Status {
    for (std::int64_t id : more) {
      Status saved = store_->SaveDuplicateSignature({id, id, "m"},
                                                    {Key(0), Key(300 + id)});
      if (!saved.ok()) return saved;
    }
    return Status::Internal("the batch fails");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(Big(), before_big);
  EXPECT_EQ(Recent(), before_recent);
  for (std::int64_t id : more) EXPECT_EQ(RowsOf(id), 0);
  ExpectCandidatesAsOneTable();
}

TEST_F(BandMergeTest, ASmallArchivesRowsGoStraightToTheBigTable) {
  SqliteOptions o = options_;
  o.recent_bands_from_article = 10;
  store_.reset();
  auto s = OpenSqliteStore(o, clock_);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  store_ = std::move(*s);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 9; ++i) {
    ids.push_back(NewArticle(i));
    Save(ids.back(), {Key(0), Key(100 + i)});
  }
  EXPECT_EQ(Recent(), 0);
  EXPECT_EQ(Big(), 18);
  ExpectCandidatesAsOneTable();
  // From the 10th article on, to the recent table (merged as it fills).
  for (int i = 9; i < 12; ++i) {
    ids.push_back(NewArticle(i));
    ASSERT_GE(ids.back(), 10);
    Save(ids.back(), {Key(0), Key(100 + i)});
  }
  EXPECT_GT(Recent(), 0);
  EXPECT_EQ(Big() + Recent(), 24);
  ExpectCandidatesAsOneTable();
}

// Migrations 063 and 064: the statements an import's signature saves,
// merges and candidate reads prepare read no article rows (no foreign-key
// look-up of each moved band row's article: a random leaf of the biggest
// table at archive scale), and a signature is found by its article in one
// B-tree (the rowid), not through a separate key index.
TEST_F(BandMergeTest, MergesAndCandidateReadsTouchNoArticleRows) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 8; ++i) ids.push_back(NewArticle(i));
  PreparedSqlRecorder recorder;
  for (int i = 0; i < 8; ++i) Save(ids[i], {Key(0), Key(100 + i)});
  ASSERT_GT(Big(), 0);  // a slice has moved
  ASSERT_TRUE(store_->FindDuplicateCandidates({Key(0)}, 0).ok());
  int merges = 0, lookups = 0;
  for (const std::string& sql : recorder.statements()) {
    auto read = BtreesRead(options_.path, sql);
    ASSERT_TRUE(read.ok()) << read.status().ToString() << ": " << sql;
    const bool moves = sql.find(
                           "INSERT OR IGNORE INTO article_signature_bands "
                           "(band_key, article_id) SELECT") == 0;
    const bool finds = sql.find(
                           "FROM article_signatures WHERE "
                           "article_id = ?") != std::string::npos;
    if (moves) {
      ++merges;
      EXPECT_EQ(read->count("articles"), 0u) << sql;
    }
    if (finds) {
      ++lookups;
      EXPECT_EQ(*read, std::set<std::string>{"article_signatures"}) << sql;
    }
  }
  EXPECT_EQ(merges, 1);
  EXPECT_GE(lookups, 1);
}

// Migration 065: the band tables have no index by article; a signature
// saved again with the same keys writes no band rows, and the rows of a
// replaced, removed or deleted signature are deleted by their key.
TEST_F(BandMergeTest, SameKeysWriteNoRowsAndRowsGoByTheirKey) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 4; ++i) {
    ids.push_back(NewArticle(i));
    Save(ids.back(), {Key(0), Key(100 + i)});
  }
  PreparedSqlRecorder recorder;
  Save(ids[0], {Key(0), Key(100)});  // the same keys
  for (const std::string& sql : recorder.statements()) {
    EXPECT_EQ(sql.find("INTO article_signature_bands"), std::string::npos)
        << sql;
    EXPECT_EQ(sql.find("DELETE FROM article_signature_bands"),
              std::string::npos)
        << sql;
  }
  Save(ids[1], {Key(0), Key(777)});  // other keys
  ASSERT_TRUE(store_->RemoveDuplicateSignature(ids[2]).ok());
  Forget(ids[2]);
  EXPECT_EQ(RowsOf(ids[0]), 2);
  EXPECT_EQ(RowsOf(ids[1]), 2);
  EXPECT_EQ(RowsOf(ids[2]), 0);
  ExpectCandidatesAsOneTable();

  // Every delete of band rows, the article-delete trigger's too, finds them
  // by key: no scan of a band table, whatever it holds.
  std::vector<std::string> deletes;
  for (const std::string& sql : recorder.statements()) {
    if (sql.rfind("DELETE FROM article_signature_bands", 0) == 0)
      deletes.push_back(sql);
  }
  EXPECT_EQ(deletes.size(), 2u);
  auto trigger = db_->Prepare(
      "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
      "'articles' AND sql LIKE '%article_signature_bands%'");
  ASSERT_TRUE(trigger.ok());
  int triggers = 0;
  while (*trigger->Step()) {
    ++triggers;
    const std::string body = trigger->Text(0);
    const std::regex statement(R"(DELETE FROM[^;]*;)");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), statement);
         it != std::sregex_iterator(); ++it) {
      std::string sql = it->str();
      sql.pop_back();
      deletes.push_back(std::regex_replace(sql, std::regex("OLD\\.id"), "?"));
    }
  }
  EXPECT_EQ(triggers, 1);
  EXPECT_EQ(deletes.size(), 4u);
  for (const std::string& sql : deletes) {
    auto plan = ExplainQueryPlan(options_.path, sql);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString() << ": " << sql;
    for (const std::string& line : *plan)
      EXPECT_EQ(line.find("SCAN article_signature_bands"), std::string::npos)
          << sql << ": " << line;
  }
  ASSERT_TRUE(store_->DeleteArticle(ids[3]).ok());
  Forget(ids[3]);
  EXPECT_EQ(RowsOf(ids[3]), 0);
  ExpectCandidatesAsOneTable();
}

// Migration 065 on an archive of schema 064: each signature gets the keys of
// its band rows in both tables, and those rows still go with it.
TEST(BandKeysMigrationTest, ExistingSignaturesGetTheirKeys) {
  const std::string dir =
      ::testing::TempDir() + "/warta-band-keys-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/warta.db";
  ASSERT_TRUE(CreateDatabaseAtMigration(path, 64).ok());
  {
    auto db = sqlite::Connection::Open(path, false, "NORMAL");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    for (const char* sql : {
             "INSERT INTO articles (id, slug, title, created_at, updated_at) "
             "VALUES (1, 'a', 'A', 0, 0), (2, 'b', 'B', 0, 0), "
             "(3, 'c', 'C', 0, 0)",
             "INSERT INTO article_signatures (article_id, cluster_id, "
             "minhash) VALUES (1, 1, 'm'), (2, 1, 'm'), (3, 3, 'm')",
             "INSERT INTO article_signature_bands VALUES (-5, 1), (7, 1), "
             "(-5, 2), (9, 3)",
             "INSERT INTO article_signature_bands_recent VALUES (11, 1), "
             "(-5, 3)",
         }) {
      ASSERT_TRUE((*db)->Exec(sql).ok()) << sql;
    }
  }
  FakeClock clock(1759115700);
  SqliteOptions o;
  o.path = path;
  auto store = OpenSqliteStore(o, clock);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto db = sqlite::Connection::Open(path, false, "NORMAL");
  ASSERT_TRUE(db.ok());
  auto keys_of = [&](int id) {
    auto st = (*db)->Prepare(
        "SELECT group_concat(value, ' ') FROM (SELECT value FROM "
        "article_signatures, json_each(band_keys) WHERE article_id = ? "
        "ORDER BY value)");
    EXPECT_TRUE(st.ok());
    st->Bind(1, id);
    EXPECT_TRUE(*st->Step());
    return st->Text(0);
  };
  EXPECT_EQ(keys_of(1), "-5 7 11");
  EXPECT_EQ(keys_of(2), "-5");
  EXPECT_EQ(keys_of(3), "-5 9");
  auto rows = [&] {
    auto st = (*db)->Prepare(
        "SELECT group_concat(band_key || ':' || article_id, ' ') FROM (SELECT "
        "* FROM article_signature_bands UNION ALL SELECT * FROM "
        "article_signature_bands_recent ORDER BY 2, 1)");
    EXPECT_TRUE(st.ok());
    EXPECT_TRUE(*st->Step());
    return st->Text(0);
  };
  ASSERT_TRUE((*store)->DeleteArticle(1).ok());
  EXPECT_EQ(rows(), "-5:2 -5:3 9:3");
  ASSERT_TRUE((*store)->RemoveDuplicateSignature(3).ok());
  EXPECT_EQ(rows(), "-5:2");
  db->reset();
  store->reset();
  std::filesystem::remove_all(dir);
}

// The first import of an archive leaves its band rows pending
// (DeferBandRows, pending_bands.cc): none is written while its batches
// run, nobody reads candidates without them, and the pass writes exactly
// the signatures' rows, each once, across a reopen (as after a kill).
TEST_F(BandMergeTest, PendingRowsAreWrittenOnceBeforeAnyoneReadsThem) {
  auto pending = [&] {
    return Count("SELECT count(*) FROM meta WHERE key = 'band_rows_pending'");
  };
  auto keys = [](int i) {
    return std::vector<std::int64_t>{Key(0), Key(1 + i % 5), Key(100 + 2 * i),
                                     Key(101 + 2 * i)};
  };
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 40; ++i) ids.push_back(NewArticle(i));
  auto deferred = [&](int from, int to) {
    ASSERT_TRUE(store_
                    ->RunBatch([&]() -> Status {
                      store_->DeferBandRows();
                      for (int i = from; i < to; ++i) Save(ids[i], keys(i));
                      return Status::Ok();
                    })
                    .ok());
  };
  deferred(0, 20);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(RowsOf(ids[i]), 0);
  EXPECT_EQ(pending(), 1);
  // Outside the batch nobody reads candidates that miss them.
  auto early = store_->FindDuplicateCandidates({Key(0)}, 0);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition);
  // Deferring is per batch: off unless the batch asks.
  Save(ids[20], keys(20));
  EXPECT_EQ(RowsOf(ids[20]), 4);
  // A batch that reads candidates writes the pending rows first, and its
  // saves after that write theirs at once.
  ASSERT_TRUE(store_
                  ->RunBatch([&]() -> Status {
                    store_->DeferBandRows();
                    Save(ids[21], keys(21));
                    auto got = store_->FindDuplicateCandidates({Key(0)}, 0);
                    if (!got.ok()) return got.status();
                    EXPECT_EQ(got->size(), 22u);  // ids[0..21]
                    Save(ids[22], keys(22));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(pending(), 0);
  EXPECT_EQ(RowsOf(ids[22]), 4);
  ExpectCandidatesAsOneTable();

  // Pending rows of a batch that rolls back never were: no mark.
  Status failed = store_->RunBatch([&]() -> Status {
    store_->DeferBandRows();
    Status saved =
        store_->SaveDuplicateSignature({ids[23], ids[23], "m"}, keys(23));
    return saved.ok() ? Status::Internal("the batch fails") : saved;
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(pending(), 0);

  // Pending while the process dies: the next store writes them. A
  // signature replaced, and one removed, while pending keep only what
  // they hold now.
  deferred(23, 30);
  ASSERT_TRUE(store_
                  ->RunBatch([&]() -> Status {
                    store_->DeferBandRows();
                    Save(ids[24], {Key(3), Key(900)});
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(store_->RemoveDuplicateSignature(ids[25]).ok());
  Forget(ids[25]);
  store_.reset();
  auto reopened = OpenSqliteStore(options_, clock_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  store_ = std::move(*reopened);
  EXPECT_EQ(pending(), 1);
  EXPECT_FALSE(store_->FindDuplicateCandidates({Key(0)}, 0).ok());
  ASSERT_TRUE(store_->CompleteBandRows().ok());
  EXPECT_EQ(pending(), 0);
  ASSERT_TRUE(store_->CompleteBandRows().ok());  // nothing left: no-op
  ExpectCandidatesAsOneTable();
  EXPECT_EQ(RowsOf(ids[24]), 2);
  EXPECT_EQ(RowsOf(ids[25]), 0);
  // Every signature's rows, in one table or the other, never both.
  EXPECT_EQ(Big() + Recent(), 29 * 4 - 2);
  EXPECT_EQ(Count("SELECT count(*) FROM article_signature_bands b JOIN "
                  "article_signature_bands_recent r USING (band_key, "
                  "article_id)"),
            0);
}

}  // namespace
}  // namespace warta
