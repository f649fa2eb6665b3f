#include "http/session.h"

#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <random>

#include "base/clock.h"
#include "base/log.h"
#include "base/strings.h"
#include "http/access_log.h"
#include "http/forwarded.h"
#include "http/prepared.h"
#include "http/shared_body.h"
#include "http/target.h"

namespace warta::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = beast::error_code;

constexpr std::size_t kFirstRead = 4096;
constexpr std::chrono::seconds kDrainTime{2};
constexpr std::chrono::milliseconds kFirstRequestGrace{500};
constexpr std::size_t kDrainMax = 1 << 20;
constexpr std::size_t kStreamBatch = 16 * 1024;

std::string RemoteIp(Session::Socket& socket) {
  error_code ec;
  tcp::endpoint ep = socket.remote_endpoint(ec);
  if (ec) return "-";
  net::ip::address addr = ep.address();
  if (addr.is_v6() && addr.to_v6().is_v4_mapped()) {
    return net::ip::make_address_v4(net::ip::v4_mapped, addr.to_v6())
        .to_string();
  }
  return addr.to_string();
}

// A range of buffers in an array, as Asio's buffer sequence.
struct BufferRange {
  using value_type = net::const_buffer;
  using const_iterator = const net::const_buffer*;
  const net::const_buffer* first;
  const net::const_buffer* last;
  const_iterator begin() const { return first; }
  const_iterator end() const { return last; }
};

// A malformed request (as opposed to a closed or broken connection).
bool IsProtocolError(const error_code& ec) {
  static const error_code kHttp = bhttp::error::bad_method;
  return ec.category() == kHttp.category() &&
         ec != bhttp::error::end_of_stream &&
         ec != bhttp::error::partial_message;
}

template <class Message>
void FillHeader(Message& m, const Outgoing& out, unsigned version,
                bool keep_alive) {
  m.version(version);
  m.result(static_cast<unsigned>(out.status));
  std::string_view reason = ReasonPhrase(out.status);
  if (!reason.empty()) m.reason(reason);
  for (const auto& [k, v] : out.headers) {
    if (!k.empty()) m.insert(k, v);
  }
  if (out.chunked) {
    if (version >= 11) m.set(bhttp::field::transfer_encoding, "chunked");
  } else if (out.has_length) {
    m.set(bhttp::field::content_length, std::to_string(out.content_length));
  }
  m.keep_alive(keep_alive);
}

// "GET /path" for log messages, with the method as sent.
std::string Describe(std::string_view method, const Request& r) {
  return std::string(method) + " " + r.target;
}

// Sets `*id` to the client's X-Request-Id when it is safe to echo and log,
// else to a new random one (16 hex digits), reusing the string's memory.
void AssignRequestId(std::string_view sent, std::string* id) {
  if (!sent.empty() && sent.size() <= 128) {
    bool ok = true;
    for (char c : sent) {
      ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                  c == ':');
    }
    if (ok) {
      id->assign(sent);
      return;
    }
  }
  thread_local std::mt19937_64 rng(std::random_device{}());
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t v = rng();
  id->resize(16);
  for (int i = 15; i >= 0; --i, v >>= 4) (*id)[i] = kHex[v & 15];
}

}  // namespace

Session::Session(Socket&& socket, std::shared_ptr<ServerContext> context)
    : stream_(std::move(socket)),
      timer_(stream_.get_executor()),
      context_(std::move(context)) {
  remote_ip_ = RemoteIp(stream_);
  // Pipelined answers go out as they are written, not held back by Nagle
  // until the client acknowledges the previous one (as nginx's tcp_nodelay).
  error_code ec;
  stream_.set_option(tcp::no_delay(true), ec);
  // Prepared answers are written at once, not through the reactor: a full
  // socket buffer says would_block instead of waiting.
  stream_.non_blocking(true, ec);
  from_trusted_proxy_ = context_->options.trusted_proxies.Contains(remote_ip_);
}

Session::~Session() { context_->Unregister(this); }

void Session::Start() {
  net::dispatch(
      stream_.get_executor(),
      beast::bind_front_handler(&Session::WaitForRequest, shared_from_this()));
}

