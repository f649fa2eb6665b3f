// Which address a request came from when proxies stand in front: the
// server believes X-Forwarded-For only from the proxies it is told to
// trust (server.trusted_proxies), so a reader cannot pick their own
// address for the login limits by sending the header.
#ifndef WARTA_HTTP_FORWARDED_H_
#define WARTA_HTTP_FORWARDED_H_

#include <string_view>

#include "base/ip_networks.h"

namespace warta::http {

// The client's address. `peer` is the connection's own address; when it is
// not in `trusted`, it is the answer. Otherwise `forwarded_for` (the
// request's X-Forwarded-For values in order, joined by commas) is read from
// the right, each entry the address the proxy before it saw: trusted
// addresses are skipped, and the first untrusted one is the client. When
// every entry is trusted, the leftmost is; when an entry is not an address,
// the trusted hop that added it is. Entries may be "[v6]:port" or
// "v4:port"; the port is dropped. Returns a view into `peer` or
// `forwarded_for`.
std::string_view ClientAddress(std::string_view peer,
                               std::string_view forwarded_for,
                               const IpNetworks& trusted);

}  // namespace warta::http

#endif  // WARTA_HTTP_FORWARDED_H_
