#include "content/media.h"

#include <cstdio>

#include "base/strings.h"

namespace warta {

std::optional<ImageSize> MediaImageSize(std::string_view url) {
  if (url.rfind("/media/", 0) != 0) return std::nullopt;
  size_t slash = url.rfind('/');
  std::string_view name = url.substr(slash + 1);
  size_t dot = name.rfind('.');
  size_t dash = name.rfind('-', dot);
  if (dot == std::string_view::npos || dash == std::string_view::npos)
    return std::nullopt;
  std::string_view dims = name.substr(dash + 1, dot - dash - 1);
  size_t x = dims.find('x');
  if (x == std::string_view::npos) return std::nullopt;
  auto w = ParseInt(dims.substr(0, x));
  auto h = ParseInt(dims.substr(x + 1));
  if (!w || !h || *w <= 0 || *h <= 0 || *w > 100000 || *h > 100000)
    return std::nullopt;
  return ImageSize{static_cast<int>(*w), static_cast<int>(*h)};
}

std::string MediaFileName(int year, int month, std::string_view hash,
                          ImageSize size, std::string_view ext) {
  char ym[16];
  std::snprintf(ym, sizeof ym, "%04d/%02d/", year, month);
  return std::string(ym) + std::string(hash) + "-" +
         std::to_string(size.width) + "x" + std::to_string(size.height) + "." +
         std::string(ext);
}

}  // namespace warta
