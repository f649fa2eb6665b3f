#include "http/request_parser.h"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <string>
#include <string_view>

namespace warta::http {
namespace {

namespace bhttp = boost::beast::http;

// Parses all of `text` into `request`; returns the parser's error.
boost::beast::error_code Parse(std::string_view text, Request* request,
                               std::string* method, unsigned* version = nullptr,
                               bool* keep_alive = nullptr) {
  request->Reset();
  RequestParser parser(request, method);
  parser.eager(true);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (!ec && used < text.size() && !parser.is_done()) {
    used += parser.put(
        boost::asio::buffer(text.data() + used, text.size() - used), ec);
  }
  if (!ec && !parser.is_done()) ec = bhttp::error::partial_message;
  if (version) *version = parser.version();
  if (keep_alive) *keep_alive = parser.keep_alive();
  return ec;
}

TEST(RequestParserTest, FillsTheRequest) {
  Request r;
  std::string method;
  unsigned version = 0;
  bool keep_alive = false;
  ASSERT_FALSE(
      Parse("POST /api/x?q=1 HTTP/1.1\r\nHost: h\r\n"
            "X-Request-Id: abc\r\nContent-Length: 5\r\n\r\nhello",
            &r, &method, &version, &keep_alive));
  EXPECT_EQ(method, "POST");
  EXPECT_EQ(r.method, Method::kPost);
  EXPECT_EQ(r.target, "/api/x?q=1");
  EXPECT_EQ(version, 11u);
  EXPECT_TRUE(keep_alive);
  ASSERT_EQ(r.headers.size(), 3u);
  EXPECT_EQ(r.headers[0].first, "host");
  EXPECT_EQ(r.headers[1].first, "x-request-id");
  EXPECT_EQ(r.headers[1].second, "abc");
  EXPECT_EQ(r.headers[2].first, "content-length");
  EXPECT_EQ(r.body, "hello");
}

TEST(RequestParserTest, ChunkedBodyAndTrailers) {
  Request r;
  std::string method;
  ASSERT_FALSE(
      Parse("PUT /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nX-Sum: 9\r\n\r\n",
            &r, &method));
  EXPECT_EQ(r.method, Method::kPut);
  EXPECT_EQ(r.body, "abcde");
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.headers[1].first, "x-sum");
  EXPECT_EQ(r.headers[1].second, "9");
}

TEST(RequestParserTest, Http10AndUnknownMethod) {
  Request r;
  std::string method;
  unsigned version = 0;
  bool keep_alive = true;
  ASSERT_FALSE(
      Parse("PROPFIND / HTTP/1.0\r\n\r\n", &r, &method, &version, &keep_alive));
  EXPECT_EQ(method, "PROPFIND");
  EXPECT_EQ(r.method, Method::kOther);
  EXPECT_EQ(version, 10u);
  EXPECT_FALSE(keep_alive);
  EXPECT_TRUE(r.headers.empty());
}

// The next request on a connection overwrites the fields in place: none of
// the previous request's fields or body is left over.
TEST(RequestParserTest, ReusedRequestKeepsNothingOfTheLastOne) {
  Request r;
  std::string method;
  ASSERT_FALSE(
      Parse("POST /one HTTP/1.1\r\nCookie: a=1\r\nAccept: x\r\n"
            "Content-Length: 3\r\n\r\nabc",
            &r, &method));
  ASSERT_EQ(r.headers.size(), 3u);
  ASSERT_FALSE(
      Parse("GET /two HTTP/1.1\r\nACCEPT-Encoding: gzip\r\n\r\n", &r, &method));
  EXPECT_EQ(method, "GET");
  EXPECT_EQ(r.target, "/two");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "accept-encoding");
  EXPECT_EQ(r.headers[0].second, "gzip");
  EXPECT_FALSE(r.HasHeader("cookie"));
  EXPECT_EQ(r.body, "");
}

TEST(RequestParserTest, RefusesMalformedInput) {
  Request r;
  std::string method;
  EXPECT_TRUE(Parse("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", &r, &method));
  EXPECT_TRUE(
      Parse("GET / HTTP/1.1\r\nContent-Length: 1\r\n"
            "Content-Length: 2\r\n\r\nab",
            &r, &method));
  EXPECT_TRUE(Parse("GET / HTTP/1.1\r\nHost: h\r\n", &r, &method));
}

}  // namespace
}  // namespace warta::http
