#include "newsroom/article_codec.h"

#include <algorithm>

#include "base/strings.h"
#include "base/time.h"
#include "base/utf8.h"
#include "newsroom/newsroom.h"

namespace warta {
namespace {

using json = nlohmann::json;

// How an API input is tidied before it is kept.
enum class Tidy {
  kAsIs,
  kLink,  // NormalizeArticleLink
  kTrim,  // surrounding white space dropped
  kLine,  // trimmed, and line breaks made spaces (one line)
};

enum class InSnapshot { kNo, kYes, kWhenSet };

struct TextField {
  const char* name;
  std::string Article::*member;
  InSnapshot snapshot;
  Tidy tidy;
};

// Every text field, once. The slug is read on its own (snapshots keep the
// current one when theirs is empty).
constexpr TextField kTextFields[] = {
    {"title", &Article::title, InSnapshot::kYes, Tidy::kAsIs},
    {"body", &Article::body, InSnapshot::kYes, Tidy::kAsIs},
    {"custom_excerpt", &Article::custom_excerpt, InSnapshot::kYes, Tidy::kAsIs},
    {"dateline_city", &Article::dateline_city, InSnapshot::kYes, Tidy::kAsIs},
    {"dateline_outlet", &Article::dateline_outlet, InSnapshot::kYes,
     Tidy::kAsIs},
    {"source", &Article::source, InSnapshot::kYes, Tidy::kAsIs},
    {"source_url", &Article::source_url, InSnapshot::kYes, Tidy::kLink},
    {"feature_image", &Article::feature_image, InSnapshot::kYes, Tidy::kLink},
    {"feature_image_alt", &Article::feature_image_alt, InSnapshot::kYes,
     Tidy::kAsIs},
    {"feature_image_caption", &Article::feature_image_caption, InSnapshot::kYes,
     Tidy::kAsIs},
    {"feature_image_credit", &Article::feature_image_credit, InSnapshot::kYes,
     Tidy::kTrim},
    {"meta_title", &Article::meta_title, InSnapshot::kWhenSet, Tidy::kLine},
    {"meta_description", &Article::meta_description, InSnapshot::kWhenSet,
     Tidy::kLine},
    {"correction", &Article::correction, InSnapshot::kNo, Tidy::kTrim},
    {"withdrawn_reason", &Article::withdrawn_reason, InSnapshot::kNo,
     Tidy::kTrim},
};

struct FocalField {
  const char* name;
  double Article::*member;
};
// The focal point a card crops around: 0..1 from the left and the top.
constexpr FocalField kFocalFields[] = {
    {"feature_image_focal_x", &Article::feature_image_focal_x},
    {"feature_image_focal_y", &Article::feature_image_focal_y},
};

struct FlagField {
  const char* name;
  bool Article::*member;
};
// Robots switches (docs/feeds.md), the live report and Ghost's featured
// flag; not part of snapshots.
constexpr FlagField kFlagFields[] = {
    {"noindex", &Article::noindex},
    {"no_ai", &Article::no_ai},
    {"live_report", &Article::live_report},
    {"featured", &Article::featured},
};

template <typename List>
json NamesJson(const List& list) {
  json names = json::array();
  for (const auto& x : list) names.push_back(x.name);
  return names;
}

std::string StringOr(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<std::string> NamesOr(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const json& n : *it)
    if (n.is_string()) out.push_back(n.get<std::string>());
  return out;
}

// "field: expected WANT", with the reason `reason` naming the field.
Status WrongType(const char* field, const char* want,
                 std::string_view reason = "expected_value") {
  return Status::InvalidArgument(std::string(field) + ": expected " + want)
      .WithField(field)
      .WithReason(reason, {{"field", field}});
}

// The value of a present, non-null field; nullptr otherwise.
const json* Given(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() || it->is_null() ? nullptr : &*it;
}

std::string Tidied(Tidy tidy, std::string text) {
  switch (tidy) {
    case Tidy::kAsIs:
    case Tidy::kLink:
      return text;
    case Tidy::kTrim:
      return std::string(Trim(text));
    case Tidy::kLine: {
      std::string line(Trim(text));
      std::replace_if(
          line.begin(), line.end(),
          [](char c) { return c == '\n' || c == '\r'; }, ' ');
      return line;
    }
  }
  return text;
}

Status DecodeSnapshot(const json& j, Article& a) {
  for (const TextField& f : kTextFields) {
    if (f.snapshot != InSnapshot::kNo) a.*f.member = StringOr(j, f.name);
  }
  for (const FocalField& f : kFocalFields) {
    if (j.contains(f.name) && j[f.name].is_number())
      a.*f.member = j[f.name].get<double>();
  }
  std::string category = StringOr(j, "category");
  if (category.empty()) {
    a.category.reset();
  } else if (!a.category || a.category->name != category) {
    a.category = Category{0, "", category, ""};
  }
  a.tags.clear();
  for (std::string& n : NamesOr(j, "tags"))
    a.tags.push_back(Tag{0, "", std::move(n)});
  a.authors.clear();
  for (std::string& n : NamesOr(j, "authors")) {
    Author au;
    au.name = std::move(n);
    a.authors.push_back(std::move(au));
  }
  a.status =
      ParseArticleStatus(StringOr(j, "status")).value_or(ArticleStatus::kDraft);
  auto p = j.find("published_at");
  if (p != j.end() && p->is_number_integer()) {
    a.published_at = p->get<std::int64_t>();
  } else {
    a.published_at.reset();
  }
  std::string slug = StringOr(j, "slug");
  if (!slug.empty()) a.slug = std::move(slug);
  return Status::Ok();
}

Status DecodeInput(const json& j, Article& a) {
  for (const TextField& f : kTextFields) {
    if (const json* v = Given(j, f.name)) {
      if (!v->is_string()) return WrongType(f.name, "a string");
      std::string text = v->get<std::string>();
      if (f.tidy == Tidy::kLink) {
        WARTA_ASSIGN_OR_RETURN(text, NormalizeArticleLink(f.name, text));
      }
      a.*f.member = std::move(text);
    }
    a.*f.member = Tidied(f.tidy, std::move(a.*f.member));
  }
  if (const json* v = Given(j, "slug")) {
    if (!v->is_string()) return WrongType("slug", "a string");
    a.slug = std::string(Trim(v->get<std::string>()));
  }
  for (const FocalField& f : kFocalFields) {
    const json* v = Given(j, f.name);
    if (!v) continue;
    if (!v->is_number() || v->get<double>() < 0.0 || v->get<double>() > 1.0)
      return WrongType(f.name, "a number from 0 to 1")
          .WithReason("expected_range",
                      {{"field", f.name}, {"min", "0"}, {"max", "1"}});
    a.*f.member = v->get<double>();
  }
  for (const FlagField& f : kFlagFields) {
    const json* v = Given(j, f.name);
    if (!v) continue;
    if (!v->is_boolean())
      return WrongType(f.name, "true or false", "expected_bool");
    a.*f.member = v->get<bool>();
  }
  if (const json* v = Given(j, "status")) {
    if (!v->is_string()) return WrongType("status", "a string");
    auto s = ParseArticleStatus(v->get<std::string>());
    if (!s.ok()) {
      return WrongType("status", "draft, scheduled or published",
                       "status_filter");
    }
    a.status = *s;
  }
  return Status::Ok();
}

}  // namespace

json IsoTimeJson(std::optional<Timestamp> t) {
  return t ? json(FormatIso8601Utc(*t)) : json();
}

json EncodeArticle(const Article& a, ArticleForm form) {
  const bool snapshot = form == ArticleForm::kSnapshot;
  json j = json::object();
  for (const TextField& f : kTextFields) {
    const std::string& text = a.*f.member;
    if (snapshot && (f.snapshot == InSnapshot::kNo ||
                     (f.snapshot == InSnapshot::kWhenSet && text.empty())))
      continue;
    j[f.name] = text;
  }
  j["slug"] = a.slug;
  for (const FocalField& f : kFocalFields) j[f.name] = a.*f.member;
  j["tags"] = NamesJson(a.tags);
  j["authors"] = NamesJson(a.authors);
  j["status"] = ArticleStatusName(a.status);
  if (snapshot) {
    j["category"] = a.category ? a.category->name : "";
    j["published_at"] = a.published_at ? json(*a.published_at) : json();
    return j;
  }
  for (const FlagField& f : kFlagFields) j[f.name] = a.*f.member;
  j["category"] = a.category ? json(a.category->name) : json();
  j["category_slug"] = a.category ? json(a.category->slug) : json();
  j["editor"] = a.editor ? json(a.editor->name) : json();
  j["pending_tags"] = a.pending_tags;
  j["id"] = a.id;
  j["version"] = a.version;
  j["html"] = a.html;
  j["excerpt"] = a.Excerpt(200);
  j["word_count"] = a.word_count;
  j["reading_time"] = a.reading_time;
  j["published_at"] = IsoTimeJson(a.published_at);
  j["created_at"] = IsoTimeJson(a.created_at);
  j["updated_at"] = IsoTimeJson(a.updated_at);
  j["correction_at"] = IsoTimeJson(a.correction_at);
  j["modified_at"] = IsoTimeJson(a.modified_at);
  j["withdrawn_at"] = IsoTimeJson(a.withdrawn_at);
  return j;
}

std::string DumpCanonical(const json& j) {
  // nlohmann's json keeps keys sorted: the text is canonical.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

namespace {

// A JSON string as DumpCanonical writes it (nlohmann's escapes: the two
// quotes, \b \f \n \r \t and \u00xx for other control characters; UTF-8
// as is). Invalid UTF-8 goes to nlohmann for its replacement characters.
// (Not base's JsonQuote: the log escapes DEL and sanitizes invalid UTF-8
// its own way, which would change stored snapshots' bytes and hashes.)
void AppendJsonString(std::string& out, std::string_view s) {
  if (!IsValidUtf8(s)) {
    out += DumpCanonical(json(std::string(s)));
    return;
  }
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        char u[8];
        std::snprintf(u, sizeof u, "\\u%04x", c);
        out += u;
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

template <typename List>
std::string NamesText(const List& list) {
  std::string out = "[";
  for (const auto& x : list) {
    if (out.size() > 1) out += ',';
    AppendJsonString(out, x.name);
  }
  out += ']';
  return out;
}

std::string StringText(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  AppendJsonString(out, s);
  return out;
}

}  // namespace

std::string SnapshotText(const Article& a) {
  // The members EncodeArticle gives a snapshot, as (key, JSON text); the
  // keys then sorted as nlohmann's object keeps them.
  std::vector<std::pair<std::string_view, std::string>> members;
  members.reserve(std::size(kTextFields) + 8);
  for (const TextField& f : kTextFields) {
    const std::string& text = a.*f.member;
    if (f.snapshot == InSnapshot::kNo ||
        (f.snapshot == InSnapshot::kWhenSet && text.empty()))
      continue;
    members.emplace_back(f.name, StringText(text));
  }
  members.emplace_back("slug", StringText(a.slug));
  for (const FocalField& f : kFocalFields)
    members.emplace_back(f.name, DumpCanonical(json(a.*f.member)));
  members.emplace_back("tags", NamesText(a.tags));
  members.emplace_back("authors", NamesText(a.authors));
  members.emplace_back("status", StringText(ArticleStatusName(a.status)));
  members.emplace_back("category",
                       StringText(a.category ? a.category->name : ""));
  members.emplace_back("published_at", a.published_at
                                           ? std::to_string(*a.published_at)
                                           : std::string("null"));
  std::sort(members.begin(), members.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  std::size_t size = 2;
  for (const auto& [key, value] : members)
    size += key.size() + value.size() + 4;
  std::string out;
  out.reserve(size);
  out += '{';
  for (const auto& [key, value] : members) {
    if (out.size() > 1) out += ',';
    out += '"';
    out += key;  // field names need no escapes
    out += "\":";
    out += value;
  }
  out += '}';
  return out;
}

Status DecodeArticle(const json& j, ArticleForm form, Article& a) {
  if (!j.is_object()) {
    if (form == ArticleForm::kSnapshot) {
      return Status::InvalidArgument("revision: not a snapshot")
          .WithField("revision")
          .WithReason("revision_invalid");
    }
    return Status::InvalidArgument("expected a JSON object")
        .WithReason("not_json_object");
  }
  return form == ArticleForm::kSnapshot ? DecodeSnapshot(j, a)
                                        : DecodeInput(j, a);
}

}  // namespace warta
