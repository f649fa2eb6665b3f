// The Article codec: the one mapping between an Article's fields and JSON,
// by Ghost's names (title, slug, custom_excerpt, feature_image, status,
// published_at, ...). The admin API's articles, the editor page's form and
// revision snapshots (newsroom/revisions.h) are all written and read here,
// so a field is named, typed and checked in one table. Pure functions;
// thread-safe.
#ifndef WARTA_NEWSROOM_ARTICLE_CODEC_H_
#define WARTA_NEWSROOM_ARTICLE_CODEC_H_

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "content/article.h"

namespace warta {

// Which fields, in which shape.
enum class ArticleForm {
  // A revision snapshot: the content an editor controls plus status, slug
  // and published_at (seconds since the epoch, or null); meta_title and
  // meta_description only when set, so snapshots written before those
  // fields existed keep their bytes. Canonical: equal fields, equal text.
  kSnapshot,
  // The admin API (and the editor's form): every field an editor sets, plus
  // id, version, word_count, reading_time, excerpt and the stored dates as
  // ISO 8601 UTC ("2026-12-04T09:30:00Z") or null; category and editor by
  // name (null when absent), tags and authors as lists of names.
  kApi,
};

// The fields of `a` in `form`.
nlohmann::json EncodeArticle(const Article& a, ArticleForm form);

// A time as the API writes it: ISO 8601 in UTC ("2025-09-29T03:15:00Z"), or
// null.
nlohmann::json IsoTimeJson(std::optional<Timestamp> t);

// Canonical text of a kSnapshot encoding (sorted keys, invalid UTF-8
// replaced).
std::string DumpCanonical(const nlohmann::json& j);

// DumpCanonical(EncodeArticle(a, ArticleForm::kSnapshot)), the same text
// written directly (every imported article's first revision: building the
// JSON value and dumping it was ~8% of an import worker's time).
std::string SnapshotText(const Article& a);

// Reads `j`'s fields into `a`.
// kSnapshot: sets every snapshot field; an absent or mistyped one becomes
//   empty (the focal point, absent, stays as it was), so snapshots of
//   every earlier version decode. InvalidArgument when `j` is no object.
// kApi: sets only the fields `j` has; a mistyped one is InvalidArgument
//   naming it ("title: expected a string"). Links are normalised
//   (NormalizeArticleLink), credits, corrections and reasons trimmed, the
//   SEO title and description made one line. Category, tags, authors,
//   editor and published_at are the caller's: naming them needs the store
//   and the site's time zone.
Status DecodeArticle(const nlohmann::json& j, ArticleForm form, Article& a);

}  // namespace warta

#endif  // WARTA_NEWSROOM_ARTICLE_CODEC_H_
