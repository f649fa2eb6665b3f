// Server: the Beast/Asio HTTP/1.1 listener. Keep-alive, a thread per core,
// explicit limits, graceful shutdown, one access-log line per request,
// gzip/brotli by Accept-Encoding, conditional GET (ETag / Last-Modified ->
// 304) and HEAD. Knows nothing of what it serves: every request goes to the
// Router.
#ifndef WARTA_HTTP_SERVER_H_
#define WARTA_HTTP_SERVER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/ip_networks.h"
#include "base/result.h"
#include "http/router.h"

namespace warta::http {

// One finished exchange, for an observer (metrics).
struct ExchangeRecord {
  std::string_view route;  // the route pattern, "" when no route answered
  int status = 0;
  std::uint64_t bytes = 0;  // body bytes written (after compression)
  std::chrono::steady_clock::duration duration{};
};

// Told about connections and exchanges, from the I/O threads: must be
// thread-safe and cheap (no lock on the common path).
class ServerObserver {
 public:
  virtual ~ServerObserver() = default;
  virtual void OnConnectionOpened() {}
  virtual void OnConnectionClosed() {}
  virtual void OnExchange(const ExchangeRecord& record) = 0;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;              // 0 picks a free port; see port()
  int threads = 0;                        // 0: one per hardware thread
  std::size_t header_limit = 16 * 1024;   // request line + headers, bytes
  std::size_t body_limit = 1024 * 1024;   // default request body limit
  std::chrono::seconds idle_timeout{30};  // keep-alive connection idle time
  // Time to read one whole request; also bounds each response write.
  std::chrono::seconds request_timeout{30};
  std::size_t max_connections = 10000;  // further connections are refused
  // Connections one client address may hold at once (0: no limit), so one
  // client cannot take every slot. Raise it behind a reverse proxy that
  // reaches the server from one address.
  std::size_t max_connections_per_address = 1000;
  // Whether loopback clients (127.0.0.0/8, ::1) count against it too. warta
  // serve turns this off: on loopback sit a reverse proxy in front, which
  // carries every reader, and local benchmarks.
  bool limit_loopback_per_address = true;
  // Under pressure (more than half of max_connections in use) a connection
  // gets at most this long to send its next request's headers, so silent
  // connections make room sooner.
  std::chrono::seconds pressure_timeout{5};
  // Proxies (load balancers) whose X-Forwarded-For the server believes:
  // behind them Request::remote_ip is the reader's address (ClientAddress
  // in forwarded.h), for the login limits and the access log. Empty: the
  // header is ignored and remote_ip is the connection's address.
  IpNetworks trusted_proxies;
  bool access_log = true;                  // one line per request to stderr
  std::size_t compress_min_bytes = 1024;   // smaller bodies are sent as is
  std::chrono::seconds shutdown_grace{5};  // in-flight requests get this long
  // A listening socket to adopt (taking ownership) instead of binding
  // host:port: the next server after a reload takes over the previous one's
  // socket (DuplicateListener), so connections arriving in between wait in
  // the backlog instead of being refused.
  int listen_fd = -1;
  // Told about every connection and exchange; not owned, must outlive the
  // server. nullptr: none.
  ServerObserver* observer = nullptr;
};

class Server {
 public:
  // Binds and listens; the router must outlive the server. Fails with a Status
  // when the address cannot be bound. Sets SIGPIPE to be ignored (a closed
  // output pipe is an error for its writer, not the end of the server).
  static Result<std::unique_ptr<Server>> Create(ServerOptions options,
                                                const Router& router);
  // Destroy only when Run() is not running (before it or after it returned).
  virtual ~Server() = default;

  // The bound port (useful with port 0).
  virtual std::uint16_t port() const = 0;

  // A duplicate of the listening socket's descriptor (the caller owns it),
  // for ServerOptions::listen_fd of a successor; -1 on failure. Call before
  // Run() returns.
  virtual int DuplicateListener() = 0;

  // Serves until Stop() or SIGINT/SIGTERM; then stops accepting, closes idle
  // keep-alive connections, lets requests in flight finish (up to
  // shutdown_grace) and returns. Runs `threads` I/O threads and blocks the
  // calling thread. Call at most once per Server.
  virtual void Run() = 0;

  // Thread-safe; may be called from a handler or another thread, also before
  // Run() (which then returns at once). Does not wait.
  virtual void Stop() = 0;
};

}  // namespace warta::http

#endif  // WARTA_HTTP_SERVER_H_
