#include "http/client.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>

#include "base/strings.h"
#include "http/client_url.h"

namespace warta::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using error_code = beast::error_code;
using Clock = std::chrono::steady_clock;

constexpr int kMaxHops = 5;
constexpr std::uint32_t kHeaderLimit = 64 * 1024;
constexpr char kUserAgent[] = "warta/0.1";

Status Unavailable(const HttpUrl& url, std::string_view what,
                   const error_code& ec) {
  std::string msg = url.ToString() + ": " + std::string(what);
  if (ec == beast::error::timeout || ec == net::error::timed_out) {
    msg += ": timed out";
  } else if (ec) {
    msg += ": " + ec.message();
  }
  return Status::Unavailable(std::move(msg));
}

// Runs `ioc` until the operation started just before completes. Resolving
// has no timer of its own, so it is bounded here: past `deadline` `cancel`
// runs and the operation ends with operation_aborted.
template <class Cancel>
bool RunUntil(net::io_context& ioc, Clock::time_point deadline, Cancel cancel) {
  ioc.restart();
  ioc.run_until(deadline);
  if (ioc.stopped()) return true;
  cancel();
  ioc.restart();
  ioc.run();
  return false;
}

template <class Stream>
Result<ClientResponse> Exchange(net::io_context& ioc, Stream& stream,
                                const HttpUrl& url, const ClientRequest& in,
                                Method method, bool send_body) {
  bhttp::request<bhttp::string_body> req;
  req.method_string(MethodName(method));
  req.target(url.target);
  req.version(11);
  bool has_host = false, has_agent = false;
  for (const auto& [k, v] : in.headers) {
    if (EqualsIgnoreAsciiCase(k, "host")) has_host = true;
    if (EqualsIgnoreAsciiCase(k, "user-agent")) has_agent = true;
    if (EqualsIgnoreAsciiCase(k, "content-length") ||
        EqualsIgnoreAsciiCase(k, "connection") ||
        EqualsIgnoreAsciiCase(k, "transfer-encoding")) {
      continue;
    }
    if (!send_body && EqualsIgnoreAsciiCase(k, "content-type")) continue;
    req.insert(k, v);
  }
  if (!has_host) req.set(bhttp::field::host, url.HostHeader());
  if (!has_agent) req.set(bhttp::field::user_agent, kUserAgent);
  req.set(bhttp::field::connection, "close");
  if (send_body && (!in.body.empty() || method == Method::kPost ||
                    method == Method::kPut || method == Method::kPatch)) {
    req.body() = in.body;
    req.prepare_payload();
  }

  error_code ec;
  bhttp::async_write(stream, req, [&](error_code e, std::size_t) { ec = e; });
  ioc.restart();
  ioc.run();
  if (ec) return Unavailable(url, "sending the request", ec);

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(in.max_body);
  if (method == Method::kHead) parser.skip(true);
  auto too_big = [&] {
    return Status::ResourceExhausted(url.ToString() + ": body over " +
                                     std::to_string(in.max_body) + " bytes");
  };
  // Header first: Beast 1.74's eager parse forgets a Content-Length over the
  // body limit (the error is overwritten when the body starts in the same
  // buffer), so that case is checked here; chunked and read-to-EOF bodies
  // are limited by the parser.
  bhttp::async_read_header(stream, buffer, parser,
                           [&](error_code e, std::size_t) { ec = e; });
  ioc.restart();
  ioc.run();
  if (ec == bhttp::error::body_limit) return too_big();
  if (ec) return Unavailable(url, "reading the response", ec);
  if (!parser.is_done()) {
    if (auto length = parser.content_length();
        length && *length > in.max_body) {
      return too_big();
    }
    bhttp::async_read(stream, buffer, parser,
                      [&](error_code e, std::size_t) { ec = e; });
    ioc.restart();
    ioc.run();
    // Many TLS servers end a read-until-close body without close_notify;
    // accept that as the end, as browsers do (framed bodies stay strict).
    if (ec == net::ssl::error::stream_truncated && !parser.is_done() &&
        !parser.content_length() && !parser.chunked()) {
      parser.put_eof(ec);
    }
  }
  if (ec == bhttp::error::body_limit) return too_big();
  if (ec) return Unavailable(url, "reading the response", ec);

  auto msg = parser.release();
  ClientResponse out;
  out.status = static_cast<int>(msg.result_int());
  for (const auto& f : msg) {
    out.headers.emplace_back(AsciiLower(f.name_string()),
                             std::string(f.value()));
  }
  out.body = std::move(msg.body());
  out.url = url.ToString();
  return out;
}

bool NonPublic(const net::ip::address& a) {
  if (a.is_v6()) {
    const net::ip::address_v6 v6 = a.to_v6();
    if (v6.is_v4_mapped())
      return NonPublic(net::ip::make_address_v4(net::ip::v4_mapped, v6));
    const auto b = v6.to_bytes();
    return v6.is_loopback() || v6.is_unspecified() || v6.is_link_local() ||
           v6.is_site_local() || v6.is_multicast() ||
           (b[0] & 0xfe) == 0xfc;  // fc00::/7 unique local
  }
  const auto b = a.to_v4().to_bytes();
  return b[0] == 0 || b[0] == 10 || b[0] == 127 ||  // this, private, loopback
         (b[0] == 100 && (b[1] & 0xc0) == 64) ||    // 100.64/10 CGNAT
         (b[0] == 169 && b[1] == 254) ||            // link-local
         (b[0] == 172 && (b[1] & 0xf0) == 16) ||    // 172.16/12
         (b[0] == 192 && b[1] == 168) ||            // 192.168/16
         b[0] >= 224;                               // multicast, reserved
}

