// The listener: binds, accepts onto per-connection strands, admits up to
// max_connections sessions, and runs the I/O threads and the shutdown.
#include "http/server.h"

#include <unistd.h>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <csignal>
#include <exception>
#include <optional>
#include <thread>
#include <vector>

#include "base/cores.h"
#include "base/log.h"
#include "base/stop_signals.h"
#include "http/access_log.h"
#include "http/server_context.h"
#include "http/session.h"

namespace warta::http {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

constexpr std::chrono::milliseconds kAcceptBackoff{50};

class ServerImpl final : public Server {
 public:
  ServerImpl(ServerOptions options, const Router& router)
      : threads_(options.threads > 0 ? options.threads : UsableCores()),
        ioc_(threads_),
        context_(std::make_shared<ServerContext>(std::move(options), router)),
        strand_(net::make_strand(ioc_)),
        acceptor_(strand_),
        backoff_(strand_) {}

  ~ServerImpl() override {
    // Handlers left in the queue (if Run never ran or the grace period ran
    // out) are destroyed with the io_context; close the acceptor first.
    error_code ec;
    acceptor_.close(ec);
  }

  Status Listen() {
    const ServerOptions& o = context_->options;
    error_code ec;
    net::ip::address address = net::ip::make_address(o.host, ec);
    if (ec) {
      tcp::resolver resolver(ioc_);
      auto results = resolver.resolve(o.host, "", ec);
      if (ec || results.empty()) {
        return Status::InvalidArgument("cannot resolve host \"" + o.host +
                                       "\": " + ec.message());
      }
      address = results.begin()->endpoint().address();
    }
    tcp::endpoint endpoint(address, o.port);
    std::string where = o.host + ":" + std::to_string(o.port);
    if (o.listen_fd >= 0) {
      acceptor_.assign(endpoint.protocol(), o.listen_fd, ec);
      if (ec) {
        ::close(o.listen_fd);
        return Status::Unavailable("adopt the listener of " + where + ": " +
                                   ec.message());
      }
      port_ = acceptor_.local_endpoint(ec).port();
      return Status::Ok();
    }
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
      return Status::Unavailable("listen on " + where + ": " + ec.message());
    port_ = acceptor_.local_endpoint(ec).port();
    return Status::Ok();
  }

  std::uint16_t port() const override { return port_; }

  int DuplicateListener() override {
    return acceptor_.is_open() ? ::dup(acceptor_.native_handle()) : -1;
  }

  void Run() override {
    {
      MutexLock lock(&context_->mu);
      if (ran_) {
        LogError("http::Server::Run called twice");
        return;
      }
      ran_ = true;
    }
    signals_.emplace(strand_, SIGINT, SIGTERM);
    signals_->async_wait([this](const error_code& ec, int signal) {
      if (ec) return;
      LogInfo("signal " + std::to_string(signal) + ": shutting down");
      Stop();
    });
    net::post(strand_, [this] { Accept(); });

    // SIGINT and SIGTERM go to this thread, which only waits, and to no I/O
    // thread or thread one of them starts (image pools): a thread that is
    // ending may swallow a signal (base/stop_signals.h), and the server would
    // never stop. The I/O threads inherit the blocked mask.
    StopSignalsBlock stop_signals_here;
    std::vector<std::thread> workers;
    workers.reserve(threads_);
    for (int i = 0; i < threads_; ++i) {
      workers.emplace_back([this] { RunLoop(); });
    }
    UnblockStopSignals();
    {
      MutexLock lock(&context_->mu);
      while (!context_->stop_requested) context_->cv.Wait(&context_->mu);
      auto deadline =
          std::chrono::steady_clock::now() + context_->options.shutdown_grace;
      while (!(context_->shutdown_started && context_->sessions.empty()) &&
             context_->cv.WaitUntil(&context_->mu, deadline)) {
      }
      if (!(context_->shutdown_started && context_->sessions.empty())) {
        LogWarning("http: " + std::to_string(context_->sessions.size()) +
                   " connection(s) still busy after the grace period");
      }
    }
    ioc_.stop();
    for (auto& t : workers) t.join();
    signals_.reset();
    FlushAccessLog();  // every request's line is out when Run returns
  }

  void Stop() override {
    {
      MutexLock lock(&context_->mu);
      if (context_->stop_requested) return;
      context_->stop_requested = true;
      context_->stop_flag.store(true, std::memory_order_release);
    }
    context_->cv.NotifyAll();
    net::post(strand_, [this] { BeginShutdown(); });
  }

