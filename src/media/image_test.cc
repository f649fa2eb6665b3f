#include "media/image.h"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <cstdint>
#include <string>

namespace warta::media {
namespace {

// A solid-colour test image encoded by libvips: "jpg", "png" or "webp".
std::string Encode(int w, int h, std::string_view ext) {
  EXPECT_TRUE(Init().ok());
  VipsImage* black = nullptr;
  EXPECT_EQ(vips_black(&black, w, h, "bands", 3, nullptr), 0);
  VipsImage* img = nullptr;
  EXPECT_EQ(vips_linear1(black, &img, 1.0, 90.0, "uchar", TRUE, nullptr), 0);
  g_object_unref(black);
  void* buf = nullptr;
  size_t len = 0;
  int r = ext == "jpg"   ? vips_jpegsave_buffer(img, &buf, &len, nullptr)
          : ext == "png" ? vips_pngsave_buffer(img, &buf, &len, nullptr)
          : ext == "avif"
              ? vips_heifsave_buffer(img, &buf, &len, "compression",
                                     VIPS_FOREIGN_HEIF_COMPRESSION_AV1, nullptr)
              : vips_webpsave_buffer(img, &buf, &len, nullptr);
  EXPECT_EQ(r, 0);
  g_object_unref(img);
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

void Le16(std::string& s, int v) {
  s += static_cast<char>(v & 0xff);
  s += static_cast<char>((v >> 8) & 0xff);
}
void Le32(std::string& s, std::uint32_t v) {
  Le16(s, v & 0xffff);
  Le16(s, v >> 16);
}
void Entry(std::string& s, int tag, int type, int count, std::uint32_t value) {
  Le16(s, tag);
  Le16(s, type);
  Le32(s, count);
  Le32(s, value);
}

// `jpeg` with an EXIF APP1 segment after SOI: Orientation 6 (turn 90
// degrees clockwise) and a GPS latitude of 6 deg 10' S (Jakarta).
std::string WithExif(const std::string& jpeg) {
  std::string t = "II*";
  t += '\0';
  Le32(t, 8);
  Le16(t, 2);                  // IFD0 at 8: two entries
  Entry(t, 0x0112, 3, 1, 6);   // Orientation
  Entry(t, 0x8825, 4, 1, 38);  // GPS IFD pointer
  Le32(t, 0);
  Le16(t, 2);                   // GPS IFD at 38
  Entry(t, 0x0001, 2, 2, 'S');  // GPSLatitudeRef "S"
  Entry(t, 0x0002, 5, 3, 68);   // GPSLatitude at 68
  Le32(t, 0);
  for (std::uint32_t v : {6u, 1u, 10u, 1u, 0u, 1u}) Le32(t, v);
  std::string app1 = "\xFF\xE1";
  const size_t len = 2 + 6 + t.size();
  app1 += static_cast<char>(len >> 8);
  app1 += static_cast<char>(len & 0xff);
  app1 += std::string("Exif\0\0", 6) + t;
  return jpeg.substr(0, 2) + app1 + jpeg.substr(2);
}

std::uint32_t Crc32(std::string_view b) {
  std::uint32_t c = 0xffffffffu;
  for (char ch : b) {
    c ^= static_cast<unsigned char>(ch);
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
  }
  return ~c;
}
void Be32(std::string& s, std::uint32_t v) {
  for (int shift : {24, 16, 8, 0}) s += static_cast<char>((v >> shift) & 0xff);
}
std::string Chunk(std::string_view type, std::string_view data) {
  std::string c;
  Be32(c, static_cast<std::uint32_t>(data.size()));
  std::string body = std::string(type) + std::string(data);
  c += body;
  Be32(c, Crc32(body));
  return c;
}

// A PNG of a few dozen bytes declaring a w x h canvas.
std::string PngBomb(std::uint32_t w, std::uint32_t h) {
  std::string ihdr;
  Be32(ihdr, w);
  Be32(ihdr, h);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB
  return std::string("\x89PNG\r\n\x1a\n", 8) + Chunk("IHDR", ihdr) +
         Chunk("IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)) +
         Chunk("IEND", "");
}

TEST(ImageTest, ProbeReadsFormatAndSize) {
  for (std::string_view ext : {"jpg", "png", "webp"}) {
    auto info = Probe(Encode(120, 80, ext), Limits());
    ASSERT_TRUE(info.ok()) << ext << ": " << info.status().ToString();
    EXPECT_EQ(StoredExtension(info->format), ext);
    EXPECT_EQ(info->size.width, 120);
    EXPECT_EQ(info->size.height, 80);
  }
}

// A JPEG of a few bytes whose frame header declares w x h (issue 15: such
// headers were accepted once).
std::string JpegHeader(int w, int h) {
  const int b[] = {0xFF, 0xD8,   0xFF,     0xE0,   0x00,     0x04,
                   0x4A, 0x46,   0xFF,     0xC0,   0x00,     0x11,
                   0x08, h >> 8, h & 0xff, w >> 8, w & 0xff, 0x03};
  std::string s;
  for (int v : b) s += static_cast<char>(v);
  return s;
}

TEST(ImageTest, RejectsWhatIsNotAnImage) {
  for (std::string bytes :
       {std::string("hello"),
        std::string("<svg xmlns=\"http://www.w3.org/"
                    "2000/svg\"></svg>"),
        std::string("GIF89a\x01\x00\x01\x00\x00\x00\x00;", 13),
        std::string("%PDF-1.7\n"), Encode(50, 50, "jpg").substr(0, 40),
        std::string("\xFF\xD8\xFF", 3), JpegHeader(9000, 9000),
        JpegHeader(100, 0), std::string("RIFF\0\0\0\0WEBPVP8 ", 16),
        PngBomb(0, 10), PngBomb(16000, 16000)}) {
    auto info = MakeVariants(bytes, Limits());
    ASSERT_FALSE(info.ok()) << bytes;
    EXPECT_EQ(info.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(info.status().message().rfind("image: ", 0), 0u);
  }
}

TEST(ImageTest, RejectsDecompressionBombsAndHugeSides) {
  auto bomb = Probe(PngBomb(9000, 9000), Limits());  // 81 MP in 57 bytes
  ASSERT_FALSE(bomb.ok());
  EXPECT_NE(bomb.status().message().find("pixels"), std::string::npos)
      << bomb.status().ToString();
  auto side = Probe(PngBomb(20000, 1), Limits());
  ASSERT_FALSE(side.ok());
  EXPECT_NE(side.status().message().find("out of range"), std::string::npos)
      << side.status().ToString();
}

TEST(ImageTest, RejectsMoreThanTheUploadLimit) {
  Limits small;
  small.max_bytes = 100;
  auto r = Probe(Encode(64, 64, "png"), small);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("upload limit"), std::string::npos);
}

TEST(ImageTest, VariantsHaveTheirRealSizesAndFormats) {
  auto v = MakeVariants(Encode(1600, 900, "jpg"), Limits());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->original.extension, "jpg");
  EXPECT_EQ(v->original.size.width, 1600);
  const int widths[] = {320, 640, 960, 1280, 1600};
  ASSERT_EQ(v->variants.size(), 10u);
  for (size_t i = 0; i < v->variants.size(); ++i) {
    const Encoded& e = v->variants[i];
    const int w = widths[i / 2];
    EXPECT_EQ(e.extension, i % 2 == 0 ? "jpg" : "webp");
    auto real = Probe(e.bytes, Limits());
    ASSERT_TRUE(real.ok()) << real.status().ToString();
    EXPECT_EQ(real->format, i % 2 == 0 ? "jpeg" : "webp");
    EXPECT_EQ(real->size.width, w);
    EXPECT_EQ(real->size.height, w * 9 / 16);
    EXPECT_EQ(e.size.width, w);
    EXPECT_EQ(e.size.height, w * 9 / 16);
  }
}

TEST(ImageTest, LargePngGetsPngAndWebpVariantsUpTo1920) {
  auto v = MakeVariants(Encode(2500, 1000, "png"), Limits());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  ASSERT_EQ(v->variants.size(), 10u);
  auto top = Probe(v->variants[8].bytes, Limits());
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(top->format, "png");
  EXPECT_EQ(top->size.width, 1920);
  EXPECT_EQ(top->size.height, 768);
  EXPECT_EQ(v->variants[9].content_type, "image/webp");
}

TEST(ImageTest, AvifIsReadAndStoredAsJpeg) {
  const std::string avif = Encode(400, 300, "avif");
  auto info = Probe(avif, Limits());
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->format, "avif");
  auto v = MakeVariants(avif, Limits());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->original.extension, "jpg");
  EXPECT_EQ(Probe(v->original.bytes, Limits())->format, "jpeg");
  ASSERT_EQ(v->variants.size(), 4u);  // 320 and 400, JPEG and WebP
  EXPECT_EQ(Probe(v->variants[2].bytes, Limits())->size.width, 400);
}

TEST(ImageTest, NeverUpscales) {
  auto v = MakeVariants(Encode(200, 100, "webp"), Limits());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  ASSERT_EQ(v->variants.size(), 2u);
  for (const Encoded& e : v->variants) {
    auto real = Probe(e.bytes, Limits());
    ASSERT_TRUE(real.ok());
    EXPECT_EQ(real->size.width, 200);
    EXPECT_EQ(real->size.height, 100);
  }
}

TEST(ImageTest, StripsExifButKeepsOrientation) {
  const std::string upload = WithExif(Encode(100, 60, "jpg"));
  auto probed = Probe(upload, Limits());
  ASSERT_TRUE(probed.ok()) << probed.status().ToString();
  EXPECT_EQ(probed->orientation, 6);
  EXPECT_EQ(probed->size.width, 60);  // shown turned
  EXPECT_EQ(probed->size.height, 100);
  ASSERT_NE(upload.find(std::string("Exif\0\0", 6)), std::string::npos);

  auto v = MakeVariants(upload, Limits());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  std::vector<const Encoded*> all = {&v->original};
  for (const Encoded& e : v->variants) all.push_back(&e);
  for (const Encoded* e : all) {
    EXPECT_EQ(e->bytes.find("Exif"), std::string::npos) << e->extension;
    EXPECT_EQ(e->bytes.find("EXIF"), std::string::npos) << e->extension;
    auto real = Probe(e->bytes, Limits());
    ASSERT_TRUE(real.ok());
    EXPECT_EQ(real->orientation, 1);  // turned in the pixels
    EXPECT_EQ(real->size.width, 60);
    EXPECT_EQ(real->size.height, 100);
  }
}

TEST(ImageGateTest, BoundsConcurrentJobs) {
  ImageGate gate(1);
  auto a = gate.Enter(std::chrono::milliseconds(10));
  EXPECT_TRUE(a.ok());
  auto b = gate.Enter(std::chrono::milliseconds(10));
  EXPECT_FALSE(b.ok());
  { auto moved = std::move(a); }
  auto c = gate.Enter(std::chrono::milliseconds(10));
  EXPECT_TRUE(c.ok());
}

}  // namespace
}  // namespace warta::media
