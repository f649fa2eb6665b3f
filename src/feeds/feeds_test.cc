#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "feeds/feed.h"
#include "feeds/page_meta.h"
#include "feeds/robots.h"
#include "feeds/sitemap.h"
#include "feeds/xml.h"

namespace warta::feeds {
namespace {

TEST(XmlTest, EscapesTextAndDropsForbiddenCharacters) {
  struct Case {
    std::string in, out;
  } cases[] = {
      {"a & b < c > d \"e\" 'f'",
       "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;"},
      {std::string("x\x01y\x0bz", 5), "xyz"},
      {"tab\there\nline", "tab\there\nline"},
      {"caf\xC3\xA9", "caf\xC3\xA9"},
      {"bad\xC3(", "bad\xEF\xBF\xBD("},
      {"\xEF\xBF\xBF", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(XmlEscape(c.in), c.out) << c.in;
}

TEST(XmlTest, SplitsCdataTerminators) {
  std::string out;
  AppendCdata(out, "a]]>b");
  EXPECT_EQ(out, "<![CDATA[a]]]]><![CDATA[>b]]>");
  out.clear();
  AppendCdata(out, "<p>x &amp; y</p>");
  EXPECT_EQ(out, "<![CDATA[<p>x &amp; y</p>]]>");
}

TEST(XmlTest, AbsolutizesRootRelativeUrlsOnly) {
  EXPECT_EQ(AbsolutizeHtml("<a href=\"/berita/x\">x</a><img src=\"/i.jpg\" "
                           "alt=\"\"><a href=\"//cdn/x\">y</a><a "
                           "href=\"https://e.com/\">z</a>",
                           "https://k.id"),
            "<a href=\"https://k.id/berita/x\">x</a><img "
            "src=\"https://k.id/i.jpg\" alt=\"\"><a href=\"//cdn/x\">y</a><a "
            "href=\"https://e.com/\">z</a>");
  EXPECT_EQ(AbsolutizeHtml("<p>text href=\"/x\" </p>", "https://k.id"),
            "<p>text href=\"https://k.id/x\" </p>");
}

FeedChannel Channel() {
  FeedChannel ch;
  ch.title = "KABARIN & Co";
  ch.description = "Berita";
  ch.home_url = "https://k.id/";
  ch.self_url = "https://k.id/rss.xml";
  ch.updated = 1759115700;
  return ch;
}

FeedItem Item() {
  FeedItem it;
  it.url = it.id = "https://k.id/berita/a";
  it.title = "Korea <Utara>";
  it.summary = "Ringkas";
  it.content_html = "<p>Isi ]]> aneh</p>";
  it.authors = {"Rina"};
  it.categories = {"Politik", "Diplomasi"};
  it.published = 1759115700;
  it.updated = 1759119300;
  it.source = "Sputnik-OANA";
  it.source_url = "https://wire.example/a";
  return it;
}

TEST(FeedTest, RssHasTheRequiredElements) {
  std::string rss = RenderRss(Channel(), {Item()});
  for (const char* want :
       {"<title>KABARIN &amp; Co</title>", "<link>https://k.id/</link>",
        "<title>Korea &lt;Utara&gt;</title>",
        "<guid isPermaLink=\"true\">https://k.id/berita/a</guid>",
        "<pubDate>Mon, 29 Sep 2025 03:15:00 GMT</pubDate>",
        "<dc:creator>Rina</dc:creator>", "<category>Politik</category>",
        "<content:encoded><![CDATA[<p>Isi ]]]]><![CDATA[> aneh</p>]]>",
        "<source url=\"https://wire.example/a\">Sputnik-OANA</source>",
        "rel=\"self\""}) {
    EXPECT_NE(rss.find(want), std::string::npos) << want << "\n" << rss;
  }
}

TEST(FeedTest, AtomEscapesHtmlContent) {
  std::string atom = RenderAtom(Channel(), {Item()});
  EXPECT_NE(atom.find("<content type=\"html\">&lt;p&gt;Isi ]]&gt; "
                      "aneh&lt;/p&gt;</content>"),
            std::string::npos)
      << atom;
  EXPECT_NE(atom.find("<updated>2025-09-29T04:15:00Z</updated>"),
            std::string::npos);
  EXPECT_NE(atom.find("<category term=\"Diplomasi\"/>"), std::string::npos);
}

TEST(FeedTest, JsonFeedIsVersion11) {
  auto j = nlohmann::json::parse(RenderJsonFeed(Channel(), {Item()}), nullptr,
                                 false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["version"], "https://jsonfeed.org/version/1.1");
  EXPECT_EQ(j["feed_url"], "https://k.id/rss.xml");
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["id"], "https://k.id/berita/a");
  EXPECT_EQ(j["items"][0]["date_published"], "2025-09-29T03:15:00Z");
  EXPECT_EQ(j["items"][0]["authors"][0]["name"], "Rina");
  EXPECT_EQ(j["items"][0]["tags"][1], "Diplomasi");
}

TEST(SitemapTest, WritesIndexUrlSetAndNews) {
  std::string out;
  BeginSitemapIndex(out);
  AppendSitemapRef(out, "https://k.id/sitemap-articles-2025-09.xml",
                   1759115700);
  EndSitemapIndex(out);
  EXPECT_NE(out.find("<sitemap><loc>https://k.id/sitemap-articles-2025-09.xml"
                     "</loc><lastmod>2025-09-29T03:15:00Z</lastmod>"),
            std::string::npos);
  out.clear();
  BeginNewsUrlSet(out);
  AppendNewsUrl(out, {"https://k.id/berita/a?x=1&y=2", "KABARIN", "id",
                      1759115700, "A & B"});
  EndNewsUrlSet(out);
  EXPECT_NE(out.find("<loc>https://k.id/berita/a?x=1&amp;y=2</loc>"),
            std::string::npos);
  EXPECT_NE(out.find("<news:language>id</news:language>"), std::string::npos);
  EXPECT_NE(out.find("<news:title>A &amp; B</news:title>"), std::string::npos);
}

TEST(RobotsTest, NamesSitemapsAndAiRules) {
  RobotsOptions o;
  o.sitemaps = {"https://k.id/sitemap.xml", "https://k.id/sitemap-news.xml"};
  o.disallow = {"/admin/"};
  o.ai_agents = {"GPTBot", "CCBot"};
  std::string plain = RenderRobots(o);
  EXPECT_EQ(plain.find("GPTBot"), std::string::npos);
  EXPECT_NE(plain.find("Sitemap: https://k.id/sitemap-news.xml\n"),
            std::string::npos);
  o.ai_disallow = {"/berita/rahasia"};
  std::string some = RenderRobots(o);
  EXPECT_NE(some.find("User-agent: GPTBot\nUser-agent: CCBot\nDisallow: "
                      "/admin/\nDisallow: /berita/rahasia\n"),
            std::string::npos)
      << some;
  o.block_ai = true;
  std::string all = RenderRobots(o);
  EXPECT_NE(all.find("User-agent: CCBot\nDisallow: /\n"), std::string::npos);
  EXPECT_NE(all.find("User-agent: *\nDisallow: /admin/\n"), std::string::npos);
}

TEST(PageMetaTest, JsonLdIsScriptSafeAndComplete) {
  Urls urls("https://k.id");
  Article a;
  a.slug = "korea";
  a.title = "</script><script>alert(1)</script>";
  a.category = Category{1, "dunia", "Dunia", ""};
  a.authors = {Author{1, "rina", "Rina", "", ""}};
  a.tags = {Tag{1, "korea", "Korea"}};
  a.source = "Sputnik-OANA";
  a.published_at = 1759115700;
  a.updated_at = 1759115800;
  SiteMeta site{"KABARIN", "id", "https://k.id/logo.png", ""};
  std::string ld = ArticleJsonLd(a, urls, site, "desc");
  EXPECT_EQ(ld.find("</script>"), std::string::npos);
  EXPECT_EQ(ld.find('<'), std::string::npos);
  auto j = nlohmann::json::parse(ld, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  ASSERT_TRUE(j.is_array());
  const auto& art = j[0];
  EXPECT_EQ(art["@context"], "https://schema.org");
  EXPECT_EQ(art["@type"], "NewsArticle");
  EXPECT_EQ(art["headline"], a.title);
  EXPECT_EQ(art["datePublished"], "2025-09-29T03:15:00Z");
  EXPECT_EQ(art["publisher"]["logo"]["url"], "https://k.id/logo.png");
  EXPECT_EQ(art["articleSection"], "Dunia");
  EXPECT_EQ(art["sourceOrganization"]["name"], "Sputnik-OANA");
  EXPECT_EQ(art["image"][0], "https://k.id/logo.png");
  EXPECT_EQ(j[1]["@type"], "BreadcrumbList");
  EXPECT_EQ(j[1]["itemListElement"].size(), 3u);

  auto tags = ArticleMetaTags(a, urls, site, "desc");
  auto has = [&](const std::string& name, const std::string& content) {
    for (const auto& m : tags)
      if (m.name == name && m.content == content) return true;
    return false;
  };
  EXPECT_TRUE(has("og:type", "article"));
  EXPECT_TRUE(has("article:section", "Dunia"));
  EXPECT_TRUE(has("article:tag", "Korea"));
  EXPECT_TRUE(has("article:published_time", "2025-09-29T03:15:00Z"));
  EXPECT_TRUE(has("twitter:card", "summary"));
}

}  // namespace
}  // namespace warta::feeds