 private:
  void RunLoop() {
    for (;;) {
      try {
        ioc_.run();
        return;
      } catch (const std::exception& e) {
        LogError(std::string("http: uncaught exception in I/O thread: ") +
                 e.what());
      } catch (...) {
        LogError("http: uncaught non-exception in I/O thread");
      }
    }
  }

  // On strand_.
  void Accept() {
    if (!acceptor_.is_open()) return;
    accepting_ = true;
    acceptor_.async_accept(
        net::make_strand(ioc_),
        net::bind_executor(strand_,
                           [this](error_code ec, Session::Socket socket) {
                             OnAccept(ec, std::move(socket));
                           }));
  }

  // On strand_.
  void OnAccept(error_code ec, Session::Socket socket) {
    accepting_ = false;
    if (!acceptor_.is_open()) {
      if (!ec) {
        // Accepted just before the shutdown closed the acceptor: its client
        // is sending a request, so it is served (then closed), not dropped.
        error_code peer_ec;
        std::string address =
            socket.remote_endpoint(peer_ec).address().to_string();
        auto late = std::make_shared<Session>(std::move(socket), context_);
        if (context_->Register(late, address, /*late=*/true) ==
            ServerContext::Admission::kAdmitted) {
          late->Start();
          // FinishShutdown shuts it down with the others.
          if (!shutdown_waits_for_accept_) late->Shutdown();
        }
      }
      // Only now may Run count the sessions left: this one is among them.
      if (shutdown_waits_for_accept_) FinishShutdown();
      return;
    }
    if (ec == net::error::operation_aborted) return;
    if (ec) {
      // Out of descriptors and the like: wait a little instead of spinning.
      LogWarning("http: accept: " + ec.message());
      backoff_.expires_after(kAcceptBackoff);
      backoff_.async_wait([this](error_code e) {
        if (!e) Accept();
      });
      return;
    }
    error_code peer_ec;
    std::string address = socket.remote_endpoint(peer_ec).address().to_string();
    auto session = std::make_shared<Session>(std::move(socket), context_);
    switch (context_->Register(session, address)) {
      case ServerContext::Admission::kAdmitted:
        session->Start();
        break;
      case ServerContext::Admission::kStopping:
        break;
      case ServerContext::Admission::kFull:
        if (!context_->stopping())
          LogWarning("http: max_connections reached; connection refused");
        break;
      case ServerContext::Admission::kAddressFull:
        // One line per refusal would let the client flood the log too.
        if (refused_per_address_++ % 1000 == 0) {
          LogWarning("http: max_connections_per_address reached for " +
                     address + "; connection refused");
        }
        break;
    }
    Accept();
  }

  // On strand_.
  void BeginShutdown() {
    error_code ec;
    acceptor_.close(ec);
    backoff_.cancel();
    if (signals_) signals_->cancel(ec);
    // An accept may have completed with its handler still queued behind this
    // one: its connection would be no session yet, and Run, seeing none left,
    // would stop the io_context and drop it unanswered (a reset the client
    // sees, as after every settings reload under load). Wait for it.
    if (accepting_) {
      shutdown_waits_for_accept_ = true;
      return;
    }
    FinishShutdown();
  }

  // On strand_: the acceptor is closed and no accept is pending.
  void FinishShutdown() {
    shutdown_waits_for_accept_ = false;
    std::vector<std::shared_ptr<Session>> live;
    {
      MutexLock lock(&context_->mu);
      context_->shutdown_started = true;
      for (auto& [key, weak] : context_->sessions) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
      }
    }
    context_->cv.NotifyAll();
    for (auto& s : live) s->Shutdown();
  }

  const int threads_;
  net::io_context ioc_;
  std::shared_ptr<ServerContext> context_;
  net::strand<net::io_context::executor_type> strand_;
  tcp::acceptor acceptor_;
  net::steady_timer backoff_;
  std::optional<net::signal_set> signals_;
  std::uint16_t port_ = 0;
  std::uint64_t refused_per_address_ = 0;   // on strand_
  bool accepting_ = false;                  // on strand_: async_accept pending
  bool shutdown_waits_for_accept_ = false;  // on strand_
  bool ran_ GUARDED_BY(context_->mu) = false;
};

}  // namespace

Result<std::unique_ptr<Server>> Server::Create(ServerOptions options,
                                               const Router& router) {
  // A write to a closed pipe (stdout or the access log's pipe) must be an
  // EPIPE for its writer, not a signal that ends the server. (Sockets are
  // written with MSG_NOSIGNAL.)
  std::signal(SIGPIPE, SIG_IGN);
  auto server = std::make_unique<ServerImpl>(std::move(options), router);
  WARTA_RETURN_IF_ERROR(server->Listen());
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace warta::http