void Session::Shutdown() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->closing_ = true;
    if (self->idle_ && self->first_request_) return self->AwaitFirstRequest();
    if (self->idle_ || self->draining_) {
      error_code ec;
      self->stream_.cancel(ec);
    }
  });
}

void Session::ExpireAt(Clock::time_point deadline) {
  deadline_ = deadline;
  if (timer_armed_ && timer_.expiry() <= deadline) return;  // checked then
  timer_.expires_at(deadline);  // a pending wait ends operation_aborted
  timer_armed_ = true;
  timer_.async_wait(
      beast::bind_front_handler(&Session::OnTimer, shared_from_this()));
}

void Session::OnTimer(error_code ec) {
  if (ec == net::error::operation_aborted) return;  // re-armed or closed
  timer_armed_ = false;
  if (!stream_.is_open()) return;
  if (Clock::now() < deadline_) return ExpireAt(deadline_);
  // Timed out: the operation in progress ends with an error and the chain
  // stops there.
  CloseNow();
}

void Session::CloseNow() {
  error_code ec;
  stream_.close(ec);
  timer_.cancel();
  timer_armed_ = false;
}

// A new connection was accepted, so its client is sending a request: a
// shutdown (or a settings reload) gives it kFirstRequestGrace to arrive, is
// served, then closed, instead of dropping it unread.
void Session::AwaitFirstRequest() {
  auto timer = std::make_shared<net::steady_timer>(stream_.get_executor(),
                                                   kFirstRequestGrace);
  // Holds the session weakly: one served in time ends (and leaves the
  // server's count, which a shutdown waits on) without waiting for it.
  timer->async_wait([weak = weak_from_this(), timer](error_code ec) {
    auto self = weak.lock();
    if (!ec && self && self->idle_) self->stream_.cancel(ec);
  });
}

void Session::WaitForRequest() {
  if (closing_ && !first_request_) return Close(false);
  if (buffer_.size() > 0) return ReadHeader();  // a pipelined request
  const ServerOptions& o = context_->options;
  ExpireAfter(
      context_->WaitLimit(first_request_ ? o.request_timeout : o.idle_timeout));
  idle_ = true;
  if (closing_) AwaitFirstRequest();  // shut down before it began reading
  stream_.async_read_some(buffer_.prepare(kFirstRead),
                          Chain(&Session::OnFirstBytes));
}

void Session::OnFirstBytes(error_code ec, std::size_t n) {
  idle_ = false;
  if (ec) return Close(false);  // closed, idle timeout, or shutdown
  buffer_.commit(n);
  ReadHeader();
}

void Session::ReadHeader() {
  first_request_ = false;
  too_large_json_.clear();
  started_ = Clock::now();
  request_.Reset();
  log_method_ = "-";
  version_ = 11;
  user_agent_.clear();
  status_ = 0;
  bytes_sent_ = 0;
  keep_alive_ = false;
  message_.reset();
  serializer_.reset();
  gzip_.reset();
  out_ = Outgoing();

  const ServerOptions& o = context_->options;
  parser_.emplace(&request_, &log_method_);
  parser_->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(
      o.header_limit, std::numeric_limits<std::uint32_t>::max())));
  // The real limit is set once the route is known; Beast 1.74 compares a
  // Content-Length with the limit at the end of the header, so lift it here.
  parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  ExpireAt(started_ + context_->WaitLimit(o.request_timeout));
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           Chain(&Session::OnHeader));
}

