#include "text/near_duplicate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace warta::text {
namespace {

TEST(NearDuplicateRuleTest, JaccardOfShingleSets) {
  EXPECT_DOUBLE_EQ(Jaccard({1, 2, 3}, {1, 2, 3}), 1.0);
  EXPECT_DOUBLE_EQ(Jaccard({1, 2}, {3, 4}), 0.0);
  EXPECT_DOUBLE_EQ(Jaccard({1, 2, 3}, {2, 3, 4}), 0.5);
  EXPECT_DOUBLE_EQ(Jaccard({}, {}), 0.0);
}

TEST(NearDuplicateRuleTest, CopiesAreNearDuplicatesRetellingsAreNot) {
  const std::string story =
      "Jakarta - Pemerintah provinsi menambah pompa air di kawasan rawan "
      "banjir menjelang musim hujan. Kepala dinas sumber daya air mengatakan "
      "dua puluh pompa baru dipasang di Jakarta Utara pekan ini, dan sepuluh "
      "lagi menyusul di Jakarta Barat sebelum akhir bulan.";
  std::string copy = story;
  copy.replace(copy.find("Jakarta - "), 10, "JAKARTA (Antara) - ");
  const std::string retelling =
      "Dinas sumber daya air Jakarta memasang pompa tambahan. Menjelang "
      "musim hujan, dua puluh unit sudah terpasang di utara kota, sementara "
      "wilayah barat mendapat sepuluh unit bulan ini.";
  Fingerprint a = FingerprintOf(story);
  EXPECT_FALSE(a.minhash.empty());
  EXPECT_EQ(a.bands.size(), static_cast<std::size_t>(kBands));
  EXPECT_TRUE(IsNearDuplicate(a.shingles, FingerprintOf(copy).shingles));
  EXPECT_FALSE(IsNearDuplicate(a.shingles, FingerprintOf(retelling).shingles));
  // Too short for a signature; never a near-duplicate of nothing.
  EXPECT_TRUE(FingerprintOf("tiga kata saja").minhash.empty());
  EXPECT_FALSE(IsNearDuplicate({}, {}));
}

// The MinHash as first written: one value at a time, scalar. Signatures
// stored by earlier builds hold these values, so the vectorized clones
// must give exactly them.
std::vector<std::uint32_t> ScalarMinHash(const std::vector<std::uint64_t>& s) {
  auto mix = [](std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  };
  std::vector<std::uint32_t> out(kMinHashes, UINT32_MAX);
  for (std::uint64_t x : s)
    for (int i = 0; i < kMinHashes; ++i)
      out[i] = std::min(out[i], static_cast<std::uint32_t>(
                                    mix(x ^ (0xA5A5A5A5ull * (i + 1))) >> 32));
  return out;
}

TEST(NearDuplicateRuleTest, MinHashIsTheScalarOneForAnySize) {
  std::mt19937_64 rng(7);
  for (std::size_t n : {0u, 1u, 7u, 8u, 63u, 300u, 1001u}) {
    std::vector<std::uint64_t> s(n);
    for (auto& x : s) x = rng();
    std::vector<std::uint32_t> got(kMinHashes);
    MinHashOf(s.data(), s.size(), got.data());
    EXPECT_EQ(got, ScalarMinHash(s)) << n << " shingles";
  }
  Fingerprint fp = FingerprintOf(
      "Hujan deras sejak pagi membuat sungai di pinggir kota meluap dan "
      "merendam ratusan rumah warga di tiga kelurahan sekaligus.");
  ASSERT_EQ(fp.minhash.size(), static_cast<std::size_t>(kMinHashes));
  EXPECT_EQ(fp.minhash, ScalarMinHash(fp.shingles));
}

}  // namespace
}  // namespace warta::text
