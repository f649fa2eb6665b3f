#include "admin/image.h"

#include <cstdint>

namespace warta::admin {
namespace {

std::uint32_t U8(std::string_view b, size_t i) {
  return static_cast<unsigned char>(b[i]);
}
std::uint32_t Be16(std::string_view b, size_t i) {
  return U8(b, i) << 8 | U8(b, i + 1);
}
std::uint32_t Be32(std::string_view b, size_t i) {
  return Be16(b, i) << 16 | Be16(b, i + 2);
}
std::uint32_t Le16(std::string_view b, size_t i) {
  return U8(b, i) | U8(b, i + 1) << 8;
}
std::uint32_t Le24(std::string_view b, size_t i) {
  return Le16(b, i) | U8(b, i + 2) << 16;
}

Status Bad(const std::string& why) {
  return Status::InvalidArgument("image: " + why);
}

Result<ImageSize> JpegSize(std::string_view b) {
  size_t i = 2;
  while (i + 4 <= b.size()) {
    if (U8(b, i) != 0xFF) return Bad("corrupt JPEG marker");
    std::uint32_t marker = U8(b, i + 1);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0xD8 || marker == 0x01 ||
        (marker >= 0xD0 && marker <= 0xD7)) {
      i += 2;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) break;  // end, or scan without SOF
    std::uint32_t len = Be16(b, i + 2);
    if (len < 2) return Bad("corrupt JPEG segment");
    bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 &&
               marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (i + 9 > b.size()) break;
      return ImageSize{static_cast<int>(Be16(b, i + 7)),
                       static_cast<int>(Be16(b, i + 5))};
    }
    i += 2 + len;
  }
  return Bad("JPEG without a frame header");
}

Result<ImageSize> PngSize(std::string_view b) {
  if (b.size() < 24 || b.substr(12, 4) != "IHDR")
    return Bad("PNG without IHDR");
  std::uint32_t w = Be32(b, 16), h = Be32(b, 20);
  if (w > 0x7fffffff || h > 0x7fffffff) return Bad("PNG size out of range");
  return ImageSize{static_cast<int>(w), static_cast<int>(h)};
}

Result<ImageSize> WebpSize(std::string_view b) {
  if (b.size() < 30) return Bad("WebP too short");
  std::string_view chunk = b.substr(12, 4);
  if (chunk == "VP8 ") {
    // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit sizes.
    if (U8(b, 23) != 0x9d || U8(b, 24) != 0x01 || U8(b, 25) != 0x2a)
      return Bad("corrupt WebP (VP8)");
    return ImageSize{static_cast<int>(Le16(b, 26) & 0x3fff),
                     static_cast<int>(Le16(b, 28) & 0x3fff)};
  }
  if (chunk == "VP8L") {
    if (U8(b, 20) != 0x2f) return Bad("corrupt WebP (VP8L)");
    std::uint32_t bits =
        U8(b, 21) | U8(b, 22) << 8 | U8(b, 23) << 16 | U8(b, 24) << 24;
    return ImageSize{static_cast<int>((bits & 0x3fff) + 1),
                     static_cast<int>(((bits >> 14) & 0x3fff) + 1)};
  }
  if (chunk == "VP8X") {
    return ImageSize{static_cast<int>(Le24(b, 24) + 1),
                     static_cast<int>(Le24(b, 27) + 1)};
  }
  return Bad("unknown WebP chunk");
}

}  // namespace

Result<ImageInfo> SniffImage(std::string_view b) {
  ImageInfo info;
  Result<ImageSize> size = Bad("not a JPEG, PNG or WebP image");
  if (b.size() >= 4 && U8(b, 0) == 0xFF && U8(b, 1) == 0xD8 &&
      U8(b, 2) == 0xFF) {
    info = {"jpeg", "jpg", "image/jpeg", {}};
    size = JpegSize(b);
  } else if (b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n") {
    info = {"png", "png", "image/png", {}};
    size = PngSize(b);
  } else if (b.size() >= 16 && b.substr(0, 4) == "RIFF" &&
             b.substr(8, 4) == "WEBP") {
    info = {"webp", "webp", "image/webp", {}};
    size = WebpSize(b);
  }
  if (!size.ok()) return size.status();
  if (size->width <= 0 || size->height <= 0 || size->width > kMaxImageSide ||
      size->height > kMaxImageSide) {
    return Bad("size " + std::to_string(size->width) + "x" +
               std::to_string(size->height) + " out of range (1 to " +
               std::to_string(kMaxImageSide) + " pixels a side)");
  }
  if (std::int64_t{size->width} * size->height > kMaxImagePixels) {
    return Bad("size " + std::to_string(size->width) + "x" +
               std::to_string(size->height) + " has more than " +
               std::to_string(kMaxImagePixels) + " pixels");
  }
  info.size = *size;
  return info;
}

}  // namespace warta::admin
