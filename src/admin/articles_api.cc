// /api/admin/articles: browse, read, add, edit, destroy (to the trash),
// restore, publish, unpublish, submit, return, and the editor's preview.
#include <algorithm>

#include "admin/article_json.h"
#include "base/strings.h"
#include "content/slug.h"
#include "site/pages.h"

namespace warta::admin {
namespace {

struct Loaded {
  Article article;
  Workflow workflow;
};

// The article with its workflow; trashed ones only when `trashed`.
Result<Loaded> Load(AdminContext& ctx, std::int64_t id, bool trashed) {
  Result<Article> a = trashed ? ctx.store.editorial.GetTrashedArticle(id)
                              : ctx.store.articles.GetArticle(id);
  if (!a.ok()) return a.status();
  WARTA_ASSIGN_OR_RETURN(auto wfs, ctx.store.editorial.GetWorkflows({id}));
  return Loaded{std::move(*a), wfs[id]};
}

// Either article view, for GET (live first, then the trash).
Result<Loaded> LoadAny(AdminContext& ctx, std::int64_t id) {
  auto live = Load(ctx, id, false);
  if (live.ok() || !live.status().IsNotFound()) return live;
  return Load(ctx, id, true);
}

Result<http::Response> Ok(AdminContext& ctx, int status, std::int64_t id) {
  WARTA_ASSIGN_OR_RETURN(Loaded l, LoadAny(ctx, id));
  return JsonResponse(status, ArticleJson(ctx, l.article, l.workflow));
}

// 409 (version_conflict) with the current article: its fields at the top
// level (so `version` is there) and again under "article".
Result<http::Response> ConflictResponse(AdminContext& ctx, std::int64_t id,
                                        const std::string& message) {
  WARTA_ASSIGN_OR_RETURN(Loaded l, LoadAny(ctx, id));
  json current = ArticleJson(ctx, l.article, l.workflow);
  json body = current;
  body.update(
      ErrorJson(Status::Conflict(message).WithReason("version_conflict")));
  body["article"] = current;
  return JsonResponse(409, body);
}

// The editor credit ("Editor: ...") defaults to the editor who puts the
// story live when the desk left it empty. A penulis publishing their own
// story involves no editor: no credit is made up.
void CreditTheEditor(const Principal& who, ArticleStatus before,
                     Article& after) {
  bool going_live =
      before == ArticleStatus::kDraft && after.status != ArticleStatus::kDraft;
  if (!going_live || after.editor) return;
  if (!Authorize(who, Action::kArticlePublishAny).ok()) return;
  Author au;
  au.id = who.user.author_id;
  au.name = who.user.name;
  after.editor = au;
}

// What a save records in the history: the workflow event it is (the story
// put live, taken off, scheduled or rescheduled) or a plain (auto)save.
std::string EditKind(const Article& before, const Article& after,
                     bool autosave) {
  if (after.status == ArticleStatus::kPublished &&
      before.status != ArticleStatus::kPublished)
    return "publish";
  if (after.status == ArticleStatus::kScheduled &&
      (before.status != ArticleStatus::kScheduled ||
       after.published_at != before.published_at))
    return "schedule";
  if (after.status == ArticleStatus::kDraft &&
      before.status != ArticleStatus::kDraft)
    return "unpublish";
  return autosave ? "autosave" : "save";
}

// Checks what a status change needs: rights and a sensible time.
Status CheckStatusChange(AdminContext& ctx, const Principal& who,
                         const Article& before, const Workflow& wf,
                         const Article& after, bool creating) {
  bool status_changed = creating ? after.status != ArticleStatus::kDraft
                                 : after.status != before.status;
  bool time_changed = !creating && after.status != ArticleStatus::kDraft &&
                      after.published_at != before.published_at;
  if (status_changed || time_changed) {
    WARTA_RETURN_IF_ERROR(
        AuthorizeArticle(who, ArticleVerb::kPublish, before, wf));
  }
  Timestamp now = ctx.clock.Now();
  if (after.status == ArticleStatus::kScheduled &&
      (status_changed || time_changed)) {
    if (!after.published_at) {
      return Status::InvalidArgument(
                 "published_at: a scheduled article needs a time")
          .WithField("published_at")
          .WithReason("schedule_needs_time");
    }
    if (*after.published_at <= now) {
      return Status::InvalidArgument(
                 "published_at: must be in the future for a scheduled article")
          .WithField("published_at")
          .WithReason("schedule_in_past");
    }
  }
  if (after.status == ArticleStatus::kPublished && after.published_at &&
      *after.published_at > now + 60 && (status_changed || time_changed)) {
    return Status::InvalidArgument(
               "published_at: in the future; use status \"scheduled\"")
        .WithField("published_at")
        .WithReason("publish_in_future");
  }
  return Status::Ok();
}

Result<http::Response> Browse(AdminContext& ctx, const http::Request& req,
                              const Principal& who) {
  ArticleQuery q;
  q.order = ArticleQuery::Order::kRecentlyUpdated;
  if (auto s = req.Query("status"); s && !s->empty()) {
    if (*s == "trash" || *s == "trashed") {
      q.trashed = true;
    } else {
      auto st = ParseArticleStatus(*s);
      if (!st.ok()) {
        return Status::InvalidArgument(
                   "status: expected draft, scheduled, published or trash")
            .WithField("status")
            .WithReason("status_filter");
      }
      q.status = *st;
    }
  }
  if (auto t = req.Query("trash"); t && (*t == "1" || *t == "true"))
    q.trashed = true;
  if (auto c = req.Query("category"); c && !c->empty()) {
    auto cat = ctx.store.taxonomy.GetCategoryBySlug(Slugify(*c));
    if (!cat.ok() && !cat.status().IsNotFound()) return cat.status();
    q.category_id = cat.ok() ? cat->id : -1;
  }
  if (auto text = req.Query("q")) q.title_contains = std::string(Trim(*text));
  if (auto r = req.Query("review"); r && !r->empty()) {
    if (*r != "submitted" && *r != "returned") {
      return Status::InvalidArgument("review: expected submitted or returned")
          .WithField("review")
          .WithReason("review_filter");
    }
    q.review_state = *r;
  }
  if (!Authorize(who, Action::kArticleReadAny).ok()) {
    WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticleReadOwn));
    q.owner_user_id = who.user.id;
    q.owner_author_id = who.user.author_id;
  }
  int limit = 50, page = 1;
  if (auto l = req.Query("limit")) {
    auto n = ParseInt(*l);
    if (!n || *n < 1 || *n > 200) {
      return Status::InvalidArgument("limit: expected 1 to 200")
          .WithField("limit")
          .WithReason("expected_range",
                      {{"field", "limit"}, {"min", "1"}, {"max", "200"}});
    }
    limit = static_cast<int>(*n);
  }
  if (auto p = req.Query("page")) {
    auto n = ParseInt(*p);
    if (!n || *n < 1 || *n > 100000) {
      return Status::InvalidArgument("page: expected a positive number")
          .WithField("page")
          .WithReason("expected_id", {{"field", "page"}});
    }
    page = static_cast<int>(*n);
  }
  q.limit = limit;
  q.offset = (page - 1) * limit;
  WARTA_ASSIGN_OR_RETURN(auto list, ctx.store.articles.ListArticles(q));
  WARTA_ASSIGN_OR_RETURN(std::int64_t total,
                         ctx.store.articles.CountArticles(q));
  std::vector<std::int64_t> ids;
  for (const Article& a : list) ids.push_back(a.id);
  WARTA_ASSIGN_OR_RETURN(auto wfs, ctx.store.editorial.GetWorkflows(ids));
  WARTA_ASSIGN_OR_RETURN(auto views, LoadViews(ctx, ids));
  json items = json::array();
  for (const Article& a : list) {
    items.push_back(ArticleJson(ctx, a, wfs[a.id], false));
    items.back()["views"] = ViewsJson(views[a.id]);
  }
  json meta = {{"total", total},
               {"page", page},
               {"limit", limit},
               {"pages", (total + limit - 1) / limit}};
  return JsonResponse(200, {{"articles", items}, {"meta", meta}});
}

