// The numbered SQL migrations of the sqlite backend, embedded from
// migrations/NNN_name.sql at build time, sorted by name.
#ifndef WARTA_STORE_SQLITE_MIGRATIONS_H_
#define WARTA_STORE_SQLITE_MIGRATIONS_H_

#include <string_view>
#include <utility>
#include <vector>

namespace warta::sqlite {
const std::vector<std::pair<std::string_view, std::string_view>>& Migrations();
}  // namespace warta::sqlite

#endif  // WARTA_STORE_SQLITE_MIGRATIONS_H_
