#include "http/outgoing.h"

#include <gtest/gtest.h>

#include "http/compression.h"

namespace warta::http {
namespace {

constexpr Timestamp kNow = 1759115700;  // Mon, 29 Sep 2025 03:15:00 GMT

std::string Page(size_t n) {
  std::string s = "<!doctype html><title>Warta</title>";
  while (s.size() < n) s += "<p>Berita terkini dari seluruh Nusantara.</p>";
  return s;
}

Request Req(Method m, std::vector<std::pair<std::string, std::string>> h) {
  Request r;
  r.method = m;
  r.target = r.path = "/";
  r.headers = std::move(h);
  return r;
}

Outgoing Prepare(const Request& req, Response res) {
  return PrepareOutgoing(req, std::move(res), OutgoingOptions(), kNow);
}

TEST(OutgoingTest, AddsDateServerAndContentType) {
  Outgoing out = Prepare(Req(Method::kGet, {}), Response::Text(200, "hai"));
  EXPECT_EQ(out.status, 200);
  EXPECT_EQ(out.Header("Date"), "Mon, 29 Sep 2025 03:15:00 GMT");
  EXPECT_EQ(out.Header("Server"), "warta");
  EXPECT_EQ(out.Header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(out.content_length, 3u);
  EXPECT_TRUE(out.send_body);
  EXPECT_EQ(*out.body, "hai");
  EXPECT_EQ(out.Header("Vary"), "");  // too small to ever compress
}

TEST(OutgoingTest, DropsFramingHeadersAndCleansValues) {
  Response res = Response::Text(200, "x");
  res.headers.emplace_back("Content-Length", "999");
  res.headers.emplace_back("Connection", "keep-alive");
  res.headers.emplace_back("Transfer-Encoding", "chunked");
  res.headers.emplace_back("X-Evil", "a\r\nSet-Cookie: pwned=1");
  Outgoing out = Prepare(Req(Method::kGet, {}), res);
  EXPECT_EQ(out.Header("content-length"), "");
  EXPECT_EQ(out.Header("connection"), "");
  EXPECT_EQ(out.Header("transfer-encoding"), "");
  EXPECT_EQ(out.Header("x-evil"), "aSet-Cookie: pwned=1");
}

TEST(OutgoingTest, NullBodyIsEmpty) {
  Response res;
  res.body = nullptr;
  Outgoing out = Prepare(Req(Method::kGet, {}), res);
  EXPECT_EQ(out.content_length, 0u);
  EXPECT_TRUE(out.has_length);
}

TEST(OutgoingTest, BadStatusBecomes500) {
  Response res = Response::Text(200, "x");
  res.status = 42;
  EXPECT_EQ(Prepare(Req(Method::kGet, {}), res).status, 500);
}

TEST(OutgoingTest, HeadKeepsContentLengthWithoutBody) {
  std::string page = Page(5000);
  Outgoing get = Prepare(Req(Method::kGet, {{"accept-encoding", "gzip"}}),
                         Response::Html(200, page));
  Outgoing head = Prepare(Req(Method::kHead, {{"accept-encoding", "gzip"}}),
                          Response::Html(200, page));
  EXPECT_FALSE(head.send_body);
  EXPECT_EQ(head.body, nullptr);
  EXPECT_EQ(head.content_length, get.content_length);
  EXPECT_EQ(head.Header("content-encoding"), "gzip");
  EXPECT_LT(get.content_length, page.size());
}

TEST(OutgoingTest, CompressesOnTheFlyByPreference) {
  std::string page = Page(5000);
  struct Case {
    std::string accept;
    std::string coding;
  } cases[] = {
      {"", ""},
      {"gzip", "gzip"},
      {"gzip, deflate, br", "br"},
      {"br;q=0.5, gzip", "gzip"},
      {"br, gzip;q=0", "br"},
      {"gzip;q=0", ""},
      {"identity", ""},
      {"*", "br"},
  };
  for (const auto& c : cases) {
    Outgoing out = Prepare(Req(Method::kGet, {{"accept-encoding", c.accept}}),
                           Response::Html(200, page));
    EXPECT_EQ(out.Header("content-encoding"), c.coding) << c.accept;
    EXPECT_EQ(out.Header("vary"), "Accept-Encoding") << c.accept;
    std::string body = *out.body;
    EXPECT_EQ(out.content_length, body.size());
    Result<std::string> plain = c.coding == "br" ? BrotliDecompress(body)
                                : c.coding == "gzip"
                                    ? GzipDecompress(body)
                                    : Result<std::string>(body);
    ASSERT_TRUE(plain.ok()) << c.accept;
    EXPECT_EQ(*plain, page) << c.accept;
  }
}

TEST(OutgoingTest, DoesNotCompressWhatItShouldNot) {
  std::string page = Page(5000);
  Request req = Req(Method::kGet, {{"accept-encoding", "gzip, br"}});
  Response png = Response::Html(200, page);
  png.content_type = "image/png";
  EXPECT_EQ(Prepare(req, png).Header("content-encoding"), "");
  EXPECT_EQ(Prepare(req, png).Header("vary"), "");
  Response opt_out = Response::Html(200, page);
  opt_out.compressible = false;
  EXPECT_EQ(Prepare(req, opt_out).Header("content-encoding"), "");
  Response small = Response::Html(200, "<p>kecil</p>");
  EXPECT_EQ(Prepare(req, small).Header("content-encoding"), "");
  Response encoded = Response::Html(200, page);
  encoded.SetHeader("Content-Encoding", "gzip");  // already done by handler
  Outgoing out = Prepare(req, encoded);
  EXPECT_EQ(*out.body, page);
  EXPECT_EQ(out.Header("content-encoding"), "gzip");
}

TEST(OutgoingTest, PrefersPrecompressedBodies) {
  Response res = Response::Html(200, "<p>kecil</p>");
  res.body_gzip = std::make_shared<const std::string>("GZ");
  res.body_brotli = std::make_shared<const std::string>("BR");
  struct Case {
    std::string accept;
    std::string body;
  } cases[] = {
      {"gzip, br", "BR"},       {"gzip", "GZ"},       {"br", "BR"},
      {"br;q=0.1, gzip", "GZ"}, {"", "<p>kecil</p>"},
  };
  for (const auto& c : cases) {
    Outgoing out =
        Prepare(Req(Method::kGet, {{"accept-encoding", c.accept}}), res);
    EXPECT_EQ(*out.body, c.body) << c.accept;
    EXPECT_EQ(out.Header("vary"), "Accept-Encoding") << c.accept;
  }
  // Only gzip pre-compressed, client wants br only: compress on the fly if
  // the body is big enough, else identity.
  Response only_gzip = Response::Html(200, "<p>kecil</p>");
  only_gzip.body_gzip = std::make_shared<const std::string>("GZ");
  Outgoing out =
      Prepare(Req(Method::kGet, {{"accept-encoding", "br"}}), only_gzip);
  EXPECT_EQ(*out.body, "<p>kecil</p>");
  EXPECT_EQ(out.Header("content-encoding"), "");
}

// A response that gains its other codings later: nothing is compressed
// here, a coding it has is used, and Vary still says the answer varies.
TEST(OutgoingTest, WithoutOnTheFlyCompressionSendsWhatItHas) {
  OutgoingOptions options;
  options.compress_on_the_fly = false;
  const std::size_t size = Page(5000).size();
  Response identity_only = Response::Html(200, Page(5000));
  Outgoing out =
      PrepareOutgoing(Req(Method::kGet, {{"accept-encoding", "gzip, br"}}),
                      identity_only, options, kNow);
  EXPECT_EQ(out.Header("content-encoding"), "");
  EXPECT_EQ(out.content_length, size);
  EXPECT_EQ(out.Header("vary"), "Accept-Encoding");
  Response only_br = Response::Html(200, Page(5000));
  only_br.body_brotli = std::make_shared<const std::string>("BR");
  out = PrepareOutgoing(Req(Method::kGet, {{"accept-encoding", "gzip"}}),
                        only_br, options, kNow);
  EXPECT_EQ(out.Header("content-encoding"), "");
  EXPECT_EQ(out.content_length, size);
  EXPECT_EQ(out.Header("vary"), "Accept-Encoding");
  out = PrepareOutgoing(Req(Method::kGet, {{"accept-encoding", "gzip, br"}}),
                        only_br, options, kNow);
  EXPECT_EQ(out.Header("content-encoding"), "br");
  EXPECT_EQ(*out.body, "BR");
}

TEST(OutgoingTest, VaryIsMergedWithTheHandlers) {
  Response res = Response::Html(200, Page(5000));
  res.SetHeader("Vary", "Cookie");
  Outgoing out = Prepare(Req(Method::kGet, {}), res);
  EXPECT_EQ(out.Header("vary"), "Cookie, Accept-Encoding");
  res.SetHeader("Vary", "accept-encoding");
  EXPECT_EQ(Prepare(Req(Method::kGet, {}), res).Header("vary"),
            "accept-encoding");
}

TEST(OutgoingTest, NotModifiedKeepsValidatorsOnly) {
  Response res = Response::Html(200, Page(5000));
  res.SetHeader("ETag", "W/\"v7\"");
  res.SetHeader("Cache-Control", "public, max-age=60");
  res.SetHeader("Last-Modified", "Mon, 29 Sep 2025 03:00:00 GMT");
  res.SetHeader("Set-Cookie", "a=b");
  Outgoing out = Prepare(Req(Method::kGet, {{"if-none-match", "\"v7\""},
                                            {"accept-encoding", "gzip"}}),
                         res);
  EXPECT_EQ(out.status, 304);
  EXPECT_FALSE(out.send_body);
  EXPECT_FALSE(out.has_length);
  EXPECT_EQ(out.body, nullptr);
  EXPECT_EQ(out.Header("etag"), "W/\"v7\"");
  EXPECT_EQ(out.Header("cache-control"), "public, max-age=60");
  EXPECT_EQ(out.Header("last-modified"), "Mon, 29 Sep 2025 03:00:00 GMT");
  EXPECT_EQ(out.Header("vary"), "Accept-Encoding");
  EXPECT_EQ(out.Header("set-cookie"), "");
  EXPECT_EQ(out.Header("content-type"), "");
  EXPECT_EQ(out.Header("content-encoding"), "");
}

TEST(OutgoingTest, StreamsAreChunkedAndMayBeGzipped) {
  auto make = [] {
    Response res;
    res.content_type = "application/rss+xml";
    res.stream = [](std::string& chunk) {
      chunk = "x";
      return false;
    };
    return res;
  };
  Outgoing plain = Prepare(Req(Method::kGet, {}), make());
  EXPECT_TRUE(plain.chunked);
  EXPECT_FALSE(plain.has_length);
  EXPECT_TRUE(plain.stream);
  EXPECT_FALSE(plain.gzip_stream);
  EXPECT_EQ(plain.Header("vary"), "Accept-Encoding");

  Outgoing gz =
      Prepare(Req(Method::kGet, {{"accept-encoding", "br, gzip"}}), make());
  EXPECT_TRUE(gz.gzip_stream);
  EXPECT_EQ(gz.Header("content-encoding"), "gzip");

  Outgoing head = Prepare(Req(Method::kHead, {}), make());
  EXPECT_TRUE(head.chunked);
  EXPECT_FALSE(head.send_body);
  EXPECT_FALSE(head.stream);  // never pulled for HEAD
}

}  // namespace
}  // namespace warta::http
