// Feeds kept in the store (Distribution::Feed with Store::GetStoredFeed /
// PutStoredFeed): a fresh server answers from the stored document while
// nothing it shows has changed, and renders anew after a write, a due
// future item or other settings.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "base/time.h"
#include "http/compression.h"
#include "newsroom/newsroom.h"
#include "render/theme.h"
#include "site/distribution.h"
#include "store/sqlite/testing/fault_vfs.h"
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
    const std::string body = "<rss><!-- dari penyimpanan --></rss>";
    f.body_gzip = http::GzipCompress(body);
    f.body_brotli = http::BrotliCompress(body);
    ASSERT_TRUE(store_.store().PutStoredFeed(f).ok());
  }

  // The VFS shim that counts SQLite's write transactions
  // (fault_vfs.h; with no fault armed it passes every call through),
  // installed before the store opens: 0 (SQLITE_OK) once installed.
  const int vfs_ = sqlite::fault::Install();
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

TEST_F(FeedStoreTest, AStoredCopyIsSentAsStoredWithoutCompressingAgain) {
  Publish("Debat calon", clock_.Now() - 60);
  Restart();
  std::string first = Get("/rss.xml");
  auto doc = store_.store().GetStoredFeed(
      Distribution::FeedKey(std::nullopt, "", FeedFormat::kRss));
  ASSERT_TRUE(doc.ok() && doc->has_value());
  EXPECT_EQ(*http::GzipDecompress((*doc)->body_gzip), first);
  EXPECT_EQ(*http::BrotliDecompress((*doc)->body_brotli), first);
  Restart();
  http::Request req;
  req.method = http::Method::kGet;
  req.target = req.path = "/rss.xml";
  http::Response r = router_->Route(req);
  ASSERT_EQ(r.status, 200);
  ASSERT_TRUE(r.body && r.body_gzip && r.body_brotli);
  EXPECT_EQ(*r.body, first);
  EXPECT_EQ(*r.body_gzip, (*doc)->body_gzip);
  EXPECT_EQ(*r.body_brotli, (*doc)->body_brotli);
}

TEST_F(FeedStoreTest, WarmingPutsRequestedFeedsBackAfterAWrite) {
  Publish("Debat calon", clock_.Now() - 60);
  Restart();
  Get("/tag/pemilu/atom.xml");
  const std::string tag_atom =
      Distribution::FeedKey(ListKind::kTag, "pemilu", FeedFormat::kAtom);
  const std::string tag_rss =
      Distribution::FeedKey(ListKind::kTag, "pemilu", FeedFormat::kRss);
  Publish("Hasil hitung cepat", clock_.Now() - 30);
  site_->Invalidate();  // what the newsroom listener does in `warta serve`
  ASSERT_EQ(site_->cache().Find(tag_atom), nullptr);
  // The site's three feeds and the one a reader asked for; not the tag's
  // RSS feed, which nobody asked for.
  EXPECT_EQ(distribution_->WarmFeeds(), 4u);
  auto page = site_->cache().Find(tag_atom);
  ASSERT_NE(page, nullptr);
  EXPECT_NE(page->body->find("Hasil hitung cepat"), std::string::npos);
  EXPECT_EQ(site_->cache().Find(tag_rss), nullptr);
  // Already warm: nothing to do.
  EXPECT_EQ(distribution_->WarmFeeds(), 0u);
  // And the reader is served the warmed page, with the new article.
  EXPECT_NE(Get("/tag/pemilu/atom.xml").find("Hasil hitung cepat"),
            std::string::npos);
}

