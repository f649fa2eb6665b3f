// A cache hit allocates nothing: the router, the page handler, the cache
// lookup and the choice of the prepared bytes to send, for the article and
// home pages, plain, gzip, HEAD and 304. A counting global operator new
// replaces the library's, so this test has an executable of its own.
#include <gtest/gtest.h>

#include "base/time.h"
#include "http/alloc/counting_new.h"
#include "http/prepared.h"
#include "http/router.h"
#include "newsroom/newsroom.h"
#include "render/theme.h"
#include "site/site.h"
#include "store/sqlite/testing/temp_sqlite_store.h"

namespace warta::site {
namespace {

// Counts the allocations made by the calling thread between construction
// and Count().
class AllocationCounter {
 public:
  AllocationCounter() {
    start_ = testing_alloc::Allocations();
    testing_alloc::CountThisThread(true);
    testing_alloc::CountingAllocations(true);
  }
  ~AllocationCounter() { testing_alloc::CountThisThread(false); }
  long Count() {
    testing_alloc::CountThisThread(false);
    return testing_alloc::Allocations() - start_;
  }

 private:
  long start_ = 0;
};

class HitAllocationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Article a;
    a.title = "Banjir surut di 38 RT setelah hujan deras pertama musim ini";
    a.body = std::string(3000, 'x') + "\n\nParagraf kedua.";
    a.dateline_city = "Jakarta";
    a.category = Category{0, "", "Metropolitan", ""};
    a.authors = {Author{0, "", "Rina Wulandari", "", ""}};
    a.status = ArticleStatus::kPublished;
    a.published_at = clock_.Now() - 60;
    auto saved = newsroom_->Save(a);
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
    slug_ = saved->slug;
    SiteOptions options;
    options.name = "KABARIN";
    site_ =
        std::make_unique<Site>(store_.store(), *theme_, urls_, clock_, options);
    site_->Register(router_);
  }

  // Serves `req` twice (a miss, then a hit that warms the thread's buffers),
  // then once more counting allocations: the handler path and the choice of
  // bytes the server writes.
  long AllocationsOfAHit(http::Request& req, http::PreparedChoice* choice) {
    router_.Route(req);
    router_.Route(req);
    AllocationCounter counter;
    {
      http::Response r = router_.Route(req);
      if (r.prepared) {
        *choice = http::ChoosePrepared(*r.prepared, req);
        http::DateField(clock_.Now());
      } else {
        choice->status = -1;
      }
    }
    return counter.Count();
  }

  static http::Request Get(std::string path) {
    http::Request req;
    req.method = http::Method::kGet;
    req.target = path;
    req.path = std::move(path);
    req.headers.emplace_back("host", "kabarin.id");
    req.headers.emplace_back("user-agent", "wrk/4.2.0 (beban uji)");
    return req;
  }

  FakeClock clock_{*ParseIso8601("2026-12-04T13:00:00Z")};
  TempSqliteStore store_{clock_};
  std::unique_ptr<Newsroom> newsroom_ =
      std::make_unique<Newsroom>(store_.store(), clock_, "KABARIN");
  std::unique_ptr<render::Theme> theme_ = std::move(*render::Theme::Load(""));
  Urls urls_{"https://kabarin.id"};
  std::unique_ptr<Site> site_;
  http::Router router_;
  std::string slug_;
};

TEST_F(HitAllocationTest, CountingAllocatorSeesAllocations) {
  AllocationCounter counter;
  std::string s(100, 'x');  // a heap buffer
  EXPECT_GT(counter.Count(), 0);
  EXPECT_EQ(s.size(), 100u);
}

TEST_F(HitAllocationTest, ArticleHitAllocatesNothing) {
  http::Request req = Get("/berita/" + slug_);
  http::PreparedChoice choice;
  EXPECT_EQ(AllocationsOfAHit(req, &choice), 0);
  EXPECT_EQ(choice.status, 200);
  EXPECT_NE(choice.head.find("X-Cache: hit\r\n"), std::string_view::npos);
  EXPECT_NE(choice.body.find("Banjir surut"), std::string_view::npos);
}

TEST_F(HitAllocationTest, GzipHitAllocatesNothing) {
  http::Request req = Get("/berita/" + slug_);
  req.headers.emplace_back("accept-encoding", "gzip, deflate, br;q=0.9");
  http::PreparedChoice choice;
  EXPECT_EQ(AllocationsOfAHit(req, &choice), 0);
  EXPECT_NE(choice.head.find("Content-Encoding: gzip\r\n"),
            std::string_view::npos);
  ASSERT_GE(choice.body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(choice.body[0]), 0x1f);
}

TEST_F(HitAllocationTest, HeadHitAllocatesNothing) {
  http::Request req = Get("/berita/" + slug_);
  req.method = http::Method::kHead;
  http::PreparedChoice choice;
  EXPECT_EQ(AllocationsOfAHit(req, &choice), 0);
  EXPECT_EQ(choice.status, 200);
  EXPECT_TRUE(choice.body.empty());
}

TEST_F(HitAllocationTest, NotModifiedHitAllocatesNothing) {
  http::Request first = Get("/berita/" + slug_);
  router_.Route(first);  // a miss renders it
  http::Response page = router_.Route(first);
  ASSERT_TRUE(page.prepared);
  http::Request req = Get("/berita/" + slug_);
  req.headers.emplace_back("if-none-match", page.prepared->etag);
  http::PreparedChoice choice;
  EXPECT_EQ(AllocationsOfAHit(req, &choice), 0);
  EXPECT_EQ(choice.status, 304);
  EXPECT_TRUE(choice.body.empty());
}

TEST_F(HitAllocationTest, HomeHitAllocatesNothing) {
  http::Request req = Get("/");
  http::PreparedChoice choice;
  EXPECT_EQ(AllocationsOfAHit(req, &choice), 0);
  EXPECT_EQ(choice.status, 200);
}

}  // namespace
}  // namespace warta::site
