// Fault injection for the store (issue 15): an SQLite VFS shim, installed as
// the default VFS for this test binary, passes every call through to the real
// VFS until a fault is armed; then writes (and syncs) fail with the chosen
// result code: SQLITE_FULL (disk full) or SQLITE_IOERR_WRITE. The tests show
// that a failed write is refused whole with a clear Status (Unavailable, so
// 503, for a full disk; IoError, 500, for an I/O error; JsonIoTest checks the
// mapping), nothing is half-written, reads go on, the
// store recovers when the fault clears, and a damaged file is reported at
// open with what to do.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "store/sqlite/sqlite_store.h"

namespace warta {
namespace {

// 0: pass through; else the result code writes and syncs fail with.
std::atomic<int> armed_fault{0};

struct FaultFile {
  sqlite3_file base;  // must be first
  sqlite3_file* real;
};

sqlite3_vfs* RealVfs() {
  static sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
  return real;
}

sqlite3_file* Real(sqlite3_file* f) {
  return reinterpret_cast<FaultFile*>(f)->real;
}

int FaultClose(sqlite3_file* f) {
  sqlite3_file* real = Real(f);
  int rc = real->pMethods ? real->pMethods->xClose(real) : SQLITE_OK;
  return rc;
}
int FaultRead(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
  return Real(f)->pMethods->xRead(Real(f), buf, n, off);
}
int FaultWrite(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
  if (int fault = armed_fault.load()) return fault;
  return Real(f)->pMethods->xWrite(Real(f), buf, n, off);
}
int FaultTruncate(sqlite3_file* f, sqlite3_int64 size) {
  if (int fault = armed_fault.load()) return fault;
  return Real(f)->pMethods->xTruncate(Real(f), size);
}
int FaultSync(sqlite3_file* f, int flags) {
  if (armed_fault.load()) return SQLITE_IOERR_FSYNC;
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int FaultFileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int FaultLock(sqlite3_file* f, int lock) {
  return Real(f)->pMethods->xLock(Real(f), lock);
}
int FaultUnlock(sqlite3_file* f, int lock) {
  return Real(f)->pMethods->xUnlock(Real(f), lock);
}
int FaultCheckReservedLock(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}
int FaultFileControl(sqlite3_file* f, int op, void* arg) {
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int FaultSectorSize(sqlite3_file* f) {
  return Real(f)->pMethods->xSectorSize(Real(f));
}
int FaultDeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}
int FaultShmMap(sqlite3_file* f, int page, int size, int extend,
                void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), page, size, extend, out);
}
int FaultShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void FaultShmBarrier(sqlite3_file* f) {
  Real(f)->pMethods->xShmBarrier(Real(f));
}
int FaultShmUnmap(sqlite3_file* f, int del) {
  return Real(f)->pMethods->xShmUnmap(Real(f), del);
}
int FaultFetch(sqlite3_file* f, sqlite3_int64 off, int n, void** out) {
  return Real(f)->pMethods->xFetch(Real(f), off, n, out);
}
int FaultUnfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
  return Real(f)->pMethods->xUnfetch(Real(f), off, p);
}

const sqlite3_io_methods kFaultMethods = {
    3,
    FaultClose,
    FaultRead,
    FaultWrite,
    FaultTruncate,
    FaultSync,
    FaultFileSize,
    FaultLock,
    FaultUnlock,
    FaultCheckReservedLock,
    FaultFileControl,
    FaultSectorSize,
    FaultDeviceCharacteristics,
    FaultShmMap,
    FaultShmLock,
    FaultShmBarrier,
    FaultShmUnmap,
    FaultFetch,
    FaultUnfetch,
};

int FaultOpen(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags,
              int* out_flags) {
  auto* file = reinterpret_cast<FaultFile*>(f);
  file->real = reinterpret_cast<sqlite3_file*>(file + 1);
  std::memset(file->real, 0, RealVfs()->szOsFile);
  int rc = RealVfs()->xOpen(RealVfs(), name, file->real, flags, out_flags);
  // The shim's methods only when the real file opened (SQLite calls xClose
  // on a file whose pMethods is set, even after a failed open).
  file->base.pMethods = file->real->pMethods ? &kFaultMethods : nullptr;
  return rc;
}

// Installs the shim as the default VFS, once per process.
void InstallFaultVfs() {
  static sqlite3_vfs vfs = [] {
    sqlite3_vfs v = *RealVfs();
    v.zName = "warta-fault";
    v.szOsFile = static_cast<int>(sizeof(FaultFile)) + RealVfs()->szOsFile;
    v.xOpen = FaultOpen;
    v.pNext = nullptr;
    return v;
  }();
  static const int registered = sqlite3_vfs_register(&vfs, 1);
  ASSERT_EQ(registered, SQLITE_OK);
}

class FaultInjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InstallFaultVfs();
    armed_fault = 0;
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
    armed_fault = 0;
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

  armed_fault = SQLITE_FULL;
  auto full = store_->SaveArticle(MakeArticle("Saat penuh"));
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.status().code(), StatusCode::kUnavailable)
      << full.status().ToString();
  // Reads go on while the disk is full.
  EXPECT_TRUE(store_->GetArticle(first->id).ok());
  armed_fault = 0;

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
  armed_fault = SQLITE_IOERR_WRITE;
  auto failed = store_->SaveArticle(edit);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kIoError)
      << failed.status().ToString();
  armed_fault = 0;
  auto kept = store_->GetArticle(first->id);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->title, "Sebelum galat");
  EXPECT_EQ(kept->version, first->version);
  auto retried = store_->SaveArticle(edit);
  ASSERT_TRUE(retried.ok()) << retried.status().ToString();
  EXPECT_EQ(retried->title, "Diubah saat galat");
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
