// Newsroom accounts: a User has one Role. Roles are ordered; each includes
// the rights of those below it: kontributor (writes drafts and submits them
// for review) < penulis (publishes own articles) < editor (edits and
// publishes any article, manages categories and tags) < admin (users and
// settings). Plain values; thread-compatible.
#ifndef WARTA_CONTENT_USER_H_
#define WARTA_CONTENT_USER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"

namespace warta {

enum class Role { kKontributor = 0, kPenulis = 1, kEditor = 2, kAdmin = 3 };

// "kontributor", "penulis", "editor", "admin".
std::string_view RoleName(Role r);
// The inverse of RoleName (case-insensitive); InvalidArgument otherwise.
Result<Role> ParseRole(std::string_view name);
inline bool RoleAtLeast(Role have, Role want) {
  return static_cast<int>(have) >= static_cast<int>(want);
}

struct User {
  std::int64_t id = 0;
  std::string email;  // stored lower-case; unique
  std::string name;   // shown in the admin and as the byline
  Role role = Role::kKontributor;
  std::string password_hash;   // argon2id string (libsodium); never shown
  std::int64_t author_id = 0;  // the byline Author this user writes as
  bool disabled = false;       // a disabled user cannot log in
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

// A browser login. The cookie holds a random token; only its hash is stored.
struct Session {
  std::string token_hash;  // hex
  std::int64_t user_id = 0;
  Timestamp created_at = 0;
  Timestamp expires_at = 0;
};

// A bearer token for integrations, acting as its user within `scopes`
// (space-separated). Only the hash of the token is stored.
struct ApiToken {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;
  std::string token_hash;  // hex
  std::string hint;        // the token's first characters, to recognise it
  std::string scopes;
  Timestamp created_at = 0;
  std::optional<Timestamp> last_used_at;
  std::optional<Timestamp> revoked_at;
};

// Lower-cases and trims an e-mail address; InvalidArgument when it has no
// "local@domain" shape or is longer than 254 bytes.
Result<std::string> NormalizeEmail(std::string_view email);

}  // namespace warta

#endif  // WARTA_CONTENT_USER_H_