void Session::OnHeader(error_code ec, std::size_t) {
  if (ec) {
    if (ec == bhttp::error::header_limit) return SendError(431);
    if (IsProtocolError(ec)) return SendError(400);
    return Close(false);
  }
  // The parser has filled request_ (method, target, headers) and
  // log_method_.
  version_ = parser_->version();
  user_agent_.assign(request_.Header("user-agent"));
  if (!ParseTarget(request_.target, &request_.path, &request_.query)) {
    return SendError(400);
  }
  // Only "chunked" alone is a transfer coding we read: "chunked, identity"
  // (chunked not last) and repeated fields are refused, not guessed at, as
  // a proxy in front may frame the body differently (request smuggling).
  {
    int codings = 0;
    std::string_view coding;
    for (const auto& [name, value] : request_.headers) {
      if (name != "transfer-encoding") continue;
      ++codings;
      coding = Trim(value);
    }
    if (codings > 1) return SendError(400);
    if (codings == 1 && !EqualsIgnoreAsciiCase(coding, "chunked")) {
      const bool has_chunked =
          AsciiLower(coding).find("chunked") != std::string::npos;
      return SendError(has_chunked || version_ < 11 ? 400 : 501);
    }
  }
  if (parser_->is_done()) return Handle();  // no body: no limit to pick
  RouteOptions route =
      context_->router.OptionsFor(request_.method, request_.path);
  std::uint64_t limit =
      route.body_limit ? route.body_limit : context_->options.body_limit;
  too_large_json_ = std::move(route.too_large_json);
  if (auto length = parser_->content_length(); length && *length > limit) {
    return SendError(413);
  }
  // Beast checks this per chunk for chunked bodies; a Content-Length was
  // checked above (after the header Beast 1.74 no longer compares it).
  parser_->body_limit(limit);
  if (version_ == 11 &&
      beast::iequals(request_.Header("expect"), "100-continue")) {
    auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(
        bhttp::status::continue_, 11);
    message_ = cont;
    bhttp::async_write(stream_, *cont, Chain(&Session::OnContinueSent));
    return;
  }
  ReadBody();
}

void Session::OnContinueSent(error_code ec, std::size_t) {
  if (ec) return Close(false);
  ReadBody();
}

void Session::ReadBody() {
  bhttp::async_read(stream_, buffer_, *parser_, Chain(&Session::OnBody));
}

void Session::OnBody(error_code ec, std::size_t) {
  if (ec) {
    if (ec == bhttp::error::body_limit) return SendError(413);
    if (IsProtocolError(ec)) return SendError(400);
    return Close(false);
  }
  Handle();
}

void Session::Handle() {
  if (from_trusted_proxy_) {
    std::string forwarded_for;  // every X-Forwarded-For line, in order
    for (const auto& [name, value] : request_.headers) {
      if (name != "x-forwarded-for") continue;
      if (!forwarded_for.empty()) forwarded_for += ',';
      forwarded_for += value;
    }
    request_.remote_ip.assign(ClientAddress(remote_ip_, forwarded_for,
                                            context_->options.trusted_proxies));
  } else {
    request_.remote_ip.assign(remote_ip_);
  }
  AssignRequestId(request_.Header("x-request-id"), &request_.request_id);

  Response response = RouteRequest();
  // After the handler: a Stop() while it ran closes this connection.
  keep_alive_ = parser_->keep_alive() && !closing_ && !context_->stopping();
  if (response.prepared &&
      (request_.method == Method::kGet || request_.method == Method::kHead)) {
    return SendPrepared(std::move(response.prepared));
  }
  response.SetHeader("X-Request-Id", request_.request_id);
  const ServerOptions& o = context_->options;
  OutgoingOptions options;
  options.compress_min_bytes = o.compress_min_bytes;
  Timestamp now = RealClock::Get().Now();
  Outgoing out;
  try {
    out = PrepareOutgoing(request_, std::move(response), options, now);
  } catch (const std::exception& e) {
    LogError("preparing the response to " + Describe(log_method_, request_) +
             " failed: " + e.what());
    out = PrepareOutgoing(request_, Response::Error(500), options, now);
  }
  Send(std::move(out));
}

Response Session::RouteRequest() {
  // Returned, not assigned: a default Response allocates its content type.
  try {
    return context_->router.Route(request_);
  } catch (const std::exception& e) {
    LogError("handler for " + Describe(log_method_, request_) +
             " threw: " + e.what() + " (request " + request_.request_id + ")");
  } catch (...) {
    LogError("handler for " + Describe(log_method_, request_) +
             " threw a non-exception");
  }
  return Response::Error(500);
}

