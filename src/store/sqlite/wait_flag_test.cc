#include "store/sqlite/wait_flag.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

namespace warta::sqlite {
namespace {

using std::chrono::milliseconds;

class WaitFlagTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        ::testing::TempDir() + "/warta-waitflag-" + std::to_string(::getpid());
    std::filesystem::create_directories(dir_);
    db_ = dir_ + "/warta.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
  std::string db_;
};

// Raised by one, seen by the others on the same database, never by itself;
// gone when lowered or when its holder closes (as when a process dies).
TEST_F(WaitFlagTest, OthersSeeARaisedFlagUntilItIsLoweredOrClosed) {
  WaitFlag importer(db_);
  WaitFlag editor(db_);
  EXPECT_FALSE(importer.RaisedByOthers());
  editor.Raise();
  EXPECT_TRUE(editor.raised());
  EXPECT_TRUE(importer.RaisedByOthers());
  EXPECT_FALSE(editor.RaisedByOthers());
  editor.Raise();  // idempotent
  editor.Lower();
  EXPECT_FALSE(importer.RaisedByOthers());
  {
    WaitFlag a(db_);
    WaitFlag b(db_);
    a.Raise();
    b.Raise();
    a.Lower();
    EXPECT_TRUE(importer.RaisedByOthers());  // b still waits
  }
  EXPECT_FALSE(importer.RaisedByOthers());
  EXPECT_TRUE(std::filesystem::exists(db_ + "-wait"));
  // Another database's flag is another file.
  WaitFlag elsewhere(dir_ + "/lain.db");
  elsewhere.Raise();
  EXPECT_FALSE(importer.RaisedByOthers());
}

// Across processes: a child's raised flag is seen by the parent, and the
// kernel drops it when the child exits without lowering it.
TEST_F(WaitFlagTest, AnotherProcessesFlagIsSeenAndDiesWithIt) {
  WaitFlag parent(db_);
  WaitFlag child_flag(db_);  // opened first in the child: its own file

  int to_parent[2];
  int to_child[2];
  ASSERT_EQ(::pipe(to_parent), 0);
  ASSERT_EQ(::pipe(to_child), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    child_flag.Raise();
    char c = child_flag.raised() ? 'r' : 'x';
    (void)!::write(to_parent[1], &c, 1);
    (void)!::read(to_child[0], &c, 1);  // until the parent has looked
    ::_exit(0);                         // never lowered
  }
  char c = 0;
  ASSERT_EQ(::read(to_parent[0], &c, 1), 1);
  EXPECT_EQ(c, 'r');
  EXPECT_TRUE(parent.RaisedByOthers());
  ASSERT_EQ(::write(to_child[1], "g", 1), 1);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_FALSE(parent.RaisedByOthers());
  for (int fd : {to_parent[0], to_parent[1], to_child[0], to_child[1]})
    ::close(fd);
}

TEST_F(WaitFlagTest, YieldWaitsWhileAnotherWaitsAndNoLonger) {
  WaitFlag importer(db_);
  WaitFlag editor(db_);
  // Nobody waits: no wait.
  EXPECT_LT(YieldToWaiters(importer, milliseconds(5000), milliseconds(1)),
            milliseconds(1000));
  // The editor waits 100 ms and then takes the lock (lowers its flag): the
  // importer waits about that long, far less than its limit.
  editor.Raise();
  std::thread take([&] {
    std::this_thread::sleep_for(milliseconds(100));
    editor.Lower();
  });
  auto waited = YieldToWaiters(importer, milliseconds(5000), milliseconds(1));
  take.join();
  EXPECT_GE(waited, milliseconds(90));
  EXPECT_LT(waited, milliseconds(3000));
  // An editor that never takes the lock delays the importer by the limit.
  editor.Raise();
  waited = YieldToWaiters(importer, milliseconds(150), milliseconds(1));
  EXPECT_GE(waited, milliseconds(150));
  EXPECT_LT(waited, milliseconds(3000));
}

}  // namespace
}  // namespace warta::sqlite
