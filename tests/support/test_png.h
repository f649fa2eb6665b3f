// Real PNG files for tests that upload images: a w x h RGB gradient,
// uncompressed (stored deflate blocks), with valid CRCs and Adler-32, so
// any decoder (the image pipeline's libvips) reads it. Header-only.
#ifndef WARTA_TESTS_SUPPORT_TEST_PNG_H_
#define WARTA_TESTS_SUPPORT_TEST_PNG_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace warta::testing {

inline std::uint32_t PngCrc32(std::string_view b) {
  std::uint32_t c = 0xffffffffu;
  for (char ch : b) {
    c ^= static_cast<unsigned char>(ch);
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
  }
  return ~c;
}

inline void PngBe32(std::string& s, std::uint32_t v) {
  for (int shift : {24, 16, 8, 0}) s += static_cast<char>((v >> shift) & 0xff);
}

inline std::string PngChunk(std::string_view type, std::string_view data) {
  std::string c;
  PngBe32(c, static_cast<std::uint32_t>(data.size()));
  std::string body = std::string(type) + std::string(data);
  c += body;
  PngBe32(c, PngCrc32(body));
  return c;
}

inline std::string TestPng(int w, int h) {
  std::string raw;
  raw.reserve(static_cast<size_t>(h) * (1 + 3 * w));
  for (int y = 0; y < h; ++y) {
    raw += '\0';  // filter: none
    for (int x = 0; x < w; ++x) {
      raw += static_cast<char>(x * 255 / (w > 1 ? w - 1 : 1));
      raw += static_cast<char>(y * 255 / (h > 1 ? h - 1 : 1));
      raw += static_cast<char>(128);
    }
  }
  std::string z = "\x78\x01";
  for (size_t at = 0; at < raw.size() || at == 0;) {
    size_t n = std::min<size_t>(65535, raw.size() - at);
    bool last = at + n == raw.size();
    z += static_cast<char>(last ? 1 : 0);
    z += static_cast<char>(n & 0xff);
    z += static_cast<char>(n >> 8);
    z += static_cast<char>(~n & 0xff);
    z += static_cast<char>((~n >> 8) & 0xff);
    z.append(raw, at, n);
    at += n;
    if (last) break;
  }
  std::uint32_t a = 1, b = 0;
  for (char ch : raw) {
    a = (a + static_cast<unsigned char>(ch)) % 65521;
    b = (b + a) % 65521;
  }
  PngBe32(z, b << 16 | a);
  std::string ihdr;
  PngBe32(ihdr, static_cast<std::uint32_t>(w));
  PngBe32(ihdr, static_cast<std::uint32_t>(h));
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1a\n", 8) + PngChunk("IHDR", ihdr) +
         PngChunk("IDAT", z) + PngChunk("IEND", "");
}

}  // namespace warta::testing

#endif  // WARTA_TESTS_SUPPORT_TEST_PNG_H_
