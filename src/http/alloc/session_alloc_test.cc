// A keep-alive request answered from a prepared response allocates nothing
// on the server's I/O thread: reading and parsing the request, routing, the
// choice of bytes, the gathered write, the access-log line and the wait for
// the next request. A counting global operator new replaces the library's,
// so this test has an executable of its own; it counts only on the thread
// that runs the handler (the server's one I/O thread), not the client's.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <string_view>

#include "http/alloc/counting_new.h"
#include "http/prepared.h"
#include "http/response.h"
#include "http/router.h"
#include "http/server.h"
#include "http/test_server.h"

namespace warta::http {
namespace {

// A blocking loopback client that sends requests and reads whole responses
// (framed by Content-Length).
class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ =
        ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~Client() { ::close(fd_); }
  bool connected() const { return connected_; }

  // Sends `requests` at once and reads `count` responses; returns the last
  // one's head ("" on failure).
  std::string Exchange(std::string_view requests, int count) {
    if (::send(fd_, requests.data(), requests.size(), 0) !=
        static_cast<ssize_t>(requests.size())) {
      return "";
    }
    std::string head;
    for (int i = 0; i < count; ++i) {
      head = ReadResponse();
      if (head.empty()) return "";
    }
    return head;
  }

 private:
  std::string ReadResponse() {
    std::size_t end;
    while ((end = in_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return "";
    }
    std::string head = in_.substr(0, end + 4);
    std::size_t length = 0;
    if (auto at = head.find("Content-Length: "); at != std::string::npos) {
      length = std::stoul(head.substr(at + 16));
    }
    if (head.rfind("HTTP/1.1 304", 0) == 0 || head_only_) length = 0;
    while (in_.size() < end + 4 + length) {
      if (!Fill()) return "";
    }
    in_.erase(0, end + 4 + length);
    return head;
  }
  bool Fill() {
    char buf[65536];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    in_.append(buf, static_cast<std::size_t>(n));
    return true;
  }

 public:
  bool head_only_ = false;

 private:
  int fd_ = -1;
  bool connected_ = false;
  std::string in_;
};

class SessionAllocationTest : public ::testing::Test {
 protected:
  SessionAllocationTest() {
    Response page = Response::Html(200, std::string(20000, 'x'));
    page.SetHeader("ETag", "\"v1\"");
    page.SetHeader("Cache-Control", "public, max-age=60");
    prepared_ = PrepareResponse(page);
    router_.Get("/berita/{slug}", [this](const Request&) {
      testing_alloc::CountThisThread(true);
      return Response(prepared_);
    });
  }

  // Requests `request` (repeated `batch` times in one write) until the
  // connection is warm, then counts the I/O thread's allocations over 200
  // more batches. One more batch after the counted ones lets the last
  // counted exchange finish (log line, wait for the next request) inside
  // the count.
  long AllocationsPerConnection(ServerOptions options, std::string_view request,
                                int batch, std::string* last_head,
                                bool head_only = false) {
    options.threads = 1;
    testing::TestServer server(router_, options);
    Client client(server.port());
    client.head_only_ = head_only;
    EXPECT_TRUE(client.connected());
    std::string requests;
    for (int i = 0; i < batch; ++i) requests += request;
    for (int i = 0; i < 50; ++i) client.Exchange(requests, batch);
    long before = testing_alloc::Allocations();
    testing_alloc::CountingAllocations(true);
    for (int i = 0; i < 200; ++i) *last_head = client.Exchange(requests, batch);
    client.Exchange(requests, batch);
    testing_alloc::CountingAllocations(false);
    return testing_alloc::Allocations() - before;
  }

  std::shared_ptr<const PreparedResponse> prepared_;
  Router router_;
};

constexpr std::string_view kGet =
    "GET /berita/banjir-surut HTTP/1.1\r\nHost: kabarin.id\r\n"
    "User-Agent: wrk/4.2.0 (beban uji)\r\n\r\n";

TEST_F(SessionAllocationTest, CountingAllocatorSeesTheServerThread) {
  // A request the handler answers with a fresh body does allocate.
  router_.Get("/fresh", [](const Request&) {
    testing_alloc::CountThisThread(true);
    return Response::Text(200, std::string(5000, 'y'));
  });
  std::string head;
  long n = AllocationsPerConnection(
      ServerOptions(), "GET /fresh HTTP/1.1\r\nHost: h\r\n\r\n", 1, &head);
  EXPECT_GT(n, 200);
  EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << head;
}

TEST_F(SessionAllocationTest, KeepAliveHitAllocatesNothing) {
  std::string head;
  EXPECT_EQ(AllocationsPerConnection(ServerOptions(), kGet, 1, &head), 0);
  EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << head;
  EXPECT_NE(head.find("Content-Length: 20000\r\n"), std::string::npos);
}

TEST_F(SessionAllocationTest, PipelinedHitsAllocateNothing) {
  std::string head;
  EXPECT_EQ(AllocationsPerConnection(ServerOptions(), kGet, 8, &head), 0);
  EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << head;
}

TEST_F(SessionAllocationTest, GzipHitAllocatesNothing) {
  std::string request(kGet.substr(0, kGet.size() - 2));
  request += "Accept-Encoding: gzip, deflate, br\r\n\r\n";
  std::string head;
  EXPECT_EQ(AllocationsPerConnection(ServerOptions(), request, 1, &head), 0);
  EXPECT_NE(head.find("Content-Encoding: "), std::string::npos) << head;
}

TEST_F(SessionAllocationTest, NotModifiedAndHeadAllocateNothing) {
  std::string request(kGet.substr(0, kGet.size() - 2));
  request += "If-None-Match: \"v1\"\r\n\r\n";
  std::string head;
  EXPECT_EQ(AllocationsPerConnection(ServerOptions(), request, 1, &head), 0);
  EXPECT_EQ(head.rfind("HTTP/1.1 304", 0), 0u) << head;
  std::string head_request = "HEAD" + std::string(kGet.substr(3));
  EXPECT_EQ(AllocationsPerConnection(ServerOptions(), head_request, 1, &head,
                                     /*head_only=*/true),
            0);
  EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << head;
}

TEST_F(SessionAllocationTest, AccessLogOffAllocatesNothing) {
  ServerOptions options;
  options.access_log = false;
  std::string head;
  EXPECT_EQ(AllocationsPerConnection(options, kGet, 1, &head), 0);
}

}  // namespace
}  // namespace warta::http
