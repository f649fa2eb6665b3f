#include "base/cores.h"

#include <gtest/gtest.h>
#include <sched.h>

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

}  // namespace
}  // namespace warta
