#include "http/request.h"

#include <gtest/gtest.h>

namespace warta::http {
namespace {

TEST(MethodTest, NamesRoundTrip) {
  for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut,
                   Method::kPatch, Method::kDelete, Method::kOptions}) {
    EXPECT_EQ(MethodFromName(MethodName(m)), m) << MethodName(m);
  }
  EXPECT_EQ(MethodFromName("get"),
            Method::kOther);  // methods are case-sensitive
  EXPECT_EQ(MethodFromName("PROPFIND"), Method::kOther);
  EXPECT_EQ(MethodName(Method::kOther), "OTHER");
}

TEST(RequestTest, HeadersAreCaseInsensitive) {
  Request r;
  r.headers = {{"user-agent", "curl"}, {"accept", "a"}, {"accept", "b"}};
  EXPECT_EQ(r.Header("User-Agent"), "curl");
  EXPECT_EQ(r.Header("ACCEPT"), "a");  // the first one
  EXPECT_TRUE(r.HasHeader("Accept"));
  EXPECT_FALSE(r.HasHeader("cookie"));
  EXPECT_EQ(r.Header("cookie"), "");
}

TEST(RequestTest, QueryDecoding) {
  Request r;
  r.query = "q=suara+rakyat%21&page=2&empty=&flag&q=second&caf%C3%A9=1&x=a%3Db";
  EXPECT_EQ(r.Query("q"), "suara rakyat!");  // the first one
  EXPECT_EQ(r.Query("page"), "2");
  EXPECT_EQ(r.Query("empty"), "");
  EXPECT_EQ(r.Query("flag"), "");
  EXPECT_EQ(r.Query("caf\xC3\xA9"), "1");  // names are decoded too
  EXPECT_EQ(r.Query("x"), "a=b");
  EXPECT_EQ(r.Query("missing"), std::nullopt);
  EXPECT_EQ(r.Query("Q"), std::nullopt);
  Request empty;
  EXPECT_EQ(empty.Query("q"), std::nullopt);
}

TEST(RequestTest, CookieDecoding) {
  Request r;
  r.headers = {{"cookie",
                "sid=abc123; theme=\"gelap\"; name=Budi%20S; "
                "b64=a+b/c==; spaced = v "},
               {"cookie", "late=1"}};
  EXPECT_EQ(r.Cookie("sid"), "abc123");
  EXPECT_EQ(r.Cookie("theme"), "gelap");
  EXPECT_EQ(r.Cookie("name"), "Budi S");
  EXPECT_EQ(r.Cookie("b64"), "a+b/c==");  // '+' survives
  EXPECT_EQ(r.Cookie("spaced"), "v");
  EXPECT_EQ(r.Cookie("late"), "1");
  EXPECT_EQ(r.Cookie("SID"), std::nullopt);  // names are case-sensitive
  EXPECT_EQ(r.Cookie("nope"), std::nullopt);
}

TEST(RequestTest, Params) {
  Request r;
  r.path_params = {{"slug", "banjir"}, {"page", "2"}};
  EXPECT_EQ(r.Param("slug"), "banjir");
  EXPECT_EQ(r.Param("page"), "2");
  EXPECT_EQ(r.Param("id"), "");
}

TEST(RequestTest, SafeMethods) {
  Request r;
  for (Method m : {Method::kGet, Method::kHead, Method::kOptions}) {
    r.method = m;
    EXPECT_TRUE(r.IsSafeMethod());
  }
  for (Method m : {Method::kPost, Method::kPut, Method::kDelete}) {
    r.method = m;
    EXPECT_FALSE(r.IsSafeMethod());
  }
}

}  // namespace
}  // namespace warta::http
