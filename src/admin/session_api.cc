// /api/admin/session: log in (POST), who am I (GET), log out (DELETE); and
// /api/admin/setup, the first admin, only from this machine while no user
// exists.
#include "admin/article_json.h"
#include "admin/crypto.h"
#include "base/strings.h"

namespace warta::admin {
namespace {

json UserJson(const User& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"name", u.name},
          {"role", RoleName(u.role)},
          {"author_id", u.author_id},
          {"disabled", u.disabled}};
}

http::Response LoggedIn(AdminContext& ctx, int status,
                        const LoginResult& login) {
  http::Response r =
      JsonResponse(status, {{"csrf_token", login.csrf_token},
                            {"user", UserJson(login.user)},
                            {"expires_at", TimeJson(login.expires_at)}});
  r.SetHeader("Set-Cookie", ctx.auth.SessionCookie(login));
  return r;
}

http::Response Login(AdminContext& ctx, const http::Request& req) {
  if (!SameOrigin(req))
    return ErrorResponse(Status::PermissionDenied("cross-origin login")
                             .WithReason("cross_origin"));
  auto body = ParseBody(req);
  if (!body.ok()) return ErrorResponse(body.status());
  auto email = OptString(*body, "email");
  auto password = OptString(*body, "password");
  if (!email.ok()) return ErrorResponse(email.status());
  if (!password.ok()) return ErrorResponse(password.status());
  if (!*email || !*password)
    return ErrorResponse(
        Status::InvalidArgument("email: and password are required")
            .WithField("email")
            .WithReason("login_missing"));
  std::int64_t retry_after = 0;
  auto login = ctx.auth.Login(**email, **password, req.remote_ip, &retry_after);
  if (!login.ok()) {
    http::Response r = ErrorResponse(login.status(), req.path);
    if (retry_after > 0)
      r.SetHeader("Retry-After", std::to_string(retry_after));
    return r;
  }
  return LoggedIn(ctx, 200, *login);
}

http::Response Setup(AdminContext& ctx, const http::Request& req) {
  if (!IsLocalRequest(req))
    return ErrorResponse(Status::NotFound("no such page"));
  auto run = [&]() -> Result<http::Response> {
    WARTA_ASSIGN_OR_RETURN(std::int64_t users, ctx.store.users.CountUsers());
    auto set_up_already = [] {
      return Status::NotFound("set up already").WithReason("set_up_already");
    };
    if (users > 0) return set_up_already();
    WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
    WARTA_ASSIGN_OR_RETURN(std::string email_in, RequiredString(body, "email"));
    WARTA_ASSIGN_OR_RETURN(std::string name, RequiredString(body, "name"));
    WARTA_ASSIGN_OR_RETURN(std::string password,
                           RequiredString(body, "password"));
    User u;
    WARTA_ASSIGN_OR_RETURN(u.email, NormalizeEmail(email_in));
    u.name = std::string(Trim(name));
    u.role = Role::kAdmin;
    WARTA_ASSIGN_OR_RETURN(u.password_hash, HashPassword(password));
    auto created = ctx.store.users.AddFirstUser(u);
    if (!created.ok() &&
        created.status().code() == StatusCode::kFailedPrecondition)
      return set_up_already();
    if (!created.ok()) return created.status();
    WARTA_ASSIGN_OR_RETURN(LoginResult login, ctx.auth.StartSession(*created));
    return LoggedIn(ctx, 201, login);
  };
  auto r = run();
  return r.ok() ? *r : ErrorResponse(r.status(), req.path);
}

}  // namespace

json UserToJson(const User& u) { return UserJson(u); }

void RegisterSessionApi(AdminContext& ctx, http::Router& r) {
  http::RouteOptions small;
  small.body_limit = 16 * 1024;
  r.Add(
      http::Method::kPost, "/api/admin/session",
      [&ctx](const http::Request& req) { return Login(ctx, req); }, small);
  r.Get("/api/admin/session", [&ctx](const http::Request& req) {
    return RunApi(ctx, req,
                  [&](const Principal& who) -> Result<http::Response> {
                    return JsonResponse(200, {{"csrf_token", who.csrf_token},
                                              {"user", UserJson(who.user)},
                                              {"via_token", who.via_token}});
                  });
  });
  r.Delete("/api/admin/session", [&ctx](const http::Request& req) {
    return RunApi(
        ctx, req, [&](const Principal& who) -> Result<http::Response> {
          WARTA_RETURN_IF_ERROR(ctx.auth.Logout(who));
          http::Response resp = JsonResponse(200, {{"logged_out", true}});
          if (!who.via_token)
            resp.SetHeader("Set-Cookie", ctx.auth.ClearCookie());
          return resp;
        });
  });
  r.Add(
      http::Method::kPost, "/api/admin/setup",
      [&ctx](const http::Request& req) { return Setup(ctx, req); }, small);
}

}  // namespace warta::admin
