#include "content/slug.h"

#include <gtest/gtest.h>

namespace warta {
namespace {

TEST(SlugifyTest, Table) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"Korea Utara dan China bahas persahabatan",
       "korea-utara-dan-china-bahas-persahabatan"},
      {"  Harga cabai < Rp50.000? Pasar & warga  ",
       "harga-cabai-rp50-000-pasar-warga"},
      {"Jum'at Berkah", "jumat-berkah"},
      {"Pérez Ñandú Łódź", "perez-nandu-lodz"},
      {"“Aset berharga” — kata Wang", "aset-berharga-kata-wang"},
      {"!!!", ""},
      {"日本語", ""},
      {"COVID-19", "covid-19"},
  };
  for (const Case& c : cases) EXPECT_EQ(Slugify(c.in), c.out) << c.in;
}

TEST(SlugifyTest, CutsLongTitlesAtAHyphen) {
  std::string title;
  for (int i = 0; i < 30; ++i) title += "kata" + std::to_string(i) + " ";
  std::string slug = Slugify(title);
  EXPECT_LE(slug.size(), kMaxSlugLength);
  EXPECT_NE(slug.back(), '-');
  EXPECT_TRUE(IsValidSlug(slug));
  EXPECT_EQ(slug.substr(0, 12), "kata0-kata1-");
}

TEST(IsValidSlugTest, Table) {
  EXPECT_TRUE(IsValidSlug("a-b-1"));
  EXPECT_FALSE(IsValidSlug(""));
  EXPECT_FALSE(IsValidSlug("-a"));
  EXPECT_FALSE(IsValidSlug("a--b"));
  EXPECT_FALSE(IsValidSlug("A"));
  EXPECT_FALSE(IsValidSlug("a/b"));
}

}  // namespace
}  // namespace warta
