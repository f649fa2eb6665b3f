// Tests for RenderMarkdown: HTML per construct, lead-in, plain text, limits.
// Sanitization vectors live in xss_test.cc, EscapeMarkdownText in
// escape_test.cc.
#include "markup/markdown.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace warta::markup {
namespace {

struct Case {
  const char* markdown;
  const char* expected;
};

Rendered Render(std::string_view markdown, const RenderOptions& options = {}) {
  Result<Rendered> r = RenderMarkdown(markdown, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : Rendered{};
}

void ExpectHtml(const Case* begin, const Case* end) {
  for (const Case* c = begin; c != end; ++c) {
    EXPECT_EQ(Render(c->markdown).html, c->expected) << c->markdown;
  }
}

TEST(RenderMarkdownTest, HeadingsShiftBelowTheHeadline) {
  const Case cases[] = {
      {"# Satu", "<h2>Satu</h2>\n"},
      {"## Dua", "<h2>Dua</h2>\n"},
      {"### Tiga", "<h3>Tiga</h3>\n"},
      {"#### Empat", "<h4>Empat</h4>\n"},
      {"##### Lima", "<h5>Lima</h5>\n"},
      {"###### Enam", "<h6>Enam</h6>\n"},
      {"Setext\n===", "<h2>Setext</h2>\n"},
      {"Setext\n---", "<h2>Setext</h2>\n"},
      {"# *Miring* & `kode`",
       "<h2><em>Miring</em> &amp; <code>kode</code></h2>\n"},
  };
  ExpectHtml(std::begin(cases), std::end(cases));
}

TEST(RenderMarkdownTest, Inline) {
  const Case cases[] = {
      {"", ""},
      {"halo *dunia*", "<p>halo <em>dunia</em></p>\n"},
      {"*a* **b** ~~c~~ `d`",
       "<p><em>a</em> <strong>b</strong> <del>c</del> <code>d</code></p>\n"},
      {"***a** b*", "<p><em><strong>a</strong> b</em></p>\n"},
      {"it's \"q\" <b>x</b>",
       "<p>it&#39;s &quot;q&quot; &lt;b&gt;x&lt;/b&gt;</p>\n"},
      {"&amp; &copy; &#8220;x&#x201D; &lt;b&gt; &foo; &#150;",
       "<p>&amp; © “x” &lt;b&gt; &amp;foo; –</p>\n"},
      {"a  \nb", "<p>a<br>\nb</p>\n"},
      {"a\\\nb", "<p>a<br>\nb</p>\n"},
      {"a\nb", "<p>a\nb</p>\n"},
      {"\\*bukan\\*", "<p>*bukan*</p>\n"},
      {"`a <b> & c`", "<p><code>a &lt;b&gt; &amp; c</code></p>\n"},
  };
  ExpectHtml(std::begin(cases), std::end(cases));
  EXPECT_EQ(Render(std::string_view("a\0b", 3)).html,
            "<p>a\xEF\xBF\xBD"
            "b</p>\n");
}

TEST(RenderMarkdownTest, LinksAndImages) {
  const Case cases[] = {
      {"[a](https://x.id/p?q=1&r=2 \"Judul\")",
       "<p><a href=\"https://x.id/p?q=1&amp;r=2\" title=\"Judul\" "
       "rel=\"noopener noreferrer nofollow\">a</a></p>\n"},
      {"[a](/berita/satu)", "<p><a href=\"/berita/satu\">a</a></p>\n"},
      {"[a](#bagian)", "<p><a href=\"#bagian\">a</a></p>\n"},
      {"[a](../x y)", "<p>[a](../x y)</p>\n"},  // not a link in CommonMark
      {"[a](<../x y>)", "<p><a href=\"../x%20y\">a</a></p>\n"},
      {"[surel](mailto:redaksi@kabarin.id)",
       "<p><a href=\"mailto:redaksi@kabarin.id\">surel</a></p>\n"},
      {"<https://x.id>",
       "<p><a href=\"https://x.id\" rel=\"noopener noreferrer nofollow\">"
       "https://x.id</a></p>\n"},
      {"lihat https://x.id/a.",
       "<p>lihat <a href=\"https://x.id/a\" "
       "rel=\"noopener noreferrer nofollow\">https://x.id/a</a>.</p>\n"},
      {"lihat www.x.id",
       "<p>lihat <a href=\"http://www.x.id\" "
       "rel=\"noopener noreferrer nofollow\">www.x.id</a></p>\n"},
      {"[a][r]\n\n[r]: /ref \"T\"",
       "<p><a href=\"/ref\" title=\"T\">a</a></p>\n"},
      {"[a *b*](ftp://x.id)", "<p>a <em>b</em></p>\n"},
      {"![Foto *Bandung*](/img/a.jpg \"Judul\")",
       "<p><img src=\"/img/a.jpg\" alt=\"Foto Bandung\" title=\"Judul\" "
       "loading=\"lazy\" decoding=\"async\"></p>\n"},
      {"![a](https://cdn.x.id/a.png)",
       "<p><img src=\"https://cdn.x.id/a.png\" alt=\"a\" loading=\"lazy\" "
       "decoding=\"async\"></p>\n"},
      {"![a & b](mailto:x@y.z)", "<p>a &amp; b</p>\n"},
      {"[![a](/a.png)](/b)",
       "<p><a href=\"/b\"><img src=\"/a.png\" alt=\"a\" loading=\"lazy\" "
       "decoding=\"async\"></a></p>\n"},
  };
  ExpectHtml(std::begin(cases), std::end(cases));
}

TEST(RenderMarkdownTest, Blocks) {
  const Case cases[] = {
      {"```python\nx = \"<a>\"\n```",
       "<pre><code class=\"language-python\">x = &quot;&lt;a&gt;&quot;\n"
       "</code></pre>\n"},
      {"```c++ extra words\nx\n```",
       "<pre><code class=\"language-c++\">x\n</code></pre>\n"},
      {"```c#\nx\n```", "<pre><code>x\n</code></pre>\n"},
      {"```{.py}\nx\n```", "<pre><code>x\n</code></pre>\n"},
      {"~~~\nx\n~~~", "<pre><code>x\n</code></pre>\n"},
      {"    indented\n", "<pre><code>indented\n</code></pre>\n"},
      {"> a\n> b", "<blockquote>\n<p>a\nb</p>\n</blockquote>\n"},
      {"- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"},
      {"- a\n\n- b", "<ul>\n<li><p>a</p>\n</li>\n<li><p>b</p>\n</li>\n</ul>\n"},
      {"1. a\n2. b", "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n"},
      {"3. a\n4. b", "<ol start=\"3\">\n<li>a</li>\n<li>b</li>\n</ol>\n"},
      {"- a\n  - b", "<ul>\n<li>a<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n"},
      {"a\n\n***\n\nb", "<p>a</p>\n<hr>\n<p>b</p>\n"},
      {"| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
       "<table>\n<thead>\n<tr>\n<th style=\"text-align:left\">a</th>\n"
       "<th style=\"text-align:center\">b</th>\n"
       "<th style=\"text-align:right\">c</th>\n</tr>\n</thead>\n<tbody>\n"
       "<tr>\n<td style=\"text-align:left\">1</td>\n"
       "<td style=\"text-align:center\">2</td>\n"
       "<td style=\"text-align:right\">3</td>\n</tr>\n</tbody>\n</table>\n"},
      {"a | b\n--- | ---",
       "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n"
       "</table>\n"},
      {"<div>\n*x*\n</div>", "<p>&lt;div&gt;\n<em>x</em>\n&lt;/div&gt;</p>\n"},
  };
  ExpectHtml(std::begin(cases), std::end(cases));
}

TEST(RenderMarkdownTest, LongFenceLanguageGetsNoClass) {
  std::string lang(33, 'a');
  EXPECT_EQ(Render("```" + lang + "\nx\n```").html,
            "<pre><code>x\n</code></pre>\n");
  EXPECT_EQ(Render("```" + lang.substr(1) + "\nx\n```").html,
            "<pre><code class=\"language-" + lang.substr(1) +
                "\">x\n</code></pre>\n");
}

TEST(RenderMarkdownTest, LeadIn) {
  RenderOptions options;
  options.lead_in = "Seoul (KABARIN) -";
  const Case cases[] = {
      {"Korea Utara *bahas* kerja sama.\n\nParagraf dua.",
       "<p><span class=\"dateline\">Seoul (KABARIN) -</span> Korea Utara "
       "<em>bahas</em> kerja sama.</p>\n<p>Paragraf dua.</p>\n"},
      {"# Judul\n\nTeks.",
       "<p><span class=\"dateline\">Seoul (KABARIN) -</span></p>\n"
       "<h2>Judul</h2>\n<p>Teks.</p>\n"},
      {"> Kutipan",
       "<p><span class=\"dateline\">Seoul (KABARIN) -</span></p>\n"
       "<blockquote>\n<p>Kutipan</p>\n</blockquote>\n"},
      {"", "<p><span class=\"dateline\">Seoul (KABARIN) -</span></p>\n"},
      {"\n  \n", "<p><span class=\"dateline\">Seoul (KABARIN) -</span></p>\n"},
  };
  for (const Case& c : cases) {
    Rendered r = Render(c.markdown, options);
    EXPECT_EQ(r.html, c.expected) << c.markdown;
    EXPECT_EQ(r.plaintext.find("KABARIN"), std::string::npos) << c.markdown;
  }

  options.lead_in = "A & B <C> \"D\"";
  EXPECT_EQ(Render("x", options).html,
            "<p><span class=\"dateline\">A &amp; B &lt;C&gt; &quot;D&quot;"
            "</span> x</p>\n");
  EXPECT_EQ(Render("x").html, "<p>x</p>\n");
  EXPECT_EQ(Render("").html, "");
}

TEST(RenderMarkdownTest, PlainText) {
  const Case cases[] = {
      {"", ""},
      {"# Judul\n\nPara *satu* [tautan](https://x.id).\n\n- a\n- b\n\n"
       "> kutip\n\n```\nkode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
       "![alt](/x.png) &amp; &#8220;x&#8221;",
       "Judul\n\nPara satu tautan.\n\na\nb\n\nkutip\n\nkode\n\na\tb\n1\t2\n\n"
       "alt & “x”"},
      {"- a\n  - b\n- c", "a\nb\nc"},
      {"- a\n\n- b", "a\nb"},
      {"- a\n\n  a2\n- b", "a\n\na2\nb"},
      {"-\n- b", "b"},
      {"p\n\n1. a\n2. b\n\nq", "p\n\na\nb\n\nq"},
      {"a\nb  \nc", "a\nb\nc"},
      {"a\n\n---\n\nb", "a\n\nb"},
      {"<b>x</b> &lt;i&gt;", "<b>x</b> <i>"},
      {"```\nx\n\n\n```\ny", "x\n\ny"},
      {"`kode` dan ![gambar *miring*](javascript:x)", "kode dan gambar miring"},
      {"> a\n>\n> b", "a\n\nb"},
      {"| a | | c |\n|---|---|---|", "a\tc"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Render(c.markdown).plaintext, c.expected) << c.markdown;
  }
}

TEST(RenderMarkdownTest, WordCountIsLeftToTheCaller) {
  EXPECT_EQ(Render("satu dua tiga").word_count, 0);
}

TEST(RenderMarkdownTest, RejectsInvalidUtf8) {
  for (std::string_view bad :
       {"\xff", "a\xC0\xAF", "\xED\xA0\x80", "\xE2\x82"}) {
    Result<Rendered> r = RenderMarkdown(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(RenderMarkdownTest, SizeLimit) {
  std::string at_limit(kMaxMarkdownBytes, 'a');
  EXPECT_TRUE(RenderMarkdown(at_limit).ok());
  at_limit += 'a';
  Result<Rendered> r = RenderMarkdown(at_limit);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(RenderMarkdownTest, DeepNestingAndLongRunsDoNotCrash) {
  for (std::string unit : {"> ", "- ", "* ", "1. ", "[", "![", "*", "_", "`",
                           "~~", "(", "<", "&#", "|"}) {
    std::string input;
    for (int i = 0; i < 20000; ++i) input += unit;
    input += "x";
    EXPECT_TRUE(RenderMarkdown(input).ok()) << unit;
  }
}

TEST(RenderMarkdownTest, BareUrlsAreLinkedUpToALimit) {
  std::string few;
  for (std::size_t i = 0; i < kMaxBareUrlCandidates; ++i) few += "www.a.id ";
  std::string many = few + "https://b.id";
  EXPECT_NE(Render(few).html.find("<a href=\"http://www.a.id\""),
            std::string::npos);
  std::string html = Render(many + " [x](/y) <https://c.id>").html;
  EXPECT_EQ(html.find("<a href=\"http://www.a.id\""), std::string::npos);
  EXPECT_EQ(html.find("<a href=\"https://b.id\""), std::string::npos);
  EXPECT_NE(html.find("<a href=\"/y\">"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://c.id\""), std::string::npos);
}

// md4c 0.4.8 needs minutes for this without kMaxBareUrlCandidates.
TEST(RenderMarkdownTest, PathologicalBareUrlsStayFast) {
  std::string input;
  while (input.size() + 10 <= kMaxMarkdownBytes) input += "www.a.co/_";
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(RenderMarkdown(input).ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

TEST(RenderMarkdownTest, Deterministic) {
  const char* doc = "# A\n\n*b* [c](/d) ![e](/f.png)\n\n| g |\n|---|\n| h |";
  EXPECT_EQ(Render(doc).html, Render(doc).html);
}

}  // namespace
}  // namespace warta::markup
