// The editor web app's templates, partials, assets and locales (src/admin/ui),
// embedded at build time.
#ifndef WARTA_ADMIN_UI_FILES_H_
#define WARTA_ADMIN_UI_FILES_H_

#include <string_view>
#include <utility>
#include <vector>

namespace warta::admin {
const std::vector<std::pair<std::string_view, std::string_view>>&
AdminUiFiles();
}  // namespace warta::admin

#endif  // WARTA_ADMIN_UI_FILES_H_
