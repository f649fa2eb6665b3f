#include "ingest/jsonl_format.h"

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "base/time.h"
#include "content/slug.h"
#include "ingest/dateline.h"
#include "ingest/flat_json.h"
#include "markup/markdown.h"

namespace warta::ingest {
namespace {

using nlohmann::json;

// The members of a parsed object as ParseFlatObject gives them; a value of
// another kind (a number, an object, a list holding more than strings) is
// kOther, which every field refuses.
FlatObject FlatOf(const json& j) {
  FlatObject out;
  for (const auto& [key, v] : j.items()) {
    FlatValue value;
    if (v.is_null()) {
      value.kind = FlatValue::Kind::kNull;
    } else if (v.is_string()) {
      value.kind = FlatValue::Kind::kString;
      value.text = v.get<std::string>();
    } else if (v.is_array()) {
      value.kind = FlatValue::Kind::kList;
      for (const json& item : v) {
        if (!item.is_string()) {
          value.kind = FlatValue::Kind::kOther;
          value.list.clear();
          break;
        }
        value.list.push_back(item.get<std::string>());
      }
    } else {
      value.kind = FlatValue::Kind::kOther;
    }
    out.members.emplace_back(key, std::move(value));
  }
  return out;
}

Result<std::string> StringField(const FlatObject& j, const char* key,
                                bool required) {
  const FlatValue* v = j.Find(key);
  if (v == nullptr || v->kind == FlatValue::Kind::kNull) {
    if (required)
      return Status::InvalidArgument(std::string("missing \"") + key + "\"");
    return std::string();
  }
  if (v->kind != FlatValue::Kind::kString) {
    return Status::InvalidArgument(std::string("\"") + key +
                                   "\" must be a string");
  }
  return v->text;
}

Result<std::vector<std::string>> ListField(const FlatObject& j,
                                           const char* key) {
  std::vector<std::string> out;
  const FlatValue* v = j.Find(key);
  if (v == nullptr || v->kind == FlatValue::Kind::kNull) return out;
  if (v->kind == FlatValue::Kind::kString) {
    for (std::string_view p : Split(v->text, ',')) {
      if (!Trim(p).empty()) out.emplace_back(Trim(p));
    }
    return out;
  }
  if (v->kind != FlatValue::Kind::kList) {
    return Status::InvalidArgument(std::string("\"") + key +
                                   "\" must be a list of strings");
  }
  return v->list;
}

// Body text with paragraphs separated by blank lines -> Markdown paragraphs.
std::string PlainParagraphsToMarkdown(std::string_view body) {
  std::string out;
  std::string para;
  auto flush = [&] {
    std::string_view p = Trim(para);
    if (!p.empty()) {
      if (!out.empty()) out += "\n\n";
      out += markup::EscapeMarkdownText(p);
    }
    para.clear();
  };
  for (std::string_view line : Split(body, '\n')) {
    if (Trim(line).empty()) {
      flush();
    } else {
      if (!para.empty()) para += ' ';
      para += Trim(line);
    }
  }
  flush();
  return out;
}

}  // namespace

Result<ParsedArticle> ParseJsonLine(std::string_view line,
                                    const ImportDefaults& defaults) {
  std::optional<FlatObject> flat = ParseFlatObject(line);
  if (!flat) {  // not a flat object: the full parser reads it, or says why
    json parsed = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return Status::InvalidArgument("not valid JSON");
    if (!parsed.is_object())
      return Status::InvalidArgument("expected a JSON object");
    flat = FlatOf(parsed);
  }
  const FlatObject& j = *flat;
  ParsedArticle out;
  WARTA_ASSIGN_OR_RETURN(out.title, StringField(j, "title", true));
  if (Trim(out.title).empty())
    return Status::InvalidArgument("\"title\" is empty");
  out.title = std::string(Trim(out.title));
  WARTA_ASSIGN_OR_RETURN(std::string body, StringField(j, "body", true));
  WARTA_ASSIGN_OR_RETURN(out.slug, StringField(j, "slug", false));
  if (!out.slug.empty() && !IsValidSlug(out.slug))
    return Status::InvalidArgument("\"slug\" is not a valid slug");
  WARTA_ASSIGN_OR_RETURN(out.category, StringField(j, "category", false));
  WARTA_ASSIGN_OR_RETURN(out.source, StringField(j, "source", false));
  WARTA_ASSIGN_OR_RETURN(out.source_url, StringField(j, "url", false));
  WARTA_ASSIGN_OR_RETURN(out.custom_excerpt,
                         StringField(j, "custom_excerpt", false));
  WARTA_ASSIGN_OR_RETURN(out.tags, ListField(j, "tags"));
  WARTA_ASSIGN_OR_RETURN(out.authors, ListField(j, "authors"));
  WARTA_ASSIGN_OR_RETURN(std::string published,
                         StringField(j, "published", false));
  if (published.empty()) {
    WARTA_ASSIGN_OR_RETURN(published, StringField(j, "published_at", false));
  }
  if (!published.empty()) {
    auto t = ParseIso8601(published, defaults.utc_offset_seconds);
    if (!t.ok())
      return Status::InvalidArgument("\"published\": " + t.status().message());
    out.published_at = *t;
  }
  WARTA_ASSIGN_OR_RETURN(std::string status, StringField(j, "status", false));
  if (!status.empty()) {
    auto s = ParseArticleStatus(status);
    if (!s.ok())
      return Status::InvalidArgument("\"status\": " + s.status().message());
    out.status = *s;
  }
  WARTA_ASSIGN_OR_RETURN(std::string dateline,
                         StringField(j, "dateline", false));
  out.body = PlainParagraphsToMarkdown(body);
  if (out.body.empty()) return Status::InvalidArgument("\"body\" is empty");
  if (!dateline.empty()) {
    Dateline d = SplitDatelineField(dateline);
    out.dateline_city = d.city;
    out.dateline_outlet = d.outlet;
  }
  WARTA_ASSIGN_OR_RETURN(std::string id, StringField(j, "id", false));
  if (!id.empty()) {
    out.import_key = "jsonl:" + id;
  } else if (!out.source_url.empty()) {
    out.import_key = "jsonl:" + out.source_url;
  } else {
    out.import_key = "jsonl:" + Slugify(out.title);
  }
  return out;
}

}  // namespace warta::ingest
