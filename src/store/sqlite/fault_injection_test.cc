// Fault injection for the store (issue 15): the VFS shim of
// testing/fault_vfs.h, installed as the default VFS of this test binary,
// makes writes fail with SQLITE_FULL (disk full) or SQLITE_IOERR_WRITE, and
// the write lock with SQLITE_BUSY or SQLITE_LOCKED, at chosen points; a
// database page is damaged on disk while the store is open. The tests show
// that a failed write is refused whole with a clear Status (Unavailable, so
// 503, for a full disk or a busy or locked database; IoError, 500, for an
// I/O error or a damaged file, which says what to do; JsonIoTest checks the
// mapping), nothing is half-written, reads go on, the store recovers when
// the fault clears, and a damaged file is reported at open with what to do.
// tests/integration/fault_server_test.cc does the same to a running server.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/testing/fault_vfs.h"

namespace warta {
namespace {

namespace fault = sqlite::fault;
using fault::Fault;

class FaultInjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(fault::Install(), SQLITE_OK);
    fault::Clear();
    dir_ = ::testing::TempDir() + "/warta-fault-" + std::to_string(::getpid()) +
           "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    SqliteOptions o;
    o.path = dir_ + "/warta.db";
    o.synchronous = "FULL";
    o.reader_connections = 2;
    auto s = OpenSqliteStore(o, clock_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  void TearDown() override {
    fault::WatchFile("");
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  static Article MakeArticle(const std::string& title) {
    Article a;
    a.title = title;
    a.body = "Isi " + title;
    a.plaintext = a.body;
    a.category = Category{0, "", "Politik", ""};
    a.tags = {Tag{0, "", "Banjir"}};
    a.authors = {Author{0, "", "Rina Wulandari", "", ""}};
    a.status = ArticleStatus::kPublished;
    a.published_at = 1759115700;
    return a;
  }

  FakeClock clock_{1759115700};
  std::string dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(FaultInjectionTest, DiskFullRefusesTheWriteWholeAndRecovers) {
  auto first = store_->SaveArticle(MakeArticle("Sebelum penuh"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto seq = store_->ChangeSeq();
  ASSERT_TRUE(seq.ok());

  fault::Arm({Fault::kDiskFull});
  auto full = store_->SaveArticle(MakeArticle("Saat penuh"));
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.status().code(), StatusCode::kUnavailable)
      << full.status().ToString();
  // Reads go on while the disk is full.
  EXPECT_TRUE(store_->GetArticle(first->id).ok());
  fault::Clear();

  // Nothing half-written: no article, no tag link, no change-log entry.
  EXPECT_EQ(*store_->CountArticles({}), 1);
  EXPECT_TRUE(store_->GetArticleBySlug("saat-penuh").status().IsNotFound());
  EXPECT_EQ(*store_->ChangeSeq(), *seq);
  auto after = store_->SaveArticle(MakeArticle("Setelah lega"));
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(*store_->CountArticles({}), 2);
}

TEST_F(FaultInjectionTest, IoErrorRefusesTheWriteWholeAndRecovers) {
  auto first = store_->SaveArticle(MakeArticle("Sebelum galat"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  Article edit = *first;
  edit.title = "Diubah saat galat";
  fault::Arm({Fault::kIoError});
  auto failed = store_->SaveArticle(edit);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kIoError)
      << failed.status().ToString();
  fault::Clear();
  auto kept = store_->GetArticle(first->id);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->title, "Sebelum galat");
  EXPECT_EQ(kept->version, first->version);
  auto retried = store_->SaveArticle(edit);
  ASSERT_TRUE(retried.ok()) << retried.status().ToString();
  EXPECT_EQ(retried->title, "Diubah saat galat");
}

// A full disk at each write of a save in turn (the first page, the second,
// ..., the commit's sync): always refused whole, never half-written.
TEST_F(FaultInjectionTest, DiskFullAtEveryPointOfASaveLeavesNothingBehind) {
  auto first = store_->SaveArticle(MakeArticle("Sebelum penuh"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const std::int64_t seq = *store_->ChangeSeq();
  int points = 0;
  for (int after = 0; after < 200; ++after) {
    fault::Arm({Fault::kDiskFull, after});
    auto r = store_->SaveArticle(MakeArticle("Tulisan baru"));
    const int failures = fault::Failures();
    fault::Clear();
    if (r.ok()) {
      EXPECT_EQ(failures, 0) << "after " << after;
      break;
    }
    ++points;
    // Unavailable for a refused write; IoError when the commit's sync
    // failed (a full disk can fail fsync too).
    EXPECT_TRUE(r.status().code() == StatusCode::kUnavailable ||
                r.status().code() == StatusCode::kIoError)
        << "after " << after << ": " << r.status().ToString();
    EXPECT_EQ(*store_->CountArticles({}), 1) << "after " << after;
    EXPECT_TRUE(store_->GetArticleBySlug("tulisan-baru").status().IsNotFound())
        << "after " << after;
    EXPECT_EQ(*store_->ChangeSeq(), seq) << "after " << after;
  }
  EXPECT_GT(points, 2);  // the save wrote several pages before its commit
  EXPECT_EQ(*store_->CountArticles({}), 2);
}

// Another process holds the write lock: the busy handler waits out its 10 s
// timeout (at once here, the shim skips the sleeps), then the write is
// refused as Unavailable (503, "database is locked"); reads go on, nothing
// is half-written, and the write goes through once the lock is free.
TEST_F(FaultInjectionTest, BusyWriteIsRefusedWholeAndWorksAfter) {
  auto first = store_->SaveArticle(MakeArticle("Sebelum sibuk"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const std::int64_t seq = *store_->ChangeSeq();
  fault::Arm({Fault::kBusy});
  const auto start = std::chrono::steady_clock::now();
  auto busy = store_->SaveArticle(MakeArticle("Saat sibuk"));
  const auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.status().code(), StatusCode::kUnavailable)
      << busy.status().ToString();
  EXPECT_NE(busy.status().message().find("locked"), std::string::npos)
      << busy.status().ToString();
  EXPECT_GT(fault::Failures(), 10);  // the busy handler kept retrying
  EXPECT_LT(waited, std::chrono::seconds(5));
  EXPECT_TRUE(store_->GetArticle(first->id).ok());
  EXPECT_EQ(*store_->CountArticles({}), 1);
  fault::Clear();
  EXPECT_TRUE(store_->GetArticleBySlug("saat-sibuk").status().IsNotFound());
  EXPECT_EQ(*store_->ChangeSeq(), seq);
  auto after = store_->SaveArticle(MakeArticle("Saat sibuk"));
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(*store_->CountArticles({}), 2);
}

// A lock held for a moment is waited out: the save goes through.
TEST_F(FaultInjectionTest, BriefBusyIsWaitedOut) {
  fault::Arm({Fault::kBusy, 0, 3});
  auto saved = store_->SaveArticle(MakeArticle("Sempat menunggu"));
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(fault::Failures(), 3);
  EXPECT_EQ(*store_->CountArticles({}), 1);
}

// The lock refused at the second write transaction, not the first: the
// first save stands whole, the second is refused whole.
TEST_F(FaultInjectionTest, BusyAtAChosenWriteRefusesThatWriteOnly) {
  fault::Arm({Fault::kBusy, 1});
  auto first = store_->SaveArticle(MakeArticle("Pertama"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = store_->SaveArticle(MakeArticle("Kedua"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  fault::Clear();
  EXPECT_EQ(*store_->CountArticles({}), 1);
  EXPECT_TRUE(store_->GetArticleBySlug("pertama").ok());
  EXPECT_TRUE(store_->GetArticleBySlug("kedua").status().IsNotFound());
}

// SQLITE_LOCKED is not waited for: refused at once, Unavailable as well.
TEST_F(FaultInjectionTest, LockedWriteIsRefusedAtOnceAndWorksAfter) {
  fault::Arm({Fault::kLocked});
  auto locked = store_->SaveArticle(MakeArticle("Terkunci"));
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.status().code(), StatusCode::kUnavailable)
      << locked.status().ToString();
  EXPECT_EQ(fault::Failures(), 1);
  fault::Clear();
  EXPECT_EQ(*store_->CountArticles({}), 0);
  auto after = store_->SaveArticle(MakeArticle("Terkunci"));
  ASSERT_TRUE(after.ok()) << after.status().ToString();
}

// The plan a running server reads from FAULT_VFS_FILE (fault_server_test.cc
// drives it through the real binary).
TEST(FaultPlanTest, ParsesWhatTheControlFileHolds) {
  auto full = fault::ParsePlan("full\n");
  ASSERT_TRUE(full.has_value());
  EXPECT_EQ(full->fault, Fault::kDiskFull);
  EXPECT_EQ(full->after, 0);
  EXPECT_EQ(full->times, -1);
  auto busy = fault::ParsePlan("busy after 2 times 3");
  ASSERT_TRUE(busy.has_value());
  EXPECT_EQ(busy->fault, Fault::kBusy);
  EXPECT_EQ(busy->after, 2);
  EXPECT_EQ(busy->times, 3);
  EXPECT_EQ(fault::ParsePlan("ioerr")->fault, Fault::kIoError);
  EXPECT_EQ(fault::ParsePlan("locked")->fault, Fault::kLocked);
  EXPECT_EQ(fault::ParsePlan("")->fault, Fault::kNone);
  EXPECT_EQ(fault::ParsePlan("none")->fault, Fault::kNone);
  EXPECT_FALSE(fault::ParsePlan("penuh").has_value());
  EXPECT_FALSE(fault::ParsePlan("full after").has_value());
  EXPECT_FALSE(fault::ParsePlan("full after -1").has_value());
  EXPECT_FALSE(fault::ParsePlan("full soon 2").has_value());
}

// The file switches the fault on when written and off when removed.
TEST_F(FaultInjectionTest, AWatchedFileSwitchesTheFault) {
  const std::string control = dir_ + "/fault";
  fault::WatchFile(control);
  ASSERT_TRUE(store_->SaveArticle(MakeArticle("Tanpa berkas")).ok());
  std::ofstream(control) << "full\n";
  auto full = store_->SaveArticle(MakeArticle("Berkas penuh"));
  EXPECT_EQ(full.status().code(), StatusCode::kUnavailable)
      << full.status().ToString();
  std::filesystem::remove(control);
  auto after = store_->SaveArticle(MakeArticle("Berkas penuh"));
  EXPECT_TRUE(after.ok()) << after.status().ToString();
  fault::WatchFile("");
  EXPECT_EQ(*store_->CountArticles({}), 2);
}

// Runs `sql` on a connection of the test's own, as another process would
// (the real VFS, not the shim); returns the first column of the first row
// (0 without one).
std::int64_t RawQuery(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, "unix"),
            SQLITE_OK);
  sqlite3_busy_timeout(db, 2000);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  std::int64_t out = 0;
  if (sqlite3_step(st) == SQLITE_ROW) out = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

// A page of the articles table goes bad on disk while the store is open
// (a failing sector): reads and writes that reach it answer IoError saying
// the file is damaged and what to do, the rest of the store goes on, and
// nothing crashes.
TEST_F(FaultInjectionTest, PageDamagedWhileOpenIsReportedWithWhatToDo) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 40; ++i) {
    Article a = MakeArticle("Berita nomor " + std::to_string(i));
    a.body = std::string(3000, 'x');
    auto saved = store_->SaveArticle(a);
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
    ids.push_back(saved->id);
  }
  const std::string path = dir_ + "/warta.db";
  // Everything into the database file, the WAL emptied (every connection
  // then reads the file afresh), then the table's root page overwritten.
  // (PRAGMA wal_checkpoint's first column is 1 when it could not finish.)
  const std::int64_t page_size = RawQuery(path, "PRAGMA page_size");
  const std::int64_t root = RawQuery(
      path, "SELECT rootpage FROM sqlite_schema WHERE name = 'articles'");
  ASSERT_GT(root, 1);
  // (Retried while the store's own checkpointer is running one.)
  bool emptied = false;
  for (int i = 0; i < 100 && !emptied; ++i) {
    emptied = RawQuery(path, "PRAGMA wal_checkpoint(TRUNCATE)") == 0;
    if (!emptied) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(emptied);
  {
    int fd = ::open(path.c_str(), O_WRONLY);
    ASSERT_GE(fd, 0);
    const std::string junk(static_cast<std::size_t>(page_size), '\x5a');
    ASSERT_EQ(::pwrite(fd, junk.data(), junk.size(), (root - 1) * page_size),
              static_cast<ssize_t>(junk.size()));
    ::close(fd);
  }
  auto Damaged = [](const Status& s) {
    return s.code() == StatusCode::kIoError &&
           s.message().find("damaged") != std::string::npos &&
           s.message().find("restore the latest backup") != std::string::npos;
  };
  auto read = store_->GetArticle(ids[5]);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(Damaged(read.status())) << read.status().ToString();
  auto write = store_->SaveArticle(MakeArticle("Sesudah rusak"));
  ASSERT_FALSE(write.ok());
  EXPECT_TRUE(Damaged(write.status())) << write.status().ToString();
  // What does not touch the damaged table goes on.
  EXPECT_TRUE(store_->ListCategories().ok());
  // The integrity check names the damage (or refuses the same way).
  auto check = store_->CheckIntegrity();
  if (check.ok()) {
    EXPECT_FALSE(check->empty());
  } else {
    EXPECT_TRUE(Damaged(check.status())) << check.status().ToString();
  }
}

TEST(CorruptDatabaseTest, IsReportedAtOpenWithWhatToDo) {
  FakeClock clock(0);
  const std::string dir =
      ::testing::TempDir() + "/warta-corrupt-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir + "/warta.db", std::ios::binary);
    f << std::string("SQLite format 3\0", 16) << std::string(8000, '\x5a');
  }
  SqliteOptions o;
  o.path = dir + "/warta.db";
  auto s = OpenSqliteStore(o, clock);
  ASSERT_FALSE(s.ok());
  const std::string& msg = s.status().message();
  EXPECT_NE(msg.find(o.path), std::string::npos) << msg;
  EXPECT_NE(msg.find("restore the latest backup"), std::string::npos) << msg;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace warta
