#include "media/image.h"

#include <vips/vips.h>

#include <memory>
#include <mutex>

namespace warta::media {
namespace {

struct Unref {
  void operator()(VipsImage* i) const { g_object_unref(i); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

// "image: why", with the reason `reason` (default: the bytes could not be
// read or processed).
Status Bad(const std::string& why,
           std::string_view reason = "image_unreadable") {
  return Status::InvalidArgument("image: " + why)
      .WithField("image")
      .WithReason(reason);
}

// libvips' message for the last failure on any thread (its buffer is
// shared), trimmed to one line.
std::string VipsMessage() {
  std::string m = vips_error_buffer();
  vips_error_clear();
  if (size_t nl = m.find('\n'); nl != std::string::npos) m.resize(nl);
  return m;
}

std::uint32_t U8(std::string_view b, size_t i) {
  return static_cast<unsigned char>(b[i]);
}

// The format by its magic bytes; "" for anything else. AVIF is an ISO
// BMFF "ftyp" box whose major or a compatible brand is avif/avis.
std::string SniffFormat(std::string_view b) {
  if (b.size() >= 4 && U8(b, 0) == 0xFF && U8(b, 1) == 0xD8 && U8(b, 2) == 0xFF)
    return "jpeg";
  if (b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n") return "png";
  if (b.size() >= 16 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP")
    return "webp";
  if (b.size() >= 16 && b.substr(4, 4) == "ftyp") {
    size_t box = U8(b, 0) << 24 | U8(b, 1) << 16 | U8(b, 2) << 8 | U8(b, 3);
    box = std::min(box, b.size());
    for (size_t i = 8; i + 4 <= box; i += 4) {
      if (i == 12) continue;  // minor version
      std::string_view brand = b.substr(i, 4);
      if (brand == "avif" || brand == "avis") return "avif";
    }
  }
  return "";
}

// Opens the image lazily (headers read, pixels decoded on demand).
Result<Image> Load(std::string_view bytes, const std::string& format,
                   bool sequential) {
  void* buf = const_cast<char*>(bytes.data());
  VipsImage* out = nullptr;
  VipsAccess access = sequential ? VIPS_ACCESS_SEQUENTIAL : VIPS_ACCESS_RANDOM;
  int r = -1;
  if (format == "jpeg") {
    r = vips_jpegload_buffer(buf, bytes.size(), &out, "access", access,
                             "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
  } else if (format == "png") {
    r = vips_pngload_buffer(buf, bytes.size(), &out, "access", access,
                            "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
  } else if (format == "webp") {
    r = vips_webpload_buffer(buf, bytes.size(), &out, "access", access,
                             "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
  } else if (format == "avif") {
    r = vips_heifload_buffer(buf, bytes.size(), &out, "access", access,
                             "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
  }
  if (r != 0 || out == nullptr)
    return Bad("cannot read the " + format + " image: " + VipsMessage());
  return Image(out);
}

// libvips 8.14's webpsave writes an EXIF chunk (resolution, orientation)
// even with "strip" and nothing to say: drop EXIF and XMP chunks and their
// VP8X flags. Other chunks are kept as they are.
void DropWebpMetadata(std::string& webp) {
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0) return;
  std::string out = webp.substr(0, 12);
  size_t i = 12;
  while (i + 8 <= webp.size()) {
    std::string_view fourcc(webp.data() + i, 4);
    std::uint32_t n = U8(webp, i + 4) | U8(webp, i + 5) << 8 |
                      U8(webp, i + 6) << 16 | U8(webp, i + 7) << 24;
    size_t whole = 8 + static_cast<size_t>(n) + (n & 1);
    if (i + whole > webp.size()) return;  // not ours to judge: leave it
    if (fourcc != "EXIF" && fourcc != "XMP ") {
      size_t at = out.size();
      out.append(webp, i, whole);
      if (fourcc == "VP8X" && n > 0) out[at + 8] &= ~0x0C;
    }
    i += whole;
  }
  std::uint32_t riff = static_cast<std::uint32_t>(out.size() - 8);
  for (int k = 0; k < 4; ++k) out[4 + k] = static_cast<char>(riff >> (8 * k));
  webp = std::move(out);
}

Result<std::string> Save(VipsImage* img, std::string_view ext, bool original) {
  void* buf = nullptr;
  size_t len = 0;
  int r = -1;
  if (ext == "jpg") {
    r = vips_jpegsave_buffer(img, &buf, &len, "Q", original ? 90 : 82, "strip",
                             TRUE, "optimize_coding", TRUE, "interlace", TRUE,
                             nullptr);
  } else if (ext == "png") {
    r = vips_pngsave_buffer(img, &buf, &len, "strip", TRUE, "compression", 6,
                            nullptr);
  } else if (ext == "webp") {
    r = vips_webpsave_buffer(img, &buf, &len, "Q", original ? 88 : 78, "strip",
                             TRUE, nullptr);
  }
  if (r != 0 || buf == nullptr)
    return Bad("cannot encode " + std::string(ext) + ": " + VipsMessage());
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  if (ext == "webp") DropWebpMetadata(out);
  return out;
}

// sRGB pixels: an embedded profile (Adobe RGB, a CMYK press profile) is
// applied before it is stripped; CMYK without one is converted plainly.
Result<Image> ToSrgb(Image in) {
  VipsImage* out = nullptr;
  if (vips_image_get_typeof(in.get(), VIPS_META_ICC_NAME)) {
    if (vips_icc_transform(in.get(), &out, "srgb", "embedded", TRUE, nullptr) !=
        0) {
      vips_error_clear();  // a broken profile: keep the pixels as they are
      return in;
    }
    return Image(out);
  }
  if (in->Type == VIPS_INTERPRETATION_CMYK) {
    if (vips_colourspace(in.get(), &out, VIPS_INTERPRETATION_sRGB, nullptr))
      return Bad("cannot convert CMYK: " + VipsMessage());
    return Image(out);
  }
  return in;
}

// A copy without metadata fields: libvips 8.14's webpsave keeps EXIF
// despite "strip", so nothing is left for any saver to write.
Result<Image> Bare(VipsImage* in) {
  VipsImage* out = nullptr;
  if (vips_copy(in, &out, nullptr) != 0)
    return Bad("cannot copy: " + VipsMessage());
  Image img(out);
  gchar** fields = vips_image_get_fields(img.get());
  for (gchar** f = fields; *f != nullptr; ++f) {
    std::string_view name = *f;
    if (name.starts_with("exif-") || name.starts_with("xmp-") ||
        name.starts_with("iptc-") || name.starts_with("ipct-") ||
        name == "orientation" || name == VIPS_META_ICC_NAME ||
        name.starts_with("png-comment") || name == "gif-comment") {
      vips_image_remove(img.get(), *f);
    }
  }
  g_strfreev(fields);
  return img;
}

Encoded Make(std::string_view ext, ImageSize size, std::string bytes) {
  return {std::string(ext), MediaContentType(ext), size, std::move(bytes)};
}

}  // namespace

Status Init() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    ok = VIPS_INIT("warta") == 0;
    if (!ok) return;
    vips_concurrency_set(1);         // callers bound the jobs (ImageGate)
    vips_cache_set_max(0);           // no operation cache holding old uploads
    vips_block_untrusted_set(TRUE);  // loaders not fuzzed upstream: never
  });
  return ok ? Status::Ok()
            : Status::Internal("image: libvips did not start: " +
                               VipsMessage());
}

std::string StoredExtension(std::string_view format) {
  if (format == "png") return "png";
  if (format == "webp") return "webp";
  return "jpg";
}

Result<ImageInfo> Probe(std::string_view bytes, const Limits& limits) {
  WARTA_RETURN_IF_ERROR(Init());
  if (bytes.size() > limits.max_bytes) {
    return Bad("larger than the upload limit (" +
                   std::to_string(limits.max_bytes) + " bytes)",
               "image_too_large");
  }
  ImageInfo info;
  info.format = SniffFormat(bytes);
  if (info.format.empty())
    return Bad("not a JPEG, PNG, WebP or AVIF image", "image_format");
  WARTA_ASSIGN_OR_RETURN(Image img, Load(bytes, info.format, true));
  int w = vips_image_get_width(img.get());
  int h = vips_image_get_height(img.get());
  const std::string size = std::to_string(w) + "x" + std::to_string(h);
  if (w <= 0 || h <= 0 || w > limits.max_side || h > limits.max_side) {
    return Bad("size " + size + " out of range (1 to " +
               std::to_string(limits.max_side) + " pixels a side)")
        .WithReason("image_size", {{"size", size}});
  }
  if (std::int64_t{w} * h > limits.max_pixels) {
    return Bad("size " + size + " has more than " +
               std::to_string(limits.max_pixels) + " pixels")
        .WithReason("image_size", {{"size", size}});
  }
  info.orientation = vips_image_get_orientation(img.get());
  if (vips_image_get_orientation_swap(img.get())) std::swap(w, h);
  info.size = {w, h};
  return info;
}

Result<Variants> MakeVariants(std::string_view bytes, const Limits& limits) {
  WARTA_ASSIGN_OR_RETURN(ImageInfo info, Probe(bytes, limits));
  const std::string ext = StoredExtension(info.format);
  Variants out;

  // The original: upright, sRGB, re-encoded without metadata.
  {
    WARTA_ASSIGN_OR_RETURN(Image img,
                           Load(bytes, info.format, info.orientation <= 1));
    VipsImage* up = nullptr;
    if (vips_autorot(img.get(), &up, nullptr) != 0)
      return Bad("cannot rotate: " + VipsMessage());
    WARTA_ASSIGN_OR_RETURN(Image srgb, ToSrgb(Image(up)));
    WARTA_ASSIGN_OR_RETURN(Image bare, Bare(srgb.get()));
    WARTA_ASSIGN_OR_RETURN(std::string bytes_out, Save(bare.get(), ext, true));
    out.original = Make(ext, info.size, std::move(bytes_out));
  }

  // The widest variant straight from the upload (shrink-on-load for JPEG
  // and WebP, rotated, sRGB), kept in memory; smaller ones from it.
  const std::vector<int> widths = MediaVariantWidths(info.size);
  const ImageSize top = MediaVariantSize(info.size, widths.back());
  VipsImage* t = nullptr;
  if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &t,
                            top.width, "height", top.height, "size",
                            VIPS_SIZE_FORCE, nullptr) != 0) {
    return Bad("cannot resize: " + VipsMessage());
  }
  Image thumb(t);
  VipsImage* m = vips_image_copy_memory(thumb.get());
  if (m == nullptr) return Bad("cannot decode: " + VipsMessage());
  Image decoded(m);
  WARTA_ASSIGN_OR_RETURN(Image base, Bare(decoded.get()));
  for (int w : widths) {
    const ImageSize size = MediaVariantSize(info.size, w);
    Image img;
    if (w == top.width) {
      g_object_ref(base.get());
      img.reset(base.get());
    } else {
      VipsImage* r = nullptr;
      if (vips_thumbnail_image(base.get(), &r, size.width, "height",
                               size.height, "size", VIPS_SIZE_FORCE,
                               nullptr) != 0) {
        return Bad("cannot resize: " + VipsMessage());
      }
      img.reset(r);
    }
    for (std::string_view e :
         {std::string_view(ext), std::string_view("webp")}) {
      WARTA_ASSIGN_OR_RETURN(std::string b, Save(img.get(), e, false));
      out.variants.push_back(Make(e, size, std::move(b)));
    }
  }
  return out;
}

ImageGate::Slot::~Slot() {
  if (gate_ == nullptr) return;
  {
    MutexLock lock(&gate_->mu_);
    ++gate_->free_;
  }
  gate_->cv_.NotifyOne();
}

ImageGate::Slot ImageGate::Enter(std::chrono::milliseconds wait) {
  MutexLock lock(&mu_);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (free_ <= 0 && cv_.WaitUntil(&mu_, deadline)) {
  }
  if (free_ <= 0) return Slot(nullptr);
  --free_;
  return Slot(this);
}

}  // namespace warta::media
