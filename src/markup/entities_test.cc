#include "markup/entities.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace warta::markup {
namespace {

TEST(AppendDecodedEntityTest, Table) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"&amp;", "&"},
      {"&lt;", "<"},
      {"&quot;", "\""},
      {"&apos;", "'"},
      {"&nbsp;", "\xC2\xA0"},
      {"&copy;", "©"},
      {"&AElig;", "Æ"},
      {"&yuml;", "ÿ"},
      {"&hellip;", "…"},
      {"&ldquo;", "“"},
      {"&euro;", "€"},
      {"&colon;", ":"},
      {"&Tab;", "\t"},
      {"&#8220;", "“"},
      {"&#x201C;", "“"},
      {"&#X201c;", "“"},
      {"&#106;", "j"},
      {"&#0;", "\xEF\xBF\xBD"},
      {"&#xD800;", "\xEF\xBF\xBD"},
      {"&#x110000;", "\xEF\xBF\xBD"},
      {"&#99999999999;", "\xEF\xBF\xBD"},
      {"&#150;", "–"},  // Windows-1252, as browsers do
      {"&#x80;", "€"},
      {"&#x81;", "\xEF\xBF\xBD"},
      {"&#1;", "\xEF\xBF\xBD"},
      {"&#9;", "\t"},
      {"&#10;", "\n"},
      {"&#128512;", "\xF0\x9F\x98\x80"},
      {"&unknown;", "&unknown;"},
      {"&AMP;", "&"},
      {"&Amp;", "&Amp;"},  // names are case-sensitive
      {"&#;", "&#;"},
      {"&#xZ;", "&#xZ;"},
      {"&", "&"},
  };
  for (const Case& c : cases) {
    std::string out = "[";
    AppendDecodedEntity(out, c.in);
    EXPECT_EQ(out, std::string("[") + c.out) << c.in;
  }
}

TEST(AppendDecodedTextTest, DecodesReferencesAndKeepsStrayAmpersands) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"Tom &amp; Jerry", "Tom & Jerry"},
      {"a & b", "a & b"},
      {"&x &amp;", "&x &"},
      {"&#8220;kutip&#x201D;", "\u201Ckutip\u201D"},
      {"&unknown; &;", "&unknown; &;"},
      {"AT&T;", "AT&T;"},
      {"&&amp;&", "&&&"},
      {"ujung &", "ujung &"},
  };
  for (const Case& c : cases) {
    std::string out;
    AppendDecodedText(out, c.in);
    EXPECT_EQ(out, c.out) << c.in;
  }
  // A ';' farther than the longest reference does not make one.
  std::string far = "&" + std::string(40, 'a') + ";";
  std::string out;
  AppendDecodedText(out, far);
  EXPECT_EQ(out, far);
}

// F5 (issue 15): every '&' scanned to the end of the text for a ';', so
// 1M '&' took 3.9 s and 2M 18.9 s. The scan is bounded: linear time.
TEST(AppendDecodedTextTest, ManyAmpersandsWithoutSemicolonsStayLinear) {
  const std::string raw(2'000'000, '&');
  auto start = std::chrono::steady_clock::now();
  std::string out;
  AppendDecodedText(out, raw + ";");
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(out.size(), raw.size() + 1);
  EXPECT_LT(took, std::chrono::seconds(2));
}

}  // namespace
}  // namespace warta::markup
