// /api/admin/users: admins browse, add, edit and disable accounts; every
// user may read and edit their own name, e-mail and password.
#include "admin/article_json.h"
#include "admin/crypto.h"
#include "base/strings.h"

namespace warta::admin {

json UserToJson(const User& u);  // session_api.cc

namespace {

bool IsSelf(const Principal& who, std::int64_t id) { return who.user.id == id; }

// Admins (users.manage) reach every account; others only their own, and a
// token only with the `account` scope.
Status AuthorizeUserAccess(const Principal& who, std::int64_t id) {
  if (Authorize(who, Action::kUsersManage).ok()) return Status::Ok();
  if (!IsSelf(who, id)) return Authorize(who, Action::kUsersManage);
  return Authorize(who, Action::kAccountEdit);
}

// Revokes every live API token of user `id`.
Status RevokeUserTokens(AdminContext& ctx, std::int64_t id) {
  WARTA_ASSIGN_OR_RETURN(auto tokens, ctx.store.users.ListApiTokens(id));
  const Timestamp now = ctx.clock.Now();
  for (const ApiToken& t : tokens) {
    if (t.user_id != id || t.revoked_at) continue;
    WARTA_RETURN_IF_ERROR(ctx.store.users.RevokeApiToken(t.id, now));
  }
  return Status::Ok();
}

// Refuses to leave the newsroom without an active admin.
Status KeepAnAdmin(AdminContext& ctx, const User& before, const User& after) {
  bool was = before.role == Role::kAdmin && !before.disabled;
  bool is = after.role == Role::kAdmin && !after.disabled;
  if (!was || is) return Status::Ok();
  WARTA_ASSIGN_OR_RETURN(auto users, ctx.store.users.ListUsers());
  int admins = 0;
  for (const User& u : users)
    admins += u.role == Role::kAdmin && !u.disabled && u.id != before.id;
  if (admins == 0)
    return Status::FailedPrecondition(
               "role: the last active admin cannot be demoted or disabled")
        .WithReason("last_admin");
  return Status::Ok();
}

Result<http::Response> Browse(AdminContext& ctx, const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kUsersManage));
  WARTA_ASSIGN_OR_RETURN(auto users, ctx.store.users.ListUsers());
  json items = json::array();
  for (const User& u : users) items.push_back(UserToJson(u));
  return JsonResponse(200, {{"users", items}});
}

Result<http::Response> Read(AdminContext& ctx, const http::Request& req,
                            const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_RETURN_IF_ERROR(AuthorizeUserAccess(who, id));
  WARTA_ASSIGN_OR_RETURN(User u, ctx.store.users.GetUser(id));
  return JsonResponse(200, UserToJson(u));
}

Result<http::Response> Add(AdminContext& ctx, const http::Request& req,
                           const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kUsersManage));
  WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
  WARTA_ASSIGN_OR_RETURN(std::string email, RequiredString(body, "email"));
  WARTA_ASSIGN_OR_RETURN(std::string name, RequiredString(body, "name"));
  WARTA_ASSIGN_OR_RETURN(std::string role, RequiredString(body, "role"));
  WARTA_ASSIGN_OR_RETURN(std::string password,
                         RequiredString(body, "password"));
  User u;
  WARTA_ASSIGN_OR_RETURN(u.email, NormalizeEmail(email));
  u.name = std::string(Trim(name));
  if (u.name.size() > 100) {
    return Status::InvalidArgument("name: too long")
        .WithField("name")
        .WithReason("too_long", {{"field", "name"}});
  }
  auto r = ParseRole(role);
  if (!r.ok())
    return Status::InvalidArgument(
               "role: expected kontributor, penulis, editor or admin")
        .WithField("role")
        .WithReason("role_invalid");
  u.role = *r;
  // A new account writes under a byline of its own unless an admin links it
  // to an existing author explicitly.
  WARTA_ASSIGN_OR_RETURN(auto author_id, OptInt(body, "author_id"));
  if (author_id) {
    if (*author_id <= 0) {
      return Status::InvalidArgument("author_id: expected an author's id")
          .WithField("author_id")
          .WithReason("expected_id", {{"field", "author_id"}});
    }
    u.author_id = *author_id;
  }
  WARTA_ASSIGN_OR_RETURN(u.password_hash, HashPassword(password));
  WARTA_ASSIGN_OR_RETURN(User created, ctx.store.users.AddUser(u));
  return JsonResponse(201, UserToJson(created));
}

