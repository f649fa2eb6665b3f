#include "ingest/wire_images.h"

#include <gtest/gtest.h>

namespace warta::ingest {
namespace {

TEST(WireImagesTest, FindsTheRemoteImageTargetsOfMarkdownOnce) {
  const std::string md =
      "Teks ![Sawah \\] menguning](https://a.example/s.jpg) dan "
      "[tautan](https://a.example/bukan-gambar.jpg).\n\n"
      "![lokal](/media/2026/12/x-1x1-o.png) ![lagi](https://a.example/s.jpg)"
      " ![dua](http://b.example/d%20e.png) ![rusak](https://a.example/";
  EXPECT_EQ(MarkdownImageUrls(md),
            (std::vector<std::string>{"https://a.example/s.jpg",
                                      "http://b.example/d%20e.png"}));
}

TEST(WireImagesTest, ReplacesOnlyTheKeptTargets) {
  const std::string md =
      "![a](https://a.example/s.jpg) ![b](https://b.example/t.jpg) "
      "[a](https://a.example/s.jpg) ![c](https://a.example/s.jpg)";
  EXPECT_EQ(ReplaceMarkdownImages(md, {{"https://a.example/s.jpg",
                                        "/media/2026/12/k-1x1-o.jpg"}}),
            "![a](/media/2026/12/k-1x1-o.jpg) ![b](https://b.example/t.jpg) "
            "[a](https://a.example/s.jpg) ![c](/media/2026/12/k-1x1-o.jpg)");
  EXPECT_EQ(ReplaceMarkdownImages(md, {}), md);
}

TEST(WireImagesTest, APhotoThatCannotBeFetchedStaysRemote) {
  Article a;
  // Port 9 on loopback: refused (not internal) before anything is sent.
  a.feature_image = "http://127.0.0.1:9/foto.jpg";
  a.body = "![x](http://127.0.0.1:9/lain.jpg)";
  int kept = 0;
  ImageKeeper keeper;
  keeper.keep = [&](std::string_view) -> Result<std::string> {
    ++kept;
    return std::string("/media/x");
  };
  std::vector<std::string> failed = KeepArticleImages(a, keeper, false);
  EXPECT_EQ(failed.size(), 2u);
  EXPECT_EQ(kept, 0);
  EXPECT_EQ(a.feature_image, "http://127.0.0.1:9/foto.jpg");
  EXPECT_EQ(a.body, "![x](http://127.0.0.1:9/lain.jpg)");
}

}  // namespace
}  // namespace warta::ingest
