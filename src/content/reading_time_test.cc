#include "content/reading_time.h"

#include <gtest/gtest.h>

namespace warta {
namespace {

TEST(ReadingTimeTest, RoundsToNearestMinuteAtLeastOne) {
  EXPECT_EQ(ReadingTimeMinutes(0), 1);
  EXPECT_EQ(ReadingTimeMinutes(120), 1);
  EXPECT_EQ(ReadingTimeMinutes(299), 1);
  EXPECT_EQ(ReadingTimeMinutes(300), 2);
  EXPECT_EQ(ReadingTimeMinutes(307), 2);  // the seed article's body
  EXPECT_EQ(ReadingTimeMinutes(499), 2);
  EXPECT_EQ(ReadingTimeMinutes(500), 3);
  EXPECT_EQ(ReadingTimeMinutes(1200), 6);
  EXPECT_EQ(ReadingTimeMinutes(300, 100), 3);
}

}  // namespace
}  // namespace warta
