// /api/admin/categories, /tags, /authors: browse (anyone in the newsroom),
// add and edit (editors and admins); tags also merge and delete.
#include "admin/article_json.h"
#include "base/strings.h"
#include "content/slug.h"

namespace warta::admin {
namespace {

enum class Kind { kCategory, kTag, kAuthor };

json CategoryJson(const Counted<Category>& c) {
  return {{"id", c.item.id},
          {"slug", c.item.slug},
          {"name", c.item.name},
          {"description", c.item.description},
          {"published_count", c.published_count}};
}
json TagJson(const Counted<Tag>& t) {
  return {{"id", t.item.id},
          {"slug", t.item.slug},
          {"name", t.item.name},
          {"published_count", t.published_count}};
}
json AuthorJson(const Counted<Author>& a) {
  return {{"id", a.item.id},
          {"slug", a.item.slug},
          {"name", a.item.name},
          {"bio", a.item.bio},
          {"published_count", a.published_count}};
}

const char* PluralOf(Kind k) {
  return k == Kind::kCategory ? "categories"
         : k == Kind::kTag    ? "tags"
                              : "authors";
}

Result<http::Response> Browse(AdminContext& ctx, Kind kind,
                              const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kArticleReadOwn));
  json items = json::array();
  if (kind == Kind::kCategory) {
    WARTA_ASSIGN_OR_RETURN(auto list, ctx.store.taxonomy.ListCategories());
    for (const auto& c : list) items.push_back(CategoryJson(c));
  } else if (kind == Kind::kTag) {
    WARTA_ASSIGN_OR_RETURN(auto list, ctx.store.taxonomy.ListTags());
    for (const auto& t : list) items.push_back(TagJson(t));
  } else {
    WARTA_ASSIGN_OR_RETURN(auto list, ctx.store.taxonomy.ListAuthors());
    for (const auto& a : list) items.push_back(AuthorJson(a));
  }
  return JsonResponse(200, {{PluralOf(kind), items}});
}

Result<std::optional<std::string>> CurrentSlug(AdminContext& ctx, Kind kind,
                                               std::int64_t id) {
  auto find = [&](const auto& list) -> Result<std::optional<std::string>> {
    for (const auto& e : list)
      if (e.item.id == id) return std::optional<std::string>(e.item.slug);
    return Status::NotFound(std::string(PluralOf(kind)) + " " +
                            std::to_string(id))
        .WithReason("not_found", {{"what", PluralOf(kind)}});
  };
  if (kind == Kind::kCategory) {
    WARTA_ASSIGN_OR_RETURN(auto list, ctx.store.taxonomy.ListCategories());
    return find(list);
  }
  if (kind == Kind::kTag) {
    WARTA_ASSIGN_OR_RETURN(auto list, ctx.store.taxonomy.ListTags());
    return find(list);
  }
  WARTA_ASSIGN_OR_RETURN(auto list, ctx.store.taxonomy.ListAuthors());
  return find(list);
}

// Adds (id == 0) or edits an entry from {"name", "slug", "description"/"bio"}.
Result<http::Response> Save(AdminContext& ctx, Kind kind,
                            const http::Request& req, const Principal& who,
                            std::int64_t id) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kTaxonomyManage));
  WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
  WARTA_ASSIGN_OR_RETURN(std::string name, RequiredString(body, "name"));
  name = std::string(Trim(name));
  if (name.size() > 100) {
    return Status::InvalidArgument("name: too long")
        .WithField("name")
        .WithReason("too_long", {{"field", "name"}});
  }
  WARTA_ASSIGN_OR_RETURN(auto slug, OptString(body, "slug"));
  const char* text_field = kind == Kind::kAuthor ? "bio" : "description";
  WARTA_ASSIGN_OR_RETURN(auto text, OptString(body, text_field));
  int status = id == 0 ? 201 : 200;
  if (id != 0 && !slug) {
    // A rename keeps the slug (and so every URL) unless a new one is given.
    WARTA_ASSIGN_OR_RETURN(slug, CurrentSlug(ctx, kind, id));
  }
  if (kind == Kind::kCategory) {
    Category c{id, slug.value_or(""), name, text.value_or("")};
    WARTA_ASSIGN_OR_RETURN(Category saved, ctx.store.taxonomy.SaveCategory(c));
    return JsonResponse(status, CategoryJson({saved, 0}));
  }
  if (kind == Kind::kTag) {
    Tag t{id, slug.value_or(""), name};
    WARTA_ASSIGN_OR_RETURN(Tag saved, ctx.store.taxonomy.SaveTag(t));
    return JsonResponse(status, TagJson({saved, 0}));
  }
  Author a;
  a.id = id;
  a.slug = slug.value_or("");
  a.name = name;
  a.bio = text.value_or("");
  WARTA_ASSIGN_OR_RETURN(Author saved, ctx.store.taxonomy.SaveAuthor(a));
  return JsonResponse(status, AuthorJson({saved, 0}));
}

