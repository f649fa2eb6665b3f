#include "base/stop_signals.h"

#include <gtest/gtest.h>

#include <thread>

namespace warta {
namespace {

bool BlockedInANewThread() {
  bool blocked = false;
  std::thread([&] { blocked = StopSignalsBlocked(); }).join();
  return blocked;
}

TEST(StopSignalsTest, BlockedInTheCallerAndInEveryThreadItStartsMeanwhile) {
  const bool before = StopSignalsBlocked();
  {
    StopSignalsBlock block;
    EXPECT_TRUE(StopSignalsBlocked());
    EXPECT_TRUE(BlockedInANewThread());

    UnblockStopSignals();
    EXPECT_FALSE(StopSignalsBlocked());
    EXPECT_FALSE(BlockedInANewThread());
  }
  EXPECT_EQ(StopSignalsBlocked(), before);
  {
    UnblockStopSignals();
    StopSignalsBlock block;
    EXPECT_TRUE(StopSignalsBlocked());
  }
  EXPECT_FALSE(StopSignalsBlocked());

  // A thread started for the work beside, from a thread that takes them.
  bool blocked = false;
  ThreadWithoutStopSignals([&] { blocked = StopSignalsBlocked(); }).join();
  EXPECT_TRUE(blocked);
  EXPECT_FALSE(StopSignalsBlocked());
}

}  // namespace
}  // namespace warta
