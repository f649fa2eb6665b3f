// ServerContext: the state a server shares with its sessions: options, the
// router, the live-session registry and the shutdown flags. Sessions hold it
// by shared_ptr so it outlives every one of them. Internal to the server.
// Thread-safe: the registry and flags are guarded by `mu`.
#ifndef WARTA_HTTP_SERVER_CONTEXT_H_
#define WARTA_HTTP_SERVER_CONTEXT_H_

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/mutex.h"
#include "http/router.h"
#include "http/server.h"

namespace warta::http {

class Session;

struct ServerContext {
  ServerContext(ServerOptions opts, const Router& r)
      : options(std::move(opts)), router(r) {}

  const ServerOptions options;
  const Router& router;

  Mutex mu;
  CondVar cv;  // signalled on Stop, shutdown and last exit
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions
      GUARDED_BY(mu);
  // Live sessions per client address, and each session's address.
  std::unordered_map<std::string, std::size_t> per_address GUARDED_BY(mu);
  std::unordered_map<const Session*, std::string> address_of GUARDED_BY(mu);
  std::atomic<std::size_t> live{0};  // sessions.size(), read without `mu`
  bool stop_requested GUARDED_BY(mu) = false;  // Stop() was called
  std::atomic<bool> stop_flag{false};  // stop_requested, read without `mu`
  bool shutdown_started GUARDED_BY(mu) = false;  // the acceptor is closed

  enum class Admission { kAdmitted, kStopping, kFull, kAddressFull };

  static bool IsLoopback(std::string_view address) {
    return address.rfind("127.", 0) == 0 || address == "::1" ||
           address.rfind("::ffff:127.", 0) == 0;
  }

  // Admits a new session from `address` unless shutting down, at
  // max_connections or at max_connections_per_address for that address.
  // `late`: accepted just as the shutdown began; admitted all the same.
  Admission Register(const std::shared_ptr<Session>& session,
                     const std::string& address, bool late = false) {
    MutexLock lock(&mu);
    if (shutdown_started && !late) return Admission::kStopping;
    if (sessions.size() >= options.max_connections) return Admission::kFull;
    std::size_t& mine = per_address[address];
    if (options.max_connections_per_address &&
        mine >= options.max_connections_per_address &&
        (options.limit_loopback_per_address || !IsLoopback(address))) {
      if (mine == 0) per_address.erase(address);
      return Admission::kAddressFull;
    }
    ++mine;
    sessions.emplace(session.get(), session);
    address_of.emplace(session.get(), address);
    live.store(sessions.size(), std::memory_order_relaxed);
    if (options.observer) options.observer->OnConnectionOpened();
    return Admission::kAdmitted;
  }

  // Called from a session's destructor.
  void Unregister(const Session* session) {
    MutexLock lock(&mu);
    if (auto it = address_of.find(session); it != address_of.end()) {
      auto count = per_address.find(it->second);
      if (count != per_address.end() && --count->second == 0)
        per_address.erase(count);
      address_of.erase(it);
    }
    if (sessions.erase(session)) {
      if (options.observer) options.observer->OnConnectionClosed();
      if (sessions.empty()) cv.NotifyAll();
    }
    live.store(sessions.size(), std::memory_order_relaxed);
  }

  // More than half of max_connections in use: idle and header waits shorten
  // to options.pressure_timeout.
  bool UnderPressure() const {
    return live.load(std::memory_order_relaxed) * 2 > options.max_connections;
  }

  // `normal`, or pressure_timeout when that is shorter and under pressure.
  std::chrono::steady_clock::duration WaitLimit(
      std::chrono::seconds normal) const {
    if (UnderPressure() && options.pressure_timeout < normal)
      return options.pressure_timeout;
    return normal;
  }

  // Read on every request: no lock shared by all threads.
  bool stopping() const { return stop_flag.load(std::memory_order_acquire); }
};

}  // namespace warta::http

#endif  // WARTA_HTTP_SERVER_CONTEXT_H_
