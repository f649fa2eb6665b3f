#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "http/target.h"

namespace warta::http {
namespace {

// Each route answers with its own name and the parameters it saw, so a test
// can tell which route served a request.
Handler Named(std::string name) {
  return [name](const Request& r) {
    std::string text = name;
    for (const auto& [k, v] : r.path_params) text += " " + k + "=" + v;
    return Response::Text(200, text);
  };
}

std::string Serve(const Router& router, Method m, std::string path) {
  Request req;
  req.method = m;
  req.path = path;
  req.target = path;
  Response res = router.Route(req);
  if (res.status != 200) return std::to_string(res.status);
  return res.body ? *res.body : "";
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Get("/", Named("home"));
    router_.Get("/berita", Named("news"));
    router_.Get("/berita/", Named("news-slash"));
    router_.Get("/berita/terbaru", Named("latest"));
    router_.Get("/berita/{slug}", Named("article"));
    router_.Get("/berita/{slug}/amp", Named("amp"));
    router_.Get("/berita/terbaru/rss", Named("latest-rss"));
    router_.Get("/kategori/{cat}/{page}", Named("cat-page"));
    router_.Get("/static/{path*}", Named("static"));
    router_.Get("/static/logo.png", Named("logo"));
    router_.Get("/a/{x}/b", Named("axb"));
    router_.Get("/a/c/{y}", Named("acy"));
    router_.Post("/berita/{slug}", Named("edit"));
    router_.Delete("/berita/{id}", Named("delete"));
    router_.Put("/admin/artikel/{id}", Named("put"));
  }
  Router router_;
};

TEST_F(RouterTest, MatchingTable) {
  struct Case {
    Method method;
    std::string path;
    std::string want;
  } cases[] = {
      {Method::kGet, "/", "home"},
      {Method::kGet, "/berita", "news"},
      {Method::kGet, "/berita/", "news-slash"},
      {Method::kGet, "/berita/terbaru", "latest"},  // literal beats param
      {Method::kGet, "/berita/banjir-jakarta", "article slug=banjir-jakarta"},
      {Method::kGet, "/berita/banjir/amp", "amp slug=banjir"},
      // The literal branch "terbaru" has no "amp" child: fall back to param.
      {Method::kGet, "/berita/terbaru/amp", "amp slug=terbaru"},
      {Method::kGet, "/berita/terbaru/rss", "latest-rss"},
      {Method::kGet, "/berita/x/rss", "404"},
      {Method::kGet, "/berita/x/", "404"},    // trailing slash is exact
      {Method::kGet, "/berita//amp", "404"},  // {slug} is never empty
      {Method::kGet, "/kategori/politik/2", "cat-page cat=politik page=2"},
      {Method::kGet, "/kategori/politik", "404"},
      {Method::kGet, "/static/css/site.css", "static path=css/site.css"},
      {Method::kGet, "/static/logo.png", "logo"},
      {Method::kGet, "/static/a/", "static path=a/"},
      {Method::kGet, "/static/", "404"},  // {path*} needs at least one byte
      {Method::kGet, "/static", "404"},
      // Literal beats param at the first segment where they differ.
      {Method::kGet, "/a/c/b", "acy y=b"},
      {Method::kGet, "/a/d/b", "axb x=d"},
      {Method::kGet, "/a/c/d", "acy y=d"},
      {Method::kGet, "/berita/kabar baru", "article slug=kabar baru"},
      {Method::kHead, "/berita/x", "article slug=x"},  // GET answers HEAD
      {Method::kPost, "/berita/x", "edit slug=x"},
      {Method::kDelete, "/berita/7", "delete id=7"},  // own param names
      {Method::kPost, "/berita/terbaru", "edit slug=terbaru"},
      {Method::kPut, "/berita/x", "405"},
      {Method::kPost, "/", "405"},
      {Method::kGet, "/admin/artikel/3", "405"},
      {Method::kPut, "/admin/artikel/3", "put id=3"},
      {Method::kGet, "/tidak-ada", "404"},
      {Method::kOther, "/berita/x", "501"},
      {Method::kGet, "", "404"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Serve(router_, c.method, c.path), c.want)
        << MethodName(c.method) << " " << c.path;
  }
}

TEST_F(RouterTest, MethodNotAllowedListsMethods) {
  Request req;
  req.method = Method::kPut;
  req.path = "/berita/x";
  Response res = router_.Route(req);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.Header("Allow"), "GET, HEAD, POST, DELETE");

