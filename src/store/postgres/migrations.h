// The postgres backend's schema migrations (migrations/NNN_name.sql),
// embedded at build time, in name order.
#ifndef WARTA_STORE_POSTGRES_MIGRATIONS_H_
#define WARTA_STORE_POSTGRES_MIGRATIONS_H_

#include <string_view>
#include <utility>
#include <vector>

namespace warta::pg {
const std::vector<std::pair<std::string_view, std::string_view>>& Migrations();
}  // namespace warta::pg

#endif  // WARTA_STORE_POSTGRES_MIGRATIONS_H_
