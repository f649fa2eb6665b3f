// /api/admin/articles/{id}/revisions: the history of an article, one
// revision with a diff against the one before, and restoring a revision as
// a new one.
#include <nlohmann/json.hpp>

#include "admin/article_json.h"
#include "admin/diff.h"
#include "admin/revision_view.h"
#include "newsroom/article_codec.h"
#include "newsroom/revisions.h"

namespace warta::admin {
namespace {

Result<std::pair<Article, Workflow>> LoadLive(AdminContext& ctx,
                                              std::int64_t id) {
  WARTA_ASSIGN_OR_RETURN(Article a, ctx.store.articles.GetArticle(id));
  WARTA_ASSIGN_OR_RETURN(auto wfs, ctx.store.editorial.GetWorkflows({id}));
  return std::make_pair(std::move(a), wfs[id]);
}

json RevisionMeta(const Revision& r, std::int64_t live_id) {
  return {{"id", r.id},
          {"article_id", r.article_id},
          {"article_version", r.article_version},
          {"created_at", TimeJson(r.created_at)},
          {"user_id", r.user_id},
          {"user", r.user_name},
          {"kind", r.kind},
          {"note", r.note},
          {"title", r.title},
          {"event", IsRevisionEvent(r.kind)},
          {"applied", r.applied},
          {"live", r.id == live_id},
          {"raw_bytes", r.raw_size},
          {"stored_bytes", static_cast<std::int64_t>(r.data.size())}};
}

Result<http::Response> List(AdminContext& ctx, const http::Request& req,
                            const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(auto loaded, LoadLive(ctx, id));
  WARTA_RETURN_IF_ERROR(
      AuthorizeArticle(who, ArticleVerb::kRead, loaded.first, loaded.second));
  // With data only to report stored sizes; lists are short enough.
  WARTA_ASSIGN_OR_RETURN(auto revs,
                         ctx.store.revisions.ListRevisions(id, 1000, true));
  std::int64_t live_id = LiveRevisionId(loaded.first, revs);
  json items = json::array();
  for (const Revision& r : revs) items.push_back(RevisionMeta(r, live_id));
  return JsonResponse(200, {{"revisions", items},
                            {"live_id", live_id ? json(live_id) : json()}});
}

Result<http::Response> ReadOne(AdminContext& ctx, const http::Request& req,
                               const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(std::int64_t rev_id, IdParam(req, "rev"));
  WARTA_ASSIGN_OR_RETURN(auto loaded, LoadLive(ctx, id));
  WARTA_RETURN_IF_ERROR(
      AuthorizeArticle(who, ArticleVerb::kRead, loaded.first, loaded.second));
  // ?against=live: the diff from the live version to this revision.
  std::string against(req.Query("against").value_or("previous"));
  if (against != "previous" && against != "live")
    return Status::InvalidArgument("against: expected previous or live")
        .WithField("against")
        .WithReason("against_invalid");
  WARTA_ASSIGN_OR_RETURN(RevisionView view,
                         BuildRevisionView(ctx, id, rev_id, against == "live"));
  json j = RevisionMeta(view.revision, view.live_id);
  j["article"] = ArticleJson(ctx, view.at, loaded.second);
  j["previous_id"] = view.previous_id;
  j["against"] = against;
  j["live_id"] = view.live_id ? json(view.live_id) : json();
  json changes = json::array();
  for (const FieldChange& c : view.changes) {
    json parts = json::array();
    for (const DiffPart& p : c.parts) {
      parts.push_back({{"op", p.kind == DiffPart::kEqual    ? "equal"
                              : p.kind == DiffPart::kInsert ? "insert"
                                                            : "delete"},
                       {"text", p.text}});
    }
    changes.push_back({{"field", c.field}, {"parts", parts}});
  }
  j["changes"] = changes;
  return JsonResponse(200, j);
}

Result<http::Response> RestoreOne(AdminContext& ctx, const http::Request& req,
                                  const Principal& who) {
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(std::int64_t rev_id, IdParam(req, "rev"));
  WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
  WARTA_ASSIGN_OR_RETURN(auto version, OptInt(body, "version"));
  WARTA_ASSIGN_OR_RETURN(auto loaded, LoadLive(ctx, id));
  WARTA_RETURN_IF_ERROR(
      AuthorizeArticle(who, ArticleVerb::kEdit, loaded.first, loaded.second));
  auto restored = ctx.newsroom.RestoreRevision(
      id, rev_id, version.value_or(loaded.first.version), who.user.id);
  if (!restored.ok() && restored.status().code() == StatusCode::kConflict) {
    WARTA_ASSIGN_OR_RETURN(auto now, LoadLive(ctx, id));
    json current = ArticleJson(ctx, now.first, now.second);
    json out = current;
    out.update(ErrorJson(restored.status()));
    out["article"] = current;
    return JsonResponse(409, out);
  }
  if (!restored.ok()) return restored.status();
  WARTA_ASSIGN_OR_RETURN(auto after, LoadLive(ctx, id));
  return JsonResponse(200, ArticleJson(ctx, after.first, after.second));
}

}  // namespace

std::int64_t LiveRevisionId(const Article& article,
                            const std::vector<Revision>& newest_first) {
  if (article.status != ArticleStatus::kPublished) return 0;
  for (const Revision& r : newest_first) {
    if (r.applied) return r.id;
  }
  return 0;
}

Result<RevisionView> BuildRevisionView(AdminContext& ctx,
                                       std::int64_t article_id,
                                       std::int64_t revision_id,
                                       bool against_live) {
  WARTA_ASSIGN_OR_RETURN(Revision rev,
                         ctx.store.revisions.GetRevision(revision_id));
  if (rev.article_id != article_id)
    return Status::NotFound("revision " + std::to_string(revision_id))
        .WithReason("not_found", {{"what", "revision"}});
  RevisionView v;
  v.revision = rev;
  v.against_live = against_live;
  WARTA_ASSIGN_OR_RETURN(v.at, ctx.newsroom.ArticleAt(rev));
  WARTA_ASSIGN_OR_RETURN(
      auto all, ctx.store.revisions.ListRevisions(article_id, 100000, false));
  WARTA_ASSIGN_OR_RETURN(Article live,
                         ctx.store.articles.GetArticle(article_id));
  v.live_id = LiveRevisionId(live, all);
  Article before;
  if (against_live) {
    // The article as readers see it now.
    if (live.status != ArticleStatus::kPublished)
      return Status::FailedPrecondition(
                 "against: the article has no live version (it is not "
                 "published)")
          .WithReason("no_live_version");
    before = std::move(live);
    v.previous_id = v.live_id;
  } else {
    // The revision before it.
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].id == revision_id && i + 1 < all.size()) {
        v.previous_id = all[i + 1].id;
        WARTA_ASSIGN_OR_RETURN(before, ctx.newsroom.ArticleAt(all[i + 1]));
        break;
      }
    }
  }
  // Field by field as the codec writes them, names joined as typed.
  const json then = EncodeArticle(before, ArticleForm::kSnapshot);
  const json now = EncodeArticle(v.at, ArticleForm::kSnapshot);
  auto text = [](const json& j, const char* name) {
    std::string s;
    auto it = j.find(name);
    if (it == j.end()) return s;
    if (it->is_string()) return it->get<std::string>();
    for (const json& n : *it) {
      if (n.is_string()) s += (s.empty() ? "" : ", ") + n.get<std::string>();
    }
    return s;
  };
  for (const char* name :
       {"title", "custom_excerpt", "meta_title", "meta_description", "body",
        "category", "tags", "authors", "dateline_city", "source",
        "feature_image", "status"}) {
    std::string was = text(then, name);
    // The first revision has no status before it.
    if (std::string_view(name) == "status" && !v.previous_id && !against_live)
      was.clear();
    std::string is = text(now, name);
    if (was == is) continue;
    v.changes.push_back({name, DiffWords(was, is)});
  }
  return v;
}

void RegisterRevisionsApi(AdminContext& ctx, http::Router& r) {
  r.Get("/api/admin/articles/{id}/revisions", [&ctx](const http::Request& q) {
    return RunApi(ctx, q, [&](const Principal& w) { return List(ctx, q, w); });
  });
  r.Get("/api/admin/articles/{id}/revisions/{rev}",
        [&ctx](const http::Request& q) {
          return RunApi(ctx, q,
                        [&](const Principal& w) { return ReadOne(ctx, q, w); });
        });
  r.Post("/api/admin/articles/{id}/revisions/{rev}/restore",
         [&ctx](const http::Request& q) {
           return RunApi(ctx, q, [&](const Principal& w) {
             return RestoreOne(ctx, q, w);
           });
         });
}

}  // namespace warta::admin
