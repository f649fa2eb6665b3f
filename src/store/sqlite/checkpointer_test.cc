#include "store/sqlite/checkpointer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

namespace warta::sqlite {
namespace {

namespace fs = std::filesystem;

class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("warta-ckpt-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
    auto w = Connection::Open(path_, true, "NORMAL");
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    writer_ = std::move(*w);
    ASSERT_TRUE(writer_->Exec("CREATE TABLE t (b BLOB)").ok());
  }
  void TearDown() override {
    writer_.reset();
    fs::remove_all(dir_);
  }
  std::unique_ptr<Connection> Own() {
    auto c = Connection::Open(path_, false, "NORMAL");
    EXPECT_TRUE(c.ok());
    return std::move(*c);
  }
  // 100 commits of 20 KB each: 2 MB that a checkpoint copies into the file.
  void Write() {
    for (int i = 0; i < 100; ++i) {
      ASSERT_TRUE(
          writer_->Exec("INSERT INTO t VALUES (randomblob(20000))").ok());
    }
  }
  std::uintmax_t DbSize() { return fs::file_size(path_); }
  std::uintmax_t WalSize() { return fs::file_size(path_ + "-wal"); }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<Connection> writer_;
};

TEST_F(CheckpointerTest, CheckpointsOnItsOwnThread) {
  Checkpointer ckpt(*writer_, Own(), {/*soft_pages=*/20, 1 << 30});
  Write();
  // The writer never checkpointed; the thread copies the WAL into the file.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  // (runs() counts a checkpoint once it returned, after the file grew.)
  while ((DbSize() < 2'000'000 || ckpt.runs() == 0) &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GE(DbSize(), 2'000'000u);
  EXPECT_GT(ckpt.runs(), 0);
}

TEST_F(CheckpointerTest, WriterCheckpointsItselfAtTheHardLimit) {
  Checkpointer ckpt(*writer_, Own(), {1 << 30, /*hard_pages=*/20});
  Write();
  // Checkpointed inline at each commit past 20 pages: the file holds the
  // data and the WAL restarted instead of growing to 2 MB.
  EXPECT_GE(DbSize(), 2'000'000u);
  EXPECT_LT(WalSize(), 1'000'000u);
  EXPECT_EQ(ckpt.runs(), 0);
}

TEST_F(CheckpointerTest, ABatchsCommitsLetTheWalGrowToTheBatchLimit) {
  Checkpointer ckpt(*writer_, Own(),
                    {/*soft_pages=*/20, 1 << 30, /*batch_soft_pages=*/1 << 20});
  ckpt.SetInBatch(true);
  Write();
  // 2 MB of commits, over the soft limit but under the batch's: the WAL
  // holds them all, nothing was checkpointed.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(ckpt.runs(), 0);
  EXPECT_GE(WalSize(), 2'000'000u);
  // The next commit outside a batch checkpoints at the soft limit again.
  // (runs() counts a checkpoint once it returned, after the file grew.)
  ckpt.SetInBatch(false);
  ASSERT_TRUE(writer_->Exec("INSERT INTO t VALUES (randomblob(20000))").ok());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (ckpt.runs() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GT(ckpt.runs(), 0);
  EXPECT_GE(DbSize(), 2'000'000u);
}

TEST_F(CheckpointerTest, HandsCheckpointsBackWhenItEnds) {
  // Ended before the writes: the writer checkpoints by itself again, every
  // `soft_pages` (and never calls into the ended Checkpointer).
  { Checkpointer ckpt(*writer_, Own(), {/*soft_pages=*/20, 1 << 30}); }
  Write();
  EXPECT_GE(DbSize(), 2'000'000u);
  EXPECT_LT(WalSize(), 1'000'000u);
}

}  // namespace
}  // namespace warta::sqlite
