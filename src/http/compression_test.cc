#include "http/compression.h"

#include <gtest/gtest.h>

#include <string>

namespace warta::http {
namespace {

std::string SampleText(size_t n) {
  std::string s;
  while (s.size() < n) s += "Hujan deras mengguyur Jakarta sejak pagi. ";
  s.resize(n);
  return s;
}

TEST(CodingQualityTest, Table) {
  struct Case {
    std::string header;
    double br;
    double gzip;
  } cases[] = {
      {"", 0, 0},
      {"gzip", 0, 1},
      {"gzip, deflate, br", 1, 1},
      {"br;q=0.5, gzip;q=0.8", 0.5, 0.8},
      {"gzip;q=0, br", 1, 0},
      {"BR ; Q=0.3", 0.3, 0},
      {"*", 1, 1},
      {"*;q=0.1, gzip;q=0", 0.1, 0},
      {"identity", 0, 0},
      {"x-gzip", 0, 1},
      {"gzip;q=0.000", 0, 0},
      {"gzip;q=bogus", 0, 1},  // a malformed q counts as 1
  };
  for (const auto& c : cases) {
    EXPECT_DOUBLE_EQ(CodingQuality(c.header, "br"), c.br) << c.header;
    EXPECT_DOUBLE_EQ(CodingQuality(c.header, "gzip"), c.gzip) << c.header;
  }
}

TEST(PreferredCodingTest, Table) {
  struct Case {
    const char* header;
    Coding want;
  } cases[] = {
      {"", Coding::kIdentity},
      {"identity", Coding::kIdentity},
      {"gzip, deflate, br", Coding::kBrotli},
      {"gzip, deflate, br;q=0.9", Coding::kGzip},
      {"br;q=0.5, gzip;q=0.5", Coding::kBrotli},
      {"gzip", Coding::kGzip},
      {"x-gzip", Coding::kGzip},
      {"*", Coding::kBrotli},
      {"br;q=0, gzip;q=0", Coding::kIdentity},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PreferredCoding(c.header), c.want) << c.header;
  }
}

TEST(CompressibleTypeTest, Table) {
  for (std::string_view t :
       {"text/html; charset=utf-8", "text/css", "TEXT/PLAIN",
        "application/json", "application/javascript", "application/xml",
        "application/rss+xml", "application/atom+xml", "application/feed+json",
        "image/svg+xml"}) {
    EXPECT_TRUE(IsCompressibleType(t)) << t;
  }
  for (std::string_view t :
       {"image/png", "image/jpeg", "application/octet-stream",
        "application/gzip", "font/woff2", "video/mp4", ""}) {
    EXPECT_FALSE(IsCompressibleType(t)) << t;
  }
}

TEST(CompressionTest, GzipRoundTrip) {
  std::string text = SampleText(100000);
  std::string gz = GzipCompress(text);
  EXPECT_LT(gz.size(), text.size() / 10);
  ASSERT_GE(gz.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  Result<std::string> back = GzipDecompress(gz);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, text);
  EXPECT_EQ(*GzipDecompress(GzipCompress("")), "");
}

TEST(CompressionTest, BrotliRoundTrip) {
  std::string text = SampleText(100000);
  std::string br = BrotliCompress(text);
  EXPECT_LT(br.size(), text.size() / 10);
  Result<std::string> back = BrotliDecompress(br);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, text);
}

TEST(CompressionTest, DecodersRejectGarbageAndEnforceLimits) {
  EXPECT_EQ(GzipDecompress("not gzip at all").status().code(),
            StatusCode::kInvalidArgument);
  std::string gz = GzipCompress(SampleText(5000));
  EXPECT_EQ(GzipDecompress(gz.substr(0, gz.size() / 2)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(BrotliDecompress("\xff\xff\xff garbage").status().code(),
            StatusCode::kInvalidArgument);
  std::string big = SampleText(1 << 20);
  EXPECT_EQ(GzipDecompress(GzipCompress(big), 1000).status().code(),
            StatusCode::kResourceExhausted);
  EXPECT_EQ(BrotliDecompress(BrotliCompress(big), 1000).status().code(),
            StatusCode::kResourceExhausted);
}

TEST(CompressionTest, GzipStreamProducesOneValidMember) {
  GzipStream gz;
  std::string out, expected;
  for (int i = 0; i < 50; ++i) {
    std::string piece = "chunk " + std::to_string(i) + " " + SampleText(300);
    expected += piece;
    size_t before = out.size();
    gz.Write(piece, out);
    EXPECT_GT(out.size(), before) << "each write is flushed";
  }
  gz.Finish(out);
  Result<std::string> back = GzipDecompress(out);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, expected);
}

}  // namespace
}  // namespace warta::http
