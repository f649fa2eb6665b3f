// Test support: Debian's HAProxy in front of `warta serve` nodes, on a free
// loopback port, with its own haproxy.cfg (the shape of
// deploy/haproxy-warta.cfg: round robin, health checks on /healthz,
// connection failures retried on another node).
#ifndef WARTA_TESTS_POSTGRES_HAPROXY_H_
#define WARTA_TESTS_POSTGRES_HAPROXY_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "warta_process.h"

namespace warta::testing {

class Haproxy {
 public:
  // The haproxy binary, or "" (the test marked skipped, or failed when
  // CI=true) when it is not installed.
  static std::string Binary();

  // Writes the config for `backends` (name, port) and starts haproxy in the
  // foreground; waits until it accepts connections and sees at least one
  // node up. nullptr (and a test failure) when it does not start.
  static std::unique_ptr<Haproxy> Start(
      const std::string& binary,
      const std::vector<std::pair<std::string, std::uint16_t>>& backends);
  ~Haproxy();
  Haproxy(const Haproxy&) = delete;
  Haproxy& operator=(const Haproxy&) = delete;

  std::uint16_t port() const { return port_; }
  std::string Url(const std::string& path) const;
  Result<http::ClientResponse> Get(const std::string& path) const;
  // What haproxy wrote to stderr so far.
  std::string Log() const;

 private:
  Haproxy() = default;
  TempDir dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
std::uint16_t FreePort();

}  // namespace warta::testing

#endif  // WARTA_TESTS_POSTGRES_HAPROXY_H_
