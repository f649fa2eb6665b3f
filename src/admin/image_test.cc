#include "admin/image.h"

#include <gtest/gtest.h>

#include "admin/diff.h"

namespace warta::admin {
namespace {

std::string Bytes(std::initializer_list<int> b) {
  std::string s;
  for (int v : b) s += static_cast<char>(v);
  return s;
}

std::string Jpeg(int w, int h) {
  // SOI, an APP0 segment, SOF0 with height and width.
  return Bytes({0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xC0,
                0x00, 0x11, 0x08, h >> 8, h & 0xff, w >> 8, w & 0xff, 0x03});
}
std::string Png(int w, int h) {
  return std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16) +
         Bytes({0, 0, w >> 8, w & 0xff, 0, 0, h >> 8, h & 0xff, 8, 2, 0, 0, 0});
}
std::string Webp(const char* chunk, std::string payload) {
  std::string s = "RIFF" + Bytes({0, 0, 0, 0}) + "WEBP" + chunk +
                  Bytes({0, 0, 0, 0}) + payload;
  s.resize(std::max<size_t>(s.size(), 30), '\0');
  return s;
}

TEST(ImageTest, ReadsFormatAndSizeFromTheBytes) {
  struct Case {
    std::string name, bytes, format;
    int w, h;
  } cases[] = {
      {"jpeg", Jpeg(1200, 800), "jpeg", 1200, 800},
      {"png", Png(640, 360), "png", 640, 360},
      {"webp lossy",
       Webp("VP8 ", Bytes({0, 0, 0, 0x9d, 0x01, 0x2a, 0x20, 0x03, 0x58, 0x02})),
       "webp", 800, 600},
      {"webp lossless",
       // 14-bit width-1 = 99, height-1 = 49.
       Webp("VP8L", Bytes({0x2f, 99, (49 << 6) & 0xff, 49 >> 2, 0})), "webp",
       100, 50},
      {"webp extended",
       Webp("VP8X", Bytes({0, 0, 0, 0, 0x7f, 0x07, 0, 0x37, 0x04, 0})), "webp",
       1920, 1080},
  };
  for (const Case& c : cases) {
    auto info = SniffImage(c.bytes);
    ASSERT_TRUE(info.ok()) << c.name << ": " << info.status().ToString();
    EXPECT_EQ(info->format, c.format) << c.name;
    EXPECT_EQ(info->size.width, c.w) << c.name;
    EXPECT_EQ(info->size.height, c.h) << c.name;
  }
}

TEST(ImageTest, RefusesWhatIsNotAnImage) {
  for (std::string bad :
       {std::string("<svg onload=alert(1)>"), std::string("GIF89a......"),
        std::string("\xFF\xD8\xFF", 3), Png(0, 10), Png(20000, 10),
        Jpeg(100, 0), std::string("RIFF\0\0\0\0WEBPVP8 ", 16),
        // F10 (issue 15): a 746 KB PNG declaring 16000x16000 was accepted.
        Png(16000, 16000), Jpeg(9000, 9000)}) {
    auto info = SniffImage(bad);
    EXPECT_FALSE(info.ok()) << bad;
    if (!info.ok()) {
      EXPECT_EQ(info.status().message().rfind("image: ", 0), 0u);
    }
  }
}

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
}

TEST(DiffTest, ShowsWordChangesReadably) {
  auto parts =
      DiffWords("Air surut pagi ini.", "Air surut sore ini. Warga kembali.");
  std::string html = DiffHtml(parts);
  EXPECT_EQ(html,
            "Air surut <del>pagi</del><ins>sore</ins> ini.<ins> Warga "
            "kembali.</ins>");
  EXPECT_EQ(DiffHtml(DiffWords("<b>", "<i>")),
            "<del>&lt;b&gt;</del><ins>&lt;i&gt;</ins>");
  EXPECT_EQ(DiffHtml(DiffWords("sama", "sama")), "sama");
  // Long unchanged stretches are shortened around the change.
  std::string lead(2000, 'a');
  std::string shown = DiffHtml(DiffWords(lead + " x", lead + " y"), 50);
  EXPECT_LT(shown.size(), 200u);
  EXPECT_NE(shown.find("diff-skip"), std::string::npos);
  EXPECT_NE(shown.find("<ins>y</ins>"), std::string::npos);
}

}  // namespace
}  // namespace warta::admin
