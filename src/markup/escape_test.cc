// Tests for EscapeMarkdownText: exact escapes and the round trip through
// RenderMarkdown.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "markup/markdown.h"

namespace warta::markup {
namespace {

std::string RenderedText(const std::string& markdown) {
  Result<Rendered> r = RenderMarkdown(markdown);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r->plaintext : "<error>";
}

std::string RenderedHtml(const std::string& markdown) {
  Result<Rendered> r = RenderMarkdown(markdown);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r->html : "<error>";
}

TEST(EscapeMarkdownTextTest, EscapesOnlyWhereNeeded) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"", ""},
      {"Kata biasa, titik. Tanya? Seru! (kurung) {kurawal} 50% #1",
       "Kata biasa, titik. Tanya? Seru! (kurung) {kurawal} 50% #1"},
      {"1. Januari", "1\\. Januari"},
      {"2) Dua", "2\\) Dua"},
      {"1.5 juta", "1.5 juta"},
      {"2024.", "2024\\."},
      {"1234567890. bukan daftar", "1234567890. bukan daftar"},
      {"- kata", "\\- kata"},
      {"a - b", "a - b"},
      {"+62 812", "\\+62 812"},
      {"# tagar", "\\# tagar"},
      {"> kutip", "\\> kutip"},
      {"a > b", "a > b"},
      {"===", "\\==="},
      {"*bintang*", "\\*bintang\\*"},
      {"a_b_c", "a\\_b\\_c"},
      {"[x](y)", "\\[x\\](y)"},
      {"![x](y)", "!\\[x\\](y)"},
      {"<b>tebal</b>", "\\<b>tebal\\</b>"},
      {"`kode`", "\\`kode\\`"},
      {"~~coret~~", "\\~\\~coret\\~\\~"},
      {"100% | 50%", "100% \\| 50%"},
      {"a\\b", "a\\\\b"},
      {"Harga < Rp50.000 & naik", "Harga \\< Rp50.000 & naik"},
      {"AT&T &amp; &#169; &#x41; &", "AT&T \\&amp; \\&#169; \\&#x41; &"},
      {"&x &1; &#; &#x;", "&x &1; &#; &#x;"},
      {"“kutipan”", "“kutipan”"},
      {"  menjorok", "&#32; menjorok"},
      {"\ttab", "&#9;tab"},
      {"akhir  ", "akhir &#32;"},
      {"baris\n- dua", "baris\n\\- dua"},
      {"a\r\nb\rc", "a\nb\nc"},
      {"a\n\nb", "a\n\nb"},
      {"a\n   \nb", "a\n\nb"},
  };
  for (const Case& c : cases)
    EXPECT_EQ(EscapeMarkdownText(c.in), c.out) << c.in;
}

// The brief's table plus lines that exercise every block rule.
TEST(EscapeMarkdownTextTest, RoundTripsThroughRenderMarkdown) {
  const char* lines[] = {
      "1. Januari",
      "- kata",
      "# tagar",
      "*bintang*",
      "a_b_c",
      "[x](y)",
      "<b>tebal</b>",
      "Harga < Rp50.000 & naik",
      "“kutipan”",
      "100% | 50%",
      "+62 812 3456",
      "> bukan kutipan",
      "---",
      "***",
      "_ _ _",
      "=====",
      "```js",
      "~~~",
      "    empat spasi",
      "\tsatu tab",
      "spasi akhir   ",
      "[ref]: /tautan",
      "![gambar](x.png)",
      "<https://contoh.id>",
      "&amp; &copy; &#8220; &#x201C;",
      "Tanya? Seru! Titik. Koma, {kurawal} (kurung) 'kutip' \"ganda\"",
      "a\\",
      "\\*bukan escape*",
      "| a | b |",
      "2024. Tahun",
      "9) sembilan",
      "Lihat https://id.wikipedia.org/wiki/Joko_Widodo ya",
      "www.contoh.id/a_b_c.",
      "日本語 — Ελληνικά — émigré",
      "baris satu\nbaris dua\n# bukan judul\n- bukan daftar",
      "paragraf satu\n\nparagraf dua",
      "keras  \nbaris",
      "a\n    kode?",
  };
  for (const char* line : lines) {
    std::string escaped = EscapeMarkdownText(line);
    EXPECT_EQ(RenderedText(escaped), line) << "escaped: " << escaped;
  }
}

TEST(EscapeMarkdownTextTest, SingleLineStaysOneParagraph) {
  const char* lines[] = {"1. Januari", "- kata",   "# tagar", "> k",
                         "---",        "    kode", "| a |",   "```"};
  for (const char* line : lines) {
    std::string html = RenderedHtml(EscapeMarkdownText(line));
    EXPECT_EQ(html.rfind("<p>", 0), 0u) << html;
    EXPECT_EQ(html.find("<p>", 1), std::string::npos) << html;
    EXPECT_EQ(html.substr(html.size() - 5), "</p>\n") << html;
  }
}

// Random lines built from pieces that can start markup; the round trip must
// hold for every one. Fixed seed: the same inputs on every run.
TEST(EscapeMarkdownTextTest, RandomRoundTrip) {
  const std::vector<std::string> pieces = {
      "a",        "kata",  " ",     "  ", "\t", "1.", "2)", "-",
      "+",        "#",     ">",     "=",  "*",  "_",  "`",  "~",
      "[",        "]",     "(",     ")",  "<",  "|",  "\\", "!",
      "&",        "&amp;", "&#65;", ";",  ".",  ":",  "/",  "http://a.id/",
      "www.b.id", "é",     "“",     "日", "—",  "'",  "\"", "{",
      "}",        "%",     "0",     "9"};
  std::mt19937 rng(20240501);
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    int lines = 1 + static_cast<int>(rng() % 3);
    for (int l = 0; l < lines; ++l) {
      std::string line;
      int n = 1 + static_cast<int>(rng() % 8);
      for (int k = 0; k < n; ++k) line += pieces[rng() % pieces.size()];
      if (line.find_first_not_of(" \t") == std::string::npos) line += "x";
      if (l > 0) text += (rng() % 4 == 0) ? "\n\n" : "\n";
      text += line;
    }
    std::string escaped = EscapeMarkdownText(text);
    ASSERT_EQ(RenderedText(escaped), text) << "escaped: " << escaped;
  }
}

}  // namespace
}  // namespace warta::markup
