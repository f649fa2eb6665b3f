#include "admin/article_json.h"

#include <algorithm>

#include "base/strings.h"
#include "base/time.h"
#include "content/slug.h"

namespace warta::admin {
namespace {

template <typename T, typename Getter>
Result<T> FindOrNew(AdminContext& ctx, const Principal& who, const char* field,
                    const std::string& name, Getter get) {
  std::string slug = Slugify(name);
  if (slug.empty())
    return Status::InvalidArgument(std::string(field) + ": \"" + name +
                                   "\" has no letters or digits");
  auto found = get(slug);
  if (found.ok()) return *found;
  if (!found.status().IsNotFound()) return found.status();
  if (!Authorize(who, Action::kTaxonomyManage).ok()) {
    return Status::PermissionDenied(
        std::string(field) + ": \"" + name +
        "\" does not exist and only editors may create it");
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
  return ctx.store.GetArticleViews(ids, day_start, hour - 7 * 86400 + 3600);
}

json ViewsJson(const ArticleViews& v) {
  return {{"today", v.today}, {"week", v.week}, {"total", v.total}};
}

json TimeJson(std::optional<Timestamp> t) {
  return t ? json(FormatIso8601Utc(*t)) : json();
}

json ArticleJson(const AdminContext& ctx, const Article& a, const Workflow& wf,
                 bool with_body) {
  json tags = json::array();
  for (const Tag& t : a.tags) tags.push_back(t.name);
  json authors = json::array();
  for (const Author& au : a.authors) authors.push_back(au.name);
  json j = {
      {"id", a.id},
      {"slug", a.slug},
      {"title", a.title},
      {"custom_excerpt", a.custom_excerpt},
      {"excerpt", a.Excerpt(200)},
      {"meta_title", a.meta_title},
      {"meta_description", a.meta_description},
      {"live_report", a.live_report},
      {"category", a.category ? json(a.category->name) : json()},
      {"category_slug", a.category ? json(a.category->slug) : json()},
      {"tags", tags},
      {"authors", authors},
      {"editor", a.editor ? json(a.editor->name) : json()},
      {"source", a.source},
      {"source_url", a.source_url},
      {"dateline_city", a.dateline_city},
      {"dateline_outlet", a.dateline_outlet},
      {"feature_image", a.feature_image},
      {"feature_image_alt", a.feature_image_alt},
      {"feature_image_caption", a.feature_image_caption},
      {"feature_image_credit", a.feature_image_credit},
      {"feature_image_focal_x", a.feature_image_focal_x},
      {"feature_image_focal_y", a.feature_image_focal_y},
      {"noindex", a.noindex},
      {"no_ai", a.no_ai},
      {"featured", a.featured},
      {"status", ArticleStatusName(a.status)},
      {"published_at", TimeJson(a.published_at)},
      {"created_at", TimeJson(a.created_at)},
      {"updated_at", TimeJson(a.updated_at)},
      {"version", a.version},
      {"word_count", a.word_count},
      {"reading_time", a.reading_time},
      {"review_state", wf.review_state},
      {"review_note", wf.review_note},
      {"created_by", wf.created_by},
      {"trashed", wf.trashed_at.has_value()},
      {"trashed_at", TimeJson(wf.trashed_at)},
      {"correction", a.correction},
      {"correction_at", TimeJson(a.correction_at)},
      {"modified_at", TimeJson(a.modified_at)},
      {"withdrawn_at", TimeJson(a.withdrawn_at)},
      {"withdrawn_reason", a.withdrawn_reason},
      {"pending_tags", a.pending_tags},
  };
  if (with_body) {
    j["body"] = a.body;
    j["html"] = a.html;
  }
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
    if (!in_range)
      return Status::InvalidArgument(std::string(field) +
                                     ": outside 1900-01-01 to 9999-12-31");
    return std::optional<Timestamp>(it->get<std::int64_t>());
  }
  if (!it->is_string())
    return Status::InvalidArgument(std::string(field) +
                                   ": expected an ISO 8601 time");
  std::string text(Trim(it->get<std::string>()));
  if (text.empty()) return std::optional<Timestamp>();
  auto t = ParseIso8601(text, ctx.timezone().offset_seconds);
  if (t.ok() && !IsAcceptedTime(*t))
    return Status::InvalidArgument(std::string(field) + ": \"" + text +
                                   "\" is outside 1900-01-01 to 9999-12-31");
  if (!t.ok())
    return Status::InvalidArgument(std::string(field) + ": \"" + text +
                                   "\" is not an ISO 8601 time");
  return std::optional<Timestamp>(*t);
}

Status ApplyArticleInput(AdminContext& ctx, const Principal& who, const json& j,
                         Article& a) {
  struct StringField {
    const char* name;
    std::string* target;
    bool link;
  } fields[] = {
      {"title", &a.title, false},
      {"body", &a.body, false},
      {"custom_excerpt", &a.custom_excerpt, false},
      {"source", &a.source, false},
      {"source_url", &a.source_url, true},
      {"dateline_city", &a.dateline_city, false},
      {"dateline_outlet", &a.dateline_outlet, false},
      {"feature_image", &a.feature_image, true},
      {"feature_image_alt", &a.feature_image_alt, false},
      {"feature_image_caption", &a.feature_image_caption, false},
      {"feature_image_credit", &a.feature_image_credit, false},
      {"correction", &a.correction, false},
      {"withdrawn_reason", &a.withdrawn_reason, false},
      {"meta_title", &a.meta_title, false},
      {"meta_description", &a.meta_description, false},
  };
  for (const StringField& f : fields) {
    WARTA_ASSIGN_OR_RETURN(auto v, OptString(j, f.name));
    if (!v) continue;
    if (f.link) {
      WARTA_ASSIGN_OR_RETURN(*v, NormalizeArticleLink(f.name, *v));
    }
    *f.target = std::move(*v);
  }
  a.feature_image_credit = std::string(Trim(a.feature_image_credit));
  // The focal point a card crops around: 0..1 from the left and the top.
  for (auto [name, target] :
       {std::pair{"feature_image_focal_x", &a.feature_image_focal_x},
        std::pair{"feature_image_focal_y", &a.feature_image_focal_y}}) {
    if (!j.contains(name) || j[name].is_null()) continue;
    if (!j[name].is_number() || j[name].get<double>() < 0.0 ||
        j[name].get<double>() > 1.0) {
      return Status::InvalidArgument(std::string(name) +
                                     ": expected a number from 0 to 1");
    }
    *target = j[name].get<double>();
  }
  a.correction = std::string(Trim(a.correction));
  // The SEO title and description are one line each.
  for (std::string* meta : {&a.meta_title, &a.meta_description}) {
    std::string line(Trim(*meta));
    std::replace_if(
        line.begin(), line.end(), [](char c) { return c == '\n' || c == '\r'; },
        ' ');
    *meta = std::move(line);
  }
  a.withdrawn_reason = std::string(Trim(a.withdrawn_reason));
  WARTA_ASSIGN_OR_RETURN(auto slug, OptString(j, "slug"));
  if (slug) a.slug = std::string(Trim(*slug));
  // Robots switches (docs/feeds.md): search engines, AI crawlers.
  for (auto [name, target] :
       {std::pair{"noindex", &a.noindex}, std::pair{"no_ai", &a.no_ai},
        std::pair{"live_report", &a.live_report}}) {
    if (!j.contains(name) || j[name].is_null()) continue;
    if (!j[name].is_boolean())
      return Status::InvalidArgument(std::string(name) +
                                     ": expected true or false");
    *target = j[name].get<bool>();
  }
  // Ghost's featured flag: programming the home page is an editor's call.
  if (j.contains("featured") && !j["featured"].is_null()) {
    if (!j["featured"].is_boolean())
      return Status::InvalidArgument("featured: expected true or false");
    const bool featured = j["featured"].get<bool>();
    if (featured != a.featured) {
      WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticlePublishAny));
      a.featured = featured;
    }
  }

