#include "ingest/html_to_markdown.h"

#include <gtest/gtest.h>

namespace warta::ingest {
namespace {

TEST(HtmlToMarkdownTest, ConvertsTheStructureFeedsUse) {
  struct Case {
    const char* html;
    const char* md;
  } cases[] = {
      {"<p>Satu</p><p>Dua</p>", "Satu\n\nDua\n"},
      {"<p>a <b>tebal</b> dan <em>miring</em></p>",
       "a **tebal** dan *miring*\n"},
      {"<p>Lihat <a href=\"https://x.id/a b\">tautan</a>.</p>",
       "Lihat [tautan](https://x.id/a%20b).\n"},
      {"<p><a href=\"javascript:alert(1)\">jahat</a></p>", "jahat\n"},
      {"<h1>Judul</h1><ul><li>satu</li><li><p>dua</p></li></ul>",
       "## Judul\n\n- satu\n\n- dua\n"},
      {"<ol><li>a</li><li>b</li></ol>", "1. a\n\n2. b\n"},
      {"<blockquote><p>kutipan</p></blockquote>", "> kutipan\n"},
      {"baris<br>baru", "baris\\\nbaru\n"},
      {"<p>*bukan* [markdown] #1 &amp; &lt;x&gt;</p>",
       "\\*bukan\\* \\[markdown\\] \\#1 \\& \\<x\\>\n"},
      {"<p>- bukan daftar</p><p>2025. tahun</p>",
       "\\- bukan daftar\n\n2025\\. tahun\n"},
      {"<script>alert(1)</script><style>p{}</style><p>ok</p>", "ok\n"},
      {"<img src=\"https://x.id/i.jpg\" alt=\"foto\"><img src=\"data:x\">",
       "![foto](https://x.id/i.jpg)\n"},
      {"Paragraf satu\nlanjut.\n\nParagraf dua &amp; tiga.",
       "Paragraf satu lanjut.\n\nParagraf dua \\& tiga.\n"},
      {"<div>tak <b>tertutup", "tak tertutup\n"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(HtmlToMarkdown(c.html), c.md) << c.html;
}

TEST(HtmlToMarkdownTest, TextDropsTags) {
  EXPECT_EQ(HtmlToText("<b>A</b> &amp;\n <i>B</i><br>C"), "A & B C");
}

}  // namespace
}  // namespace warta::ingest
