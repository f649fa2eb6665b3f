#include "base/ip_networks.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "base/strings.h"

namespace warta {
namespace {

bool IsV4(const IpAddress& a) {
  static const unsigned char kPrefix[12] = {0, 0, 0, 0, 0,    0,
                                            0, 0, 0, 0, 0xff, 0xff};
  return std::memcmp(a.data(), kPrefix, 12) == 0;
}

bool Matches(const IpAddress& a, const IpAddress& net, int prefix) {
  for (int bit = 0; bit < prefix; bit += 8) {
    int n = std::min(8, prefix - bit);
    unsigned char mask = static_cast<unsigned char>(0xff << (8 - n));
    if ((a[bit / 8] & mask) != (net[bit / 8] & mask)) return false;
  }
  return true;
}

}  // namespace

std::optional<IpAddress> ParseIpAddress(std::string_view s) {
  // inet_pton needs a terminated string; addresses are short.
  char text[INET6_ADDRSTRLEN + 1];
  if (s.empty() || s.size() >= sizeof text) return std::nullopt;
  std::memcpy(text, s.data(), s.size());
  text[s.size()] = '\0';
  IpAddress out{};
  unsigned char v4[4];
  if (::inet_pton(AF_INET, text, v4) == 1) {
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, v4, 4);
    return out;
  }
  if (::inet_pton(AF_INET6, text, out.data()) == 1) return out;
  return std::nullopt;
}

Result<IpNetworks> IpNetworks::Parse(std::string_view list,
                                     std::string_view setting) {
  IpNetworks p;
  for (std::string_view e : Split(list, ',')) {
    e = Trim(e);
    if (e.empty()) continue;
    size_t slash = e.find('/');
    auto ip = ParseIpAddress(e.substr(0, slash));
    if (!ip) {
      return Status::InvalidArgument(std::string(setting) + ": \"" +
                                     std::string(e) +
                                     "\" is not an address or CIDR block");
    }
    int max = IsV4(*ip) ? 32 : 128;
    int prefix = max;
    if (slash != std::string_view::npos) {
      auto n = ParseInt(e.substr(slash + 1));
      if (!n || *n < 0 || *n > max) {
        return Status::InvalidArgument(std::string(setting) + ": \"" +
                                       std::string(e) +
                                       "\" has a bad prefix length");
      }
      prefix = static_cast<int>(*n);
    }
    p.nets_.push_back({*ip, prefix + (max == 32 ? 96 : 0)});
  }
  return p;
}

void IpNetworks::Add(const IpNetworks& other) {
  nets_.insert(nets_.end(), other.nets_.begin(), other.nets_.end());
}

bool IpNetworks::Contains(const IpAddress& ip) const {
  for (const Net& n : nets_) {
    if (Matches(ip, n.addr, n.prefix)) return true;
  }
  return false;
}

bool IpNetworks::Contains(std::string_view ip) const {
  if (nets_.empty()) return false;
  auto a = ParseIpAddress(ip);
  return a && Contains(*a);
}

}  // namespace warta