  if (j.contains("category")) {
    const json& c = j["category"];
    std::optional<std::string> name;
    if (c.is_string()) {
      name = std::string(Trim(c.get<std::string>()));
    } else if (c.is_object() && c.contains("name") && c["name"].is_string()) {
      name = c["name"].get<std::string>();
    } else if (!c.is_null()) {
      return Status::InvalidArgument("category: expected a name");
    }
    if (!name || name->empty()) {
      a.category.reset();
    } else {
      WARTA_ASSIGN_OR_RETURN(
          Category cat,
          FindOrNew<Category>(ctx, who, "category", *name,
                              [&](const std::string& s) {
                                return ctx.store.GetCategoryBySlug(s);
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
        return ctx.store.GetTagBySlug(s);
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
            return ctx.store.GetAuthorBySlug(s);
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
                              return ctx.store.GetAuthorBySlug(s);
                            }));
      a.editor = std::move(au);
    }
  }
  WARTA_ASSIGN_OR_RETURN(auto status, OptString(j, "status"));
  if (status) {
    auto s = ParseArticleStatus(*status);
    if (!s.ok())
      return Status::InvalidArgument(
          "status: expected draft, scheduled or published");
    a.status = *s;
  }
  if (j.contains("published_at")) {
    WARTA_ASSIGN_OR_RETURN(a.published_at,
                           ParseTimeField(ctx, j, "published_at"));
  }
  return Status::Ok();
}

}  // namespace warta::admin