void Session::SendError(int status) {
  keep_alive_ = false;
  Request bare;  // no Accept-Encoding, no conditionals
  if (request_.method == Method::kHead) bare.method = Method::kHead;
  AssignRequestId("", &request_.request_id);
  Response error = Response::Error(status);
  if (status == 413 && !too_large_json_.empty()) {
    error.content_type = "application/json";
    error.body = std::make_shared<const std::string>(too_large_json_);
  }
  error.SetHeader("X-Request-Id", request_.request_id);
  Send(PrepareOutgoing(bare, std::move(error), OutgoingOptions(),
                       RealClock::Get().Now()));
}

void Session::Send(Outgoing out) {
  out_ = std::move(out);
  status_ = out_.status;
  // HTTP/1.0 has no chunked coding: a stream ends when the connection does.
  if (out_.chunked && version_ < 11) keep_alive_ = false;
  ExpireAfter(context_->options.request_timeout);
  if (out_.chunked || !out_.send_body) {
    auto msg = std::make_shared<bhttp::response<bhttp::empty_body>>();
    FillHeader(*msg, out_, version_, keep_alive_);
    auto sr =
        std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*msg);
    message_ = msg;
    serializer_ = sr;
    bool stream = out_.send_body;
    if (stream && out_.gzip_stream) gzip_.emplace();
    bhttp::async_write_header(
        stream_, *sr,
        Chain([stream](Session& self, error_code ec, std::size_t) {
          if (ec || !stream) return self.FinishExchange(ec);
          self.StreamNext();
        }));
    return;
  }
  auto msg = std::make_shared<bhttp::response<SharedBody>>();
  FillHeader(*msg, out_, version_, keep_alive_);
  msg->body() = out_.body;
  bytes_sent_ = out_.content_length;
  message_ = msg;
  bhttp::async_write(stream_, *msg, Chain(&Session::OnWritten));
}

// The bytes were serialized when the response was cached: one gathered
// write of the status line, the stored fields, Date, Connection and body,
// made at once (the socket is non-blocking) and finished asynchronously only
// when the socket's buffer is full.
void Session::SendPrepared(std::shared_ptr<const PreparedResponse> prepared) {
  prepared_ = std::move(prepared);
  PreparedChoice choice = ChoosePrepared(*prepared_, request_);
  status_ = choice.status;
  bytes_sent_ = choice.body.size();
  std::string_view date = DateField(RealClock::Get().Now());
  date_size_ = std::min(date.size(), date_.size());
  std::copy_n(date.data(), date_size_, date_.data());
  std::string_view connection;
  if (version_ >= 11 && !keep_alive_) connection = "Connection: close\r\n";
  if (version_ < 11 && keep_alive_) connection = "Connection: keep-alive\r\n";
  out_buffers_ = {net::buffer(version_ >= 11 ? std::string_view("HTTP/1.1 ")
                                             : std::string_view("HTTP/1.0 ")),
                  net::buffer(choice.head),
                  net::buffer(std::string_view("X-Request-Id: ")),
                  net::buffer(request_.request_id),
                  net::buffer(std::string_view("\r\n")),
                  net::buffer(date_.data(), date_size_),
                  net::buffer(connection),
                  net::buffer(std::string_view("\r\n")),
                  net::buffer(choice.body)};
  out_next_ = 0;
  ExpireAfter(context_->options.request_timeout);
  ContinueWrite();
}

void Session::ContinueWrite() {
  for (;;) {
    while (out_next_ < out_buffers_.size() &&
           out_buffers_[out_next_].size() == 0)
      ++out_next_;
    if (out_next_ < out_buffers_.size()) {
      error_code ec;
      std::size_t n =
          stream_.send(BufferRange{out_buffers_.data() + out_next_,
                                   out_buffers_.data() + out_buffers_.size()},
                       0, ec);
      if (ec == net::error::would_block || ec == net::error::try_again) break;
      if (ec) return FinishExchange(ec);
      for (; n > 0 && out_next_ < out_buffers_.size(); ++out_next_) {
        net::const_buffer& b = out_buffers_[out_next_];
        if (n < b.size()) {
          b += n;
          break;
        }
        n -= b.size();
      }
      continue;
    }
    return FinishExchange({});
  }
  stream_.async_wait(Socket::wait_write, Chain(&Session::OnWritable));
}

