#include "text/words.h"

#include <gtest/gtest.h>

namespace warta::text {
namespace {

TEST(CountWordsTest, Table) {
  struct Case {
    const char* text;
    int words;
  } cases[] = {
      {"", 0},
      {"   ", 0},
      {"Korea Utara", 2},
      {"isu-isu internasional", 2},
      {"harga Rp50.000, naik 3,5 persen.", 5},
      {"“aset berharga bersama”", 3},
      {"Jum'at (28/9) pagi", 4},
      {"Seoul (KABARIN) - Hubungan", 3},
      {"kata—kata", 2},
      {"Ä Ö ü", 3},
      {"a\nb\n\nc", 3},
  };
  for (const Case& c : cases) EXPECT_EQ(CountWords(c.text), c.words) << c.text;
}

}  // namespace
}  // namespace warta::text
