// Articles as the admin API shows and takes them. Output: every editable
// field plus id, version, status, dates, workflow state and, once
// published, the public `url`. Input: the same names, each optional, with
// category, tags and authors by name. Thread-safe.
#ifndef WARTA_ADMIN_ARTICLE_JSON_H_
#define WARTA_ADMIN_ARTICLE_JSON_H_

#include "admin/context.h"

namespace warta::admin {

// `with_body`: include body and html (single article views).
json ArticleJson(const AdminContext& ctx, const Article& a, const Workflow& wf,
                 bool with_body = true);

// Views of each of `ids` (Terpopuler's counts, as last flushed): today in
// the site's time zone, the last 7 days, ever. Ids without views get zeros.
Result<std::map<std::int64_t, ArticleViews>> LoadViews(
    const AdminContext& ctx, const std::vector<std::int64_t>& ids);
// {"today", "week", "total"}
json ViewsJson(const ArticleViews& v);

// ISO 8601 in UTC ("2025-09-29T03:15:00Z"), or null.
json TimeJson(std::optional<Timestamp> t);

// Parses an input time: ISO 8601 (without offset: the site's time zone) or
// seconds since the epoch. InvalidArgument naming `field`.
Result<std::optional<Timestamp>> ParseTimeField(const AdminContext& ctx,
                                                const json& j,
                                                const char* field);

// Applies the fields present in `j` to `a`. Categories, tags and authors
// are looked up by name; a missing one is created only when `who` may
// manage taxonomies (PermissionDenied otherwise). Status and published_at
// are applied as given; publishing rights are the caller's to check.
Status ApplyArticleInput(AdminContext& ctx, const Principal& who, const json& j,
                         Article& a);

}  // namespace warta::admin

#endif  // WARTA_ADMIN_ARTICLE_JSON_H_
