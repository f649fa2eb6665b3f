#include "http/response.h"

#include <gtest/gtest.h>

namespace warta::http {
namespace {

TEST(ResponseTest, Factories) {
  Response h = Response::Html(200, "<p>x</p>");
  EXPECT_EQ(h.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(*h.body, "<p>x</p>");
  EXPECT_EQ(Response::Text(201, "t").content_type, "text/plain; charset=utf-8");
  Response j = Response::Json(200, "{}");
  EXPECT_EQ(j.content_type, "application/json");
  EXPECT_EQ(*j.body, "{}");
  Response r = Response::Redirect(308, "/baru");
  EXPECT_EQ(r.status, 308);
  EXPECT_EQ(r.Header("location"), "/baru");
  EXPECT_EQ(r.body, nullptr);
  Response e = Response::Error(404);
  EXPECT_EQ(e.status, 404);
  EXPECT_EQ(*e.body, "404 Not Found\n");
  EXPECT_EQ(*Response::Error(599).body, "599\n");
}

TEST(ResponseTest, SetHeaderReplacesCaseInsensitively) {
  Response r;
  r.SetHeader("Cache-Control", "no-cache");
  r.SetHeader("cache-control", "max-age=60");
  r.SetHeader("ETag", "\"a\"");
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.Header("CACHE-CONTROL"), "max-age=60");
  EXPECT_EQ(r.Header("etag"), "\"a\"");
  EXPECT_EQ(r.Header("missing"), "");
}

TEST(ResponseTest, ReasonPhrases) {
  EXPECT_EQ(ReasonPhrase(200), "OK");
  EXPECT_EQ(ReasonPhrase(304), "Not Modified");
  EXPECT_EQ(ReasonPhrase(404), "Not Found");
  EXPECT_EQ(ReasonPhrase(413), "Payload Too Large");
  EXPECT_EQ(ReasonPhrase(431), "Request Header Fields Too Large");
  EXPECT_EQ(ReasonPhrase(799), "");
}

}  // namespace
}  // namespace warta::http