Result<http::Response> Read(AdminContext& ctx, const http::Request& req,
                            const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(Loaded l, LoadAny(ctx, id));
  WARTA_RETURN_IF_ERROR(
      AuthorizeArticle(who, ArticleVerb::kRead, l.article, l.workflow));
  json j = ArticleJson(ctx, l.article, l.workflow);
  WARTA_ASSIGN_OR_RETURN(auto views, LoadViews(ctx, {id}));
  j["views"] = ViewsJson(views[id]);
  // Unpublished changes kept by the editor's autosave since the last save.
  WARTA_ASSIGN_OR_RETURN(auto revs,
                         ctx.store.revisions.ListRevisions(id, 1, false));
  if (!revs.empty() && revs[0].kind == "autosave" &&
      revs[0].article_version == l.article.version &&
      l.article.status != ArticleStatus::kDraft) {
    j["autosave"] = {{"revision", revs[0].id},
                     {"created_at", TimeJson(revs[0].created_at)},
                     {"user", revs[0].user_name}};
  } else {
    j["autosave"] = json();
  }
  return JsonResponse(200, j);
}

Result<http::Response> Add(AdminContext& ctx, const http::Request& req,
                           const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticleCreate));
  WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
  Article a;
  WARTA_ASSIGN_OR_RETURN(User me, ctx.store.users.GetUser(who.user.id));
  if (me.author_id) {
    Author au;
    au.id = me.author_id;
    au.name = me.name;
    a.authors.push_back(au);
  }
  WARTA_RETURN_IF_ERROR(ApplyArticleInput(ctx, who, body, a));
  if (Trim(a.title).empty()) {
    return Status::InvalidArgument("title: must not be empty")
        .WithField("title")
        .WithReason("title_empty");
  }
  Workflow mine;
  mine.created_by = who.user.id;
  Article before = a;
  before.status = ArticleStatus::kDraft;
  WARTA_RETURN_IF_ERROR(CheckStatusChange(ctx, who, before, mine, a, true));
  CreditTheEditor(who, ArticleStatus::kDraft, a);
  WARTA_ASSIGN_OR_RETURN(auto autosave, OptBool(body, "autosave"));
  Edit edit;
  edit.user_id = who.user.id;
  edit.kind = EditKind(before, a, autosave.value_or(false));
  WARTA_ASSIGN_OR_RETURN(Article saved, ctx.newsroom.Save(a, edit));
  return Ok(ctx, 201, saved.id);
}

