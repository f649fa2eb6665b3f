#include "index/band_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

namespace warta::index {
namespace {

using Ids = std::vector<std::int64_t>;

Ids Sorted(Ids v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(BandIndexTest, HoldersOfAKeyAndNoStrangers) {
  BandIndex index;
  EXPECT_TRUE(index.Holders(42).empty());
  std::mt19937_64 rng(7);
  std::vector<std::int64_t> keys;
  for (std::int64_t article = 1; article <= 2000; ++article) {
    for (int b = 0; b < 16; ++b) {  // grows from 1,024 slots several times
      keys.push_back(static_cast<std::int64_t>(rng()));
      ASSERT_TRUE(index.Add(keys.back(), article));
    }
  }
  ASSERT_TRUE(index.Add(7, 5));
  ASSERT_TRUE(index.Add(7, 9));
  ASSERT_TRUE(index.Add(7, 9));  // again: no second entry
  EXPECT_EQ(Sorted(index.Holders(7)), (Ids{5, 9}));
  EXPECT_EQ(index.size(), keys.size() + 2);
  EXPECT_GE(index.slots() * 3, index.size() * 4);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    Ids h = index.Holders(keys[i]);
    EXPECT_NE(std::find(h.begin(), h.end(), std::int64_t(i / 16 + 1)), h.end());
  }
  int strangers = 0;
  for (int i = 0; i < 20000; ++i)
    strangers += !index.Holders(static_cast<std::int64_t>(rng())).empty();
  EXPECT_LE(strangers, 1);  // 32-bit fingerprints: ~0.01 expected
}

TEST(BandIndexTest, KeepsTheNewestHoldersOfAKey) {
  BandIndex index;
  for (std::int64_t article = 100; article >= 1; --article)
    ASSERT_TRUE(index.Add(-3, article));
  Ids want;
  for (std::int64_t a = 100; a > 100 - BandIndex::kHoldersPerKey; --a)
    want.push_back(a);
  EXPECT_EQ(Sorted(index.Holders(-3)), Sorted(want));
  EXPECT_EQ(index.size(), std::size_t(BandIndex::kHoldersPerKey));
}

TEST(BandIndexTest, RefusesPastItsMaximumAndArticlesOutOfRange) {
  BandIndex index(/*max_slots=*/2048);
  std::int64_t key = 1000;
  while (index.Add(key, 1)) ++key;
  EXPECT_EQ(index.slots(), 2048u);
  EXPECT_EQ(index.size(), 2048u * 3 / 4);
  EXPECT_FALSE(index.Add(1, 0));
  EXPECT_FALSE(index.Add(1, BandIndex::kMaxArticle + 1));
}

TEST(BandIndexTest, SketchesPassWheneverTheSignaturesWould) {
  BandIndex index;
  std::mt19937 rng(3);
  std::vector<std::uint32_t> a(64), b(64);
  for (auto& v : a) v = rng();
  for (auto& v : b) v = rng();
  ASSERT_TRUE(index.SetSketch(1, a));
  ASSERT_TRUE(index.SetSketch(2000, b));
  EXPECT_TRUE(index.SketchPasses(1, a, 1.0));
  EXPECT_FALSE(index.SketchPasses(1, b, 0.25));  // ~1/256 bytes agree
  // 16 of 64 values equal: a quarter, as the candidate screen asks.
  std::vector<std::uint32_t> c = b;
  std::copy(a.begin(), a.begin() + 16, c.begin());
  EXPECT_TRUE(index.SketchPasses(1, c, 0.25));
  EXPECT_TRUE(index.SketchPasses(2000, b, 1.0));
  // No sketch to compare: passes (a read, never a miss).
  EXPECT_TRUE(index.SketchPasses(3000, a, 0.25));
  EXPECT_FALSE(index.SetSketch(3, std::vector<std::uint32_t>(32)));

  // Over a set of keys, an article's own holding left out.
  ASSERT_TRUE(index.Add(5, 1));
  ASSERT_TRUE(index.Add(6, 2000));
  EXPECT_TRUE(index.AnyHolderPasses({5}, 0, a, 0.25));
  EXPECT_FALSE(index.AnyHolderPasses({5}, 1, a, 0.25));
  EXPECT_FALSE(index.AnyHolderPasses({6, 7}, 0, a, 0.25));
  EXPECT_TRUE(index.AnyHolderPasses({6, 7, 5}, 0, a, 0.25));
}

// The sketches are compared eight bytes a step: the count of equal bytes
// must be exact whichever bits differ (the top one, the lowest, all), at
// any place, for sketches of any length.
TEST(BandIndexTest, SketchesCountEveryEqualByteExactly) {
  std::mt19937 rng(11);
  for (std::size_t size : {64u, 13u, 8u, 3u}) {
    BandIndex index;
    std::vector<std::uint32_t> held(size);
    for (auto& v : held) v = rng();
    ASSERT_TRUE(index.SetSketch(1, held));
    for (int round = 0; round < 300; ++round) {
      std::vector<std::uint32_t> mh = held;
      std::size_t same = size;
      for (std::size_t k = 0; k < size; ++k) {
        if (rng() % 2 == 0) continue;
        // Only the low byte is kept: change it by one bit or many.
        const std::uint32_t flips[] = {
            0x80, 0x01, 0xFF, 0x7F, 0x40, std::uint32_t(rng() % 255 + 1)};
        mh[k] ^= flips[rng() % 6];
        --same;
      }
      // A high bit changed elsewhere in the value is not in the sketch.
      mh[rng() % size] ^= 0x100;
      const double share = double(same) / double(size);
      EXPECT_TRUE(index.SketchPasses(1, mh, share)) << size << " " << same;
      if (same < size) {
        EXPECT_FALSE(index.SketchPasses(1, mh, double(same + 1) / double(size)))
            << size << " " << same;
      }
    }
  }
}

// Many holders of one key (more than the screen gathers at once): the one
// that passes is found wherever it stands.
TEST(BandIndexTest, AnyHolderPassesAmongManyKeysAndHolders) {
  BandIndex index;
  std::mt19937 rng(5);
  std::vector<std::uint32_t> mine(64), other(64);
  for (auto& v : mine) v = rng();
  std::vector<std::int64_t> keys;
  for (int k = 0; k < 16; ++k) keys.push_back(1000 + k);
  std::int64_t article = 1;
  for (std::int64_t key : keys) {
    for (int h = 0; h < BandIndex::kHoldersPerKey; ++h, ++article) {
      for (auto& v : other) v = rng();
      ASSERT_TRUE(index.SetSketch(article, other));
      ASSERT_TRUE(index.Add(key, article));
    }
  }
  EXPECT_FALSE(index.AnyHolderPasses(keys, 0, mine, 0.5));
  // The last holder of the last key, then the first of the first.
  for (std::int64_t passing : {article - 1, std::int64_t{1}}) {
    ASSERT_TRUE(index.SetSketch(passing, mine));
    EXPECT_TRUE(index.AnyHolderPasses(keys, 0, mine, 0.5));
    EXPECT_FALSE(index.AnyHolderPasses(keys, passing, mine, 0.5));
    for (auto& v : other) v = rng();
    ASSERT_TRUE(index.SetSketch(passing, other));
  }
}

}  // namespace
}  // namespace warta::index