// Beside a bulk import, each write transaction makes the import hand over
// its write lock: a warm round stores the feeds it rendered in one, not one
// each. Counted at the VFS: a write transaction asks for SQLite's write lock
// once.
TEST_F(FeedStoreTest, AWarmRoundStoresItsFeedsInOneWrite) {
  ASSERT_EQ(vfs_, 0);
  Publish("Debat calon", clock_.Now() - 60);
  Restart();
  const std::string asked[] = {"/tag/pemilu/atom.xml",
                               "/kategori/politik/feed.json",
                               "/penulis/rina/rss.xml"};
  for (const std::string& path : asked) Get(path);
  Publish("Hasil hitung cepat", clock_.Now() - 30);
  site_->Invalidate();
  const std::int64_t before = sqlite::fault::WriteLockRequests();
  // The site's three feeds and the three readers asked for.
  EXPECT_EQ(distribution_->WarmFeeds(), 6u);
  EXPECT_EQ(sqlite::fault::WriteLockRequests() - before, 1)
      << "one write transaction for the six feeds";
  // All six stored, with the new article.
  const std::string keys[] = {
      Distribution::FeedKey(std::nullopt, "", FeedFormat::kRss),
      Distribution::FeedKey(std::nullopt, "", FeedFormat::kAtom),
      Distribution::FeedKey(std::nullopt, "", FeedFormat::kJson),
      Distribution::FeedKey(ListKind::kTag, "pemilu", FeedFormat::kAtom),
      Distribution::FeedKey(ListKind::kCategory, "politik", FeedFormat::kJson),
      Distribution::FeedKey(ListKind::kAuthor, "rina", FeedFormat::kRss)};
  for (const std::string& key : keys) {
    auto doc = store_.store().GetStoredFeed(key);
    ASSERT_TRUE(doc.ok() && doc->has_value()) << key;
    EXPECT_NE(http::GzipDecompress((*doc)->body_gzip)->find("Hasil hitung"),
              std::string::npos)
        << key;
  }
  // A fresh server warms from them, and a round that renders nothing
  // writes nothing.
  Restart();
  const std::int64_t stored = sqlite::fault::WriteLockRequests();
  EXPECT_EQ(distribution_->WarmFeeds(), 3u);
  for (const std::string& path : asked)
    EXPECT_NE(Get(path).find("Hasil hitung"), std::string::npos) << path;
  EXPECT_EQ(sqlite::fault::WriteLockRequests(), stored);
}

// A round whose write fails (the write lock refused, as while another
// process holds it past the busy timeout) still has its pages in the cache.
TEST_F(FeedStoreTest, AWarmRoundThatCannotStoreKeepsItsPages) {
  ASSERT_EQ(vfs_, 0);
  Publish("Debat calon", clock_.Now() - 60);
  Restart();
  Get("/tag/pemilu/atom.xml");
  Publish("Hasil hitung cepat", clock_.Now() - 30);
  site_->Invalidate();
  sqlite::fault::Arm({sqlite::fault::Fault::kBusy});
  const std::size_t warmed = distribution_->WarmFeeds();
  const int failures = sqlite::fault::Failures();
  sqlite::fault::Clear();
  EXPECT_EQ(warmed, 4u);
  EXPECT_GT(failures, 0) << "the write was tried";
  const std::string tag_atom =
      Distribution::FeedKey(ListKind::kTag, "pemilu", FeedFormat::kAtom);
  auto page = site_->cache().Find(tag_atom);
  ASSERT_NE(page, nullptr);
  EXPECT_NE(page->body->find("Hasil hitung cepat"), std::string::npos);
  // Not stored: the document there is the one from before the write.
  auto doc = store_.store().GetStoredFeed(tag_atom);
  ASSERT_TRUE(doc.ok());
  EXPECT_FALSE(doc->has_value());
}

TEST_F(FeedStoreTest, TheWarmerThreadFollowsInvalidations) {
  Publish("Debat calon", clock_.Now() - 60);
  Restart();
  const std::string site_rss =
      Distribution::FeedKey(std::nullopt, "", FeedFormat::kRss);
  distribution_->StartWarming(std::chrono::milliseconds(5));
  auto wait_for_warm = [&] {
    for (int i = 0; i < 400 && !site_->cache().Find(site_rss); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return site_->cache().Find(site_rss) != nullptr;
  };
  EXPECT_TRUE(wait_for_warm()) << "warmed once at start";
  // With the feeds of every category that has articles.
  const std::string category_json =
      Distribution::FeedKey(ListKind::kCategory, "politik", FeedFormat::kJson);
  for (int i = 0; i < 400 && !site_->cache().Find(category_json); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_NE(site_->cache().Find(category_json), nullptr);
  Publish("Hasil hitung cepat", clock_.Now() - 30);
  site_->Invalidate();
  ASSERT_TRUE(wait_for_warm()) << "warmed again after the write";
  EXPECT_NE(site_->cache().Find(site_rss)->body->find("Hasil hitung cepat"),
            std::string::npos);
  distribution_->StopWarming();
}

TEST_F(FeedStoreTest, ATagFeedListsItsArticlesNewestFirst) {
  // More articles than the threads that read them, published out of order.
  const int minutes_ago[] = {50, 10, 70, 30, 90, 20, 60, 40, 80};
  for (int m : minutes_ago)
    Publish("Berita " + std::to_string(m) + " menit lalu",
            clock_.Now() - 60 * m);
  Restart();
  std::string feed = Get("/tag/pemilu/rss.xml");
  std::size_t at = 0;
  for (int m : {10, 20, 30, 40, 50, 60, 70, 80, 90}) {
    std::size_t found =
        feed.find("Berita " + std::to_string(m) + " menit lalu", at);
    ASSERT_NE(found, std::string::npos) << m << " minutes ago, in order";
    at = found;
  }
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