Result<http::Response> EditUser(AdminContext& ctx, const http::Request& req,
                                const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_RETURN_IF_ERROR(AuthorizeUserAccess(who, id));
  const bool admin = Authorize(who, Action::kUsersManage).ok();
  WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
  WARTA_ASSIGN_OR_RETURN(User before, ctx.store.users.GetUser(id));
  User u = before;
  WARTA_ASSIGN_OR_RETURN(auto email, OptString(body, "email"));
  WARTA_ASSIGN_OR_RETURN(auto name, OptString(body, "name"));
  WARTA_ASSIGN_OR_RETURN(auto role, OptString(body, "role"));
  WARTA_ASSIGN_OR_RETURN(auto disabled, OptBool(body, "disabled"));
  WARTA_ASSIGN_OR_RETURN(auto password, OptString(body, "password"));
  if (email) {
    WARTA_ASSIGN_OR_RETURN(u.email, NormalizeEmail(*email));
  }
  if (name) {
    u.name = std::string(Trim(*name));
    if (u.name.empty() || u.name.size() > 100) {
      return Status::InvalidArgument("name: 1 to 100 characters")
          .WithField("name")
          .WithReason("too_long", {{"field", "name"}});
    }
  }
  if ((role || disabled) && !admin)
    return Status::PermissionDenied("users.manage: only admins change roles")
        .WithReason("roles_admin_only");
  if (role) {
    auto r = ParseRole(*role);
    if (!r.ok())
      return Status::InvalidArgument(
                 "role: expected kontributor, penulis, editor or admin")
          .WithField("role")
          .WithReason("role_invalid");
    u.role = *r;
  }
  if (disabled) u.disabled = *disabled;
  if (password) {
    WARTA_ASSIGN_OR_RETURN(u.password_hash, HashPassword(*password));
  }
  WARTA_RETURN_IF_ERROR(KeepAnAdmin(ctx, before, u));
  WARTA_ASSIGN_OR_RETURN(User saved, ctx.store.users.UpdateUser(u));
  if (password || u.disabled) {
    // A new password or a disabled account ends the other sessions and
    // every API token: a leaked credential dies with the old password.
    WARTA_RETURN_IF_ERROR(ctx.store.users.DeleteUserSessions(
        id, IsSelf(who, id) ? who.session_hash : ""));
    WARTA_RETURN_IF_ERROR(RevokeUserTokens(ctx, id));
  }
  return JsonResponse(200, UserToJson(saved));
}

Result<http::Response> Disable(AdminContext& ctx, const http::Request& req,
                               const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kUsersManage));
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(User before, ctx.store.users.GetUser(id));
  User u = before;
  u.disabled = true;
  WARTA_RETURN_IF_ERROR(KeepAnAdmin(ctx, before, u));
  WARTA_ASSIGN_OR_RETURN(User saved, ctx.store.users.UpdateUser(u));
  WARTA_RETURN_IF_ERROR(ctx.store.users.DeleteUserSessions(id, ""));
  WARTA_RETURN_IF_ERROR(RevokeUserTokens(ctx, id));
  return JsonResponse(200, UserToJson(saved));
}

}  // namespace

void RegisterUsersApi(AdminContext& ctx, http::Router& r) {
  r.Get("/api/admin/users", [&ctx](const http::Request& q) {
    return RunApi(ctx, q, [&](const Principal& w) { return Browse(ctx, w); });
  });
  r.Post("/api/admin/users", [&ctx](const http::Request& q) {
    return RunApi(ctx, q, [&](const Principal& w) { return Add(ctx, q, w); });
  });
  r.Get("/api/admin/users/{id}", [&ctx](const http::Request& q) {
    return RunApi(ctx, q, [&](const Principal& w) { return Read(ctx, q, w); });
  });
  r.Put("/api/admin/users/{id}", [&ctx](const http::Request& q) {
    return RunApi(ctx, q,
                  [&](const Principal& w) { return EditUser(ctx, q, w); });
  });
  r.Delete("/api/admin/users/{id}", [&ctx](const http::Request& q) {
    return RunApi(ctx, q,
                  [&](const Principal& w) { return Disable(ctx, q, w); });
  });
}

}  // namespace warta::admin
