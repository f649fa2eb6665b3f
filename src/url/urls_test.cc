#include "url/urls.h"

#include <gtest/gtest.h>

namespace warta {
namespace {

TEST(UrlsTest, BuildsPermalinks) {
  Urls u("https://kabarin.id/");
  EXPECT_EQ(u.site_url(), "https://kabarin.id");
  EXPECT_EQ(u.Article("korea-utara"), "/berita/korea-utara");
  EXPECT_EQ(u.Category("politik"), "/kategori/politik");
  EXPECT_EQ(u.Tag("banjir"), "/tag/banjir");
  EXPECT_EQ(u.Author("rina-wulandari"), "/penulis/rina-wulandari");
  EXPECT_EQ(u.Search("suara rakyat"), "/cari?q=suara%20rakyat");
  EXPECT_EQ(u.Asset("style.css", "ab12"), "/assets/style.css?v=ab12");
  EXPECT_EQ(u.Absolute("/berita/x"), "https://kabarin.id/berita/x");
  EXPECT_EQ(Urls::Page("/tag/a", 1), "/tag/a");
  EXPECT_EQ(Urls::Page("/tag/a", 3), "/tag/a?page=3");
  EXPECT_EQ(Urls::Page("/cari?q=a", 2), "/cari?q=a&page=2");
}

TEST(UrlsTest, ParsesArticlePaths) {
  EXPECT_EQ(Urls::ArticleSlugFromPath("/berita/korea-utara"), "korea-utara");
  EXPECT_EQ(Urls::ArticleSlugFromPath("/berita/korea-utara/"), "korea-utara");
  EXPECT_FALSE(Urls::ArticleSlugFromPath("/berita/").has_value());
  EXPECT_FALSE(Urls::ArticleSlugFromPath("/tag/x").has_value());
  EXPECT_FALSE(Urls::ArticleSlugFromPath("/berita/a/b").has_value());
}

// Links to the site's own pages are stored with a reference that survives a
// route change: the article's slug, the search's query.
TEST(UrlsTest, ReadsTheReferenceOfALink) {
  Urls u("https://kabarin.id");
  EXPECT_EQ(u.LinkRef("/berita/korea-utara"), "article:korea-utara");
  EXPECT_EQ(u.LinkRef("https://kabarin.id/berita/korea-utara"),
            "article:korea-utara");
  EXPECT_EQ(u.LinkRef(u.Article("harga cabai")), "article:harga%20cabai");
  EXPECT_EQ(u.LinkRef(u.Search("banjir & longsor")),
            "search:banjir%20%26%20longsor");
  EXPECT_EQ(u.LinkRef("/cari?q=banjir+rob"), "search:banjir%20rob");
  for (const char* other :
       {"/berita/", "/berita/a/b", "/berita/x?utm=1", "/berita/x#foto",
        "/cari?q=a&page=2", "/cari", "/tag/banjir", "https://lain.id/berita/x",
        "https://kabarin.id.lain.id/berita/x", "//kabarin.id/berita/x",
        "berita/x", "mailto:a@b.id", ""}) {
    EXPECT_EQ(u.LinkRef(other), "") << other;
  }
}

// A body saved with older routes shows the links with today's.
TEST(UrlsTest, ResolvesStoredLinksWithTodaysRoutes) {
  Urls u("https://kabarin.id");
  const std::string saved =
      "<p>Lihat <a href=\"/artikel/harga-cabai\" data-ref=\"article:harga-"
      "cabai\">ini</a> dan <a href=\"https://x.id/\" rel=\"noopener\">itu</a>"
      ".</p>\n<aside class=\"read-also\"><span class=\"read-also-label\">Baca "
      "juga:</span> <a href=\"/search?query=Banjir%20%22Puncak%22\" "
      "data-ref=\"search:Banjir%20%22Puncak%22\">Banjir</a></aside>\n";
  EXPECT_EQ(u.ResolveLinks(saved),
            "<p>Lihat <a href=\"/berita/harga-cabai\">ini</a> dan <a "
            "href=\"https://x.id/\" rel=\"noopener\">itu</a>.</p>\n<aside "
            "class=\"read-also\"><span class=\"read-also-label\">Baca "
            "juga:</span> <a href=\"/cari?q=Banjir%20%22Puncak%22\">Banjir</a>"
            "</aside>\n");
  // Without references, or with ones it does not know, as it was (an unknown
  // one loses only its attribute).
  const std::string plain = "<p>a <a href=\"/berita/x\">x</a> data-ref=</p>";
  EXPECT_EQ(u.ResolveLinks(plain), plain);
  EXPECT_EQ(u.ResolveLinks("<a href=\"/x\" data-ref=\"kind:y\">y</a>"),
            "<a href=\"/x\">y</a>");
  // Text that only looks like one (escaped in a body) is left alone, as is
  // an attribute cut short.
  const std::string text = "<p>\" data-ref=\"article:x\"</p>";
  EXPECT_EQ(u.ResolveLinks(text), text);
  const std::string cut = "<a href=\"/x\" data-ref=\"article:x";
  EXPECT_EQ(u.ResolveLinks(cut), cut);
}

}  // namespace
}  // namespace warta
