// IP addresses and lists of networks ("10.0.0.0/8, ::1, 192.0.2.7"): who may
// read /metrics, which proxies' X-Forwarded-For the server believes.
// Immutable after Parse; thread-safe.
#ifndef WARTA_BASE_IP_NETWORKS_H_
#define WARTA_BASE_IP_NETWORKS_H_

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace warta {

// An IPv4 or IPv6 address as 16 bytes (IPv4 as v4-mapped IPv6).
using IpAddress = std::array<unsigned char, 16>;

// "192.0.2.7", "2001:db8::1", "::ffff:192.0.2.7"; nullopt for anything else
// (no brackets, ports or zone ids).
std::optional<IpAddress> ParseIpAddress(std::string_view text);

class IpNetworks {
 public:
  IpNetworks() = default;

  // A comma-separated list of CIDR blocks or bare addresses (a /32 or
  // /128); blanks between commas are ignored. InvalidArgument naming
  // `setting` and the entry that is neither.
  static Result<IpNetworks> Parse(std::string_view list,
                                  std::string_view setting);

  // Adds the parsed networks of `other`.
  void Add(const IpNetworks& other);

  bool Contains(const IpAddress& ip) const;
  // False for text that is not an address.
  bool Contains(std::string_view ip) const;
  bool empty() const { return nets_.empty(); }

 private:
  struct Net {
    IpAddress addr{};
    int prefix = 0;  // over the 128 bits
  };
  std::vector<Net> nets_;
};

}  // namespace warta

#endif  // WARTA_BASE_IP_NETWORKS_H_
