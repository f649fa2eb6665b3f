#include "http/target.h"

#include <gtest/gtest.h>

namespace warta::http {
namespace {

TEST(ParseTargetTest, Table) {
  struct Case {
    std::string target;
    bool ok;
    std::string path;
    std::string query;
  } cases[] = {
      {"/", true, "/", ""},
      {"/cari?q=suara%20rakyat", true, "/cari", "q=suara%20rakyat"},
      {"/berita/kabar%20baru", true, "/berita/kabar baru", ""},
      {"/a+b", true, "/a+b", ""},  // '+' is not a space in paths
      {"/a%2Fb", true, "/a/b", ""},
      {"/caf%C3%A9", true, "/caf\xC3\xA9", ""},
      {"/a//b/../c/", true, "/a//b/../c/", ""},  // nothing is collapsed
      {"/x?", true, "/x", ""},
      {"/x?a=1#frag", true, "/x", "a=1"},
      {"/x#frag", true, "/x", ""},
      {"http://example.com/p?q=1", true, "/p", "q=1"},
      {"http://example.com", true, "/", ""},
      {"/bad%zz", false, "", ""},
      {"/bad%4", false, "", ""},
      {"/bad%", false, "", ""},
      {"/nul%00", false, "", ""},
      {std::string("/nul\0x", 6), false, "", ""},
      {"", false, "", ""},
      {"berita", false, "", ""},
      {"*", false, "", ""},
      {"http://example.com?x", false, "", ""},
  };
  for (const auto& c : cases) {
    std::string path, query;
    bool ok = ParseTarget(c.target, &path, &query);
    EXPECT_EQ(ok, c.ok) << c.target;
    if (!c.ok || !ok) continue;
    EXPECT_EQ(path, c.path) << c.target;
    EXPECT_EQ(query, c.query) << c.target;
  }
}

TEST(StrictPercentDecodeTest, Table) {
  std::string out;
  EXPECT_TRUE(StrictPercentDecode("a%20b%2fc", &out));
  EXPECT_EQ(out, "a b/c");
  EXPECT_TRUE(StrictPercentDecode("", &out));
  EXPECT_EQ(out, "");
  EXPECT_FALSE(StrictPercentDecode("%g0", &out));
  EXPECT_FALSE(StrictPercentDecode("50%", &out));
  EXPECT_FALSE(StrictPercentDecode("%00", &out));
}

}  // namespace
}  // namespace warta::http
