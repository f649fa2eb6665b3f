// Who may read /metrics: loopback always, the networks of `metrics.allow`
// (a comma-separated CIDR list, IPv4 or IPv6; a bare address is a /32 or
// /128), and any client that sends `Authorization: Bearer <metrics.token>`
// when a token is set. Immutable after Parse; thread-safe.
#ifndef WARTA_METRICS_ACCESS_H_
#define WARTA_METRICS_ACCESS_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace warta::metrics {

class AccessPolicy {
 public:
  // InvalidArgument naming the entry that is not a CIDR block.
  static Result<AccessPolicy> Parse(std::string_view allow, std::string token);

  // `remote_ip` as the server saw it ("127.0.0.1", "::1"); `authorization`
  // the request's Authorization header or "".
  bool Allows(std::string_view remote_ip, std::string_view authorization) const;

 private:
  struct Net {
    std::array<unsigned char, 16> addr{};  // IPv4 as v4-mapped IPv6
    int prefix = 0;                        // over the 128 bits
  };
  std::vector<Net> nets_;
  std::string token_;
};

}  // namespace warta::metrics

#endif  // WARTA_METRICS_ACCESS_H_
