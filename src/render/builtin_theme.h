// The default theme (themes/default), embedded at build time.
#ifndef WARTA_RENDER_BUILTIN_THEME_H_
#define WARTA_RENDER_BUILTIN_THEME_H_

#include <string_view>
#include <utility>
#include <vector>

namespace warta::render {
const std::vector<std::pair<std::string_view, std::string_view>>&
BuiltinThemeFiles();
}  // namespace warta::render

#endif  // WARTA_RENDER_BUILTIN_THEME_H_
