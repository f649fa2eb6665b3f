// Theme: Mustache templates, partials, static assets and locale strings of
// one theme (docs/themes.md gives the contract). Loaded once, immutable after,
// thread-safe. The only user of the mustache library.
#ifndef WARTA_RENDER_THEME_H_
#define WARTA_RENDER_THEME_H_

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "content/dates.h"
#include "render/view.h"

namespace warta::render {

struct Asset {
  std::string name;          // "style.css"
  std::string content_type;  // "text/css; charset=utf-8"
  std::string bytes;
  std::string version;  // 10 hex digits of a content hash, for ?v=
};

class Theme {
 public:
  // Loads the theme from a directory holding templates/, partials/, assets/
  // and locales/. An empty `dir` loads the copy built into the binary.
  // Fails naming the file when a template does not parse or a locale is not
  // a JSON object of strings.
  static Result<std::unique_ptr<Theme>> Load(const std::string& dir);

  // Builds a theme from (relative path, content) pairs; used by Load.
  static Result<std::unique_ptr<Theme>> FromFiles(
      const std::vector<std::pair<std::string, std::string>>& files);

  // Renders the first template of `names` that exists ("article-korut",
  // "article"), with {{> partial}} expanded. kNotFound when none exists.
  Result<std::string> Render(std::initializer_list<std::string_view> names,
                             const View& view) const;

  // The locale strings for `lang` (falls back to Indonesian per key).
  const View& Strings(Language lang) const;

  // One string, with "{name}" placeholders replaced from `args`. A missing
  // key yields the key itself, so a gap shows rather than breaks.
  std::string Text(
      Language lang, std::string_view key,
      std::initializer_list<std::pair<std::string_view, std::string>> args = {})
      const;

  // nullptr when absent.
  const Asset* FindAsset(std::string_view name) const;

 private:
  Theme() = default;
  // Names this theme among every theme the process loaded (never reused):
  // the key of each thread's parsed templates.
  std::uint64_t id_ = 0;
  std::map<std::string, std::string, std::less<>> templates_;  // expanded
  std::map<std::string, Asset, std::less<>> assets_;
  View strings_id_;
  View strings_en_;
};

}  // namespace warta::render

#endif  // WARTA_RENDER_THEME_H_
