#include "content/media.h"

#include <gtest/gtest.h>

namespace warta {
namespace {

TEST(MediaNameTest, CarriesTheSize) {
  std::string name =
      MediaFileName(2025, 9, "abcdef0123456789", {1200, 800}, "jpg");
  EXPECT_EQ(name, "2025/09/abcdef0123456789-1200x800.jpg");
  auto size = MediaImageSize("/media/" + name);
  ASSERT_TRUE(size.has_value());
  EXPECT_EQ(size->width, 1200);
  EXPECT_EQ(size->height, 800);
  EXPECT_FALSE(MediaImageSize("https://cdn.example/x-10x10.jpg").has_value());
  EXPECT_FALSE(MediaImageSize("/media/x.jpg").has_value());
  auto legacy = ParseMediaUrl("/media/" + name);
  ASSERT_TRUE(legacy.has_value());
  EXPECT_FALSE(legacy->has_variants);
}

TEST(MediaNameTest, PipelineOriginalsNameTheirVariants) {
  std::string name =
      MediaOriginalName(2026, 12, "abcdef0123456789", {1600, 900}, "png");
  EXPECT_EQ(name, "2026/12/abcdef0123456789-1600x900-o.png");
  auto ref = ParseMediaUrl("/media/" + name);
  ASSERT_TRUE(ref.has_value());
  EXPECT_TRUE(ref->has_variants);
  EXPECT_EQ(ref->size.width, 1600);
  EXPECT_EQ(ref->size.height, 900);
  EXPECT_EQ(ref->extension, "png");
  EXPECT_EQ(MediaVariantUrl(*ref, 640, "webp"),
            "/media/2026/12/abcdef0123456789-1600x900-640w.webp");
  // Variant URLs are not originals.
  EXPECT_FALSE(ParseMediaUrl("/media/2026/12/abcdef0123456789-1600x900-640w.webp")
                   .has_value());
  EXPECT_EQ(MediaShareWidth(*ref, 1200), 1280);
}

TEST(MediaNameTest, VariantWidthsNeverUpscale) {
  using W = std::vector<int>;
  EXPECT_EQ(MediaVariantWidths({1600, 900}), (W{320, 640, 960, 1280, 1600}));
  EXPECT_EQ(MediaVariantWidths({6000, 4000}), (W{320, 640, 960, 1280, 1920}));
  EXPECT_EQ(MediaVariantWidths({1920, 1080}), (W{320, 640, 960, 1280, 1920}));
  EXPECT_EQ(MediaVariantWidths({200, 100}), (W{200}));
  EXPECT_EQ(MediaVariantWidths({640, 480}), (W{320, 640}));
  EXPECT_EQ(MediaVariantSize({1600, 900}, 320).height, 180);
  EXPECT_EQ(MediaVariantSize({3, 1000}, 1).height, 333);
  MediaRef small{"/media/x-800x600", {800, 600}, "jpg", true};
  EXPECT_EQ(MediaShareWidth(small, 1200), 800);
}

}  // namespace
}  // namespace warta
