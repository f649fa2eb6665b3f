#include "markup/url_policy.h"

#include <gtest/gtest.h>

#include <optional>

namespace warta::markup {
namespace {

TEST(SanitizeUrlTest, Table) {
  struct Case {
    const char* in;
    UrlUse use;
    const char* out;  // nullptr: refused
    bool external;
  } cases[] = {
      {"https://kabarin.id/a?b=1&c=2#d", UrlUse::kLink,
       "https://kabarin.id/a?b=1&c=2#d", true},
      {"HTTP://KABARIN.ID", UrlUse::kLink, "HTTP://KABARIN.ID", true},
      {"mailto:redaksi@kabarin.id", UrlUse::kLink, "mailto:redaksi@kabarin.id",
       false},
      {"/berita/satu", UrlUse::kLink, "/berita/satu", false},
      {"#bagian", UrlUse::kLink, "#bagian", false},
      {"./a", UrlUse::kLink, "./a", false},
      {"../a", UrlUse::kLink, "../a", false},
      {"halaman.html", UrlUse::kLink, "halaman.html", false},
      {"?q=1", UrlUse::kLink, "?q=1", false},
      {"", UrlUse::kLink, "", false},
      {"//cdn.kabarin.id/x.png", UrlUse::kImage, "//cdn.kabarin.id/x.png",
       true},
      {"/a:b", UrlUse::kLink, "/a:b", false},
      {"  /trim  ", UrlUse::kLink, "/trim", false},
      {"/a b\"c<d>\\e", UrlUse::kLink, "/a%20b%22c%3Cd%3E%5Ce", false},
      {"/kota/bandung-é", UrlUse::kLink, "/kota/bandung-%C3%A9", false},
      {"\\\\evil.com", UrlUse::kLink, "%5C%5Cevil.com", false},
      // Not decoded here (the caller decodes once): '#' comes before ':', so
      // a browser sees a relative URL with a fragment.
      {"&#106;avascript:alert(1)", UrlUse::kLink, "&#106;avascript:alert(1)",
       false},
      // Refused.
      {"javascript:alert(1)", UrlUse::kLink, nullptr, false},
      {"JavaScript:alert(1)", UrlUse::kLink, nullptr, false},
      {" javascript:alert(1)", UrlUse::kLink, nullptr, false},
      {"java\tscript:alert(1)", UrlUse::kLink, nullptr, false},
      {"java\nscript:alert(1)", UrlUse::kLink, nullptr, false},
      {"\x01javascript:alert(1)", UrlUse::kLink, nullptr, false},
      {"java script:alert(1)", UrlUse::kLink, nullptr, false},
      {"javascript://%0aalert(1)", UrlUse::kLink, nullptr, false},
      {"vbscript:msgbox(1)", UrlUse::kLink, nullptr, false},
      {"data:text/html;base64,PHNjcmlwdD4=", UrlUse::kLink, nullptr, false},
      {"data:image/png;base64,iVBOR", UrlUse::kImage, nullptr, false},
      {"file:///etc/passwd", UrlUse::kLink, nullptr, false},
      {"https:javascript:alert(1)", UrlUse::kLink, nullptr, false},
      {"http:/x", UrlUse::kLink, nullptr, false},
      {"mailto:a@b.c", UrlUse::kImage, nullptr, false},
      {"%6Aavascript:alert(1)", UrlUse::kLink, nullptr, false},
      {"ftp://kabarin.id", UrlUse::kLink, nullptr, false},
      {"a:b", UrlUse::kLink, nullptr, false},
  };
  for (const Case& c : cases) {
    std::optional<SafeUrl> got = SanitizeUrl(c.in, c.use);
    if (c.out == nullptr) {
      EXPECT_FALSE(got.has_value()) << c.in << " -> " << got->url;
      continue;
    }
    ASSERT_TRUE(got.has_value()) << c.in;
    EXPECT_EQ(got->url, c.out) << c.in;
    EXPECT_EQ(got->external, c.external) << c.in;
  }
}

}  // namespace
}  // namespace warta::markup
