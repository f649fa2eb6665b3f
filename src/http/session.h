// Session: one accepted TCP connection, served as a small async chain on its
// own strand (after Beast's advanced server): wait for a request (idle
// timeout), read the header (header limit), pick the body limit from the
// route, read the body (request timeout), call the router, write the response
// (or stream it chunked), log it, and loop while keep-alive lasts. Requests
// on one connection are answered in order, one at a time. The timeouts are
// one deadline per connection: moving it later costs nothing on the request
// path, and the timer checks it when it fires. Internal to the server.
#ifndef WARTA_HTTP_SESSION_H_
#define WARTA_HTTP_SESSION_H_

#include <sys/types.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/compression.h"
#include "http/handler_memory.h"
#include "http/outgoing.h"
#include "http/prepared.h"
#include "http/request.h"
#include "http/request_parser.h"
#include "http/server_context.h"

namespace warta::http {

class Session : public std::enable_shared_from_this<Session> {
 public:
  // The connection's own strand, named by type: no type-erased executor.
  using Executor = boost::asio::strand<boost::asio::io_context::executor_type>;
  using Socket =
      boost::asio::basic_stream_socket<boost::asio::ip::tcp, Executor>;

  Session(Socket&& socket, std::shared_ptr<ServerContext> context);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Starts the chain. Call once, after ServerContext::Register.
  void Start();

  // Thread-safe. Closes the connection if it is waiting for a request;
  // otherwise the response in progress is finished with "Connection: close".
  void Shutdown();

 private:
  using error_code = boost::beast::error_code;
  using Clock = std::chrono::steady_clock;
  using Timer =
      boost::asio::basic_waitable_timer<Clock, boost::asio::wait_traits<Clock>,
                                        Executor>;

  // The connection closes when `deadline` passes, unless moved later first.
  void ExpireAt(Clock::time_point deadline);
  void ExpireAfter(Clock::duration d) { ExpireAt(Clock::now() + d); }
  void OnTimer(error_code ec);
  // Closes the socket and stops the timer.
  void CloseNow();

  // A completion handler of the session's chain (reading, writing): keeps
  // the session alive, calls `f` with the session and the completion's
  // arguments, and has Asio place the operation's state in memory_.
  template <class F>
  struct ChainHandler {
    std::shared_ptr<Session> self;
    F f;
    using allocator_type = HandlerAllocator<char>;
    allocator_type get_allocator() const noexcept {
      return allocator_type(self->memory_);
    }
    template <class... Args>
    void operator()(Args&&... args) {
      std::invoke(f, *self, std::forward<Args>(args)...);
    }
  };
  template <class F>
  ChainHandler<F> Chain(F f) {
    return ChainHandler<F>{shared_from_this(), std::move(f)};
  }

  void WaitForRequest();
  void AwaitFirstRequest();
  void OnFirstBytes(error_code ec, std::size_t n);
  void ReadHeader();
  void OnHeader(error_code ec, std::size_t n);
  void OnContinueSent(error_code ec, std::size_t n);
  void ReadBody();
  void OnBody(error_code ec, std::size_t n);
  void Handle();
  // The router's answer; 500 when the handler throws.
  Response RouteRequest();

  // Answers with a bare error page and closes, without reading the rest of
  // the request.
  void SendError(int status);
  void Send(Outgoing out);
  // Sends a response serialized earlier (GET or HEAD).
  void SendPrepared(std::shared_ptr<const PreparedResponse> prepared);
  void OnWritten(error_code ec, std::size_t n);
  // Writes what is left of out_buffers_ without waiting; waits
  // for the socket to take more when its buffer is full.
  void ContinueWrite();
  void OnWritable(error_code ec);
  void StreamNext();
  void OnChunkWritten(bool last, error_code ec, std::size_t n);
  void FinishExchange(error_code ec);

  // Half-closes and, when `drain`, reads and discards what the client still
  // sends (bounded) so it sees our last response instead of a reset.
  void Close(bool drain);
  void Drain();

  void LogAccess();

  HandlerMemory memory_;  // declared first: operations may outlive stream_
  Socket stream_;
  Timer timer_;
  Clock::time_point deadline_;
  bool timer_armed_ = false;  // a wait is pending on timer_
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<ServerContext> context_;
  std::string remote_ip_;
  // remote_ip_ is one of ServerOptions::trusted_proxies: its requests'
  // X-Forwarded-For is read. Worked out once per connection.
  bool from_trusted_proxy_ = false;
  bool first_request_ = true;
  bool idle_ = false;      // waiting for the first byte of a request
  bool closing_ = false;   // Shutdown() was called
  bool draining_ = false;  // discarding input before the close

  // The exchange in progress.
  std::optional<RequestParser> parser_;
  Request request_;
  std::string log_method_ = "-";
  unsigned version_ = 11;
  std::string user_agent_;
  std::string too_large_json_;  // the route's 413 body, or "" (plain)
  Clock::time_point started_;
  int status_ = 0;
  std::uint64_t bytes_sent_ = 0;
  bool keep_alive_ = false;
  std::shared_ptr<void> message_;     // the Beast message being written
  std::shared_ptr<void> serializer_;  // for streamed responses
  Outgoing out_;
  std::shared_ptr<const PreparedResponse> prepared_;  // being written
  std::array<char, 64> date_;  // the Date field being written
  // A prepared answer being written: its pieces (the first out_next_ done).
  std::array<boost::asio::const_buffer, 9> out_buffers_;
  std::size_t out_next_ = 0;
  std::size_t date_size_ = 0;
  std::optional<GzipStream> gzip_;
  std::string piece_;    // one piece pulled from the stream
  std::string chunk_;    // pieces gathered for one chunk
  std::string encoded_;  // what goes on the wire for `chunk_`
  std::array<char, 4096> drain_buffer_;
  std::size_t drained_ = 0;
};

}  // namespace warta::http

#endif  // WARTA_HTTP_SESSION_H_
