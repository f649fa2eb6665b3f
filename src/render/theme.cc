#include "render/theme.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>

#include "base/strings.h"
#include "render/builtin_theme.h"

namespace warta::render {
namespace {

namespace mustache = kainjow::mustache;

std::string ContentTypeFor(std::string_view name) {
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() &&
           name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".jpg") || ends(".jpeg")) return "image/jpeg";
  if (ends(".webp")) return "image/webp";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".json")) return "application/json";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string Stem(std::string_view rel, std::string_view dir) {
  std::string_view name = rel.substr(dir.size());
  size_t dot = name.rfind('.');
  return std::string(name.substr(0, dot));
}

// Replaces every {{> name}} with the partial's text, recursively.
Result<std::string> ExpandPartials(
    const std::string& text, const std::map<std::string, std::string>& partials,
    int depth) {
  if (depth > 10)
    return Status::InvalidArgument("partials nest deeper than 10");
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = text.find("{{>", pos);
    if (open == std::string::npos) break;
    size_t close = text.find("}}", open);
    if (close == std::string::npos) break;
    std::string name(
        Trim(std::string_view(text).substr(open + 3, close - open - 3)));
    auto it = partials.find(name);
    if (it == partials.end())
      return Status::NotFound("partial \"" + name + "\" not found");
    out.append(text, pos, open - pos);
    WARTA_ASSIGN_OR_RETURN(std::string inner,
                           ExpandPartials(it->second, partials, depth + 1));
    out += inner;
    pos = close + 2;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

mustache::data ToData(const View& v) {
  switch (v.type()) {
    case View::value_t::object: {
      mustache::data d{mustache::data::type::object};
      for (auto it = v.begin(); it != v.end(); ++it)
        d.set(it.key(), ToData(it.value()));
      return d;
    }
    case View::value_t::array: {
      mustache::data d{mustache::data::type::list};
      for (const auto& item : v) d.push_back(ToData(item));
      return d;
    }
    case View::value_t::string:
      return mustache::data(v.get_ref<const std::string&>());
    case View::value_t::boolean:
      return v.get<bool>() ? mustache::data(mustache::data::type::bool_true)
                           : mustache::data(mustache::data::type::bool_false);
    case View::value_t::number_integer:
    case View::value_t::number_unsigned:
    case View::value_t::number_float:
      return mustache::data(v.dump());
    default:
      return mustache::data(mustache::data::type::bool_false);
  }
}

std::atomic<std::uint64_t> g_next_theme_id{1};

// The parsed template `name` of theme `theme_id`, parsed on this thread's
// first use and kept for its later renders: parsing a page's template cost
// as much as rendering it. Per thread because the mustache library's render
// is not const (it records errors in the template). A few dozen templates
// per theme; bounded across themes loaded one after another.
struct ParsedTemplate {
  std::uint64_t theme_id;
  std::string name;
  std::unique_ptr<mustache::mustache> tmpl;
};
constexpr std::size_t kMaxParsedPerThread = 128;
thread_local std::vector<ParsedTemplate> t_parsed;

mustache::mustache& Parsed(std::uint64_t theme_id, std::string_view name,
                           const std::string& text) {
  for (ParsedTemplate& p : t_parsed) {
    if (p.theme_id == theme_id && p.name == name) return *p.tmpl;
  }
  if (t_parsed.size() >= kMaxParsedPerThread) t_parsed.clear();
  auto tmpl = std::make_unique<mustache::mustache>(text);
  tmpl->set_custom_escape([](const std::string& s) { return HtmlEscape(s); });
  t_parsed.push_back({theme_id, std::string(name), std::move(tmpl)});
  return *t_parsed.back().tmpl;
}

void ForgetParsed(std::uint64_t theme_id, std::string_view name) {
  std::erase_if(t_parsed, [&](const ParsedTemplate& p) {
    return p.theme_id == theme_id && p.name == name;
  });
}

}  // namespace

Result<std::unique_ptr<Theme>> Theme::Load(const std::string& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  if (dir.empty()) {
    for (const auto& [name, bytes] : BuiltinThemeFiles())
      files.emplace_back(std::string(name), std::string(bytes));
    return FromFiles(files);
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return Status::NotFound("theme directory " + dir + " not found");
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    files.emplace_back(fs::relative(it->path(), dir).generic_string(),
                       ss.str());
  }
  if (ec) return Status::IoError("reading theme " + dir + ": " + ec.message());
  auto theme = FromFiles(files);
  if (!theme.ok()) return theme.status().WithContext("theme " + dir);
  return theme;
}