// The tag a request names in "into": its id, slug or name (as an editor
// types it).
Result<std::int64_t> TagNamed(AdminContext& ctx, const json& body) {
  auto it = body.find("into");
  if (it == body.end() || it->is_null()) {
    return Status::InvalidArgument("into: required (the tag to merge into)")
        .WithField("into")
        .WithReason("required", {{"field", "into"}});
  }
  if (it->is_number_integer()) return it->get<std::int64_t>();
  auto invalid = [] {
    return Status::InvalidArgument("into: a tag id, slug or name")
        .WithField("into")
        .WithReason("merge_target_invalid");
  };
  if (!it->is_string()) return invalid();
  std::string want(Trim(it->get<std::string>()));
  if (want.empty() || want.size() > 100) return invalid();
  if (auto id = ParseInt(want)) return *id;
  for (const std::string& slug : {want, Slugify(want)}) {
    auto tag = ctx.store.taxonomy.GetTagBySlug(slug);
    if (tag.ok()) return tag->id;
    if (!tag.status().IsNotFound()) return tag.status();
  }
  return Status::NotFound("into: no tag \"" + want + "\"")
      .WithReason("merge_target_missing", {{"name", want}});
}

// POST /api/admin/tags/{id}/merge {"into": ...}: the tag's articles move to
// the other tag and the tag goes.
Result<http::Response> MergeTag(AdminContext& ctx, const http::Request& req,
                                const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kTaxonomyManage));
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(json body, ParseBody(req));
  WARTA_ASSIGN_OR_RETURN(std::int64_t into, TagNamed(ctx, body));
  WARTA_ASSIGN_OR_RETURN(std::int64_t moved,
                         ctx.store.taxonomy.MergeTag(id, into));
  return JsonResponse(200,
                      {{"merged", id}, {"into", into}, {"articles", moved}});
}

// DELETE /api/admin/tags/{id}: off every article, then gone.
Result<http::Response> DeleteTag(AdminContext& ctx, const http::Request& req,
                                 const Principal& who) {
  WARTA_RETURN_IF_ERROR(Authorize(who, Action::kTaxonomyManage));
  WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
  WARTA_ASSIGN_OR_RETURN(std::int64_t removed,
                         ctx.store.taxonomy.DeleteTag(id));
  return JsonResponse(200, {{"deleted", id}, {"articles", removed}});
}

}  // namespace

void RegisterTaxonomyApi(AdminContext& ctx, http::Router& r) {
  for (Kind kind : {Kind::kCategory, Kind::kTag, Kind::kAuthor}) {
    std::string base = std::string("/api/admin/") + PluralOf(kind);
    r.Get(base, [&ctx, kind](const http::Request& req) {
      return RunApi(ctx, req,
                    [&](const Principal& w) { return Browse(ctx, kind, w); });
    });
    r.Post(base, [&ctx, kind](const http::Request& req) {
      return RunApi(ctx, req, [&](const Principal& w) {
        return Save(ctx, kind, req, w, 0);
      });
    });
    r.Put(base + "/{id}", [&ctx, kind](const http::Request& req) {
      return RunApi(
          ctx, req, [&](const Principal& w) -> Result<http::Response> {
            WARTA_ASSIGN_OR_RETURN(std::int64_t id, IdParam(req, "id"));
            return Save(ctx, kind, req, w, id);
          });
    });
  }
  r.Post("/api/admin/tags/{id}/merge", [&ctx](const http::Request& req) {
    return RunApi(ctx, req,
                  [&](const Principal& w) { return MergeTag(ctx, req, w); });
  });
  r.Delete("/api/admin/tags/{id}", [&ctx](const http::Request& req) {
    return RunApi(ctx, req,
                  [&](const Principal& w) { return DeleteTag(ctx, req, w); });
  });
}

}  // namespace warta::admin
