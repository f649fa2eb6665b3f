// Uploaded images keep their pixel size in their name:
// "/media/2025/09/3f2a9c1d0b4e5f67-1200x800.jpg". Page views read the size
// back from the URL to give <img> its width and height (no layout shift)
// without a lookup.
//
// Uploads made by the image pipeline (src/media) are named
// "<hash>-<w>x<h>-o.<ext>" (the stripped original, orientation applied) and
// have resized variants beside them, "<hash>-<w>x<h>-<width>w.<ext>", one per
// MediaVariantWidths() entry, in the original's raster format and in WebP.
// The names are derived from the upload's content hash and never change, so
// pages compute every variant URL from the original's URL alone.
// Pure functions; thread-safe.
#ifndef WARTA_CONTENT_MEDIA_H_
#define WARTA_CONTENT_MEDIA_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warta {

struct ImageSize {
  int width = 0;
  int height = 0;
};

// Widths the pipeline makes, never wider than the original.
inline constexpr int kMediaVariantLadder[] = {320, 640, 960, 1280, 1920};

// A media URL taken apart.
struct MediaRef {
  std::string stem;           // "/media/2025/09/<hash>-1200x800"
  ImageSize size;             // the original's
  std::string extension;      // "jpg", "png", "webp"
  bool has_variants = false;  // made by the pipeline ("-o." original)
};

// The parts of a site-relative "/media/..." image URL (legacy or pipeline
// original), or nullopt (variant URLs, other URLs).
std::optional<MediaRef> ParseMediaUrl(std::string_view url);

// The size encoded in a media URL's file name, or nullopt.
std::optional<ImageSize> MediaImageSize(std::string_view url);

// "2025/09/<hash>-<w>x<h>.<ext>" for an image uploaded at year/month.
std::string MediaFileName(int year, int month, std::string_view hash,
                          ImageSize size, std::string_view ext);

// "2025/09/<hash>-<w>x<h>-o.<ext>": a pipeline original.
std::string MediaOriginalName(int year, int month, std::string_view hash,
                              ImageSize size, std::string_view ext);

// Ladder widths below the original's width, then min(width, 1920): a
// 1600-wide original gets 320, 640, 960, 1280, 1600; a 200-wide one 200.
std::vector<int> MediaVariantWidths(ImageSize original);

// The variant's pixel size: `width` wide, height rounded to keep the aspect
// ratio (at least 1).
ImageSize MediaVariantSize(ImageSize original, int width);

// "<stem>-<width>w.<ext>" (site-relative URL, or a file name relative to the
// media directory when `ref.stem` is one).
std::string MediaVariantUrl(const MediaRef& ref, int width,
                            std::string_view ext);

// Widest variant at least `min_width` wide, else the widest one; 0 for a
// ref without variants.
int MediaShareWidth(const MediaRef& ref, int min_width);

// "image/jpeg" for "jpg", "image/png", "image/webp", "image/avif"; "" for
// other extensions.
std::string MediaContentType(std::string_view extension);

}  // namespace warta

#endif  // WARTA_CONTENT_MEDIA_H_
