#include "text/analyzer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/stopwords.h"

namespace warta::text {
namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) {
    if (!out.empty()) out += '|';
    out += s;
  }
  return out;
}

class AnalyzerTest : public ::testing::Test {
 protected:
  Analyzer analyzer_{DefaultStemmer()};
};

TEST_F(AnalyzerTest, TermsTable) {
  struct Case {
    const char* text;
    const char* terms;
  } cases[] = {
      {"Menteri menyuarakan pengungsian ditangani",
       "menteri|suara|ungsi|tangan"},
      {"mengatakan", ""},           // a stopword in stopwords-iso
      {"yang dan di ini itu", ""},  // stopwords only
      {"isu-isu", "isu"},
      {"bermain-main", "main"},
      {"tembak-menembak", "tembak"},
      {"sayur-mayur", "sayur|mayur"},
      {"Al-Qaeda", "al|qaeda"},
      {"masing-masing", ""},  // a stopword as a whole
      {"kasus naik dua tahun", "kasus|naik|dua|tahun"},  // kept news words
      {"Korut", "korut"},  // abbreviations are not stemmed (Snowball: ko..)
      {"pemilu 2019", "pemilu|2019"},
  };
  for (const Case& c : cases)
    EXPECT_EQ(Join(analyzer_.Terms(c.text)), c.terms) << c.text;
}

TEST_F(AnalyzerTest, StopwordsTakePositions) {
  std::vector<std::pair<std::string, int>> hits;
  int n =
      analyzer_.Analyze("rumah sakit di jakarta", {}, [&](const TermHit& h) {
        hits.emplace_back(std::string(h.term), h.position);
      });
  EXPECT_EQ(n, 4);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[2].first, "jakarta");
  EXPECT_EQ(hits[2].second, 3);
}

TEST_F(AnalyzerTest, AbbreviationsExpandBothWaysWhenIndexing) {
  AnalyzeOptions index;
  index.expand_abbreviations = true;
  EXPECT_EQ(Join(analyzer_.Terms("Korut menembakkan rudal", index)),
            "korut|korea|utara|tembak|rudal");
  EXPECT_EQ(Join(analyzer_.Terms("Korea Utara menembakkan rudal", index)),
            "korut|korea|utara|tembak|rudal");
  // Queries are not expanded: the index holds both forms.
  EXPECT_EQ(Join(analyzer_.Terms("Korut")), "korut");
}

TEST_F(AnalyzerTest, TermOf) {
  EXPECT_EQ(analyzer_.TermOf("menyuarakan"), "suara");
  EXPECT_EQ(analyzer_.TermOf("yang"), "");
  EXPECT_EQ(analyzer_.TermOf("isu-isu"), "isu");
}

TEST_F(AnalyzerTest, Names) {
  auto names = analyzer_.Names(
      "Presiden Joko Widodo bertemu Kim Jong Un di Singapura. Kemudian "
      "dia pulang. Di Jakarta, Jokowi disambut.");
  std::vector<std::string> want = {"presiden joko widodo", "kim jong un",
                                   "singapura", "jakarta", "jokowi"};
  EXPECT_EQ(names, want);
}

TEST(StopwordsTest, ListFromStopwordsIsoMinusNewsWords) {
  EXPECT_TRUE(IsStopword("yang"));
  EXPECT_TRUE(IsStopword("mengatakan"));
  EXPECT_FALSE(IsStopword("kasus"));
  EXPECT_FALSE(IsStopword("menteri"));
  // 758 words in stopwords-iso 1.1.0, minus the kept news words.
  EXPECT_GT(StopwordCount(), 650);
  EXPECT_LT(StopwordCount(), 758);
}

}  // namespace
}  // namespace warta::text
