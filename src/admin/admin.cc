#include "admin/admin.h"

#include "admin/crypto.h"
#include "admin/ui_files.h"
#include "base/strings.h"

namespace warta::admin {

http::Response RunApi(AdminContext& ctx, const http::Request& req,
                      const ApiFn& fn) {
  auto who = ctx.auth.Authenticate(req);
  if (!who.ok()) return ErrorResponse(who.status(), req.path);
  Status csrf = ctx.auth.CheckCsrf(req, *who);
  if (!csrf.ok()) return ErrorResponse(csrf, req.path);
  Result<http::Response> r = fn(*who);
  if (!r.ok()) return ErrorResponse(r.status(), req.path);
  return std::move(*r);
}

Result<std::int64_t> IdParam(const http::Request& req, std::string_view name) {
  auto n = ParseInt(req.Param(name));
  if (!n || *n <= 0)
    return Status::InvalidArgument(std::string(name) + ": expected an id")
        .WithField(name)
        .WithReason("expected_id", {{"field", name}});
  return *n;
}

Result<std::unique_ptr<Admin>> Admin::Create(
    AdminStores store, Newsroom& newsroom, const site::SiteContext& site,
    const Clock& clock, AdminOptions options, SettingsHooks settings,
    ImageLibrary& images) {
  WARTA_RETURN_IF_ERROR(InitCrypto());
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& [name, bytes] : AdminUiFiles())
    files.emplace_back(std::string(name), std::string(bytes));
  WARTA_ASSIGN_OR_RETURN(auto ui, render::Theme::FromFiles(files));
  auto ctx = std::unique_ptr<AdminContext>(new AdminContext{
      store, newsroom, site, clock, options, std::move(settings),
      Auth(store.users, clock, options.auth), std::move(ui), images});
  return std::unique_ptr<Admin>(new Admin(std::move(ctx)));
}

void Admin::Register(http::Router& r) {
  AdminContext& ctx = *ctx_;
  RegisterSessionApi(ctx, r);
  RegisterArticlesApi(ctx, r);
  RegisterRevisionsApi(ctx, r);
  RegisterLiveUpdatesApi(ctx, r);
  RegisterTaxonomyApi(ctx, r);
  RegisterUsersApi(ctx, r);
  RegisterSettingsApi(ctx, r);
  RegisterBreakingApi(ctx, r);
  RegisterHomeApi(ctx, r);
  RegisterTokensApi(ctx, r);
  RegisterMediaApi(ctx, r);
  RegisterPages(ctx, r);
}

}  // namespace warta::admin
