// Uploaded images keep their pixel size in their name:
// "/media/2025/09/3f2a9c1d0b4e5f67-1200x800.jpg". Page views read the size
// back from the URL to give <img> its width and height (no layout shift)
// without a lookup. Pure functions; thread-safe.
#ifndef WARTA_CONTENT_MEDIA_H_
#define WARTA_CONTENT_MEDIA_H_

#include <optional>
#include <string>
#include <string_view>

namespace warta {

struct ImageSize {
  int width = 0;
  int height = 0;
};

// The size encoded in a media URL's file name, or nullopt.
std::optional<ImageSize> MediaImageSize(std::string_view url);

// "2025/09/<hash>-<w>x<h>.<ext>" for an image uploaded at year/month.
std::string MediaFileName(int year, int month, std::string_view hash,
                          ImageSize size, std::string_view ext);

}  // namespace warta

#endif  // WARTA_CONTENT_MEDIA_H_
