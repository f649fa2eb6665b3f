#include "markup/entities.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace warta::markup
