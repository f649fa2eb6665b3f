// ServerContext: the state a server shares with its sessions: options, the
// router, the live-session registry and the shutdown flags. Sessions hold it
// by shared_ptr so it outlives every one of them. Internal to the server.
// Thread-safe: the registry and flags are guarded by `mu`.
#ifndef WARTA_HTTP_SERVER_CONTEXT_H_
#define WARTA_HTTP_SERVER_CONTEXT_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "http/router.h"
#include "http/server.h"

namespace warta::http {

class Session;

struct ServerContext {
  ServerContext(ServerOptions opts, const Router& r)
      : options(std::move(opts)), router(r) {}

  const ServerOptions options;
  const Router& router;

  std::mutex mu;
  std::condition_variable cv;  // signalled on Stop, shutdown and last exit
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions;
  bool stop_requested = false;    // Stop() was called
  bool shutdown_started = false;  // the acceptor is closed

  // Admits a new session; false when shutting down or at max_connections.
  bool Register(const std::shared_ptr<Session>& session) {
    std::lock_guard lock(mu);
    if (shutdown_started || sessions.size() >= options.max_connections) {
      return false;
    }
    sessions.emplace(session.get(), session);
    return true;
  }

  // Called from a session's destructor.
  void Unregister(const Session* session) {
    std::lock_guard lock(mu);
    if (sessions.erase(session) && sessions.empty()) cv.notify_all();
  }

  bool stopping() {
    std::lock_guard lock(mu);
    return stop_requested;
  }
};

}  // namespace warta::http

#endif  // WARTA_HTTP_SERVER_CONTEXT_H_
