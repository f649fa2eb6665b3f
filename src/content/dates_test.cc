#include "content/dates.h"

#include <gtest/gtest.h>

#include "base/time.h"

namespace warta {
namespace {

TEST(DatesTest, IndonesianLongDateTimeInWib) {
  Timestamp t = *ParseIso8601("2025-09-29T03:15:00Z");
  EXPECT_EQ(FormatLongDateTime(t, DefaultTimeZone(), Language::kIndonesian),
            "Senin, 29 September 2025 10:15 WIB");
  EXPECT_EQ(FormatLongDateTime(t, DefaultTimeZone(), Language::kEnglish),
            "Monday, 29 September 2025 10:15 WIB");
}

TEST(DatesTest, OtherZonesAndDayRollover) {
  Timestamp t = *ParseIso8601("2025-12-31T16:30:00Z");
  EXPECT_EQ(FormatLongDateTime(t, *FindTimeZone("Asia/Makassar"),
                               Language::kIndonesian),
            "Kamis, 1 Januari 2026 00:30 WITA");
  EXPECT_EQ(FormatLongDateTime(t, *FindTimeZone("WIT"), Language::kIndonesian),
            "Kamis, 1 Januari 2026 01:30 WIT");
  EXPECT_EQ(FormatLongDateTime(t, *FindTimeZone("UTC"), Language::kIndonesian),
            "Rabu, 31 Desember 2025 16:30 UTC");
  EXPECT_FALSE(FindTimeZone("Europe/Paris").ok());
}

TEST(DatesTest, ShortForms) {
  Timestamp t = *ParseIso8601("2025-08-17T10:00:00+07:00");
  EXPECT_EQ(FormatShortDate(t, DefaultTimeZone(), Language::kIndonesian),
            "17 Agu 2025");
  EXPECT_EQ(FormatShortDate(t, DefaultTimeZone(), Language::kEnglish),
            "17 Aug 2025");
  EXPECT_EQ(FormatLongDate(t, DefaultTimeZone(), Language::kIndonesian),
            "17 Agustus 2025");
  EXPECT_EQ(FormatMonthYear(2025, 10, Language::kIndonesian), "Oktober 2025");
  EXPECT_EQ(ParseLanguage("en-US"), Language::kEnglish);
  EXPECT_EQ(ParseLanguage("id"), Language::kIndonesian);
}

}  // namespace
}  // namespace warta