Result<http::Response> EditArticle(AdminContext& ctx, const http::Request& req,
                                   const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
  WARTA_ASSIGN_OR_RETURN(auto version, OptInt(body, "version"));
  WARTA_ASSIGN_OR_RETURN(auto autosave, OptBool(body, "autosave"));
  WARTA_ASSIGN_OR_RETURN(Loaded l, Load(ctx, id, false));
  WARTA_RETURN_IF_ERROR(
      AuthorizeArticle(who, ArticleVerb::kEdit, l.article, l.workflow));
  // Setting only the featured flag (an editor's call, not a text edit)
  // needs no version; the store still refuses a save that lost a race.
  const bool flag_only = body.size() == 1 && body.contains("featured");
  if (!version && !flag_only) {
    return Status::InvalidArgument(
               "version: required (the version the edit is based on)")
        .WithField("version")
        .WithReason("version_required");
  }
  if (version && *version != l.article.version) {
    return ConflictResponse(ctx, id,
                            "the article changed since version " +
                                std::to_string(*version) + "; it is now at " +
                                std::to_string(l.article.version));
  }
  Article next = l.article;
  WARTA_RETURN_IF_ERROR(ApplyArticleInput(ctx, who, body, next));
  WARTA_RETURN_IF_ERROR(
      CheckStatusChange(ctx, who, l.article, l.workflow, next, false));
  CreditTheEditor(who, l.article.status, next);
  bool is_autosave = autosave.value_or(false);
  if (is_autosave && l.article.status != ArticleStatus::kDraft &&
      next.status == l.article.status) {
    // Never change live text on an autosave: keep it as a revision.
    WARTA_RETURN_IF_ERROR(ctx.newsroom.KeepAutosave(next, who.user.id));
    json j = ArticleJson(ctx, l.article, l.workflow);
    j["autosaved"] = true;
    j["live_changed"] = false;
    return JsonResponse(202, j);
  }
  Edit edit;
  edit.user_id = who.user.id;
  edit.kind = EditKind(l.article, next, is_autosave);
  auto saved = ctx.newsroom.Save(next, edit);
  if (!saved.ok() && saved.status().code() == StatusCode::kConflict)
    return ConflictResponse(ctx, id, saved.status().message());
  if (!saved.ok()) return saved.status();
  return Ok(ctx, 200, id);
}

Result<http::Response> Destroy(AdminContext& ctx, const http::Request& req,
                               const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(Loaded l, Load(ctx, id, false));
  WARTA_RETURN_IF_ERROR(
      AuthorizeArticle(who, ArticleVerb::kTrash, l.article, l.workflow));
  WARTA_RETURN_IF_ERROR(ctx.newsroom.Trash(id));
  return Ok(ctx, 200, id);
}

