// Feature images: POST /api/admin/images takes the image bytes as the
// request body (checked by content and size), stores them under
// DATA/media/YYYY/MM/ named by content hash and pixel size, and answers
// with the URL. GET /media/{file*} serves them to readers.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "admin/article_json.h"
#include "admin/crypto.h"
#include "admin/image.h"
#include "base/strings.h"
#include "base/time.h"

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
  if (path.ends_with(".jpg")) return "image/jpeg";
  if (path.ends_with(".png")) return "image/png";
  if (path.ends_with(".webp")) return "image/webp";
  return "";
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
  if (req.body.size() > ctx.options.upload_limit)
    return Status::InvalidArgument("image: larger than the upload limit");
  WARTA_ASSIGN_OR_RETURN(ImageInfo info, SniffImage(req.body));
  CivilTime now = ToCivil(ctx.clock.Now(), ctx.timezone().offset_seconds);
  std::string name =
      MediaFileName(now.year, now.month, TokenHash(req.body).substr(0, 16),
                    info.size, info.extension);
  std::string path = ctx.options.media_dir + "/" + name;
  if (!std::filesystem::exists(path))
    WARTA_RETURN_IF_ERROR(WriteFileAtomically(path, req.body));
  return JsonResponse(201, {{"url", "/media/" + name},
                            {"width", info.size.width},
                            {"height", info.size.height},
                            {"bytes", req.body.size()},
                            {"content_type", info.content_type}});
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
