#include "metrics/access.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <optional>

#include "base/strings.h"

namespace warta::metrics {
namespace {

// The address as 16 bytes (IPv4 v4-mapped), or nullopt.
std::optional<std::array<unsigned char, 16>> ParseIp(std::string_view s) {
  std::string text(s);
  std::array<unsigned char, 16> out{};
  unsigned char v4[4];
  if (::inet_pton(AF_INET, text.c_str(), v4) == 1) {
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, v4, 4);
    return out;
  }
  if (::inet_pton(AF_INET6, text.c_str(), out.data()) == 1) return out;
  return std::nullopt;
}

bool IsV4(const std::array<unsigned char, 16>& a) {
  static const unsigned char kPrefix[12] = {0, 0, 0, 0, 0,    0,
                                            0, 0, 0, 0, 0xff, 0xff};
  return std::memcmp(a.data(), kPrefix, 12) == 0;
}

bool Matches(const std::array<unsigned char, 16>& a,
             const std::array<unsigned char, 16>& net, int prefix) {
  for (int bit = 0; bit < prefix; bit += 8) {
    int n = std::min(8, prefix - bit);
    unsigned char mask = static_cast<unsigned char>(0xff << (8 - n));
    if ((a[bit / 8] & mask) != (net[bit / 8] & mask)) return false;
  }
  return true;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= a[i] ^ b[i];
  return diff == 0;
}

}  // namespace

Result<AccessPolicy> AccessPolicy::Parse(std::string_view allow,
                                         std::string token) {
  AccessPolicy p;
  p.token_ = std::move(token);
  std::vector<std::string_view> entries = {"127.0.0.0/8", "::1"};
  for (std::string_view e : Split(allow, ',')) {
    if (!Trim(e).empty()) entries.push_back(Trim(e));
  }
  for (std::string_view e : entries) {
    size_t slash = e.find('/');
    auto ip = ParseIp(e.substr(0, slash));
    if (!ip) {
      return Status::InvalidArgument("metrics.allow: \"" + std::string(e) +
                                     "\" is not an address or CIDR block");
    }
    int max = IsV4(*ip) ? 32 : 128;
    int prefix = max;
    if (slash != std::string_view::npos) {
      auto n = ParseInt(e.substr(slash + 1));
      if (!n || *n < 0 || *n > max) {
        return Status::InvalidArgument("metrics.allow: \"" + std::string(e) +
                                       "\" has a bad prefix length");
      }
      prefix = static_cast<int>(*n);
    }
    p.nets_.push_back({*ip, prefix + (max == 32 ? 96 : 0)});
  }
  return p;
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
  auto ip = ParseIp(remote_ip);
  if (!ip) return false;
  for (const Net& n : nets_) {
    if (Matches(*ip, n.addr, n.prefix)) return true;
  }
  return false;
}

}  // namespace warta::metrics
