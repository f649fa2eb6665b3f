#include "text/near_duplicate.h"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace warta::text
