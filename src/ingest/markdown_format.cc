#include "ingest/markdown_format.h"

#include "base/strings.h"
#include "base/time.h"
#include "base/utf8.h"
#include "content/slug.h"
#include "ingest/dateline.h"
#include "ingest/front_matter.h"

namespace warta::ingest {
namespace {

Status FieldError(const FrontMatterValue& f, std::string_view what) {
  return Status::InvalidArgument("line " + std::to_string(f.line) + ": " +
                                 f.key + ": " + std::string(what));
}

Result<std::string> One(const FrontMatterValue& f) {
  if (f.items.size() > 1)
    return FieldError(f, "expected one value, not a list");
  return f.items.empty() ? std::string() : f.items[0];
}

}  // namespace

Result<ParsedArticle> ParseMarkdownArticle(std::string_view text,
                                           std::string_view file_stem,
                                           const ImportDefaults& defaults) {
  if (!IsValidUtf8(text))
    return Status::InvalidArgument("line 1: not valid UTF-8");
  WARTA_ASSIGN_OR_RETURN(MarkdownDocument doc, ParseFrontMatter(text));
  ParsedArticle out;
  std::string dateline;
  for (const FrontMatterValue& f : doc.fields) {
    const std::string& k = f.key;
    if (k == "tags" || k == "authors" || k == "author" || k == "categories") {
      std::vector<std::string> names = f.items;
      if (k == "tags") {
        out.tags = names;
      } else if (k == "categories") {
        if (!names.empty()) out.category = names[0];
      } else {
        out.authors = names;
      }
      continue;
    }
    WARTA_ASSIGN_OR_RETURN(std::string v, One(f));
    if (k == "title") {
      out.title = v;
    } else if (k == "slug") {
      if (!v.empty() && !IsValidSlug(v)) {
        return FieldError(
            f, "\"" + v +
                   "\" is not a slug (lower-case letters, digits, hyphens)");
      }
      out.slug = v;
    } else if (k == "category") {
      out.category = v;
    } else if (k == "source") {
      out.source = v;
    } else if (k == "source_url" || k == "canonical_url") {
      out.source_url = v;
    } else if (k == "dateline") {
      dateline = v;
    } else if (k == "dateline_outlet") {
      out.dateline_outlet = v;
    } else if (k == "published_at" || k == "date") {
      if (!v.empty()) {
        auto t = ParseIso8601(v, defaults.utc_offset_seconds);
        if (!t.ok()) return FieldError(f, t.status().message());
        out.published_at = *t;
      }
    } else if (k == "status") {
      auto s = ParseArticleStatus(v);
      if (!s.ok()) return FieldError(f, s.status().message());
      out.status = *s;
    } else if (k == "draft") {
      std::string b = AsciiLower(v);
      if (b != "true" && b != "false")
        return FieldError(f, "expected true or false");
      if (b == "true") out.status = ArticleStatus::kDraft;
    } else if (k == "custom_excerpt" || k == "excerpt" || k == "description") {
      out.custom_excerpt = v;
    } else if (k == "editor") {
      out.editor = v;
    } else if (k == "feature_image" || k == "image") {
      out.feature_image = v;
    } else if (k == "feature_image_alt") {
      out.feature_image_alt = v;
    } else if (k == "feature_image_caption") {
      out.feature_image_caption = v;
    } else if (k == "feature_image_credit") {
      out.feature_image_credit = v;
    } else if (k == "noindex" || k == "no_ai") {
      std::string b = AsciiLower(v);
      if (b != "true" && b != "false")
        return FieldError(f, "expected true or false");
      (k == "noindex" ? out.noindex : out.no_ai) = b == "true";
    } else {
      return FieldError(
          f,
          "unknown key (known: title, slug, category, tags, authors, "
          "source, source_url, dateline, dateline_outlet, published_at, "
          "status, custom_excerpt, editor, feature_image, "
          "feature_image_alt, feature_image_caption, feature_image_credit, "
          "noindex, no_ai)");
    }
  }
  if (Trim(out.title).empty()) {
    return Status::InvalidArgument("line 1: the front matter has no title");
  }
  if (!dateline.empty()) {
    Dateline d = SplitDatelineField(dateline);
    out.dateline_city = d.city;
    if (out.dateline_outlet.empty()) out.dateline_outlet = d.outlet;
  }
  out.body = std::string(Trim(doc.body));
  if (out.body.empty()) {
    return Status::InvalidArgument("line " + std::to_string(doc.body_line) +
                                   ": the article has no body");
  }
  out.line = 1;
  // The file is the identity: editing its slug or title updates the article.
  std::string key = Slugify(file_stem);
  if (key.empty()) key = Slugify(out.title);
  out.import_key = "md:" + key;
  return out;
}

}  // namespace warta::ingest