  req.method = Method::kPatch;
  req.path = "/";
  res = router_.Route(req);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.Header("allow"), "GET, HEAD");
}

TEST_F(RouterTest, CustomNotFound) {
  router_.SetNotFound([](const Request& r) {
    return Response::Html(404, "<p>tidak ada: " + r.path + "</p>");
  });
  Request req;
  req.path = "/zzz";
  Response res = router_.Route(req);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(*res.body, "<p>tidak ada: /zzz</p>");
}

TEST(RouterOptionsTest, OptionsForPicksTheRouteThatWouldServe) {
  Router router;
  router.Add(Method::kPost, "/upload/{name}", Named("up"),
             {.body_limit = 10, .too_large_json = ""});
  router.Add(Method::kPost, "/upload/big", Named("big"),
             {.body_limit = 1000, .too_large_json = ""});
  router.Get("/upload/{name}", Named("get"));
  EXPECT_EQ(router.OptionsFor(Method::kPost, "/upload/a").body_limit, 10u);
  EXPECT_EQ(router.OptionsFor(Method::kPost, "/upload/big").body_limit, 1000u);
  EXPECT_EQ(router.OptionsFor(Method::kGet, "/upload/a").body_limit, 0u);
  EXPECT_EQ(router.OptionsFor(Method::kPost, "/nothing").body_limit, 0u);
}

TEST(RouterAddTest, RejectsBadPatterns) {
  Router router;
  EXPECT_THROW(router.Get("berita", Named("x")), std::invalid_argument);
  EXPECT_THROW(router.Get("/a/{rest*}/b", Named("x")), std::invalid_argument);
  EXPECT_THROW(router.Get("/a/{}", Named("x")), std::invalid_argument);
  EXPECT_THROW(router.Get("/a/x{y}", Named("x")), std::invalid_argument);
  router.Get("/a/{x}", Named("x"));
  EXPECT_THROW(router.Get("/a/{x}", Named("x")), std::invalid_argument);
  EXPECT_NO_THROW(router.Post("/a/{x}", Named("x")));
}

TEST(RouterSlashTest, AddSlashRedirect) {
  Router router;
  router.Get("/kategori/{slug}", Named("cat"));
  router.AddSlashRedirect("/kategori/{slug}");
  router.Get("/arsip/", Named("archive"));
  router.AddSlashRedirect("/arsip/");

  // As the server fills a request: path and query parsed from the target.
  auto location = [&](const std::string& target) -> std::string {
    Request req;
    req.target = target;
    EXPECT_TRUE(ParseTarget(target, &req.path, &req.query)) << target;
    Response res = router.Route(req);
    EXPECT_EQ(res.status, 301) << target;
    return std::string(res.Header("Location"));
  };
  EXPECT_EQ(location("/kategori/olahraga/?hal=2"), "/kategori/olahraga?hal=2");
  EXPECT_EQ(location("/arsip"), "/arsip/");
  EXPECT_EQ(location("/arsip?x=%2F"), "/arsip/?x=%2F");
  EXPECT_EQ(location("/kategori/bola%20voli/"), "/kategori/bola%20voli");
  // F8 (issue 15): an absolute-form target was echoed into Location.
  EXPECT_EQ(location("http://evil.example/arsip"), "/arsip/");
  EXPECT_EQ(location("http://evil.example/kategori/x/?p=1"), "/kategori/x?p=1");
  EXPECT_EQ(Serve(router, Method::kGet, "/arsip/"), "archive");
}

TEST(RouterScaleTest, ManyParamRoutes) {
  Router router;
  for (int i = 0; i < 500; ++i) {
    router.Get("/s" + std::to_string(i) + "/{a}/{b}", Named(std::to_string(i)));
  }
  EXPECT_EQ(Serve(router, Method::kGet, "/s321/x/y"), "321 a=x b=y");
  EXPECT_EQ(Serve(router, Method::kGet, "/s500/x/y"), "404");
}

}  // namespace
}  // namespace warta::http
