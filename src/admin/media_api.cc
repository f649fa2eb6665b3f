// Feature images: POST /api/admin/images takes the image bytes as the
// request body, keeps them in the ImageLibrary (checked, stripped, resized
// variants, stored on disk and in a shared store) and answers with the URLs.
// One upload is resized at a time (the library's bound, shared with the wire).
// GET /media/{file*} serves them to readers with a year-long immutable cache.
#include <algorithm>
#include <fstream>
#include <map>
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

Result<http::Response> Upload(AdminContext& ctx, const http::Request& req,
                              const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticleCreate));
  WARTA_ASSIGN_OR_RETURN(KeptImage kept,
                         ctx.images.Keep(req.body, std::chrono::seconds(20)));
  json variants = json::array();
  for (const auto& [vurl, v] : kept.variants)
    variants.push_back(Described(vurl, v));
  json body = Described(kept.url, kept.original);
  body["variants"] = std::move(variants);
  return JsonResponse(201, body);
}

// GET /api/admin/images?q=: the media library. Without q the newest uploads
// (also those no article uses yet), with q the feature images whose caption
// or credit holds it; each with what its newest article said about it.
Result<http::Response> Browse(AdminContext& ctx, const http::Request& req,
                              const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticleCreate));
  constexpr int kLimit = 60;
  const std::string q(Trim(req.Query("q").value_or("")));
  WARTA_ASSIGN_OR_RETURN(std::vector<MediaUse> uses,
                         ctx.store.editorial.ListMediaUses(q, kLimit));
  std::vector<std::string> order;
  std::map<std::string, const MediaUse*> known;
  for (const MediaUse& u : uses) {
    known[u.url] = &u;
    order.push_back(u.url);
  }
  if (q.empty()) {
    // Uploads first (newest first), then images only articles name. The
    // store's rows, not the disk: an index read, and on several nodes every
    // upload (a node's disk holds only its own and those it has served).
    std::vector<std::string> files;
    WARTA_ASSIGN_OR_RETURN(auto stored,
                           ctx.store.media.ListRecentMedia(kLimit));
    for (auto& m : stored) files.push_back("/media/" + m.path);
    for (const std::string& url : order)
      if (std::find(files.begin(), files.end(), url) == files.end())
        files.push_back(url);
    order = std::move(files);
  }
  json images = json::array();
  for (const std::string& url : order) {
    if (images.size() >= static_cast<size_t>(kLimit)) break;
    auto ref = ParseMediaUrl(url);
    if (!ref) continue;
    json item = {
        {"url", url},
        {"thumb",
         ref->has_variants
             ? MediaVariantUrl(*ref, MediaVariantWidths(ref->size).front(),
                               ref->extension)
             : url},
        {"width", ref->size.width},
        {"height", ref->size.height},
        {"alt", ""},
        {"caption", ""},
        {"credit", ""}};
    if (auto it = known.find(url); it != known.end()) {
      item["alt"] = it->second->alt;
      item["caption"] = it->second->caption;
      item["credit"] = it->second->credit;
    }
    images.push_back(std::move(item));
  }
  return JsonResponse(200, {{"images", std::move(images)}});
}

http::Response Serve(const AdminContext& ctx, const http::Request& req) {
  std::string rel(req.Param("file"));
  std::string type = ContentTypeOf(rel);
  if (!SafeMediaPath(rel) || type.empty()) return http::Response::Error(404);
  const std::string file = ctx.options.media_dir + "/" + rel;
  std::string body;
  if (std::ifstream in(file, std::ios::binary); in) {
    std::ostringstream bytes;
    bytes << in.rdbuf();
    body = std::move(bytes).str();
  } else if (ctx.store.media.KeepsMedia()) {
    // Uploaded through another node: from the store, kept on disk after.
    auto kept = ctx.store.media.GetMedia(rel);
    if (!kept.ok()) {
      return kept.status().IsNotFound() ? http::Response::Error(404)
                                        : http::Response::Error(503);
    }
    body = std::move(*kept);
    (void)WriteFileAtomically(file, body);  // a cache: failing is harmless
  } else {
    return http::Response::Error(404);
  }
  http::Response r;
  r.content_type = type;
  r.body = std::make_shared<const std::string>(std::move(body));
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
      ErrorJson(Status::InvalidArgument(
                    "image: larger than the upload limit (" +
                    std::to_string(ctx.options.upload_limit) + " bytes)")
                    .WithReason("image_too_large"))
          .dump();
  r.Add(
      http::Method::kPost, "/api/admin/images",
      [&ctx](const http::Request& q) {
        return RunApi(ctx, q,
                      [&](const Principal& w) { return Upload(ctx, q, w); });
      },
      big);
  r.Get("/api/admin/images", [&ctx](const http::Request& q) {
    return RunApi(ctx, q,
                  [&](const Principal& w) { return Browse(ctx, q, w); });
  });
  r.Get("/media/{file*}",
        [&ctx](const http::Request& q) { return Serve(ctx, q); });
}

}  // namespace warta::admin
