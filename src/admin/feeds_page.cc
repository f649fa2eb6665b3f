// Wire feeds (agency ingestion) for editors: /admin/feeds, a page of the
// admin app with each feed's last fetch, errors and item counts, and its
// JSON at /api/admin/feeds (also /admin/feeds.json, the older path). Editors
// and admins (API tokens with the articles:read scope).
#include <nlohmann/json.hpp>

#include "admin/article_json.h"
#include "admin/json_io.h"
#include "admin/pages.h"
#include "base/time.h"

namespace warta::admin {
namespace {

// 0 ("never") as no time.
std::optional<Timestamp> Since(Timestamp t) {
  return t > 0 ? std::optional<Timestamp>(t) : std::nullopt;
}

json FeedJson(const WireFeedStatus& f) {
  return {{"name", f.name},
          {"source", f.source},
          {"last_fetch", TimeJson(Since(f.last_fetch))},
          {"last_success", TimeJson(Since(f.last_success))},
          {"last_error", f.last_error},
          {"ok", f.last_error.empty()},
          {"fetches", f.fetches},
          {"failures", f.failures},
          {"not_modified", f.not_modified},
          {"last_not_modified", f.last_not_modified},
          {"last_items", f.last_items},
          {"last_created", f.last_created},
          {"last_updated", f.last_updated},
          {"last_linked", f.last_linked},
          {"items_known", f.items_known}};
}

Result<http::Response> FeedsApi(AdminContext& ctx, const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kReviewQueue));
  WARTA_ASSIGN_OR_RETURN(auto feeds, ctx.store.wire.ListWireFeeds());
  json list = json::array();
  for (const WireFeedStatus& f : feeds) list.push_back(FeedJson(f));
  return JsonResponse(200, {{"feeds", std::move(list)}});
}

Result<http::Response> FeedsPage(AdminContext& ctx, const PageRequest& p) {
  WARTA_RETURN_IF_ERROR(Authorize(p.who, Action::kReviewQueue));
  WARTA_ASSIGN_OR_RETURN(auto feeds, ctx.store.wire.ListWireFeeds());
  render::View v =
      PageView(ctx, p, ctx.ui->Text(p.lang, "feeds_title"), "/admin/feeds");
  render::View rows = render::View::array();
  for (const WireFeedStatus& f : feeds) {
    std::string result =
        !f.last_error.empty() ? ctx.ui->Text(p.lang, "feeds_failed")
        : f.last_not_modified ? ctx.ui->Text(p.lang, "feeds_not_modified")
                              : ctx.ui->Text(p.lang, "feeds_ok");
    rows.push_back(
        {{"name", f.name},
         {"source", f.source},
         {"ok", f.last_error.empty()},
         {"result", result},
         {"last_fetch", ShowTime(ctx, Since(f.last_fetch), p.lang)},
         {"last_success", ShowTime(ctx, Since(f.last_success), p.lang)},
         {"last_items", f.last_items},
         {"last_created", f.last_created},
         {"last_updated", f.last_updated},
         {"last_linked", f.last_linked},
         {"items_known", f.items_known},
         {"failures",
          std::to_string(f.failures) + "/" + std::to_string(f.fetches)},
         {"not_modified", f.not_modified},
         {"last_error", f.last_error}});
  }
  v["empty"] = feeds.empty();
  v["feeds"] = std::move(rows);
  return RenderPage(ctx, "feeds", v);
}

}  // namespace

void RegisterFeedsPages(AdminContext& ctx, http::Router& r) {
  for (const char* path : {"/api/admin/feeds", "/admin/feeds.json"}) {
    r.Get(path, [&ctx](const http::Request& req) {
      return RunApi(ctx, req, [&ctx](const Principal& who) {
        return FeedsApi(ctx, who);
      });
    });
  }
  AddPage(ctx, r, "/admin/feeds",
          [&ctx](const PageRequest& p) { return FeedsPage(ctx, p); });
}

}  // namespace warta::admin