// One request to one URL, on a fresh connection. `public_only`: refuse
// when any resolved address is not public.
Result<ClientResponse> FetchOnce(const HttpUrl& url, const ClientRequest& in,
                                 Method method, bool send_body,
                                 bool public_only) {
  net::io_context ioc;
  Clock::time_point deadline = Clock::now() + in.timeout;

  tcp::resolver resolver(ioc);
  error_code ec;
  tcp::resolver::results_type endpoints;
  resolver.async_resolve(url.host, std::to_string(url.port),
                         [&](error_code e, tcp::resolver::results_type r) {
                           ec = e;
                           endpoints = std::move(r);
                         });
  if (!RunUntil(ioc, deadline, [&] { resolver.cancel(); })) {
    ec = net::error::timed_out;
  }
  if (ec) return Unavailable(url, "resolving " + url.host, ec);
  if (public_only) {
    for (const auto& entry : endpoints) {
      if (NonPublic(entry.endpoint().address())) {
        return Status::PermissionDenied(
            "refusing a redirect to " + url.host + " (" +
            entry.endpoint().address().to_string() + "): not a public address");
      }
    }
  }

  auto connect = [&](beast::tcp_stream& tcp_stream) -> Status {
    tcp_stream.expires_at(deadline);
    tcp_stream.async_connect(
        endpoints, [&](error_code e, const tcp::endpoint&) { ec = e; });
    ioc.restart();
    ioc.run();
    if (ec) return Unavailable(url, "connecting", ec);
    return Status::Ok();
  };

  if (!url.https) {
    beast::tcp_stream stream(ioc);
    WARTA_RETURN_IF_ERROR(connect(stream));
    auto result = Exchange(ioc, stream, url, in, method, send_body);
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return result;
  }

  ssl::context ctx(ssl::context::tls_client);
  ctx.set_default_verify_paths(ec);
  if (ec) return Unavailable(url, "loading CA certificates", ec);
  ctx.set_verify_mode(ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str())) {
    return Unavailable(url, "setting SNI",
                       error_code(static_cast<int>(::ERR_get_error()),
                                  net::error::get_ssl_category()));
  }
  stream.set_verify_callback(ssl::host_name_verification(url.host));
  WARTA_RETURN_IF_ERROR(connect(beast::get_lowest_layer(stream)));
  stream.async_handshake(ssl::stream_base::client,
                         [&](error_code e) { ec = e; });
  ioc.restart();
  ioc.run();
  if (ec) return Unavailable(url, "TLS handshake", ec);
  auto result = Exchange(ioc, stream, url, in, method, send_body);
  // No close_notify round trip: the connection is ours alone and dropped.
  beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both,
                                                    ec);
  return result;
}

bool IsRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 ||
         status == 308;
}

}  // namespace

std::string ClientResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreAsciiCase(k, name)) return v;
  }
  return {};
}

Result<ClientResponse> Fetch(const ClientRequest& request) {
  WARTA_ASSIGN_OR_RETURN(HttpUrl url, ParseHttpUrl(request.url));
  ClientRequest current = request;
  Method method = request.method;
  bool send_body = true;
  for (int hop = 0;; ++hop) {
    Result<ClientResponse> once = Status::Internal("not fetched");
    try {
      once = FetchOnce(
          url, current, method, send_body,
          hop > 0 ? !request.private_redirects : !request.private_target);
    } catch (const std::exception& e) {
      // Beast throws on requests it cannot represent (e.g. a header field
      // over its limits): a bad request is an expected failure here.
      return Status::InvalidArgument("cannot send request to " + request.url +
                                     ": " + e.what());
    }
    if (!once.ok()) return once.status();
    ClientResponse response = std::move(*once);
    if (!request.follow_redirects || hop >= kMaxHops ||
        !IsRedirect(response.status)) {
      return response;
    }
    std::string location = response.Header("location");
    if (location.empty()) return response;
    WARTA_ASSIGN_OR_RETURN(HttpUrl next,
                           ParseHttpUrl(ResolveReference(url, location)));
    if (response.status == 303 ||
        ((response.status == 301 || response.status == 302) &&
         method == Method::kPost)) {
      if (method != Method::kHead) method = Method::kGet;
      send_body = false;
    }
    if (next.host != url.host || next.port != url.port ||
        next.https != url.https) {
      std::erase_if(current.headers, [](const auto& h) {
        return EqualsIgnoreAsciiCase(h.first, "authorization") ||
               EqualsIgnoreAsciiCase(h.first, "cookie") ||
               EqualsIgnoreAsciiCase(h.first, "host");
      });
    }
    url = std::move(next);
  }
}

bool IsNonPublicAddress(std::string_view address) {
  error_code ec;
  auto a = net::ip::make_address(std::string(address), ec);
  return ec || NonPublic(a);
}

Result<ClientResponse> Get(const std::string& url) {
  ClientRequest request;
  request.url = url;
  return Fetch(request);
}

}  // namespace warta::http
