// /api/admin/settings: the site's name, URL, time zone and locale, read by
// anyone in the newsroom and changed by admins. Changes apply at once.
#include "admin/article_json.h"

namespace warta::admin {
namespace {

// "site.name" -> "name" in JSON.
std::string JsonKey(std::string_view key) {
  return std::string(key.substr(key.find('.') + 1));
}

json SettingsJson(AdminContext& ctx) {
  json j = json::object();
  auto current = ctx.settings.current ? ctx.settings.current()
                                      : std::map<std::string, std::string>();
  for (const char* key : kEditableSettings) j[JsonKey(key)] = current[key];
  return j;
}

}  // namespace

void RegisterSettingsApi(AdminContext& ctx, http::Router& r) {
  r.Get("/api/admin/settings", [&ctx](const http::Request& req) {
    return RunApi(
        ctx, req, [&](const Principal& who) -> Result<http::Response> {
          WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticleReadOwn));
          return JsonResponse(200, SettingsJson(ctx));
        });
  });
  r.Put("/api/admin/settings", [&ctx](const http::Request& req) {
    return RunApi(
        ctx, req, [&](const Principal& who) -> Result<http::Response> {
          WARTA_RETURN_IF_ERROR(Authorize(who, Action::kSettingsManage));
          WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
          std::map<std::string, std::string> changes;
          for (const char* key : kEditableSettings) {
            // Both "name" and "site.name" are accepted.
            std::string short_key = JsonKey(key);
            const char* field = body.contains(key) ? key : short_key.c_str();
            WARTA_ASSIGN_OR_RETURN(auto v, OptString(body, field));
            if (v) changes[key] = *v;
          }
          for (const auto& [k, v] : body.items()) {
            bool known = false;
            for (const char* key : kEditableSettings)
              known = known || k == key || k == JsonKey(key);
            if (!known)
              return Status::InvalidArgument(k +
                                             ": not a setting (use name, "
                                             "url, timezone or locale)")
                  .WithField(k)
                  .WithReason("setting_unknown", {{"field", k}});
          }
          if (!ctx.settings.apply)
            return Status::Unavailable("settings cannot be changed here")
                .WithReason("settings_fixed");
          WARTA_RETURN_IF_ERROR(ctx.settings.apply(changes));
          return JsonResponse(200, SettingsJson(ctx));
        });
  });
}

}  // namespace warta::admin
