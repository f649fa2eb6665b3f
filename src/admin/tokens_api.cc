// /api/admin/tokens (also /api/admin/api_tokens): API tokens for
// integrations. Each user manages their own; admins see and revoke all.
// The token itself is shown once, when made; only its hash is kept.
#include "admin/article_json.h"
#include "admin/crypto.h"
#include "base/strings.h"

namespace warta::admin {
namespace {

json TokenJson(const ApiToken& t) {
  std::vector<std::string> scopes;
  for (std::string_view s : Split(t.scopes, ' '))
    if (!s.empty()) scopes.emplace_back(s);
  return {{"id", t.id},
          {"user_id", t.user_id},
          {"name", t.name},
          {"hint", t.hint},
          {"scopes", scopes},
          {"created_at", TimeJson(t.created_at)},
          {"last_used_at", TimeJson(t.last_used_at)},
          {"revoked_at", TimeJson(t.revoked_at)},
          {"revoked", t.revoked_at.has_value()}};
}

Result<http::Response> Browse(AdminContext& ctx, const http::Request& req,
                              const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kTokensOwn));
  bool all = req.Query("all").value_or("") == "1";
  if (all) WARTA_RETURN_IF_ERROR(Authorize(who, Action::kTokensAny));
  WARTA_ASSIGN_OR_RETURN(auto tokens,
                         ctx.store.users.ListApiTokens(all ? 0 : who.user.id));
  json items = json::array();
  for (const ApiToken& t : tokens) items.push_back(TokenJson(t));
  return JsonResponse(200, {{"tokens", items}});
}

Result<http::Response> Add(AdminContext& ctx, const http::Request& req,
                           const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kTokensOwn));
  WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
  WARTA_ASSIGN_OR_RETURN(std::string name, RequiredString(body, "name"));
  if (name.size() > 100) {
    return Status::InvalidArgument("name: too long")
        .WithField("name")
        .WithReason("too_long", {{"field", "name"}});
  }
  WARTA_ASSIGN_OR_RETURN(auto scopes, OptNames(body, "scopes"));
  std::vector<std::string> wanted =
      scopes ? *scopes
             : std::vector<std::string>{"articles:read", "articles:write"};
  WARTA_ASSIGN_OR_RETURN(std::string normalized, NormalizeScopes(wanted));
  WARTA_RETURN_IF_ERROR(AuthorizeScopeGrant(who, normalized));
  ApiToken t;
  std::string secret = "warta_" + RandomToken(32);
  t.user_id = who.user.id;
  t.name = std::string(Trim(name));
  t.token_hash = TokenHash(secret);
  t.hint = secret.substr(0, 10);
  t.scopes = normalized;
  t.created_at = ctx.clock.Now();
  WARTA_ASSIGN_OR_RETURN(ApiToken saved, ctx.store.users.AddApiToken(t));
  json j = TokenJson(saved);
  j["token"] = secret;
  return JsonResponse(201, j);
}

Result<http::Response> Revoke(AdminContext& ctx, const http::Request& req,
                              const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kTokensOwn));
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(ApiToken t, ctx.store.users.GetApiToken(id));
  if (t.user_id != who.user.id)
    WARTA_RETURN_IF_ERROR(Authorize(who, Action::kTokensAny));
  WARTA_RETURN_IF_ERROR(ctx.store.users.RevokeApiToken(id, ctx.clock.Now()));
  WARTA_ASSIGN_OR_RETURN(ApiToken after, ctx.store.users.GetApiToken(id));
  return JsonResponse(200, TokenJson(after));
}

}  // namespace

void RegisterTokensApi(AdminContext& ctx, http::Router& r) {
  for (std::string base : {"/api/admin/tokens", "/api/admin/api_tokens"}) {
    r.Get(base, [&ctx](const http::Request& q) {
      return RunApi(ctx, q,
                    [&](const Principal& w) { return Browse(ctx, q, w); });
    });
    r.Post(base, [&ctx](const http::Request& q) {
      return RunApi(ctx, q, [&](const Principal& w) { return Add(ctx, q, w); });
    });
    r.Delete(base + "/{id}", [&ctx](const http::Request& q) {
      return RunApi(ctx, q,
                    [&](const Principal& w) { return Revoke(ctx, q, w); });
    });
  }
}

}  // namespace warta::admin
