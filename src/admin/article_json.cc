#include "admin/article_json.h"

#include <algorithm>

#include "base/strings.h"
#include "base/time.h"
#include "content/slug.h"
#include "newsroom/article_codec.h"

namespace warta::admin {
namespace {

template <typename T, typename Getter>
Result<T> FindOrNew(AdminContext& ctx, const Principal& who, const char* field,
                    const std::string& name, Getter get) {
  std::string slug = Slugify(name);
  if (slug.empty()) {
    return Status::InvalidArgument(std::string(field) + ": \"" + name +
                                   "\" has no letters or digits")
        .WithField(field)
        .WithReason("name_no_letters", {{"field", field}, {"name", name}});
  }
  auto found = get(slug);
  if (found.ok()) return *found;
  if (!found.status().IsNotFound()) return found.status();
  if (!Authorize(who, Action::kTaxonomyManage).ok()) {
    return Status::PermissionDenied(
               std::string(field) + ": \"" + name +
               "\" does not exist and only editors may create it")
        .WithReason("tag_needs_editor", {{"field", field}, {"name", name}});
  }
  T fresh;
  fresh.name = name;
  (void)ctx;
  return fresh;
}

}  // namespace

Result<std::map<std::int64_t, ArticleViews>> LoadViews(
    const AdminContext& ctx, const std::vector<std::int64_t>& ids) {
  const Timestamp now = ctx.clock.Now();
  const Timestamp local = now + ctx.timezone().offset_seconds;
  const Timestamp day_start = now - (local % 86400 + 86400) % 86400;
  const Timestamp hour = now - now % 3600;
  return ctx.store.readers.GetArticleViews(ids, day_start,
                                           hour - 7 * 86400 + 3600);
}

json ViewsJson(const ArticleViews& v) {
  return {{"today", v.today}, {"week", v.week}, {"total", v.total}};
}

json TimeJson(std::optional<Timestamp> t) { return IsoTimeJson(t); }

json ArticleJson(const AdminContext& ctx, const Article& a, const Workflow& wf,
                 bool with_body) {
  json j = EncodeArticle(a, ArticleForm::kApi);
  if (!with_body) {
    j.erase("body");
    j.erase("html");
  }
  j["review_state"] = wf.review_state;
  j["review_note"] = wf.review_note;
  j["created_by"] = wf.created_by;
  j["trashed"] = wf.trashed_at.has_value();
  j["trashed_at"] = TimeJson(wf.trashed_at);
  bool live = a.status == ArticleStatus::kPublished && !wf.trashed_at &&
              (!a.published_at || *a.published_at <= ctx.clock.Now());
  if (a.status == ArticleStatus::kPublished) {
    j["url"] = ctx.urls().Article(a.slug);
  } else {
    j["url"] = json();
  }
  j["live"] = live;
  return j;
}

Result<std::optional<Timestamp>> ParseTimeField(const AdminContext& ctx,
                                                const json& j,
                                                const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::optional<Timestamp>();
  if (it->is_number_integer()) {
    const bool in_range = it->is_number_unsigned()
                              ? it->get<std::uint64_t>() <= kMaxAcceptedTime
                              : IsAcceptedTime(it->get<std::int64_t>());
    if (!in_range) {
      return Status::InvalidArgument(std::string(field) +
                                     ": outside 1900-01-01 to 9999-12-31")
          .WithField(field)
          .WithReason("time_out_of_range", {{"field", field}});
    }
    return std::optional<Timestamp>(it->get<std::int64_t>());
  }
  if (!it->is_string()) {
    return Status::InvalidArgument(std::string(field) +
                                   ": expected an ISO 8601 time")
        .WithField(field)
        .WithReason("time_invalid", {{"field", field}});
  }
  std::string text(Trim(it->get<std::string>()));
  if (text.empty()) return std::optional<Timestamp>();
  auto t = ParseIso8601(text, ctx.timezone().offset_seconds);
  if (t.ok() && !IsAcceptedTime(*t)) {
    return Status::InvalidArgument(std::string(field) + ": \"" + text +
                                   "\" is outside 1900-01-01 to 9999-12-31")
        .WithField(field)
        .WithReason("time_out_of_range", {{"field", field}});
  }
  if (!t.ok()) {
    return Status::InvalidArgument(std::string(field) + ": \"" + text +
                                   "\" is not an ISO 8601 time")
        .WithField(field)
        .WithReason("time_invalid", {{"field", field}});
  }
  return std::optional<Timestamp>(*t);
}

Status ApplyArticleInput(AdminContext& ctx, const Principal& who, const json& j,
                         Article& a) {
  const bool featured = a.featured;
  WARTA_RETURN_IF_ERROR(DecodeArticle(j, ArticleForm::kApi, a));
  // Ghost's featured flag: programming the home page is an editor's call.
  if (a.featured != featured) {
    WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticlePublishAny));
  }
  if (j.contains("category")) {
    const json& c = j["category"];
    std::optional<std::string> name;
    if (c.is_string()) {
      name = std::string(Trim(c.get<std::string>()));
    } else if (c.is_object() && c.contains("name") && c["name"].is_string()) {
      name = c["name"].get<std::string>();
    } else if (!c.is_null()) {
      return Status::InvalidArgument("category: expected a name")
          .WithField("category")
          .WithReason("expected_value", {{"field", "category"}});
    }
    if (!name || name->empty()) {
      a.category.reset();
    } else {
      WARTA_ASSIGN_OR_RETURN(
          Category cat,
          FindOrNew<Category>(ctx, who, "category", *name,
                              [&](const std::string& s) {
                                return ctx.store.taxonomy.GetCategoryBySlug(s);
                              }));
      a.category = cat;
    }
  }
  WARTA_ASSIGN_OR_RETURN(auto tags, OptNames(j, "tags"));
  if (tags) {
    a.tags.clear();
    a.pending_tags.clear();
    for (const std::string& n : *tags) {
      auto t = FindOrNew<Tag>(ctx, who, "tags", n, [&](const std::string& s) {
        return ctx.store.taxonomy.GetTagBySlug(s);
      });
      // A kontributor's new tag waits for an editor: the save goes on.
      if (t.status().code() == StatusCode::kPermissionDenied) {
        if (std::find(a.pending_tags.begin(), a.pending_tags.end(), n) ==
            a.pending_tags.end()) {
          a.pending_tags.push_back(n);
        }
        continue;
      }
      if (!t.ok()) return t.status();
      a.tags.push_back(std::move(*t));
    }
  }
  WARTA_ASSIGN_OR_RETURN(auto authors, OptNames(j, "authors"));
  if (authors) {
    a.authors.clear();
    for (const std::string& n : *authors) {
      WARTA_ASSIGN_OR_RETURN(
          Author au,
          FindOrNew<Author>(ctx, who, "authors", n, [&](const std::string& s) {
            return ctx.store.taxonomy.GetAuthorBySlug(s);
          }));
      a.authors.push_back(std::move(au));
    }
  }
  if (j.contains("editor")) {
    WARTA_ASSIGN_OR_RETURN(auto editor, OptString(j, "editor"));
    if (!editor || Trim(*editor).empty()) {
      a.editor.reset();
    } else {
      WARTA_ASSIGN_OR_RETURN(
          Author au,
          FindOrNew<Author>(ctx, who, "editor", std::string(Trim(*editor)),
                            [&](const std::string& s) {
                              return ctx.store.taxonomy.GetAuthorBySlug(s);
                            }));
      a.editor = std::move(au);
    }
  }
  if (j.contains("published_at")) {
    WARTA_ASSIGN_OR_RETURN(a.published_at,
                           ParseTimeField(ctx, j, "published_at"));
  }
  return Status::Ok();
}

}  // namespace warta::admin
