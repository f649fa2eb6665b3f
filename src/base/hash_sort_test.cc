#include "base/hash_sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "base/fibonacci_hash.h"

namespace warta {
namespace {

void ExpectSortedAsStdSort(std::vector<std::uint64_t> values) {
  std::vector<std::uint64_t> expected = values;
  std::sort(expected.begin(), expected.end());
  SortHashes(values);
  EXPECT_EQ(values, expected);
}

// Uniform hashes of every size around the small-input cut and the bucket
// counts' powers of two, duplicates among them.
TEST(HashSortTest, UniformValuesAsStdSortGivesThem) {
  std::mt19937_64 random(7);
  for (std::size_t n :
       {0, 1, 2, 31, 32, 33, 63, 64, 65, 300, 1000, 4096, 70000}) {
    std::vector<std::uint64_t> values(n);
    for (auto& v : values) v = random();
    for (std::size_t i = 0; i + 3 < n; i += 7) values[i + 3] = values[i];
    ExpectSortedAsStdSort(values);
  }
}

// Values that fill one bucket (the same top bits), all equal, already in
// order and in reverse: still sorted right.
TEST(HashSortTest, SkewedValuesStillSorted) {
  std::vector<std::uint64_t> low(500), equal(500, 42), up(500), down(500);
  for (std::size_t i = 0; i < 500; ++i) {
    low[i] = FibonacciHash(i, 64) >> 20;  // the top 20 bits zero
    up[i] = i << 50;
    down[i] = (500 - i) << 50;
  }
  ExpectSortedAsStdSort(low);
  ExpectSortedAsStdSort(equal);
  ExpectSortedAsStdSort(up);
  ExpectSortedAsStdSort(down);
  ExpectSortedAsStdSort({~0ull, 0,  ~0ull, 1,  0,  2,  3,        4,  5,
                         6,     7,  8,     9,  10, 11, 12,       13, 14,
                         15,    16, 17,    18, 19, 20, 21,       22, 23,
                         24,    25, 26,    27, 28, 29, ~0ull - 1});
}

}  // namespace
}  // namespace warta