Result<http::Response> RestoreFromTrash(AdminContext& ctx,
                                        const http::Request& req,
                                        const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(Loaded l, Load(ctx, id, true));
  WARTA_RETURN_IF_ERROR(
      AuthorizeArticle(who, ArticleVerb::kTrash, l.article, l.workflow));
  WARTA_RETURN_IF_ERROR(ctx.newsroom.Restore(id));
  return Ok(ctx, 200, id);
}

// publish / unpublish: a status change with an optional version check.
Result<http::Response> ChangeStatus(AdminContext& ctx, const http::Request& req,
                                    const Principal& who, bool publish) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
  WARTA_ASSIGN_OR_RETURN(auto version, OptInt(body, "version"));
  WARTA_ASSIGN_OR_RETURN(Loaded l, Load(ctx, id, false));
  WARTA_RETURN_IF_ERROR(
      AuthorizeArticle(who, ArticleVerb::kPublish, l.article, l.workflow));
  if (version && *version != l.article.version)
    return ConflictResponse(ctx, id, "the article changed meanwhile");
  Article next = l.article;
  Timestamp now = ctx.clock.Now();
  if (publish) {
    next.status = ArticleStatus::kPublished;
    if (!next.published_at || *next.published_at > now) next.published_at = now;
    CreditTheEditor(who, l.article.status, next);
  } else {
    next.status = ArticleStatus::kDraft;
    // The reason readers of the withdrawn URL see (optional).
    WARTA_ASSIGN_OR_RETURN(auto reason, OptString(body, "reason"));
    if (!reason) {
      WARTA_ASSIGN_OR_RETURN(reason, OptString(body, "withdrawn_reason"));
    }
    if (reason) next.withdrawn_reason = std::string(Trim(*reason));
  }
  Edit edit;
  edit.user_id = who.user.id;
  edit.kind = publish ? "publish" : "unpublish";
  auto saved = ctx.newsroom.Save(next, edit);
  if (!saved.ok() && saved.status().code() == StatusCode::kConflict)
    return ConflictResponse(ctx, id, saved.status().message());
  if (!saved.ok()) return saved.status();
  return Ok(ctx, 200, id);
}

Result<http::Response> Submit(AdminContext& ctx, const http::Request& req,
                              const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(Loaded l, Load(ctx, id, false));
  WARTA_RETURN_IF_ERROR(
      AuthorizeArticle(who, ArticleVerb::kSubmit, l.article, l.workflow));
  WARTA_RETURN_IF_ERROR(
      ctx.newsroom.SetReview(id, {"submitted", "", who.user.id}));
  return Ok(ctx, 200, id);
}

Result<http::Response> Return(AdminContext& ctx, const http::Request& req,
                              const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
  WARTA_ASSIGN_OR_RETURN(Loaded l, Load(ctx, id, false));
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticleReturn));
  WARTA_ASSIGN_OR_RETURN(std::string note, RequiredString(body, "note"));
  if (note.size() > 4000) {
    return Status::InvalidArgument("note: at most 4000 bytes")
        .WithField("note")
        .WithReason("too_long_bytes", {{"field", "note"}, {"n", "4000"}});
  }
  WARTA_RETURN_IF_ERROR(
      ctx.newsroom.SetReview(id, {"returned", note, who.user.id}));
  return Ok(ctx, 200, id);
}

// POST {id}/tags/accept {"names": [...]} (default: all): an editor turns a
// kontributor's suggested tags into tags of the article (created when new).
Result<http::Response> AcceptTags(AdminContext& ctx, const http::Request& req,
                                  const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
  WARTA_ASSIGN_OR_RETURN(Loaded l, Load(ctx, id, false));
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kTaxonomyManage));
  WARTA_RETURN_IF_ERROR(
      AuthorizeArticle(who, ArticleVerb::kEdit, l.article, l.workflow));
  std::vector<std::string> names = l.article.pending_tags;
  if (body.contains("names")) {
    if (!body["names"].is_array()) {
      return Status::InvalidArgument("names: expected a list of tag names")
          .WithField("names")
          .WithReason("expected_value", {{"field", "names"}});
    }
    names.clear();
    for (const json& n : body["names"]) {
      if (n.is_string()) names.push_back(n.get<std::string>());
    }
  }
  Article next = l.article;
  json tags = json::array();
  for (const Tag& t : next.tags) tags.push_back(t.name);
  for (const std::string& n : names) tags.push_back(n);
  // As an editor's save: the names are created; the rest stay pending.
  std::vector<std::string> keep;
  for (const std::string& p : l.article.pending_tags) {
    if (std::find(names.begin(), names.end(), p) == names.end())
      keep.push_back(p);
  }
  WARTA_RETURN_IF_ERROR(ApplyArticleInput(ctx, who, {{"tags", tags}}, next));
  next.pending_tags = keep;
  Edit edit;
  edit.user_id = who.user.id;
  edit.kind = "save";
  edit.note = "tags accepted";
  auto saved = ctx.newsroom.Save(next, edit);
  if (!saved.ok() && saved.status().code() == StatusCode::kConflict)
    return ConflictResponse(ctx, id, saved.status().message());
  if (!saved.ok()) return saved.status();
  return Ok(ctx, 200, id);
}

