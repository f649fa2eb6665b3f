// Robustness: fuzz-found regressions and a deterministic pseudo-random
// stress run; every output must pass CheckSafeHtml.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "markup/markdown.h"
#include "markup/safe_html_test_util.h"

namespace warta::markup {
namespace {

using test_util::CheckSafeHtml;

// Inputs on which md4c 0.4.8 reads the byte after its input (found by
// fuzz/fuzz_markdown.cc); when that byte is ')' it crashes. Whatever follows
// the caller's bytes in memory, the output is the same and safe.
TEST(StressTest, FuzzRegressionsReadPastTheEnd) {
  const std::string_view inputs[] = {
      std::string_view(
          "w~~~~~ \0\0~\0~~~~vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"
          "~~~d) w.a.0![e](tp://~~~",
          79),
      "_________-_____~______~__________W______-_____~_________[e](__R__#",
  };
  for (std::string_view input : inputs) {
    std::string paren_after = std::string(input) + "))))";
    std::string newline_after = std::string(input) + "\n\n";
    Result<Rendered> a =
        RenderMarkdown(std::string_view(paren_after.data(), input.size()));
    Result<Rendered> b =
        RenderMarkdown(std::string_view(newline_after.data(), input.size()));
    ASSERT_TRUE(a.ok());
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(a->html, b->html);
    EXPECT_EQ(a->plaintext, b->plaintext);
    EXPECT_EQ(CheckSafeHtml(a->html), "") << a->html;
  }
}

// 10,000 inputs from a fixed seed, made of Markdown punctuation, attack
// fragments and UTF-8: no crash, and every output passes the checker.
TEST(StressTest, PseudoRandom) {
  const std::vector<std::string> pieces = {"*",
                                           "**",
                                           "_",
                                           "__",
                                           "~~",
                                           "`",
                                           "```",
                                           "~~~",
                                           "[",
                                           "]",
                                           "(",
                                           ")",
                                           "![",
                                           "](",
                                           "<",
                                           ">",
                                           "\"",
                                           "'",
                                           "\\",
                                           "&",
                                           ";",
                                           "#",
                                           "## ",
                                           "- ",
                                           "+ ",
                                           "1. ",
                                           "2) ",
                                           "> ",
                                           "|",
                                           "|---|",
                                           ":-:",
                                           "---",
                                           "\n",
                                           "\n\n",
                                           "    ",
                                           "\t",
                                           " ",
                                           "  \n",
                                           "javascript:",
                                           "data:",
                                           "vbscript:",
                                           "alert(1)",
                                           "<script>",
                                           "</script>",
                                           "<img src=x onerror=",
                                           " on",
                                           "onload=",
                                           "http://",
                                           "https://a.id/",
                                           "www.",
                                           "mailto:",
                                           "//",
                                           "&#106;",
                                           "&amp;",
                                           "&colon;",
                                           "&#x3A;",
                                           "&#0;",
                                           "&Tab;",
                                           "é",
                                           "“",
                                           "日本",
                                           "😀",
                                           "\xC2\xA0",
                                           "a",
                                           "kata",
                                           "1",
                                           ".",
                                           ":",
                                           "/",
                                           "\"t\"",
                                           "{",
                                           "}",
                                           "=",
                                           "\r\n",
                                           "\x01"};
  std::mt19937 rng(42);
  for (int i = 0; i < 10000; ++i) {
    std::string input;
    int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) input += pieces[rng() % pieces.size()];
    RenderOptions options;
    if (i % 7 == 0) options.lead_in = "Jakarta (KABARIN) -";
    Result<Rendered> r = RenderMarkdown(input, options);
    ASSERT_TRUE(r.ok()) << input;
    ASSERT_EQ(CheckSafeHtml(r->html), "") << input << "\n---\n" << r->html;
    ASSERT_TRUE(IsValidUtf8(r->html)) << input;
    ASSERT_TRUE(IsValidUtf8(r->plaintext)) << input;
  }
}

}  // namespace
}  // namespace warta::markup
