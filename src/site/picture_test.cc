#include "site/picture.h"

#include <gtest/gtest.h>

namespace warta::site {
namespace {

constexpr const char* kUpload =
    "/media/2026/12/abcdef0123456789-1600x900-o.jpg";
constexpr const char* kStem = "/media/2026/12/abcdef0123456789-1600x900";

TEST(PictureTest, PipelineUploadsOfferEveryVariant) {
  PictureOptions o;
  o.sizes = "100vw";
  o.src_width = 1200;
  o.lazy = false;
  o.high_priority = true;
  render::View v = PictureView(kUpload, "Pompa air", o);
  EXPECT_EQ(v["src"], std::string(kStem) + "-1280w.jpg");
  EXPECT_EQ(v["width"], 1280);
  EXPECT_EQ(v["height"], 720);
  EXPECT_EQ(v["srcset"], std::string(kStem) + "-320w.jpg 320w, " + kStem +
                             "-640w.jpg 640w, " + kStem + "-960w.jpg 960w, " +
                             kStem + "-1280w.jpg 1280w, " + kStem +
                             "-1600w.jpg 1600w");
  EXPECT_NE(v["webp_srcset"].get<std::string>().find("-1600w.webp 1600w"),
            std::string::npos);
  EXPECT_EQ(v["position"], false);

  std::string html = PictureHtml(kUpload, "Pompa \"air\"", o);
  EXPECT_EQ(html.rfind("<picture><source type=\"image/webp\" srcset=\"", 0),
            0u);
  EXPECT_NE(html.find("alt=\"Pompa &quot;air&quot;\" width=\"1280\" "
                      "height=\"720\" fetchpriority=\"high\" "
                      "decoding=\"async\"></picture>"),
            std::string::npos)
      << html;
}

TEST(PictureTest, OtherImagesKeepTheirSource) {
  PictureOptions o;
  render::View legacy =
      PictureView("/media/2025/09/abcdef0123456789-640x360.png", "", o);
  EXPECT_EQ(legacy["srcset"], false);
  EXPECT_EQ(legacy["width"], 640);
  render::View outside = PictureView("https://cdn.example/x.jpg", "", o);
  EXPECT_EQ(outside["src"], "https://cdn.example/x.jpg");
  EXPECT_EQ(outside["width"], false);
  EXPECT_EQ(PictureHtml("https://cdn.example/x.jpg", "x", o),
            "<img src=\"https://cdn.example/x.jpg\" alt=\"x\" loading=\"lazy\" "
            "decoding=\"async\">");
}

TEST(PictureTest, BodyImagesOfUploadsBecomePictures) {
  const std::string html =
      "<p>Teks</p>\n<p><img src=\"" + std::string(kUpload) +
      "\" alt=\"Warga &amp; pompa\" loading=\"lazy\" decoding=\"async\"></p>\n"
      "<p><img src=\"https://cdn.example/x.jpg\" alt=\"luar\" "
      "loading=\"lazy\" decoding=\"async\"></p>\n";
  std::string out = WithBodyPictures(html);
  EXPECT_NE(out.find("<p><picture><source type=\"image/webp\""),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("alt=\"Warga &amp; pompa\" width=\"960\" height=\"540\" "
                     "loading=\"lazy\""),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<img src=\"https://cdn.example/x.jpg\" alt=\"luar\""),
            std::string::npos);
  EXPECT_EQ(WithBodyPictures("<p>tanpa gambar</p>"), "<p>tanpa gambar</p>");
}

TEST(PictureTest, CardsCropAroundTheFocalPointOrStayText) {
  Article a;
  EXPECT_EQ(CardImageView(a, true), false);
  a.feature_image = kUpload;
  a.feature_image_focal_x = 0.25;
  a.feature_image_focal_y = 0.75;
  render::View card = CardImageView(a, true);
  EXPECT_EQ(card["position"], "25.0% 75.0%");
  EXPECT_EQ(card["src"], std::string(kStem) + "-640w.jpg");
  EXPECT_EQ(card["lazy"], true);
  EXPECT_EQ(card["high"], false);
  render::View cards = render::View::array();
  cards.push_back({{"image", card}});
  LoadFirstCardEagerly(cards);
  EXPECT_EQ(cards[0]["image"]["lazy"], false);
  EXPECT_EQ(cards[0]["image"]["high"], true);
}

TEST(PictureTest, TheHomePagesLeadPhotoLoadsFirst) {
  Article a;
  a.feature_image = kUpload;
  render::View lead = LeadImageView(a);
  EXPECT_EQ(lead["lazy"], false);
  EXPECT_EQ(lead["high"], true);
  EXPECT_EQ(lead["src"], std::string(kStem) + "-960w.jpg");
}

}  // namespace
}  // namespace warta::site