// The editor's live preview: the article as the real theme renders it.
Result<http::Response> Preview(AdminContext& ctx, const http::Request& req,
                               const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticleCreate));
  WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
  WARTA_ASSIGN_OR_RETURN(auto id, OptInt(body, "id"));
  Article a;
  if (id && *id > 0) {
    WARTA_ASSIGN_OR_RETURN(Loaded l, Load(ctx, *id, false));
    WARTA_RETURN_IF_ERROR(
        AuthorizeArticle(who, ArticleVerb::kRead, l.article, l.workflow));
    a = std::move(l.article);
  }
  // Names that do not exist yet show as typed; nothing is created.
  Principal previewer = who;
  previewer.user.role = Role::kAdmin;
  previewer.via_token = false;
  WARTA_RETURN_IF_ERROR(ApplyArticleInput(ctx, previewer, body, a));
  if (Trim(a.title).empty()) a.title = "…";
  if (a.authors.empty()) {
    Author au;
    au.name = who.user.name;
    a.authors.push_back(au);
  }
  for (Author& au : a.authors)
    if (au.slug.empty()) au.slug = Slugify(au.name);
  for (Tag& t : a.tags)
    if (t.slug.empty()) t.slug = Slugify(t.name);
  if (a.category && a.category->slug.empty())
    a.category->slug = Slugify(a.category->name);
  WARTA_RETURN_IF_ERROR(ctx.newsroom.Validate(a));
  WARTA_RETURN_IF_ERROR(ctx.newsroom.Prepare(a));
  if (!a.published_at) a.published_at = ctx.clock.Now();
  WARTA_ASSIGN_OR_RETURN(std::string html,
                         site::RenderArticleHtml(ctx.site, a, true));
  http::Response r = http::Response::Html(200, std::move(html));
  r.SetHeader("Cache-Control", "no-store");
  r.SetHeader("X-Robots-Tag", "noindex");
  return r;
}

}  // namespace

void RegisterArticlesApi(AdminContext& ctx, http::Router& r) {
  using Fn = Result<http::Response> (*)(AdminContext&, const http::Request&,
                                        const Principal&);
  struct Route {
    http::Method method;
    std::string_view pattern;
    Fn fn;
  };
  const Route routes[] = {
      {http::Method::kGet, "/api/admin/articles", &Browse},
      {http::Method::kPost, "/api/admin/articles", &Add},
      {http::Method::kGet, "/api/admin/articles/{id}", &Read},
      {http::Method::kPut, "/api/admin/articles/{id}", &EditArticle},
      {http::Method::kDelete, "/api/admin/articles/{id}", &Destroy},
      {http::Method::kPost, "/api/admin/articles/{id}/restore",
       &RestoreFromTrash},
      {http::Method::kPost, "/api/admin/articles/{id}/publish",
       [](AdminContext& c, const http::Request& q, const Principal& w) {
         return ChangeStatus(c, q, w, true);
       }},
      {http::Method::kPost, "/api/admin/articles/{id}/unpublish",
       [](AdminContext& c, const http::Request& q, const Principal& w) {
         return ChangeStatus(c, q, w, false);
       }},
      {http::Method::kPost, "/api/admin/articles/{id}/submit", &Submit},
      {http::Method::kPost, "/api/admin/articles/{id}/return", &Return},
      {http::Method::kPost, "/api/admin/articles/{id}/tags/accept",
       &AcceptTags},
      {http::Method::kPost, "/api/admin/preview", &Preview},
  };
  http::RouteOptions limits;
  limits.body_limit = 2u << 20;  // a 1 MiB body as JSON, escaped
  for (const Route& route : routes) {
    Fn fn = route.fn;
    r.Add(
        route.method, route.pattern,
        [&ctx, fn](const http::Request& req) {
          return RunApi(ctx, req, [&](const Principal& who) {
            return fn(ctx, req, who);
          });
        },
        limits);
  }
}

}  // namespace warta::admin
