// Test helpers: a Server on an ephemeral loopback port running in a thread,
// and a raw Beast connection for what the blocking client cannot show
// (keep-alive, pipelining, malformed requests). Tests only.
#ifndef WARTA_HTTP_TEST_SERVER_H_
#define WARTA_HTTP_TEST_SERVER_H_

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "http/router.h"
#include "http/server.h"

namespace warta::http::testing {

class TestServer {
 public:
  explicit TestServer(const Router& router, ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    if (options.threads == 0) options.threads = 2;
    auto server = Server::Create(options, router);
    EXPECT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~TestServer() { StopAndJoin(); }

  void StopAndJoin() {
    if (!thread_.joinable()) return;
    server_->Stop();
    thread_.join();
  }

  Server& server() { return *server_; }
  std::uint16_t port() const { return server_->port(); }
  std::string Url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port()) + std::string(path);
  }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

// A blocking connection for hand-made requests. Every read gives up after
// five seconds so a broken server fails the test instead of hanging it.
class RawConnection {
 public:
  using Response =
      boost::beast::http::response<boost::beast::http::string_body>;
  using error_code = boost::beast::error_code;

  explicit RawConnection(std::uint16_t port) : stream_(ioc_) {
    boost::asio::ip::tcp::endpoint ep(
        boost::asio::ip::make_address("127.0.0.1"), port);
    stream_.socket().connect(ep);
  }

  void Send(std::string_view bytes) {
    boost::asio::write(stream_.socket(), boost::asio::buffer(bytes));
  }

  // Reads one response; `head` when it answers a HEAD request.
  error_code Read(Response* out, bool head = false) {
    boost::beast::http::response_parser<boost::beast::http::string_body> p;
    p.body_limit(64 << 20);
    if (head) p.skip(true);
    error_code ec;
    stream_.expires_after(std::chrono::seconds(5));
    boost::beast::http::async_read(stream_, buffer_, p,
                                   [&](error_code e, std::size_t) { ec = e; });
    ioc_.restart();
    ioc_.run();
    if (!ec) *out = p.release();
    return ec;
  }

  // True when the server closes the connection (EOF or reset) within
  // `wait`, with nothing else to read.
  bool ClosedByPeer(std::chrono::milliseconds wait = std::chrono::seconds(5)) {
    if (buffer_.size() > 0) return false;
    char c;
    error_code ec;
    stream_.expires_after(wait);
    stream_.async_read_some(boost::asio::buffer(&c, 1),
                            [&](error_code e, std::size_t) { ec = e; });
    ioc_.restart();
    ioc_.run();
    return ec == boost::asio::error::eof ||
           ec == boost::asio::error::connection_reset;
  }

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace warta::http::testing

#endif  // WARTA_HTTP_TEST_SERVER_H_
