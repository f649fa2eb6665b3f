// Feeds kept in the store (Distribution::Feed with Store::GetStoredFeed /
// PutStoredFeed): a fresh server answers from the stored document while
// nothing it shows has changed, and renders anew after a write, a due
// future item or other settings.
#include <gtest/gtest.h>

#include "base/time.h"
#include "newsroom/newsroom.h"
#include "render/theme.h"
#include "site/distribution.h"
#include "store/sqlite/testing/temp_sqlite_store.h"

namespace warta::site {
namespace {

class FeedStoreTest : public ::testing::Test {
 protected:
  // A new Site and Distribution: an empty page cache, as after a restart.
  void Restart(const std::string& name = "KABARIN") {
    SiteOptions options;
    options.name = name;
    router_ = std::make_unique<http::Router>();
    distribution_.reset();
    site_ =
        std::make_unique<Site>(store_.store(), *theme_, urls_, clock_, options);
    distribution_ = std::make_unique<Distribution>(*site_);
    distribution_->Register(*router_);
  }

  Article Publish(const std::string& title, Timestamp at) {
    Article a;
    a.title = title;
    a.body = "Isi " + title + ".";
    a.category = Category{0, "", "Politik", ""};
    a.tags = {Tag{0, "", "Pemilu"}};
    a.authors = {Author{0, "", "Rina", "", ""}};
    a.status = ArticleStatus::kPublished;
    a.published_at = at;
    auto saved = newsroom_.Save(a);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return *saved;
  }

  std::string Get(const std::string& path) {
    http::Request req;
    req.method = http::Method::kGet;
    req.target = req.path = path;
    http::Response r = router_->Route(req);
    EXPECT_EQ(r.status, 200) << path;
    return r.body ? *r.body : "";
  }

  // Replaces the body of the stored document of the site's RSS feed, so a
  // test can tell it was served from the store.
  void MarkStoredSiteRss() {
    auto doc = store_.store().GetStoredFeed("feed|-1||0");
    ASSERT_TRUE(doc.ok());
    ASSERT_TRUE(doc->has_value()) << "the first request stores the feed";
    StoredFeed f = **doc;
    f.body = "<rss><!-- dari penyimpanan --></rss>";
    ASSERT_TRUE(store_.store().PutStoredFeed(f).ok());
  }

  FakeClock clock_{*ParseIso8601("2025-09-29T03:15:00Z")};
  TempSqliteStore store_{clock_};
  Newsroom newsroom_{store_.store(), clock_, "KABARIN"};
  std::unique_ptr<render::Theme> theme_ = std::move(*render::Theme::Load(""));
  Urls urls_{"https://kabarin.id"};
  std::unique_ptr<Site> site_;
  std::unique_ptr<Distribution> distribution_;
  std::unique_ptr<http::Router> router_;
};

TEST_F(FeedStoreTest, AFreshServerAnswersFromTheStoredFeed) {
  Publish("Debat calon", clock_.Now() - 60);
  Restart();
  EXPECT_NE(Get("/rss.xml").find("Debat calon"), std::string::npos);
  MarkStoredSiteRss();
  Restart();
  EXPECT_NE(Get("/rss.xml").find("dari penyimpanan"), std::string::npos);
  // Other feeds were stored on their own.
  EXPECT_NE(Get("/tag/pemilu/atom.xml").find("Debat calon"), std::string::npos);
}

TEST_F(FeedStoreTest, AWriteMakesTheStoredFeedStale) {
  Publish("Debat calon", clock_.Now() - 60);
  Restart();
  Get("/rss.xml");
  MarkStoredSiteRss();
  Publish("Hasil hitung cepat", clock_.Now() - 30);
  Restart();
  std::string rss = Get("/rss.xml");
  EXPECT_EQ(rss.find("dari penyimpanan"), std::string::npos);
  EXPECT_NE(rss.find("Hasil hitung cepat"), std::string::npos);
}

TEST_F(FeedStoreTest, AFutureItemThatFallsDueMakesItStale) {
  Publish("Debat calon", clock_.Now() - 60);
  Publish("Pengumuman resmi", clock_.Now() + 3600);
  Restart();
  EXPECT_EQ(Get("/rss.xml").find("Pengumuman resmi"), std::string::npos);
  MarkStoredSiteRss();
  Restart();
  EXPECT_NE(Get("/rss.xml").find("dari penyimpanan"), std::string::npos);
  clock_.Advance(3601);
  Restart();
  EXPECT_NE(Get("/rss.xml").find("Pengumuman resmi"), std::string::npos);
}

TEST_F(FeedStoreTest, OtherSettingsMakeItStale) {
  Publish("Debat calon", clock_.Now() - 60);
  Restart();
  Get("/rss.xml");
  MarkStoredSiteRss();
  Restart("KABARIN Baru");
  std::string rss = Get("/rss.xml");
  EXPECT_EQ(rss.find("dari penyimpanan"), std::string::npos);
  EXPECT_NE(rss.find("KABARIN Baru"), std::string::npos);
}

}  // namespace
}  // namespace warta::site
