// ImageLibrary: keeps one image in the newsroom: runs its bytes through the
// image pipeline (media/image.h: checked by content and size, metadata
// stripped, turned upright, resized variants in the stored format and
// WebP), stores the original and the variants under DATA/media/YYYY/MM/
// named by the content hash and pixel size (content/media.h), records each
// file in the store (the media library's rows), with its bytes when the
// store is shared by several nodes (MediaStore::KeepsMedia). Used by
// uploads (POST /api/admin/images) and by the wire ingester for agency
// photos. At most `jobs` images are processed at once. Thread-safe.
#ifndef WARTA_ADMIN_IMAGE_LIBRARY_H_
#define WARTA_ADMIN_IMAGE_LIBRARY_H_

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "media/image.h"
#include "store/media_store.h"

namespace warta::admin {

struct KeptImage {
  std::string url;  // "/media/2026/12/HASH-1600x900-o.png"
  media::Encoded original;
  // Each variant's URL, with its bytes.
  std::vector<std::pair<std::string, media::Encoded>> variants;
};

class ImageLibrary {
 public:
  // `store` must outlive the library. `utc_offset_seconds`: the site's
  // time zone, for the YYYY/MM folder.
  ImageLibrary(MediaStore& store, const Clock& clock, std::string media_dir,
               std::size_t max_bytes, int jobs, int utc_offset_seconds);

  // Keeps `bytes`. InvalidArgument ("image: ...") for bytes the pipeline
  // refuses (checked before waiting for a slot), Unavailable when no slot
  // came free within `wait`, IoError when the files cannot be written.
  // All or nothing: the files are written, then recorded in the store in
  // one transaction (the media library lists the rows); when either step
  // fails, the files this call wrote are removed and nothing is recorded.
  // The same image again is not stored twice.
  Result<KeptImage> Keep(std::string_view bytes,
                         std::chrono::milliseconds wait);

  std::size_t max_bytes() const { return limits_.max_bytes; }

 private:
  MediaStore& store_;
  const Clock& clock_;
  std::string media_dir_;
  media::Limits limits_;
  media::ImageGate gate_;
  int utc_offset_seconds_;
  // Held while one upload writes its files and rows (Keep).
  std::mutex write_mu_;
};

// Writes `bytes` to `path` through a temporary file and a rename, creating
// the folders: a reader never sees half a file.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace warta::admin

#endif  // WARTA_ADMIN_IMAGE_LIBRARY_H_
