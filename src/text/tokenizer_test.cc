#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "base/strings.h"

namespace warta::text {
namespace {

std::string Words(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, tokens);
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += '|';
    out += t.word;
  }
  return out;
}

TEST(TokenizerTest, Table) {
  struct Case {
    const char* text;
    const char* words;
  } cases[] = {
      {"", ""},
      {"  ,.; ", ""},
      {"Presiden Joko Widodo", "presiden|joko|widodo"},
      {"isu-isu internasional", "isu-isu|internasional"},
      {"Korut menembakkan rudal.", "korut|menembakkan|rudal"},
      {"harga Rp50.000, naik 3,5 persen.", "harga|rp50000|naik|3,5|persen"},
      {"Jum'at (28/9) pagi", "jumat|28|9|pagi"},
      {"Jum’at", "jumat"},
      {"tim A.S. dan U.S.A.", "tim|as|dan|usa"},
      {"Dr. Budi", "dr|budi"},
      {"“aset berharga bersama”", "aset|berharga|bersama"},
      {"Café Müller ÉLAN", "cafe|muller|elan"},
      {"Łódź", "lodz"},
      {"akhir kalimat.Awal", "akhir|kalimat|awal"},
      {"kata—kata", "kata|kata"},
      {"Al-Qaeda -- serangan -", "al-qaeda|serangan"},
      {"COVID-19", "covid-19"},
      {"2017", "2017"},
      {"a\nb", "a|b"},
      {"日本 東京", "日本|東京"},
      {"email@contoh.id", "email|contoh|id"},
  };
  for (const Case& c : cases) EXPECT_EQ(Words(c.text), c.words) << c.text;
}

TEST(TokenizerTest, SpansCapitalsAndSentenceStarts) {
  std::string text = "Kemarin, Menteri Retno tiba. Dia lalu pergi";
  std::vector<Token> t;
  Tokenize(text, t);
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(text.substr(t[1].begin, t[1].end - t[1].begin), "Menteri");
  EXPECT_TRUE(t[0].sentence_start);
  EXPECT_TRUE(t[0].capitalized);
  EXPECT_TRUE(t[1].capitalized);
  EXPECT_FALSE(t[1].sentence_start);
  EXPECT_FALSE(t[3].capitalized);
  EXPECT_TRUE(t[4].sentence_start);  // "Dia" after a full stop
  EXPECT_FALSE(t[5].sentence_start);
}

TEST(TokenizerTest, LongWordsAreCutAndBadUtf8IsSafe) {
  std::string longword(200, 'a');
  std::vector<Token> t;
  Tokenize(longword, t);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].word.size(), 64u);
  t.clear();
  Tokenize(
      "ab\xff\xfe"
      "cd",
      t);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].word, "ab");
  EXPECT_EQ(t[1].word, "cd");
}

// HashWords hashes the very words Tokenize yields (fingerprints stored at
// import are compared with those of later articles).
TEST(TokenizerTest, HashWordsHashesTokenizesWords) {
  const std::string texts[] = {
      "",
      "Seoul (KABARIN) - Korut menyuarakan \"aset berharga\". Dia pergi.",
      "Rp50.000, 3,5 persen; A.S. dan U.S.A. Jum'at isu-isu 2024.",
      "ÉCOLE Über ŁÓDŹ café ﬁ “kutip” — x\xff\xfey \xC3",
      std::string(200, 'a') + " " + std::string(70, 'b') + "\xC3\xA9",
      "a.b. 1.2.3 -x- 'y' z'",
  };
  for (const std::string& text : texts) {
    std::vector<Token> tokens;
    Tokenize(text, tokens);
    std::vector<std::uint64_t> want;
    for (const Token& t : tokens) want.push_back(Fnv1a64(t.word));
    std::vector<std::uint64_t> got = {42};  // appended to, not replaced
    HashWords(text, got);
    ASSERT_EQ(got.size(), want.size() + 1) << text;
    EXPECT_EQ(std::vector<std::uint64_t>(got.begin() + 1, got.end()), want)
        << text;
  }
}

TEST(TokenizerTest, FoldWord) {
  EXPECT_EQ(FoldWord("Menyuarakan"), "menyuarakan");
  EXPECT_EQ(FoldWord("  "), "");
  EXPECT_EQ(FoldWord("Rp50.000"), "rp50000");
}

}  // namespace
}  // namespace warta::text
