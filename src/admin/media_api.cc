// Feature images: POST /api/admin/images takes the image bytes as the
// request body, runs them through the image pipeline (media/image.h:
// checked by content and size, metadata stripped, turned upright, resized
// variants in the stored format and WebP), stores the original and the
// variants under DATA/media/YYYY/MM/ named by the upload's content hash and
// pixel size (content/media.h), and answers with the URLs. At most
// AdminOptions::image_jobs uploads are processed at once. GET /media/{file*}
// serves them to readers with a year-long immutable cache.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "admin/article_json.h"
#include "admin/crypto.h"
#include "base/strings.h"
#include "base/time.h"
#include "content/media.h"
#include "media/image.h"

namespace warta::admin {
namespace {

// Only names this module writes: digits, lower-case letters, '-', '/', '.'.
bool SafeMediaPath(std::string_view p) {
  if (p.empty() || p.size() > 200 || p.find("..") != std::string_view::npos ||
      p.front() == '/')
    return false;
  for (char c : p) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '/' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string ContentTypeOf(std::string_view path) {
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return "";
  return MediaContentType(path.substr(dot + 1));
}

json Described(const std::string& url, const media::Encoded& e) {
  return {{"url", url},
          {"width", e.size.width},
          {"height", e.size.height},
          {"bytes", e.bytes.size()},
          {"content_type", e.content_type}};
}

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

Result<http::Response> Upload(AdminContext& ctx, const http::Request& req,
                              const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticleCreate));
  media::Limits limits;
  limits.max_bytes = ctx.options.upload_limit;
  // Cheap checks first (headers only): refused bytes never wait for a slot.
  WARTA_RETURN_IF_ERROR(media::Probe(req.body, limits).status());
  media::ImageGate::Slot slot = ctx.image_gate.Enter(std::chrono::seconds(20));
  if (!slot.ok())
    return Status::Unavailable("image: the server is busy; try again");
  WARTA_ASSIGN_OR_RETURN(media::Variants made,
                         media::MakeVariants(req.body, limits));
  CivilTime now = ToCivil(ctx.clock.Now(), ctx.timezone().offset_seconds);
  const std::string name =
      MediaOriginalName(now.year, now.month, TokenHash(req.body).substr(0, 16),
                        made.original.size, made.original.extension);
  const std::string url = "/media/" + name;
  const MediaRef ref = *ParseMediaUrl(url);
  json variants = json::array();
  // Variants first, the original last: an original on disk means its
  // variants are there too (the same upload again skips the writing).
  const bool done = std::filesystem::exists(ctx.options.media_dir + "/" + name);
  for (const media::Encoded& v : made.variants) {
    std::string vurl = MediaVariantUrl(ref, v.size.width, v.extension);
    if (!done) {
      WARTA_RETURN_IF_ERROR(
          WriteFileAtomically(ctx.options.media_dir + vurl.substr(6), v.bytes));
    }
    variants.push_back(Described(vurl, v));
  }
  if (!done) {
    WARTA_RETURN_IF_ERROR(WriteFileAtomically(
        ctx.options.media_dir + "/" + name, made.original.bytes));
  }
  json body = Described(url, made.original);
  body["variants"] = std::move(variants);
  return JsonResponse(201, body);
}

http::Response Serve(const AdminContext& ctx, const http::Request& req) {
  std::string rel(req.Param("file"));
  std::string type = ContentTypeOf(rel);
  if (!SafeMediaPath(rel) || type.empty()) return http::Response::Error(404);
  std::ifstream in(ctx.options.media_dir + "/" + rel, std::ios::binary);
  if (!in) return http::Response::Error(404);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  http::Response r;
  r.content_type = type;
  r.body = std::make_shared<const std::string>(std::move(bytes).str());
  r.compressible = false;
  // Names are content hashes: the bytes behind a name never change.
  r.SetHeader("Cache-Control", "public, max-age=31536000, immutable");
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("ETag", "\"" + rel.substr(rel.rfind('/') + 1, 16) + "\"");
  return r;
}

}  // namespace

void RegisterMediaApi(AdminContext& ctx, http::Router& r) {
  http::RouteOptions big;
  big.body_limit = ctx.options.upload_limit;
  big.too_large_json =
      json{{"error", "image: larger than the upload limit (" +
                         std::to_string(ctx.options.upload_limit) + " bytes)"}}
          .dump();
  r.Add(
      http::Method::kPost, "/api/admin/images",
      [&ctx](const http::Request& q) {
        return RunApi(ctx, q,
                      [&](const Principal& w) { return Upload(ctx, q, w); });
      },
      big);
  r.Get("/media/{file*}",
        [&ctx](const http::Request& q) { return Serve(ctx, q); });
}

}  // namespace warta::admin
