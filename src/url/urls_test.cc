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

}  // namespace
}  // namespace warta
