// What the distribution URLs serve over HTTP from the real binary: content
// types, escaping, conditional GET, 404s, the site-wide "no AI" switch.
// The npm clients in tests/feeds check the same documents as parsers do.
#include <gtest/gtest.h>
#include <stdlib.h>

#include "warta_process.h"

namespace warta::testing {
namespace {

TEST(FeedsHttpTest, ServesFeedsSitemapsAndRobots) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  CommandResult r =
      RunWarta({"import", "--data", data, "--quiet",
                dir.Write("a.md",
                          "---\ntitle: Kabar <A> & B\ncategory: Politik\ntags: "
                          "[Pemilu]\nauthor: Rina\n---\nIsi ]]> sulit.\n")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto server = WartaServer::Start(data);
  ASSERT_NE(server, nullptr);
  struct Case {
    const char* path;
    int status;
    const char* type;
    const char* contains;
  } cases[] = {
      {"/rss.xml", 200, "application/rss+xml",
       "<title>Kabar &lt;A&gt; &amp; B</title>"},
      {"/atom.xml", 200, "application/atom+xml",
       "<title type=\"text\">Kabar &lt;A&gt; &amp; B</title>"},
      {"/feed.json", 200, "application/feed+json",
       "\"title\": \"Kabar <A> & B\""},
      {"/kategori/politik/rss.xml", 200, "application/rss+xml",
       "<title>Politik - Warta</title>"},
      {"/tag/pemilu/atom.xml", 200, "application/atom+xml", "Pemilu - Warta"},
      {"/penulis/rina/feed.json", 200, "application/feed+json", "Rina - Warta"},
      {"/kategori/tidak-ada/rss.xml", 404, "text/html", ""},
      {"/sitemap.xml", 200, "application/xml", "<sitemapindex"},
      {"/sitemap-tags.xml", 200, "application/xml", "/tag/pemilu</loc>"},
      {"/sitemap-news.xml", 200, "application/xml",
       "<news:title>Kabar &lt;A&gt; &amp; B</news:title>"},
      {"/sitemap-articles-1999-01.xml", 404, "text/html", ""},
      {"/sitemap-articles-2025-13.xml", 404, "text/html", ""},
      {"/sitemap-whatever.xml", 404, "text/html", ""},
      {"/robots.txt", 200, "text/plain", "Sitemap: "},
  };
  for (const Case& c : cases) {
    auto res = server->Get(c.path);
    ASSERT_TRUE(res.ok()) << c.path;
    EXPECT_EQ(res->status, c.status) << c.path;
    EXPECT_EQ(res->Header("content-type").rfind(c.type, 0), 0u)
        << c.path << ": " << res->Header("content-type");
    EXPECT_NE(res->body.find(c.contains), std::string::npos)
        << c.path << ":\n"
        << res->body.substr(0, 2000);
  }
  auto rss = server->Get("/rss.xml");
  // The renderer escaped '>' already; CDATA splitting is unit-tested.
  EXPECT_NE(rss->body.find("<![CDATA[<p>Isi ]]&gt; sulit.</p>\n]]>"),
            std::string::npos)
      << rss->body;
  auto page = server->Get("/berita/kabar-a-b");
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->body.find("<meta property=\"og:type\" content=\"article\">"),
            std::string::npos);
  EXPECT_NE(page->body.find("\"headline\":\"Kabar \\u003cA\\u003e \\u0026 B\""),
            std::string::npos);
  EXPECT_EQ(page->body.find("noai"), std::string::npos);
}

TEST(FeedsHttpTest, SiteWideNoAiSwitch) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  RunWarta({"import", "--data", data, "--quiet",
            dir.Write("a.md", "---\ntitle: Satu\n---\nIsi.\n")});
  dir.Write("data/warta.conf",
            "robots.no_ai = true\nrobots.ai_user_agents = GPTBot, CCBot\n");
  auto server = WartaServer::Start(data);
  ASSERT_NE(server, nullptr);
  auto robots = server->Get("/robots.txt");
  ASSERT_TRUE(robots.ok());
  EXPECT_NE(robots->body.find("User-agent: GPTBot\nUser-agent: CCBot\n"
                              "Disallow: /\n"),
            std::string::npos)
      << robots->body;
  EXPECT_NE(robots->body.find("User-agent: *\nDisallow: /admin/\n"),
            std::string::npos);
  auto page = server->Get("/berita/satu");
  ASSERT_TRUE(page.ok());
  EXPECT_NE(
      page->body.find("<meta name=\"robots\" content=\"noai, noimageai\">"),
      std::string::npos);
  EXPECT_NE(page->body.find("<meta name=\"tdm-reservation\" content=\"1\">"),
            std::string::npos);
}

}  // namespace
}  // namespace warta::testing

namespace warta::testing {
namespace {

TEST(FeedsHttpTest, PerArticleNoindexAndNoAi) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  CommandResult r = RunWarta(
      {"import", "--data", data, "--quiet",
       dir.Write("rahasia.md", "---\ntitle: Rahasia\nnoindex: true\n---\nIsi.\n"),
       dir.Write("tanpa-ai.md", "---\ntitle: Tanpa AI\nno_ai: true\n---\nIsi.\n"),
       dir.Write("biasa.md", "---\ntitle: Biasa\n---\nIsi.\n")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto server = WartaServer::Start(data);
  ASSERT_NE(server, nullptr);
  auto hidden = server->Get("/berita/rahasia");
  ASSERT_TRUE(hidden.ok());
  EXPECT_NE(hidden->body.find("<meta name=\"robots\" content=\"noindex\">"),
            std::string::npos);
  auto news = server->Get("/sitemap-news.xml");
  EXPECT_EQ(news->body.find("/berita/rahasia<"), std::string::npos);
  EXPECT_NE(news->body.find("/berita/biasa<"), std::string::npos);
  auto no_ai = server->Get("/berita/tanpa-ai");
  EXPECT_NE(no_ai->body.find("content=\"noai, noimageai\""), std::string::npos);
  auto plain = server->Get("/berita/biasa");
  EXPECT_EQ(plain->body.find("noai"), std::string::npos);
  auto robots = server->Get("/robots.txt");
  EXPECT_NE(robots->body.find("User-agent: GPTBot\n"), std::string::npos);
  EXPECT_NE(robots->body.find("Disallow: /berita/tanpa-ai\n"), std::string::npos)
      << robots->body;
  EXPECT_EQ(robots->body.find("Disallow: /berita/biasa"), std::string::npos);
}

}  // namespace
}  // namespace warta::testing
