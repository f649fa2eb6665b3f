// The image pipeline: checks uploaded bytes and makes the resized variants
// pages offer (content/media.h names them). The only user of libvips.
//
// Accepted: JPEG, PNG, WebP and AVIF, recognised by their content. Every
// output is re-encoded from decoded pixels with metadata stripped (EXIF,
// GPS, XMP, IPTC, comments) after the EXIF orientation was applied to the
// pixels, so nothing the camera wrote about the place leaves the server and
// the picture still stands the right way up. AVIF uploads are stored and
// resized as JPEG (AVIF encoding is slow; every browser shows JPEG).
//
// Thread-safe: libvips is started once (Init, also called by the others);
// calls may run on several threads at once. Each call uses one libvips
// worker thread; callers bound how many run at once (ImageGate).
#ifndef WARTA_MEDIA_IMAGE_H_
#define WARTA_MEDIA_IMAGE_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/mutex.h"
#include "base/result.h"
#include "content/media.h"

namespace warta::media {

struct Limits {
  std::size_t max_bytes = 10u << 20;  // of the upload
  int max_side = 16384;               // pixels, either side
  // Most pixels in all (a 48-megapixel photo fits): a small file can
  // declare a huge canvas that decoding would have to allocate.
  std::int64_t max_pixels = std::int64_t{64} << 20;
};

struct ImageInfo {
  std::string format;   // "jpeg", "png", "webp", "avif"
  ImageSize size;       // as shown: EXIF orientation applied
  int orientation = 1;  // EXIF 1..8
};

// One encoded image.
struct Encoded {
  std::string extension;     // "jpg", "png", "webp"
  std::string content_type;  // "image/jpeg", ...
  ImageSize size;
  std::string bytes;
};

struct Variants {
  Encoded original;  // full size, stripped, upright, in the stored format
  // For each MediaVariantWidths(original.size) width: the stored format,
  // then WebP.
  std::vector<Encoded> variants;
};

// Starts libvips once; an error when it cannot start. Idempotent.
Status Init();

// The format and shown size, from the headers only (no pixels decoded).
// InvalidArgument ("image: ...") for other bytes (SVG, GIF, PDF, text, ...),
// more than limits.max_bytes, a side of 0 or above limits.max_side, or above
// limits.max_pixels in all (a decompression bomb).
Result<ImageInfo> Probe(std::string_view bytes, const Limits& limits);

// Probe, then decodes and encodes the original and every variant. Not
// upscaled: no variant is wider than the original. InvalidArgument for
// what Probe refuses and for bytes that do not decode (truncated, corrupt).
Result<Variants> MakeVariants(std::string_view bytes, const Limits& limits);

// "jpg" for jpeg and avif, else the format's own ("png", "webp").
std::string StoredExtension(std::string_view format);

// Bounds how many image jobs run at once (decoding a 6000x4000 photo takes
// most of a core for a second or two): Enter waits up to `wait` for a slot.
// Thread-safe.
class ImageGate {
 public:
  explicit ImageGate(int slots) : free_(slots < 1 ? 1 : slots) {}
  ImageGate(const ImageGate&) = delete;
  ImageGate& operator=(const ImageGate&) = delete;

  // Holds a slot while alive; ok() is false when none came free in time.
  class Slot {
   public:
    Slot(Slot&& o) noexcept : gate_(o.gate_) { o.gate_ = nullptr; }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot();
    bool ok() const { return gate_ != nullptr; }

   private:
    friend class ImageGate;
    explicit Slot(ImageGate* gate) : gate_(gate) {}
    ImageGate* gate_;
  };

  Slot Enter(std::chrono::milliseconds wait);

 private:
  Mutex mu_;
  CondVar cv_;
  int free_ GUARDED_BY(mu_);
};

}  // namespace warta::media

#endif  // WARTA_MEDIA_IMAGE_H_