void Session::OnWritable(error_code ec) {
  if (ec) return FinishExchange(ec);
  ContinueWrite();
}

void Session::OnWritten(error_code ec, std::size_t) { FinishExchange(ec); }

void Session::StreamNext() {
  // Pieces are gathered up to kStreamBatch before a chunk goes out: fewer
  // writes and better compression for streams of small pieces, while memory
  // stays bounded by one batch.
  bool more = true;
  chunk_.clear();
  encoded_.clear();
  try {
    while (more && chunk_.size() < kStreamBatch) {
      piece_.clear();
      more = out_.stream(piece_);
      if (chunk_.empty()) {
        chunk_.swap(piece_);
      } else {
        chunk_ += piece_;
      }
    }
    if (gzip_) {
      gzip_->Write(chunk_, encoded_);
      if (!more) gzip_->Finish(encoded_);
    } else {
      encoded_.swap(chunk_);
    }
  } catch (const std::exception& e) {
    LogError("body stream for " + Describe(log_method_, request_) +
             " threw: " + e.what());
    keep_alive_ = false;
    LogAccess();
    return Close(false);  // the client sees a truncated chunked body
  }
  ExpireAfter(context_->options.request_timeout);
  auto handler =
      Chain([last = !more](Session& self, error_code ec, std::size_t n) {
        self.OnChunkWritten(last, ec, n);
      });
  if (encoded_.empty()) return OnChunkWritten(true, {}, 0);
  bytes_sent_ += encoded_.size();
  if (version_ >= 11) {
    net::async_write(stream_, bhttp::make_chunk(net::buffer(encoded_)),
                     std::move(handler));
  } else {
    net::async_write(stream_, net::buffer(encoded_), std::move(handler));
  }
}

void Session::OnChunkWritten(bool last, error_code ec, std::size_t) {
  if (ec) return FinishExchange(ec);
  if (!last) return StreamNext();
  if (version_ < 11) return FinishExchange({});
  net::async_write(stream_, bhttp::make_chunk_last(),
                   Chain(&Session::OnWritten));
}

void Session::FinishExchange(error_code ec) {
  LogAccess();
  out_ = Outgoing();  // drop the body and the stream now
  prepared_.reset();
  message_.reset();
  serializer_.reset();
  if (ec) return Close(false);
  if (!keep_alive_ || closing_) return Close(/*drain=*/true);
  WaitForRequest();
}

void Session::Close(bool drain) {
  error_code ec;
  stream_.shutdown(tcp::socket::shutdown_send, ec);
  if (!drain || closing_ || ec) return CloseNow();
  drained_ = 0;
  draining_ = true;
  ExpireAfter(kDrainTime);
  Drain();
}

void Session::Drain() {
  stream_.async_read_some(
      net::buffer(drain_buffer_),
      [self = shared_from_this()](error_code ec, std::size_t n) {
        self->drained_ += n;
        if (ec || self->closing_ || self->drained_ > kDrainMax) {
          self->draining_ = false;
          self->CloseNow();
          return;
        }
        self->Drain();
      });
}

void Session::LogAccess() {
  const auto duration = Clock::now() - started_;
  if (ServerObserver* observer = context_->options.observer) {
    ExchangeRecord r;
    r.route = request_.route;
    r.status = status_;
    r.bytes = bytes_sent_;
    r.duration = duration;
    observer->OnExchange(r);
  }
  if (!context_->options.access_log) return;
  AccessLogEntry e;
  // The client's address (behind a trusted proxy, the one it forwarded);
  // the connection's for a request that never reached Handle().
  e.remote_ip = request_.remote_ip.empty() ? std::string_view(remote_ip_)
                                           : request_.remote_ip;
  e.method = log_method_;
  e.target = request_.target;
  e.version = version_;
  e.status = status_;
  e.bytes = bytes_sent_;
  e.duration = duration;
  e.user_agent = user_agent_;
  e.route = request_.route;
  e.request_id = request_.request_id;
  WriteAccessLog(e);
}

}  // namespace warta::http
