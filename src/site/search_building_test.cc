// While the search index is being built (a first start, or damaged index
// files), search answers 503 and says so; other pages are not blocked.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "index/live_index.h"
#include "newsroom/newsroom.h"
#include "render/theme.h"
#include "site/site.h"
#include "store/sqlite/testing/temp_sqlite_store.h"

namespace warta::site {
namespace {

class SearchBuildingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Article a;
    a.title = "Banjir rendam ratusan rumah";
    a.body = "Hujan deras membuat sungai meluap dan merendam rumah warga.";
    a.category = Category{0, "", "Daerah", ""};
    a.status = ArticleStatus::kPublished;
    a.published_at = clock_.Now() - 60;
    auto saved = newsroom_.Save(a);
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
    article_ = *saved;
    SiteOptions options;
    options.name = "KABARIN";
    site_ = std::make_unique<Site>(store_.store(), *theme_, urls_, clock_,
                                   options);
    site_->SetSearch(&index_, &analyzer_);
    site_->Register(router_);
  }
  http::Response Get(const std::string& target) {
    http::Request req;
    req.method = http::Method::kGet;
    req.target = target;
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    req.query = q == std::string::npos ? "" : target.substr(q + 1);
    return router_.Route(req);
  }
  static std::string Body(const http::Response& r) {
    return r.body ? *r.body : "";
  }

  FakeClock clock_{*ParseIso8601("2025-09-29T03:15:00Z")};
  TempSqliteStore store_{clock_};
  Newsroom newsroom_{store_.store(), clock_, "KABARIN"};
  std::unique_ptr<render::Theme> theme_ = std::move(*render::Theme::Load(""));
  Urls urls_{"https://kabarin.id"};
  text::Analyzer analyzer_{text::DefaultStemmer()};
  index::LiveIndex index_{store_.store(), analyzer_};
  http::Router router_;
  std::unique_ptr<Site> site_;
  Article article_;
};

TEST_F(SearchBuildingTest, SearchAnswers503UntilTheIndexIsReady) {
  ASSERT_FALSE(index_.ready());
  http::Response api = Get("/api/search?q=banjir");
  EXPECT_EQ(api.status, 503);
  EXPECT_EQ(api.Header("Retry-After"), "5");
  auto j = nlohmann::json::parse(Body(api), nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << Body(api);
  EXPECT_EQ(j["error"], "search index is being built");
  EXPECT_EQ(j["retry_after"], 5);

  http::Response page = Get("/cari?q=banjir");
  EXPECT_EQ(page.status, 503);
  EXPECT_EQ(page.Header("Retry-After"), "5");
  EXPECT_NE(Body(page).find("Indeks pencarian sedang disiapkan"),
            std::string::npos);
  EXPECT_EQ(Get("/cari").status, 200);  // the form itself

  // Pages do not wait for the index.
  EXPECT_EQ(Get("/").status, 200);
  EXPECT_EQ(Get("/berita/" + article_.slug).status, 200);

  ASSERT_TRUE(index_.Build().ok());
  EXPECT_EQ(Get("/api/search?q=banjir").status, 200);
  http::Response found = Get("/cari?q=banjir");
  EXPECT_EQ(found.status, 200);
  EXPECT_NE(Body(found).find("rendam ratusan rumah"), std::string::npos)
      << Body(found);
}

}  // namespace
}  // namespace warta::site
