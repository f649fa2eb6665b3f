#include "http/client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/strings.h"
#include "http/test_server.h"

namespace warta::http {
namespace {

using testing::TestServer;
using namespace std::chrono_literals;
namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

class ClientTest : public ::testing::Test {
 protected:
  ClientTest() {
    router_.Get("/hello",
                [](const Request&) { return Response::Text(200, "halo"); });
    router_.Get("/big", [](const Request&) {
      return Response::Text(200, std::string(100000, 'x'));
    });
    router_.Get("/stream", [](const Request&) {
      Response res;
      res.content_type = "application/octet-stream";
      auto i = std::make_shared<int>(0);
      res.stream = [i](std::string& chunk) {
        chunk.assign(1000, 'a' + static_cast<char>(*i % 26));
        return ++*i < 50;
      };
      return res;
    });
    router_.Get("/loop", [this](const Request&) {
      ++loop_hits_;
      return Response::Redirect(302, "loop");
    });
    router_.Get("/a/b", [](const Request&) {
      return Response::Redirect(301, "../c?x=1");
    });
    router_.Get("/c", [](const Request& r) {
      return Response::Text(200, "c " + r.target);
    });
    router_.Post("/kirim", [](const Request&) {
      return Response::Redirect(303, "/hasil");
    });
    router_.Post("/pindah", [](const Request&) {
      return Response::Redirect(307, "/terima");
    });
    router_.Post("/terima", [](const Request& r) {
      return Response::Text(200, "POST " + r.body);
    });
    router_.Get("/hasil", [](const Request& r) {
      return Response::Text(200, std::string(MethodName(r.method)) + " [" +
                                     r.body + "] " +
                                     std::string(r.Header("content-type")));
    });
    router_.Get("/headers", [](const Request& r) {
      return Response::Text(200, std::string(r.Header("host")) + "|" +
                                     std::string(r.Header("user-agent")) + "|" +
                                     std::string(r.Header("x-a")));
    });
  }

