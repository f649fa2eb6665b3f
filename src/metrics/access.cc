#include "metrics/access.h"

#include "base/strings.h"

namespace warta::metrics {
namespace {

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= a[i] ^ b[i];
  return diff == 0;
}

}  // namespace

AccessPolicy::AccessPolicy(const IpNetworks& allow, std::string token)
    : token_(std::move(token)) {
  static const IpNetworks kLoopback =
      *IpNetworks::Parse("127.0.0.0/8, ::1", "metrics.allow");
  nets_.Add(kLoopback);
  nets_.Add(allow);
}

Result<AccessPolicy> AccessPolicy::Parse(std::string_view allow,
                                         std::string token) {
  WARTA_ASSIGN_OR_RETURN(IpNetworks allowed,
                         IpNetworks::Parse(allow, "metrics.allow"));
  return AccessPolicy(allowed, std::move(token));
}

bool AccessPolicy::Allows(std::string_view remote_ip,
                          std::string_view authorization) const {
  if (!token_.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization.size() > kBearer.size() &&
        EqualsIgnoreAsciiCase(authorization.substr(0, kBearer.size()),
                              kBearer) &&
        ConstantTimeEquals(Trim(authorization.substr(kBearer.size())),
                           token_)) {
      return true;
    }
  }
  return nets_.Contains(remote_ip);
}

}  // namespace warta::metrics
