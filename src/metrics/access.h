// Who may read /metrics: loopback always, the networks of `metrics.allow`
// (a comma-separated CIDR list, IPv4 or IPv6; a bare address is a /32 or
// /128), and any client that sends `Authorization: Bearer <metrics.token>`
// when a token is set. Immutable after Parse; thread-safe.
#ifndef WARTA_METRICS_ACCESS_H_
#define WARTA_METRICS_ACCESS_H_

#include <string>
#include <string_view>

#include "base/ip_networks.h"
#include "base/result.h"

namespace warta::metrics {

class AccessPolicy {
 public:
  // Loopback, `allow` and the bearer `token` ("" for none).
  AccessPolicy(const IpNetworks& allow, std::string token);

  // `allow` as written in metrics.allow; InvalidArgument naming the entry
  // that is not a CIDR block.
  static Result<AccessPolicy> Parse(std::string_view allow, std::string token);

  // `remote_ip` as the server saw it ("127.0.0.1", "::1"); `authorization`
  // the request's Authorization header or "".
  bool Allows(std::string_view remote_ip, std::string_view authorization) const;

 private:
  IpNetworks nets_;
  std::string token_;
};

}  // namespace warta::metrics

#endif  // WARTA_METRICS_ACCESS_H_
