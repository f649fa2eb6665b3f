// /api/admin/breaking: the breaking-news banner (site/breaking.h), read by
// anyone in the newsroom, set and cleared by editors.
//   GET    -> {"active", "text", "url", "expires_at"}
//   PUT    {"text", "url" (optional), "expires_at" (ISO 8601 or seconds) or
//           "minutes" (from now; default 60)} -> the same
//   DELETE -> clears it
// Every public page shows it within a second, cached pages included.
#include "admin/article_json.h"
#include "base/strings.h"
#include "site/breaking.h"

namespace warta::admin {
namespace {

json BreakingJson(AdminContext& ctx) {
  auto settings = ctx.store.settings.LoadSettings();
  std::optional<site::BreakingNews> news;
  if (settings.ok()) news = site::BreakingFromSettings(*settings);
  const bool active = news && news->expires_at > ctx.clock.Now();
  return {{"active", active},
          {"text", news ? json(news->text) : json()},
          {"url", news && !news->url.empty() ? json(news->url) : json()},
          {"expires_at", news ? TimeJson(news->expires_at) : json()}};
}

Result<http::Response> Put(AdminContext& ctx, const http::Request& req,
                           const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticlePublishAny));
  WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
  site::BreakingNews news;
  WARTA_ASSIGN_OR_RETURN(auto text, OptString(body, "text"));
  news.text = text ? std::string(Trim(*text)) : "";
  if (news.text.empty()) {
    return Status::InvalidArgument("text: must not be empty")
        .WithField("text")
        .WithReason("text_empty");
  }
  if (news.text.size() > 300) {
    return Status::InvalidArgument("text: at most 300 bytes")
        .WithField("text")
        .WithReason("too_long_bytes", {{"field", "text"}, {"n", "300"}});
  }
  WARTA_ASSIGN_OR_RETURN(auto url, OptString(body, "url"));
  if (url && !Trim(*url).empty()) {
    WARTA_ASSIGN_OR_RETURN(news.url, NormalizeArticleLink("url", *url));
  }
  const Timestamp now = ctx.clock.Now();
  WARTA_ASSIGN_OR_RETURN(auto expires, ParseTimeField(ctx, body, "expires_at"));
  WARTA_ASSIGN_OR_RETURN(auto minutes, OptInt(body, "minutes"));
  if (expires) {
    news.expires_at = *expires;
  } else {
    const std::int64_t m = minutes.value_or(60);
    if (m < 1 || m > 7 * 24 * 60) {
      return Status::InvalidArgument("minutes: expected 1 to 10080")
          .WithField("minutes")
          .WithReason("expected_range",
                      {{"field", "minutes"}, {"min", "1"}, {"max", "10080"}});
    }
    news.expires_at = now + m * 60;
  }
  if (news.expires_at <= now) {
    return Status::InvalidArgument("expires_at: must be in the future")
        .WithField("expires_at")
        .WithReason("must_be_future", {{"field", "expires_at"}});
  }
  WARTA_RETURN_IF_ERROR(
      ctx.store.settings.SaveSettings(site::BreakingSettings(news)));
  return JsonResponse(200, BreakingJson(ctx));
}

}  // namespace

void RegisterBreakingApi(AdminContext& ctx, http::Router& r) {
  r.Get("/api/admin/breaking", [&ctx](const http::Request& req) {
    return RunApi(
        ctx, req, [&](const Principal& who) -> Result<http::Response> {
          WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticleReadOwn));
          return JsonResponse(200, BreakingJson(ctx));
        });
  });
  r.Put("/api/admin/breaking", [&ctx](const http::Request& req) {
    return RunApi(ctx, req,
                  [&](const Principal& who) { return Put(ctx, req, who); });
  });
  r.Delete("/api/admin/breaking", [&ctx](const http::Request& req) {
    return RunApi(
        ctx, req, [&](const Principal& who) -> Result<http::Response> {
          WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticlePublishAny));
          WARTA_RETURN_IF_ERROR(ctx.store.settings.SaveSettings(
              site::BreakingSettings(std::nullopt)));
          return JsonResponse(200, BreakingJson(ctx));
        });
  });
}

}  // namespace warta::admin
