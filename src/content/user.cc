#include "content/user.h"

#include "base/strings.h"

namespace warta {

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kKontributor:
      return "kontributor";
    case Role::kPenulis:
      return "penulis";
    case Role::kEditor:
      return "editor";
    case Role::kAdmin:
      return "admin";
  }
  return "kontributor";
}

Result<Role> ParseRole(std::string_view name) {
  std::string n = AsciiLower(Trim(name));
  for (Role r :
       {Role::kKontributor, Role::kPenulis, Role::kEditor, Role::kAdmin}) {
    if (n == RoleName(r)) return r;
  }
  return Status::InvalidArgument(
      "unknown role \"" + std::string(name) +
      "\" (use kontributor, penulis, editor or admin)");
}

Result<std::string> NormalizeEmail(std::string_view email) {
  std::string e = AsciiLower(Trim(email));
  size_t at = e.find('@');
  if (e.size() > 254 || at == std::string::npos || at == 0 ||
      at + 1 >= e.size() || e.find('@', at + 1) != std::string::npos ||
      e.find_first_of(" \t\r\n<>\"',;") != std::string::npos) {
    return Status::InvalidArgument("email: \"" + std::string(email) +
                                   "\" is not an e-mail address")
        .WithField("email");
  }
  return e;
}

}  // namespace warta
