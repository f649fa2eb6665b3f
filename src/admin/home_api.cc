// /api/admin/home: the home page as the editor on duty programs it
// (store/home_store.h): a pinned lead, optionally until a time, and up to
// four top stories in order. Editors and admins only (reading too).
//   GET -> {"lead": {"id", "until", "title", "url", "live"} | null,
//           "top": [{"id", "title", "url", "live"}, ...], "max_top": 4}
//   PUT {"lead": {"id": 12, "until": "2026-12-05T10:00:00Z"} | 12 | null,
//        "top": [3, 9]} -> the same. Replaces every pin: a missing "lead"
//        or "top" clears it. Ids must name published articles; "until"
//        (ISO 8601 or UTC seconds) must be in the future.
//   DELETE -> clears every pin.
// "live" tells whether the pin shows now (published, due, not expired).
// A change drops the cached home page only (page key "home"); an expiry
// takes effect without a write (site/home_page.cc refreshes at it).
#include "admin/article_json.h"
#include "site/home_pins.h"

namespace warta::admin {
namespace {

json PinJson(AdminContext& ctx, std::int64_t id, bool live) {
  json j = {{"id", id}, {"title", json()}, {"url", json()}, {"live", live}};
  auto a = ctx.store.articles.GetArticle(id);
  if (a.ok()) {
    j["title"] = a->title;
    if (a->IsPublished()) j["url"] = ctx.urls().Article(a->slug);
  }
  return j;
}

Result<json> HomeJson(AdminContext& ctx) {
  WARTA_ASSIGN_OR_RETURN(
      site::LivePins pins,
      site::LoadLivePins(ctx.store.articles, ctx.store.home, ctx.clock.Now()));
  json j = {
      {"lead", json()}, {"top", json::array()}, {"max_top", kMaxTopStories}};
  if (pins.stored.lead != 0) {
    j["lead"] = PinJson(ctx, pins.stored.lead, pins.lead.has_value());
    j["lead"]["until"] = TimeJson(pins.stored.lead_until);
  }
  for (std::int64_t id : pins.stored.top) {
    bool live = false;
    for (const Article& a : pins.top) live = live || a.id == id;
    j["top"].push_back(PinJson(ctx, id, live));
  }
  return j;
}

// An article id to pin: must name a published article.
Status CheckPinnable(AdminContext& ctx, const std::string& field,
                     std::int64_t id) {
  auto a = ctx.store.articles.GetArticle(id);
  const std::string n = std::to_string(id);
  if (!a.ok() && a.status().IsNotFound()) {
    return Status::InvalidArgument(field + ": no article " + n)
        .WithField(field)
        .WithReason("no_such_article", {{"field", field}, {"id", n}});
  }
  if (!a.ok()) return a.status();
  if (!a->IsPublished()) {
    return Status::InvalidArgument(field + ": article " + n +
                                   " is not published")
        .WithField(field)
        .WithReason("article_not_published", {{"field", field}, {"id", n}});
  }
  return Status::Ok();
}

Result<std::int64_t> PinId(const json& v, const std::string& field) {
  if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) {
    return Status::InvalidArgument(field + ": expected an article id")
        .WithField(field)
        .WithReason("expected_id", {{"field", field}});
  }
  return v.get<std::int64_t>();
}

Result<HomePins> ParsePins(AdminContext& ctx, const json& body) {
  HomePins pins;
  if (auto lead = body.find("lead"); lead != body.end() && !lead->is_null()) {
    if (lead->is_object()) {
      auto id = lead->find("id");
      if (id == lead->end()) {
        return Status::InvalidArgument("lead.id: expected an article id")
            .WithField("lead.id")
            .WithReason("expected_id", {{"field", "lead.id"}});
      }
      WARTA_ASSIGN_OR_RETURN(pins.lead, PinId(*id, "lead.id"));
      WARTA_ASSIGN_OR_RETURN(pins.lead_until,
                             ParseTimeField(ctx, *lead, "until"));
    } else {
      WARTA_ASSIGN_OR_RETURN(pins.lead, PinId(*lead, "lead"));
    }
    WARTA_RETURN_IF_ERROR(CheckPinnable(ctx, "lead", pins.lead));
    if (pins.lead_until && *pins.lead_until <= ctx.clock.Now()) {
      return Status::InvalidArgument("lead.until: must be in the future")
          .WithField("lead.until")
          .WithReason("must_be_future", {{"field", "lead.until"}});
    }
  }
  if (auto top = body.find("top"); top != body.end() && !top->is_null()) {
    if (!top->is_array()) {
      return Status::InvalidArgument("top: expected a list of article ids")
          .WithField("top")
          .WithReason("expected_id", {{"field", "top"}});
    }
    if (static_cast<int>(top->size()) > kMaxTopStories) {
      const std::string n = std::to_string(kMaxTopStories);
      return Status::InvalidArgument("top: at most " + n + " stories")
          .WithField("top")
          .WithReason("too_many", {{"field", "top"}, {"n", n}});
    }
    for (size_t i = 0; i < top->size(); ++i) {
      const std::string field = "top[" + std::to_string(i) + "]";
      WARTA_ASSIGN_OR_RETURN(std::int64_t id, PinId((*top)[i], field));
      WARTA_RETURN_IF_ERROR(CheckPinnable(ctx, field, id));
      pins.top.push_back(id);
    }
  }
  return pins;
}

}  // namespace

void RegisterHomeApi(AdminContext& ctx, http::Router& r) {
  r.Get("/api/admin/home", [&ctx](const http::Request& req) {
    return RunApi(
        ctx, req, [&](const Principal& who) -> Result<http::Response> {
          WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticlePublishAny));
          WARTA_ASSIGN_OR_RETURN(json j, HomeJson(ctx));
          return JsonResponse(200, j);
        });
  });
  r.Put("/api/admin/home", [&ctx](const http::Request& req) {
    return RunApi(
        ctx, req, [&](const Principal& who) -> Result<http::Response> {
          WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticlePublishAny));
          WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
          if (!body.is_object()) {
            return Status::InvalidArgument("expected a JSON object")
                .WithReason("not_json_object");
          }
          WARTA_ASSIGN_OR_RETURN(HomePins pins, ParsePins(ctx, body));
          WARTA_RETURN_IF_ERROR(ctx.store.home.SetHomePins(pins));
          WARTA_ASSIGN_OR_RETURN(json j, HomeJson(ctx));
          return JsonResponse(200, j);
        });
  });
  r.Delete("/api/admin/home", [&ctx](const http::Request& req) {
    return RunApi(
        ctx, req, [&](const Principal& who) -> Result<http::Response> {
          WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticlePublishAny));
          WARTA_RETURN_IF_ERROR(ctx.store.home.SetHomePins(HomePins{}));
          WARTA_ASSIGN_OR_RETURN(json j, HomeJson(ctx));
          return JsonResponse(200, j);
        });
  });
}

}  // namespace warta::admin
