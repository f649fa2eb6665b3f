// /api/admin/articles/{id}/updates: the timestamped updates of a live report
// (browse, add, destroy). Reading needs read access to the article, adding
// and deleting edit access; the article must have live_report set to take
// new updates. Each write drops the article's cached page.
#include "admin/article_json.h"
#include "admin/pages.h"

namespace warta::admin {
namespace {

// `when`: the time as the newsroom shows it, in the request's language.
json UpdateJson(const AdminContext& ctx, const http::Request& req,
                const LiveUpdate& u) {
  return {{"id", u.id},
          {"article_id", u.article_id},
          {"created_at", TimeJson(u.created_at)},
          {"when", ShowTime(ctx, u.created_at, RequestLanguage(ctx, req))},
          {"user_id", u.user_id},
          {"user", u.user_name},
          {"body", u.body}};
}

// The article after checking `verb` on it for `who`.
Result<Article> Authorized(AdminContext& ctx, const http::Request& req,
                           const Principal& who, ArticleVerb verb) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(Article a, ctx.store.articles.GetArticle(id));
  WARTA_ASSIGN_OR_RETURN(auto wfs, ctx.store.editorial.GetWorkflows({id}));
  WARTA_RETURN_IF_ERROR(AuthorizeArticle(who, verb, a, wfs[id]));
  return a;
}

Result<http::Response> Browse(AdminContext& ctx, const http::Request& req,
                              const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(Article a,
                         Authorized(ctx, req, who, ArticleVerb::kRead));
  WARTA_ASSIGN_OR_RETURN(auto list,
                         ctx.store.live_updates.ListLiveUpdates(a.id, 1000));
  json items = json::array();
  for (const LiveUpdate& u : list) items.push_back(UpdateJson(ctx, req, u));
  return JsonResponse(200, {{"updates", items}});
}

Result<http::Response> Add(AdminContext& ctx, const http::Request& req,
                           const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(Article a,
                         Authorized(ctx, req, who, ArticleVerb::kEdit));
  WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
  WARTA_ASSIGN_OR_RETURN(std::string text, RequiredString(body, "body"));
  WARTA_ASSIGN_OR_RETURN(LiveUpdate added,
                         ctx.newsroom.AddLiveUpdate(a.id, text, who.user.id));
  return JsonResponse(201, UpdateJson(ctx, req, added));
}

Result<http::Response> Destroy(AdminContext& ctx, const http::Request& req,
                               const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(Article a,
                         Authorized(ctx, req, who, ArticleVerb::kEdit));
  WARTA_ASSIGN_OR_RETURN(std::int64_t update, IdParam(req, "update"));
  WARTA_RETURN_IF_ERROR(ctx.newsroom.DeleteLiveUpdate(a.id, update));
  return JsonResponse(200, {{"deleted", update}});
}

}  // namespace

void RegisterLiveUpdatesApi(AdminContext& ctx, http::Router& r) {
  r.Get("/api/admin/articles/{id}/updates", [&ctx](const http::Request& q) {
    return RunApi(ctx, q,
                  [&](const Principal& w) { return Browse(ctx, q, w); });
  });
  r.Post("/api/admin/articles/{id}/updates", [&ctx](const http::Request& q) {
    return RunApi(ctx, q, [&](const Principal& w) { return Add(ctx, q, w); });
  });
  r.Delete("/api/admin/articles/{id}/updates/{update}",
           [&ctx](const http::Request& q) {
             return RunApi(ctx, q, [&](const Principal& w) {
               return Destroy(ctx, q, w);
             });
           });
}

}  // namespace warta::admin
