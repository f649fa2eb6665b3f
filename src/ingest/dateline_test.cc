#include "ingest/dateline.h"

#include <gtest/gtest.h>

namespace warta::ingest {
namespace {

TEST(ParseDatelineTest, Table) {
  struct Case {
    const char* text;
    const char* city;  // nullptr: no dateline
    const char* outlet;
    const char* rest;
  } cases[] = {
      {"Seoul (KABARIN) - Hubungan kedua negara", "Seoul", "KABARIN",
       "Hubungan kedua negara"},
      {"Kuala Lumpur (ANTARA) – Pemerintah", "Kuala Lumpur", "ANTARA",
       "Pemerintah"},
      {"JAKARTA (WARTA) — Harga", "JAKARTA", "WARTA", "Harga"},
      {"Den Haag (AFP) -- Sidang", "Den Haag", "AFP", "Sidang"},
      {"Bandung (WARTA) -Hujan", "Bandung", "WARTA", "Hujan"},
      {"Menurut Wang (juru bicara) - bukan dateline", nullptr, nullptr,
       nullptr},
      {"Ia berkata. Lalu (KABARIN) - x", nullptr, nullptr, nullptr},
      {"seoul (KABARIN) - huruf kecil", nullptr, nullptr, nullptr},
      {"Seoul (KABARIN) tanpa tanda hubung", nullptr, nullptr, nullptr},
      {"Hubungan Korea Utara (Korut) dan China", nullptr, nullptr, nullptr},
  };
  for (const Case& c : cases) {
    auto d = ParseDateline(c.text);
    if (!c.city) {
      EXPECT_FALSE(d.has_value()) << c.text;
      continue;
    }
    ASSERT_TRUE(d.has_value()) << c.text;
    EXPECT_EQ(d->city, c.city);
    EXPECT_EQ(d->outlet, c.outlet);
    EXPECT_EQ(std::string(c.text).substr(d->length), c.rest);
  }
}

TEST(SplitDatelineFieldTest, CityAndOptionalOutlet) {
  Dateline a = SplitDatelineField("Seoul (KABARIN)");
  EXPECT_EQ(a.city, "Seoul");
  EXPECT_EQ(a.outlet, "KABARIN");
  Dateline b = SplitDatelineField(" Jakarta ");
  EXPECT_EQ(b.city, "Jakarta");
  EXPECT_EQ(b.outlet, "");
}

}  // namespace
}  // namespace warta::ingest
