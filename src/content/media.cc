#include "content/media.h"

#include <algorithm>
#include <cstdio>

#include "base/strings.h"

namespace warta {
namespace {

std::optional<ImageSize> ParseDims(std::string_view dims) {
  size_t x = dims.find('x');
  if (x == std::string_view::npos) return std::nullopt;
  auto w = ParseInt(dims.substr(0, x));
  auto h = ParseInt(dims.substr(x + 1));
  if (!w || !h || *w <= 0 || *h <= 0 || *w > 100000 || *h > 100000)
    return std::nullopt;
  return ImageSize{static_cast<int>(*w), static_cast<int>(*h)};
}

std::string YearMonth(int year, int month) {
  char ym[16];
  std::snprintf(ym, sizeof ym, "%04d/%02d/", year, month);
  return ym;
}

}  // namespace

std::optional<MediaRef> ParseMediaUrl(std::string_view url) {
  if (url.rfind("/media/", 0) != 0) return std::nullopt;
  size_t slash = url.rfind('/');
  std::string_view name = url.substr(slash + 1);
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view stem = name.substr(0, dot);
  MediaRef ref;
  if (stem.ends_with("-o")) {
    ref.has_variants = true;
    stem.remove_suffix(2);
  }
  size_t dash = stem.rfind('-');
  if (dash == std::string_view::npos || dash == 0) return std::nullopt;
  auto size = ParseDims(stem.substr(dash + 1));
  if (!size) return std::nullopt;
  ref.size = *size;
  ref.stem = std::string(url.substr(0, slash + 1)) + std::string(stem);
  ref.extension = std::string(name.substr(dot + 1));
  return ref;
}

std::optional<ImageSize> MediaImageSize(std::string_view url) {
  auto ref = ParseMediaUrl(url);
  if (!ref) return std::nullopt;
  return ref->size;
}

std::string MediaFileName(int year, int month, std::string_view hash,
                          ImageSize size, std::string_view ext) {
  return YearMonth(year, month) + std::string(hash) + "-" +
         std::to_string(size.width) + "x" + std::to_string(size.height) + "." +
         std::string(ext);
}

std::string MediaOriginalName(int year, int month, std::string_view hash,
                              ImageSize size, std::string_view ext) {
  return YearMonth(year, month) + std::string(hash) + "-" +
         std::to_string(size.width) + "x" + std::to_string(size.height) +
         "-o." + std::string(ext);
}

std::vector<int> MediaVariantWidths(ImageSize original) {
  std::vector<int> out;
  if (original.width <= 0 || original.height <= 0) return out;
  const int top = std::min(original.width, kMediaVariantLadder[4]);
  for (int w : kMediaVariantLadder)
    if (w < top) out.push_back(w);
  out.push_back(top);
  return out;
}

ImageSize MediaVariantSize(ImageSize original, int width) {
  if (original.width <= 0) return {width, 1};
  long long h =
      (static_cast<long long>(original.height) * width * 2 + original.width) /
      (2LL * original.width);
  return {width, static_cast<int>(std::max(1LL, h))};
}

std::string MediaVariantUrl(const MediaRef& ref, int width,
                            std::string_view ext) {
  return ref.stem + "-" + std::to_string(width) + "w." + std::string(ext);
}

int MediaShareWidth(const MediaRef& ref, int min_width) {
  if (!ref.has_variants) return 0;
  std::vector<int> widths = MediaVariantWidths(ref.size);
  for (int w : widths)
    if (w >= min_width) return w;
  return widths.empty() ? 0 : widths.back();
}

std::string MediaContentType(std::string_view ext) {
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "png") return "image/png";
  if (ext == "webp") return "image/webp";
  if (ext == "avif") return "image/avif";
  return "";
}

}  // namespace warta
