#include "base/cores.h"

#include <gtest/gtest.h>
#include <sched.h>

#include <algorithm>
#include <thread>

namespace warta {
namespace {

// Pinned to one core (as `taskset -c N` does), the process counts one core;
// unpinned again, as many as its mask allows.
TEST(CoresTest, FollowsTheAffinityMask) {
  cpu_set_t before;
  CPU_ZERO(&before);
  ASSERT_EQ(::sched_getaffinity(0, sizeof(before), &before), 0);
  const int allowed = CPU_COUNT(&before);
  EXPECT_EQ(UsableCores(), allowed);

  int first = 0;
  while (!CPU_ISSET(first, &before)) ++first;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(first, &one);
  ASSERT_EQ(::sched_setaffinity(0, sizeof(one), &one), 0);
  EXPECT_EQ(UsableCores(), 1);
  ASSERT_EQ(::sched_setaffinity(0, sizeof(before), &before), 0);
  EXPECT_EQ(UsableCores(), allowed);
  EXPECT_LE(allowed, static_cast<int>(std::thread::hardware_concurrency()));
}

// A thread lowers its own priority, not its process's nor another
// thread's; never above nice 19.
TEST(CoresTest, LowersOnlyTheCallingThreadsPriority) {
  const int before = ThisThreadsNice();
  int in_thread = -100, after_max = -100;
  std::thread([&] {
    ASSERT_TRUE(LowerThisThreadsPriority(3));
    in_thread = ThisThreadsNice();
    ASSERT_TRUE(LowerThisThreadsPriority(40));
    after_max = ThisThreadsNice();
  }).join();
  EXPECT_EQ(in_thread, std::min(before + 3, 19));
  EXPECT_EQ(after_max, 19);
  EXPECT_EQ(ThisThreadsNice(), before);
}

}  // namespace
}  // namespace warta
