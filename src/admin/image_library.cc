#include "admin/image_library.h"

#include <filesystem>
#include <fstream>

#include "admin/crypto.h"
#include "base/time.h"
#include "content/media.h"

namespace warta::admin {

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(),
                                      ec);
  if (ec) return Status::IoError("media: " + ec.message());
  std::string tmp = path + ".tmp-" + RandomToken(6);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return Status::IoError("media: cannot write " + tmp);
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Status::IoError("media: cannot store " + path);
  }
  return Status::Ok();
}

ImageLibrary::ImageLibrary(MediaStore& store, const Clock& clock,
                           std::string media_dir, std::size_t max_bytes,
                           int jobs, int utc_offset_seconds)
    : store_(store),
      clock_(clock),
      media_dir_(std::move(media_dir)),
      gate_(jobs),
      utc_offset_seconds_(utc_offset_seconds) {
  limits_.max_bytes = max_bytes;
}

Result<KeptImage> ImageLibrary::Keep(std::string_view bytes,
                                     std::chrono::milliseconds wait) {
  // Cheap checks first (headers only): refused bytes never wait for a slot.
  WARTA_RETURN_IF_ERROR(media::Probe(bytes, limits_).status());
  media::ImageGate::Slot slot = gate_.Enter(wait);
  if (!slot.ok())
    return Status::Unavailable("image: the server is busy; try again")
        .WithReason("image_busy");
  WARTA_ASSIGN_OR_RETURN(media::Variants made,
                         media::MakeVariants(bytes, limits_));
  CivilTime now = ToCivil(clock_.Now(), utc_offset_seconds_);
  const std::string name =
      MediaOriginalName(now.year, now.month, TokenHash(bytes).substr(0, 16),
                        made.original.size, made.original.extension);
  KeptImage kept;
  kept.url = "/media/" + name;
  const MediaRef ref = *ParseMediaUrl(kept.url);
  // Variants first, the original last: an original on disk means its
  // variants are there too (the same image again skips the writing).
  const bool done = std::filesystem::exists(media_dir_ + "/" + name);
  // The store records each file (the media library lists its rows) and, when
  // shared by several nodes, keeps the bytes too, so every node serves it:
  // before the local files, which mark the image done.
  for (media::Encoded& v : made.variants) {
    std::string vurl = MediaVariantUrl(ref, v.size.width, v.extension);
    if (!done) {
      WARTA_RETURN_IF_ERROR(store_.PutMedia(vurl.substr(7), v.bytes));
      WARTA_RETURN_IF_ERROR(
          WriteFileAtomically(media_dir_ + vurl.substr(6), v.bytes));
    }
    kept.variants.emplace_back(std::move(vurl), std::move(v));
  }
  if (!done) {
    WARTA_RETURN_IF_ERROR(store_.PutMedia(name, made.original.bytes));
    WARTA_RETURN_IF_ERROR(
        WriteFileAtomically(media_dir_ + "/" + name, made.original.bytes));
  }
  kept.original = std::move(made.original);
  return kept;
}

}  // namespace warta::admin
