// Sanitization tests: known XSS vectors, judged by a strict checker of
// RenderMarkdown's output language (safe_html_test_util.h).
#include <gtest/gtest.h>

#include <iterator>
#include <string>
#include <vector>

#include "base/strings.h"
#include "markup/markdown.h"
#include "markup/safe_html_test_util.h"

namespace warta::markup {
namespace {

using test_util::CheckSafeHtml;

TEST(CheckSafeHtmlTest, CatchesWhatItMust) {
  EXPECT_EQ(CheckSafeHtml("<p>a &amp; <em>b</em></p>\n<hr>\n"), "");
  const char* bad[] = {
      "<script>alert(1)</script>",
      "<p><a href=\"javascript:alert(1)\">x</a></p>",
      "<p><a href=\"java&#115;cript:x\">x</a></p>",  // bare & in a value
      "<img src=\"x\" onerror=\"alert(1)\">",
      "<p><svg onload=alert(1)></p>",
      "<p>x\"><b>y</b></p>",
      "<p><em>a</p></em>",
      "<p>a",
      "<p>a & b</p>",
      "<a href=\"https://a\" target=\"_blank\">x</a>",
      "<code class=\"x\">y</code>",
      "<img src=\"data:image/png;base64,AA\" alt=\"\">",
  };
  for (const char* html : bad) EXPECT_NE(CheckSafeHtml(html), "") << html;
}

struct Vector {
  const char* markdown;
  const char* html;  // nullptr: check safety only
};

// Every vector must render to safe HTML; where `html` is given, exactly it.
TEST(XssTest, KnownVectors) {
  const Vector vectors[] = {
      {"[x](javascript:alert(1))", "<p>x</p>\n"},
      {"[x](JaVaScRiPt:alert(1))", "<p>x</p>\n"},
      {"[x]( javascript:alert(1))", "<p>x</p>\n"},
      {"[x](<java script:alert(1)>)", "<p>x</p>\n"},
      {"[x](java&#9;script:alert(1))", "<p>x</p>\n"},
      {"[x](java&Tab;script:alert(1))", "<p>x</p>\n"},
      {"[x](java&#10;script:alert(1))", "<p>x</p>\n"},
      {"[x](&#106;avascript:alert(1))", "<p>x</p>\n"},
      {"[x](&#x6A;avascript&#x3A;alert(1))", "<p>x</p>\n"},
      {"[x](javascript&colon;alert(1))", "<p>x</p>\n"},
      {"[x](javas&#99;ript:alert(1))", "<p>x</p>\n"},
      {"[x](javascript://%0aalert(1))", "<p>x</p>\n"},
      {"[x](\\javascript:alert(1))", "<p>x</p>\n"},
      {"[x](https:javascript:alert(1))", "<p>x</p>\n"},
      {"[x](vbscript:msgbox(1))", "<p>x</p>\n"},
      {"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
       "<p>x</p>\n"},
      {"[x](file:///etc/passwd)", "<p>x</p>\n"},
      {"![x](javascript:alert(1))", "<p>x</p>\n"},
      {"![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
       "<p>x</p>\n"},
      {"<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n"},
      {"[x][r]\n\n[r]: javascript:alert(1)", "<p>x</p>\n"},
      {"**_[x](javascript:alert(1))_**",
       "<p><strong><em>x</em></strong></p>\n"},
      {"<script>alert(1)</script>",
       "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"},
      {"&lt;script&gt;alert(1)&lt;/script&gt;",
       "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"},
      {"<img src=x onerror=alert(1)>",
       "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n"},
      {"<a href=\"javascript:alert(1)\">x</a>",
       "<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p>\n"},
      {"\"><svg onload=alert(1)>",
       "<p>&quot;&gt;&lt;svg onload=alert(1)&gt;</p>\n"},
      {"<div onclick=\"x\">\n\nblok\n</div>", nullptr},
      {"<iframe src=\"javascript:alert(1)\"></iframe>", nullptr},
      {"<style>body{display:none}</style>", nullptr},
      {"[x](http://a.id/\"onmouseover=\"alert(1))",
       "<p><a href=\"http://a.id/%22onmouseover=%22alert(1)\" "
       "rel=\"noopener noreferrer nofollow\">x</a></p>\n"},
      {"[x](/a \"t\\\" onmouseover=\\\"alert(1)\")",
       "<p><a href=\"/a\" title=\"t&quot; onmouseover=&quot;alert(1)\">x</a>"
       "</p>\n"},
      {"[x](/a 't&#39; onclick=&#39;y')",
       "<p><a href=\"/a\" title=\"t&#39; onclick=&#39;y\">x</a></p>\n"},
      {"![x\" onerror=\"alert(1)](/a.png)",
       "<p><img src=\"/a.png\" alt=\"x&quot; onerror=&quot;alert(1)\" "
       "loading=\"lazy\" decoding=\"async\"></p>\n"},
      {"*<script>*alert(1)*</script>*", nullptr},
      {"```\"><script>alert(1)</script>\nkode\n```",
       "<pre><code>kode\n</code></pre>\n"},
      {"```js onload=x\nkode\n```",
       "<pre><code class=\"language-js\">kode\n</code></pre>\n"},
      {"| <script> | x |\n|---|---|\n| <b onmouseover=1> | y |", nullptr},
      {"`<script>alert(1)</script>`",
       "<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></p>\n"},
      {"[<img src=x onerror=alert(1)>](http://a.id)", nullptr},
      {"[![x](javascript:alert(1))](javascript:alert(2))", "<p>x</p>\n"},
      {"www.a.id/\"onmouseover=\"alert(1)", nullptr},
      {"http://a.id/<script>", nullptr},
      {"&#0;&#x0;\x01\x7f", nullptr},
  };
  for (const Vector& v : vectors) {
    Result<Rendered> r = RenderMarkdown(v.markdown);
    ASSERT_TRUE(r.ok()) << v.markdown;
    std::vector<std::string> values;
    EXPECT_EQ(CheckSafeHtml(r->html, &values), "") << v.markdown << "\n"
                                                   << r->html;
    for (const std::string& value : values) {
      EXPECT_EQ(AsciiLower(value).find("javascript:"), std::string::npos)
          << v.markdown;
    }
    if (v.html != nullptr) {
      EXPECT_EQ(r->html, v.html) << v.markdown;
    }
  }
  EXPECT_GE(std::size(vectors), 25u);
}

TEST(XssTest, LeadInIsEscaped) {
  RenderOptions options;
  options.lead_in = "<script>alert(1)</script> \" onclick=\"x";
  Result<Rendered> r = RenderMarkdown("teks", options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(CheckSafeHtml(r->html), "") << r->html;
}

}  // namespace
}  // namespace warta::markup
