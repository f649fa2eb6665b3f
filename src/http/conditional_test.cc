#include "http/conditional.h"

#include <gtest/gtest.h>

namespace warta::http {
namespace {

TEST(IfNoneMatchTest, Table) {
  struct Case {
    std::string header;
    std::string etag;
    bool match;
  } cases[] = {
      {"\"abc\"", "\"abc\"", true},
      {"\"abc\"", "\"abd\"", false},
      {"W/\"abc\"", "\"abc\"", true},  // weak comparison
      {"\"abc\"", "W/\"abc\"", true},
      {"\"x\", \"abc\" , \"y\"", "\"abc\"", true},
      {"\"x\",\"y\"", "\"abc\"", false},
      {"*", "\"abc\"", true},
      {"*", "", false},
      {"", "\"abc\"", false},
      {"abc", "\"abc\"", false},  // quotes are part of the tag
  };
  for (const auto& c : cases) {
    EXPECT_EQ(IfNoneMatchMatches(c.header, c.etag), c.match)
        << c.header << " vs " << c.etag;
  }
}

Request Get(std::vector<std::pair<std::string, std::string>> headers) {
  Request r;
  r.headers = std::move(headers);
  return r;
}

TEST(IsNotModifiedTest, ETag) {
  Response res = Response::Html(200, "x");
  res.SetHeader("ETag", "\"v1\"");
  EXPECT_TRUE(IsNotModified(Get({{"if-none-match", "\"v1\""}}), res));
  EXPECT_FALSE(IsNotModified(Get({{"if-none-match", "\"v0\""}}), res));
  EXPECT_FALSE(IsNotModified(Get({}), res));
  Request post = Get({{"if-none-match", "\"v1\""}});
  post.method = Method::kPost;
  EXPECT_FALSE(IsNotModified(post, res));
  Request head = Get({{"if-none-match", "\"v1\""}});
  head.method = Method::kHead;
  EXPECT_TRUE(IsNotModified(head, res));
  res.status = 404;
  EXPECT_FALSE(IsNotModified(Get({{"if-none-match", "\"v1\""}}), res));
}

TEST(IsNotModifiedTest, LastModified) {
  Response res = Response::Html(200, "x");
  res.SetHeader("Last-Modified", "Mon, 29 Sep 2025 03:15:00 GMT");
  EXPECT_TRUE(IsNotModified(
      Get({{"if-modified-since", "Mon, 29 Sep 2025 03:15:00 GMT"}}), res));
  EXPECT_TRUE(IsNotModified(
      Get({{"if-modified-since", "Tue, 30 Sep 2025 00:00:00 GMT"}}), res));
  EXPECT_FALSE(IsNotModified(
      Get({{"if-modified-since", "Mon, 29 Sep 2025 03:14:59 GMT"}}), res));
  EXPECT_FALSE(IsNotModified(Get({{"if-modified-since", "kemarin"}}), res));
  // If-None-Match takes precedence over If-Modified-Since.
  res.SetHeader("ETag", "\"v2\"");
  EXPECT_FALSE(IsNotModified(
      Get({{"if-none-match", "\"v1\""},
           {"if-modified-since", "Tue, 30 Sep 2025 00:00:00 GMT"}}),
      res));
}

}  // namespace
}  // namespace warta::http
