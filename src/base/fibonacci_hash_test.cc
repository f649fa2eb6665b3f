#include "base/fibonacci_hash.h"

#include <gtest/gtest.h>

#include <set>

namespace warta {
namespace {

// The top bits of x * 2^64 / phi: 1 gives the constant's own top bits;
// values that differ only in their high bits (which a table indexed by the
// low bits would put in one slot) spread over a small table.
TEST(FibonacciHashTest, TopBitsOfTheGoldenProduct) {
  EXPECT_EQ(FibonacciHash(1, 32), 0x9E3779B9u);
  EXPECT_EQ(FibonacciHash(1, 64), 0x9E3779B97F4A7C15ull);
  EXPECT_EQ(FibonacciHash(0, 7), 0u);
  std::set<std::uint64_t> slots;
  for (std::uint64_t x = 0; x < 64; ++x) {
    const std::uint64_t slot = FibonacciHash(x << 40, 7);
    EXPECT_LT(slot, 128u);
    slots.insert(slot);
  }
  EXPECT_GE(slots.size(), 48u);  // 59 of 64 distinct
}

}  // namespace
}  // namespace warta
