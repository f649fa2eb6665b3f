#include "ingest/jsonl_format.h"

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "base/time.h"
#include "content/slug.h"
#include "ingest/dateline.h"
#include "markup/markdown.h"

namespace warta::ingest {
namespace {

using nlohmann::json;

Result<std::string> StringField(const json& j, const char* key, bool required) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required)
      return Status::InvalidArgument(std::string("missing \"") + key + "\"");
    return std::string();
  }
  if (!it->is_string()) {
    return Status::InvalidArgument(std::string("\"") + key +
                                   "\" must be a string");
  }
  return it->get<std::string>();
}

Result<std::vector<std::string>> ListField(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (it->is_string()) {
    const std::string text = it->get<std::string>();  // outlives the views
    for (std::string_view p : Split(text, ',')) {
      if (!Trim(p).empty()) out.emplace_back(Trim(p));
    }
    return out;
  }
  if (!it->is_array()) {
    return Status::InvalidArgument(std::string("\"") + key +
                                   "\" must be a list of strings");
  }
  for (const json& v : *it) {
    if (!v.is_string()) {
      return Status::InvalidArgument(std::string("\"") + key +
                                     "\" must be a list of strings");
    }
    out.push_back(v.get<std::string>());
  }
  return out;
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
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("not valid JSON");
  if (!j.is_object()) return Status::InvalidArgument("expected a JSON object");
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