Result<std::unique_ptr<Theme>> Theme::FromFiles(
    const std::vector<std::pair<std::string, std::string>>& files) {
  std::unique_ptr<Theme> t(new Theme());
  t->id_ = g_next_theme_id.fetch_add(1);
  std::map<std::string, std::string> raw_templates, partials;
  for (const auto& [rel, bytes] : files) {
    if (rel.rfind("templates/", 0) == 0 && rel.size() > 19 &&
        rel.substr(rel.size() - 9) == ".mustache") {
      raw_templates[Stem(rel, "templates/")] = bytes;
    } else if (rel.rfind("partials/", 0) == 0 &&
               rel.substr(rel.size() - 9) == ".mustache") {
      partials[Stem(rel, "partials/")] = bytes;
    } else if (rel.rfind("assets/", 0) == 0) {
      Asset a;
      a.name = rel.substr(7);
      a.content_type = ContentTypeFor(a.name);
      a.bytes = bytes;
      char hex[17];
      std::snprintf(hex, sizeof hex, "%016llx",
                    static_cast<unsigned long long>(Fnv1a64(bytes)));
      a.version = std::string(hex, 10);
      t->assets_[a.name] = std::move(a);
    } else if (rel.rfind("locales/", 0) == 0 && rel.size() > 13) {
      View strings = View::parse(bytes, nullptr, false);
      if (strings.is_discarded() || !strings.is_object()) {
        return Status::InvalidArgument(rel + ": not a JSON object");
      }
      for (auto it = strings.begin(); it != strings.end(); ++it) {
        if (!it->is_string()) {
          return Status::InvalidArgument(rel + ": \"" + it.key() +
                                         "\" is not a string");
        }
      }
      std::string lang = Stem(rel, "locales/");
      if (lang == "id") t->strings_id_ = std::move(strings);
      if (lang == "en") t->strings_en_ = std::move(strings);
    }
  }
  for (const auto& [name, text] : raw_templates) {
    auto expanded = ExpandPartials(text, partials, 0);
    if (!expanded.ok())
      return expanded.status().WithContext("templates/" + name);
    mustache::mustache check(*expanded);
    if (!check.is_valid()) {
      return Status::InvalidArgument("templates/" + name +
                                     ".mustache: " + check.error_message());
    }
    t->templates_[name] = std::move(*expanded);
  }
  if (!t->strings_id_.is_object())
    return Status::InvalidArgument("locales/id.json is missing");
  if (!t->strings_en_.is_object()) t->strings_en_ = View::object();
  // English falls back to Indonesian key by key.
  for (auto it = t->strings_id_.begin(); it != t->strings_id_.end(); ++it) {
    if (!t->strings_en_.contains(it.key()))
      t->strings_en_[it.key()] = it.value();
  }
  return t;
}

Result<std::string> Theme::Render(std::initializer_list<std::string_view> names,
                                  const View& view) const {
  for (std::string_view name : names) {
    auto it = templates_.find(name);
    if (it == templates_.end()) continue;
    // A destroyed theme's entries are never matched again (ids are not
    // reused) and fall out when the thread's list is full.
    mustache::mustache& tmpl = Parsed(id_, it->first, it->second);
    std::string out = tmpl.render(ToData(view));
    if (!tmpl.is_valid()) {
      Status failed = Status::Internal("rendering " + std::string(name) +
                                       ": " + tmpl.error_message());
      ForgetParsed(id_, it->first);  // it keeps its error: parse again
      return failed;
    }
    return out;
  }
  std::string list;
  for (std::string_view n : names)
    list += std::string(list.empty() ? "" : ", ") + std::string(n);
  return Status::NotFound("no template among: " + list);
}

const View& Theme::Strings(Language lang) const {
  return lang == Language::kEnglish ? strings_en_ : strings_id_;
}

std::string Theme::Text(
    Language lang, std::string_view key,
    std::initializer_list<std::pair<std::string_view, std::string>> args)
    const {
  const View& strings = Strings(lang);
  auto it = strings.find(std::string(key));
  if (it == strings.end()) return std::string(key);
  std::string s = it->get<std::string>();
  for (const auto& [name, value] : args) {
    std::string ph = "{" + std::string(name) + "}";
    for (size_t p = s.find(ph); p != std::string::npos;
         p = s.find(ph, p + value.size())) {
      s.replace(p, ph.size(), value);
    }
  }
  return s;
}

const Asset* Theme::FindAsset(std::string_view name) const {
  auto it = assets_.find(name);
  return it == assets_.end() ? nullptr : &it->second;
}

}  // namespace warta::render
