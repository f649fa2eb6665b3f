// Tests for embed recognition (markup/embed.h) and the placeholder the
// Markdown renderer writes for a paragraph holding only an embeddable URL.
#include "markup/embed.h"

#include <gtest/gtest.h>

#include "markup/markdown.h"

namespace warta::markup {
namespace {

struct Good {
  const char* url;
  const char* provider;
  const char* id;
  const char* player;
};

TEST(EmbedTest, RecognizesEachProvidersUrls) {
  const Good cases[] = {
      {"https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ",
       "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"},
      {"https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42s", "youtube",
       "dQw4w9WgXcQ",
       "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"},
      {"http://m.youtube.com/watch?v=a_b-C1d2E3f", "youtube", "a_b-C1d2E3f",
       "https://www.youtube-nocookie.com/embed/a_b-C1d2E3f?autoplay=1"},
      {"https://youtu.be/dQw4w9WgXcQ?si=abc", "youtube", "dQw4w9WgXcQ",
       "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"},
      {"https://www.youtube.com/shorts/dQw4w9WgXcQ/", "youtube", "dQw4w9WgXcQ",
       "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"},
      {"https://WWW.YOUTUBE.COM/live/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ",
       "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"},
      {"https://x.com/kabarin_id/status/1864598000000000000", "x",
       "1864598000000000000",
       "https://platform.twitter.com/embed/Tweet.html?id=1864598000000000000"},
      {"https://twitter.com/Jack/status/20?s=20", "x", "20",
       "https://platform.twitter.com/embed/Tweet.html?id=20"},
      {"https://mobile.twitter.com/Jack/status/20", "x", "20",
       "https://platform.twitter.com/embed/Tweet.html?id=20"},
      {"https://www.instagram.com/p/C9xYz_12-Ab/", "instagram", "C9xYz_12-Ab",
       "https://www.instagram.com/p/C9xYz_12-Ab/embed/"},
      {"https://instagram.com/reel/C9xYz12Ab?igsh=xyz", "instagram",
       "C9xYz12Ab", "https://www.instagram.com/reel/C9xYz12Ab/embed/"},
      {"https://www.tiktok.com/@kabarin.id/video/7301234567890123456", "tiktok",
       "7301234567890123456",
       "https://www.tiktok.com/embed/v2/7301234567890123456"},
  };
  for (const Good& c : cases) {
    std::optional<Embed> e = RecognizeEmbed(c.url);
    ASSERT_TRUE(e.has_value()) << c.url;
    EXPECT_EQ(e->provider, c.provider) << c.url;
    EXPECT_EQ(e->id, c.id) << c.url;
    EXPECT_EQ(e->player, c.player) << c.url;
    EXPECT_EQ(e->link.rfind("https://", 0), 0u) << c.url;
  }
}

TEST(EmbedTest, RefusesEverythingElse) {
  const char* cases[] = {
      "",
      "youtube.com/watch?v=dQw4w9WgXcQ",            // no scheme
      "javascript:alert(1)//youtu.be/dQw4w9WgXcQ",  // scheme
      "ftp://youtu.be/dQw4w9WgXcQ",
      "https://youtu.be/dQw4w9WgXc",    // 10 characters
      "https://youtu.be/dQw4w9WgXcQQ",  // 12 characters
      "https://youtu.be/dQw4w9WgX\"Q",  // quote
      "https://youtu.be/dQw4w9WgX%3Q",
      "https://youtu.be/dQw4w9WgXcQ/more",
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ\"onmouseover=\"x",
      "https://www.youtube.com/watch?v=<script>alert(1)</script>",
      "https://www.youtube.com/watch?list=PL123",
      "https://www.youtube.com/channel/UC123",
      "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
      "https://evil.example/youtu.be/dQw4w9WgXcQ",
      "https://youtu.be@evil.example/dQw4w9WgXcQ",
      "https://evil.example@youtu.be/dQw4w9WgXcQ",
      "https://youtu.be:8080/dQw4w9WgXcQ",
      "https://notyoutube.com/watch?v=dQw4w9WgXcQ",
      "https://x.com/jack/status/12a",
      "https://x.com/jack/status/123456789012345678901",  // 21 digits
      "https://x.com/jack-x/status/20",
      "https://x.com/a_very_long_user_name/status/20",
      "https://x.com/jack/likes",
      "https://x.com/i/status/20/photo/1",
      "https://www.instagram.com/kabarin/",
      "https://www.instagram.com/p/abc/",  // too short
      "https://www.instagram.com/p/C9xYz<b>12/",
      "https://www.tiktok.com/@kabarin/video/",
      "https://www.tiktok.com/kabarin/video/7301234567890123456",
      "https://www.tiktok.com/@kab arin/video/7301234567890123456",
      "https://vm.tiktok.com/ZMabc123/",
      "https://youtu.be/dQw4w9WgXcQ https://youtu.be/dQw4w9WgXcQ",
  };
  for (const char* url : cases) {
    EXPECT_FALSE(RecognizeEmbed(url).has_value()) << url;
  }
}

std::string Html(std::string_view markdown, const RenderOptions& o = {}) {
  Result<Rendered> r = RenderMarkdown(markdown, o);
  EXPECT_TRUE(r.ok());
  return r.ok() ? r->html : "";
}

TEST(EmbedTest, AParagraphOfOnlyTheUrlBecomesAPlaceholder) {
  std::string html =
      Html("Pembuka.\n\nhttps://youtu.be/dQw4w9WgXcQ\n\nPenutup.");
  EXPECT_EQ(
      html,
      "<p>Pembuka.</p>\n"
      "<figure class=\"embed embed-youtube\" data-embed-src=\"https://"
      "www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\" "
      "data-embed-provider=\"YouTube\">\n"
      "<p class=\"embed-provider\">YouTube</p>\n"
      "<button type=\"button\" class=\"embed-load\" hidden>YouTube"
      "</button>\n"
      "<figcaption><a class=\"embed-link\" href=\"https://www.youtube.com/"
      "watch?v=dQw4w9WgXcQ\" rel=\"noopener noreferrer nofollow\">"
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></figcaption>\n"
      "</figure>\n"
      "<p>Penutup.</p>\n");
  // No third-party address outside the data attribute and the link.
  EXPECT_EQ(html.find("<iframe"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  // The same as an <autolink> and in each provider's shape.
  EXPECT_NE(Html("<https://x.com/jack/status/20>").find("embed-x"),
            std::string::npos);
  EXPECT_NE(
      Html("https://www.instagram.com/p/C9xYz12Ab/").find("embed-instagram"),
      std::string::npos);
  EXPECT_NE(
      Html("  https://www.tiktok.com/@a.b/video/73  ").find("embed-tiktok"),
      std::string::npos);
}

TEST(EmbedTest, OnlyALoneUrlInATopLevelParagraphEmbeds) {
  const char* plain[] = {
      "Tonton https://youtu.be/dQw4w9WgXcQ sekarang.",
      "[video](https://youtu.be/dQw4w9WgXcQ)",
      "*https://youtu.be/dQw4w9WgXcQ*",
      "https://youtu.be/dQw4w9WgXcQ\nhttps://youtu.be/dQw4w9WgXcQ",
      "> https://youtu.be/dQw4w9WgXcQ",
      "- https://youtu.be/dQw4w9WgXcQ",
      "    https://youtu.be/dQw4w9WgXcQ",
      "`https://youtu.be/dQw4w9WgXcQ`",
      "## https://youtu.be/dQw4w9WgXcQ",
      "<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>",
      "https://youtu.be/dQw4w9WgXcQ<script>alert(1)</script>",
  };
  for (const char* md : plain) {
    std::string html = Html(md);
    EXPECT_EQ(html.find("<figure"), std::string::npos) << md;
    EXPECT_EQ(html.find("<iframe"), std::string::npos) << md;
    EXPECT_EQ(html.find("<script"), std::string::npos) << md;
  }
  // The dateline's paragraph stays a paragraph.
  RenderOptions o;
  o.lead_in = "Jakarta (KABARIN) -";
  EXPECT_EQ(Html("https://youtu.be/dQw4w9WgXcQ", o).find("<figure"),
            std::string::npos);
  EXPECT_NE(Html("Isi.\n\nhttps://youtu.be/dQw4w9WgXcQ", o).find("<figure"),
            std::string::npos);
}

}  // namespace
}  // namespace warta::markup
