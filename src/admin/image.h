// Checks an uploaded image by its content, not its name or Content-Type:
// JPEG, PNG or WebP by their magic bytes, with the pixel size read from
// the headers (JPEG SOF marker, PNG IHDR, WebP VP8/VP8L/VP8X). Pure;
// thread-safe.
#ifndef WARTA_ADMIN_IMAGE_H_
#define WARTA_ADMIN_IMAGE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "content/media.h"

namespace warta::admin {

inline constexpr int kMaxImageSide = 16384;
// Most pixels an image may have (a 48-megapixel photo fits): a small file
// can declare a huge canvas that whoever decodes it must allocate.
inline constexpr std::int64_t kMaxImagePixels = std::int64_t{64} << 20;

struct ImageInfo {
  std::string format;        // "jpeg", "png", "webp"
  std::string extension;     // "jpg", "png", "webp"
  std::string content_type;  // "image/jpeg", ...
  ImageSize size;
};

// InvalidArgument ("image: ...") for anything else, truncated headers or a
// side of 0 or above kMaxImageSide, or above kMaxImagePixels in all.
Result<ImageInfo> SniffImage(std::string_view bytes);

}  // namespace warta::admin

#endif  // WARTA_ADMIN_IMAGE_H_