  Router router_;
  std::atomic<int> loop_hits_{0};
};

TEST_F(ClientTest, GetAndHeaders) {
  TestServer server(router_);
  auto r = Get(server.Url("/hello"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "halo");
  EXPECT_EQ(r->Header("Content-Length"), "4");
  EXPECT_EQ(r->Header("missing"), "");
  EXPECT_EQ(r->url, server.Url("/hello"));
  for (const auto& [k, v] : r->headers) {
    EXPECT_EQ(k, AsciiLower(k));
  }

  ClientRequest req;
  req.url = server.Url("/headers");
  req.headers = {{"X-A", "1"}};
  r = Fetch(req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body,
            "127.0.0.1:" + std::to_string(server.port()) + "|warta/0.1|1");
}

TEST_F(ClientTest, HeadAndChunked) {
  TestServer server(router_);
  ClientRequest req;
  req.method = Method::kHead;
  req.url = server.Url("/big");
  auto r = Fetch(req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->Header("content-length"), "100000");
  EXPECT_EQ(r->body, "");

  r = Get(server.Url("/stream"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->Header("transfer-encoding"), "chunked");
  ASSERT_EQ(r->body.size(), 50000u);
  EXPECT_EQ(r->body.substr(0, 3), "aaa");
  EXPECT_EQ(r->body.substr(49997), "xxx");  // chunk 49: 'a' + 23
}

TEST_F(ClientTest, MaxBody) {
  TestServer server(router_);
  ClientRequest req;
  req.url = server.Url("/big");
  req.max_body = 1000;
  EXPECT_EQ(Fetch(req).status().code(), StatusCode::kResourceExhausted);
  req.url = server.Url("/stream");
  EXPECT_EQ(Fetch(req).status().code(), StatusCode::kResourceExhausted);
  req.max_body = 100000;
  EXPECT_TRUE(Fetch(req).ok());
}

TEST_F(ClientTest, Redirects) {
  TestServer server(router_);
  // Not followed unless asked.
  auto r = Get(server.Url("/a/b"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 301);
  EXPECT_EQ(r->Header("location"), "../c?x=1");

  ClientRequest req;
  req.follow_redirects = true;
  req.url = server.Url("/a/b");
  r = Fetch(req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "c /c?x=1");
  EXPECT_EQ(r->url, server.Url("/c?x=1"));

  // 303 after POST continues as GET without the body.
  req.url = server.Url("/kirim");
  req.method = Method::kPost;
  req.body = "judul=Banjir";
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  r = Fetch(req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, "GET [] ");

  // 307 keeps the method and the body.
  req.url = server.Url("/pindah");
  r = Fetch(req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, "POST judul=Banjir");

  // A loop stops after five hops with the last redirect.
  req = ClientRequest();
  req.follow_redirects = true;
  req.url = server.Url("/loop");
  r = Fetch(req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 302);
  EXPECT_EQ(loop_hits_.load(), 6);
}

// F10 (issue 15): feed fetches followed redirects to loopback addresses
// (blind SSRF). With private_redirects off, such a hop is refused.
TEST_F(ClientTest, RefusesRedirectsToPrivateAddressesWhenAsked) {
  TestServer server(router_);
  ClientRequest req;
  req.follow_redirects = true;
  req.private_redirects = false;
  req.url = server.Url("/a/b");
  auto r = Fetch(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(r.status().message().find("127.0.0.1"), std::string::npos);
  // The asked-for URL itself is the caller's choice.
  req.url = server.Url("/c");
  r = Fetch(req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  // Unless it came from someone else's content (an image in a feed).
  req.private_target = false;
  r = Fetch(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
}

TEST(ClientAddressTest, NonPublicAddresses) {
  for (const char* a :
       {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "::1",
        "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "224.0.0.1",
        "not an address"}) {
    EXPECT_TRUE(IsNonPublicAddress(a)) << a;
  }
  for (const char* a : {"8.8.8.8", "172.32.0.1", "192.167.1.1",
                        "2001:4860:4860::8888", "::ffff:8.8.8.8"}) {
    EXPECT_FALSE(IsNonPublicAddress(a)) << a;
  }
}

TEST(ClientErrorTest, BadUrlRefusedAndTimeout) {
  EXPECT_EQ(Get("ftp://example.com/").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Get("not a url").status().code(), StatusCode::kInvalidArgument);

  net::io_context ioc;
  tcp::acceptor closed(ioc,
                       tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  std::uint16_t closed_port = closed.local_endpoint().port();
  closed.close();
  auto r = Get("http://127.0.0.1:" + std::to_string(closed_port) + "/");
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);

  // Listens but never answers: the connection is queued, the read times out.
  tcp::acceptor silent(ioc,
                       tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  ClientRequest req;
  req.url =
      "http://127.0.0.1:" + std::to_string(silent.local_endpoint().port()) +
      "/";
  req.timeout = 300ms;
  auto start = std::chrono::steady_clock::now();
  r = Fetch(req);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(r.status().message().find("timed out"), std::string::npos)
      << r.status().ToString();
  EXPECT_GE(took, 250ms);
  EXPECT_LT(took, 2s);
}

// --- https against a tiny TLS server with a certificate made on the spot ---

struct Pem {
  std::string cert;
  std::string key;
};

Pem SelfSigned(const std::string& dns_name) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* x = X509_new();
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
  X509_gmtime_adj(X509_getm_notBefore(x), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x), 24 * 3600);
  X509_set_pubkey(x, key);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(
      name, "CN", MBSTRING_ASC,
      reinterpret_cast<const unsigned char*>(dns_name.c_str()), -1, -1, 0);
  X509_set_issuer_name(x, name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
  std::string san = "DNS:" + dns_name;
  X509_EXTENSION* ext =
      X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.c_str());
  X509_add_ext(x, ext, -1);
  X509_EXTENSION_free(ext);
  X509_sign(x, key, EVP_sha256());

  auto to_string = [](BIO* bio) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    std::string s(data, static_cast<size_t>(n));
    BIO_free(bio);
    return s;
  };
  BIO* cert_bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(cert_bio, x);
  BIO* key_bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(key_bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  Pem pem{to_string(cert_bio), to_string(key_bio)};
  X509_free(x);
  EVP_PKEY_free(key);
  return pem;
}

// Serves one TLS connection with a fixed answer, then stops.
class OneShotTlsServer {
 public:
  explicit OneShotTlsServer(const Pem& pem)
      : ctx_(net::ssl::context::tls_server),
        acceptor_(ioc_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)) {
    ctx_.use_certificate_chain(net::buffer(pem.cert));
    ctx_.use_private_key(net::buffer(pem.key), net::ssl::context::pem);
    thread_ = std::thread([this] { Serve(); });
  }
  ~OneShotTlsServer() { thread_.join(); }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  void Serve() {
    beast::error_code ec;
    tcp::socket socket(ioc_);
    acceptor_.accept(socket, ec);
    if (ec) return;
    beast::ssl_stream<tcp::socket> stream(std::move(socket), ctx_);
    stream.handshake(net::ssl::stream_base::server, ec);
    if (ec) return;  // the client refused our certificate
    beast::flat_buffer buffer;
    beast::http::request<beast::http::string_body> req;
    beast::http::read(stream, buffer, req, ec);
    if (ec) return;
    beast::http::response<beast::http::string_body> res{beast::http::status::ok,
                                                        11};
    res.body() = "aman " + std::string(req.target()) + " " +
                 std::string(req[beast::http::field::host]);
    res.prepare_payload();
    beast::http::write(stream, res, ec);
    stream.shutdown(ec);
  }

  net::io_context ioc_;
  net::ssl::context ctx_;
  tcp::acceptor acceptor_;
  std::thread thread_;
};

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pem_ = SelfSigned("localhost");
    ca_file_ = std::filesystem::temp_directory_path() /
               ("warta_http_ca_" + std::to_string(::getpid()) + ".pem");
    std::ofstream(ca_file_) << pem_.cert;
  }
  void TearDown() override {
    ::unsetenv("SSL_CERT_FILE");
    std::filesystem::remove(ca_file_);
  }
  Pem pem_;
  std::filesystem::path ca_file_;
};

TEST_F(TlsTest, VerifiesPeerAndHostName) {
  ::setenv("SSL_CERT_FILE", ca_file_.c_str(), 1);
  {
    OneShotTlsServer server(pem_);
    ClientRequest req;
    req.url = "https://localhost:" + std::to_string(server.port()) + "/aman";
    req.timeout = 5s;
    auto r = Fetch(req);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->body, "aman /aman localhost:" + std::to_string(server.port()));
  }
  {
    // Trusted certificate, wrong name.
    OneShotTlsServer server(pem_);
    auto r = Get("https://127.0.0.1:" + std::to_string(server.port()) + "/");
    EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
    EXPECT_NE(r.status().message().find("TLS handshake"), std::string::npos)
        << r.status().ToString();
  }
  ::setenv("SSL_CERT_FILE", "/nonexistent/ca.pem", 1);
  {
    // Right name, untrusted certificate.
    OneShotTlsServer server(pem_);
    auto r = Get("https://localhost:" + std::to_string(server.port()) + "/");
    EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
    EXPECT_NE(r.status().message().find("TLS handshake"), std::string::npos)
        << r.status().ToString();
  }
}

}  // namespace
}  // namespace warta::http

namespace warta::http {
namespace {

TEST(ClientLimitsTest, AnUnsendableHeaderIsAnErrorNotAnException) {
  // A listening socket that never answers: the client connects, then fails
  // to serialize the request.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ClientRequest req;
  req.url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/";
  req.timeout = std::chrono::milliseconds(2000);
  req.headers = {{"X-Big", std::string(64 * 1024, 'a')}};
  auto r = Fetch(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument)
      << r.status().ToString();
  ::close(fd);
}

}  // namespace
}  // namespace warta::http
