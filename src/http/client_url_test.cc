#include "http/client_url.h"

#include <gtest/gtest.h>

namespace warta::http {
namespace {

TEST(ParseHttpUrlTest, Good) {
  struct Case {
    std::string url;
    bool https;
    std::string host;
    int port;
    std::string target;
    std::string host_header;
  } cases[] = {
      {"http://127.0.0.1:8080/berita/x", false, "127.0.0.1", 8080, "/berita/x",
       "127.0.0.1:8080"},
      {"http://example.com", false, "example.com", 80, "/", "example.com"},
      {"HTTPS://example.com/a?b=1#frag", true, "example.com", 443, "/a?b=1",
       "example.com"},
      {"https://example.com:8443?q", true, "example.com", 8443, "/?q",
       "example.com:8443"},
      {"http://[::1]:9000/x", false, "::1", 9000, "/x", "[::1]:9000"},
  };
  for (const auto& c : cases) {
    Result<HttpUrl> u = ParseHttpUrl(c.url);
    ASSERT_TRUE(u.ok()) << c.url << ": " << u.status().ToString();
    EXPECT_EQ(u->https, c.https) << c.url;
    EXPECT_EQ(u->host, c.host) << c.url;
    EXPECT_EQ(u->port, c.port) << c.url;
    EXPECT_EQ(u->target, c.target) << c.url;
    EXPECT_EQ(u->HostHeader(), c.host_header) << c.url;
  }
}

TEST(ParseHttpUrlTest, Bad) {
  for (std::string_view url :
       {"ftp://example.com/", "example.com/x", "http://", "http://:80/",
        "http://user:pw@example.com/", "http://example.com:0/",
        "http://example.com:99999/", "http://example.com:x/", "http://[::1/",
        "http://example.com/a b", ""}) {
    EXPECT_EQ(ParseHttpUrl(url).status().code(), StatusCode::kInvalidArgument)
        << url;
  }
}

TEST(ResolveReferenceTest, Rfc3986Examples) {
  HttpUrl base = *ParseHttpUrl("http://a.test/b/c/d;p?q");
  struct Case {
    std::string ref;
    std::string want;
  } cases[] = {
      {"g", "http://a.test/b/c/g"},
      {"./g", "http://a.test/b/c/g"},
      {"g/", "http://a.test/b/c/g/"},
      {"/g", "http://a.test/g"},
      {"//g.test/x", "http://g.test/x"},
      {"?y", "http://a.test/b/c/d;p?y"},
      {"g?y", "http://a.test/b/c/g?y"},
      {"#s", "http://a.test/b/c/d;p?q"},
      {"", "http://a.test/b/c/d;p?q"},
      {".", "http://a.test/b/c/"},
      {"..", "http://a.test/b/"},
      {"../g", "http://a.test/b/g"},
      {"../../../g", "http://a.test/g"},
      {"https://other.test/z", "https://other.test/z"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ResolveReference(base, c.ref), c.want) << c.ref;
  }
}

}  // namespace
}  // namespace warta::http
