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
    out.close();
    if (!out) {
      // No half-written file left behind (nothing would ever list it).
      std::filesystem::remove(tmp, ec);
      return Status::IoError("media: cannot write " + tmp);
    }
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
  for (media::Encoded& v : made.variants) {
    std::string vurl = MediaVariantUrl(ref, v.size.width, v.extension);
    kept.variants.emplace_back(std::move(vurl), std::move(v));
  }
  kept.original = std::move(made.original);
  // The files, then their rows in one store transaction: a row (what the
  // library lists) never names a file that was not written, and when the
  // rows fail, the files this call wrote go again, so nothing is left
  // that the library cannot list. Each upload's files and rows are written
  // under one lock, so that one failing cannot remove the files another
  // upload of the same image has just recorded.
  std::vector<MediaStore::MediaFile> rows;
  std::vector<std::pair<std::string, std::string_view>> files;
  for (const auto& [vurl, v] : kept.variants) {
    rows.push_back({vurl.substr(7), v.bytes});
    files.emplace_back(media_dir_ + vurl.substr(6), v.bytes);
  }
  rows.push_back({name, kept.original.bytes});
  files.emplace_back(media_dir_ + "/" + name, kept.original.bytes);
  std::lock_guard<std::mutex> lock(write_mu_);
  std::vector<std::string> written;
  Status s;
  for (const auto& [path, file_bytes] : files) {
    // Content-named: a file there holds these bytes (written whole, by a
    // rename), from an earlier upload of the same image.
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) continue;
    s = WriteFileAtomically(path, file_bytes);
    if (!s.ok()) break;
    written.push_back(path);
  }
  // The rows are recorded even when every file was there: an upload whose
  // process stopped between the files and the rows is listed once the same
  // image comes again.
  if (s.ok()) s = store_.PutMediaFiles(rows);
  if (!s.ok()) {
    for (const std::string& path : written) {
      std::error_code ec;
      std::filesystem::remove(path, ec);
    }
    return s;
  }
  return kept;
}

}  // namespace warta::admin
