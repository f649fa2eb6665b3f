// Issue 13 on the site: view counting and Terpopuler, "Diperbarui",
// corrections and withdrawn stories, with the sqlite store and a fake clock.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/time.h"
#include "http/prepared.h"
#include "newsroom/newsroom.h"
#include "render/theme.h"
#include "site/popular.h"
#include "site/site.h"
#include "store/sqlite/testing/temp_sqlite_store.h"

namespace warta::site {
namespace {

constexpr char kBrowser[] =
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36";
constexpr char kGooglebot[] =
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

class ReadersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SiteOptions options;
    options.name = "KABARIN";
    options.popular_refresh_seconds = 60;
    site_ =
        std::make_unique<Site>(store_.store(), *theme_, urls_, clock_, options);
    router_ = std::make_unique<http::Router>();
    site_->Register(*router_);
  }

  Article Publish(const std::string& title,
                  const std::string& category = "Politik") {
    Article a;
    a.title = title;
    a.body = "Isi berita tentang " + title + ".\n\nParagraf kedua.";
    a.category = Category{0, "", category, ""};
    a.status = ArticleStatus::kPublished;
    a.published_at = clock_.Now() - 60;
    auto saved = newsroom_.Save(a);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    site_->Invalidate();
    return *saved;
  }

  http::Response Get(
      const std::string& target, const char* ua = kBrowser,
      std::vector<std::pair<std::string, std::string>> extra = {}) {
    http::Request req;
    req.method = http::Method::kGet;
    req.target = target;
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    req.query = q == std::string::npos ? "" : target.substr(q + 1);
    if (ua) req.headers.push_back({"user-agent", ua});
    for (auto& h : extra) req.headers.push_back(std::move(h));
    return router_->Route(req);
  }
  static std::string Body(const http::Response& r) {
    const http::Response& src = r.prepared ? r.prepared->source : r;
    return src.body ? *src.body : "";
  }
  // Served from the page cache (a prepared hit, or one marked X-Cache).
  static bool IsHit(const http::Response& r) {
    return r.prepared != nullptr || r.Header("X-Cache") == "hit";
  }
  std::int64_t TotalViews(std::int64_t id) {
    auto v = store_.store().GetArticleViews({id}, 0, 0);
    EXPECT_TRUE(v.ok());
    return v.ok() && v->count(id) ? v->at(id).total : 0;
  }
  void View(const Article& a, int n) {
    for (int i = 0; i < n; ++i)
      ASSERT_EQ(Get(urls_.Article(a.slug)).status, 200);
  }

  FakeClock clock_{*ParseIso8601("2026-12-01T03:00:00Z")};
  TempSqliteStore store_{clock_};
  Newsroom newsroom_{store_.store(), clock_, "KABARIN"};
  std::unique_ptr<render::Theme> theme_ = std::move(*render::Theme::Load(""));
  Urls urls_{"https://kabarin.id"};
  std::unique_ptr<Site> site_;
  std::unique_ptr<http::Router> router_;
};

TEST(ViewFilterTest, CrawlersAndToolsAreNotReaders) {
  EXPECT_FALSE(IsCrawlerUserAgent(kBrowser));
  EXPECT_FALSE(IsCrawlerUserAgent(
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
      "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 "
      "Safari/604.1"));
  for (const char* ua :
       {kGooglebot, "", "curl/8.5.0", "Wget/1.21", "python-requests/2.31",
        "facebookexternalhit/1.1", "WhatsApp/2.23.20.0 A",
        "Mozilla/5.0 (compatible; bingbot/2.0)", "GPTBot/1.0",
        "Mozilla/5.0 AppleWebKit/537.36 (compatible; ClaudeBot/1.0)",
        "Mozilla/5.0 HeadlessChrome/120.0", "Go-http-client/1.1"}) {
    EXPECT_TRUE(IsCrawlerUserAgent(ua)) << ua;
  }
}

TEST_F(ReadersTest, ViewsAreCountedInMemoryAndFlushedInOneWrite) {
  Article a = Publish("Banjir di Jakarta");
  View(a, 3);
  // A view costs no write: nothing in the store before the flush.
  EXPECT_EQ(site_->views().pending(), 3);
  EXPECT_EQ(TotalViews(a.id), 0);
  ASSERT_TRUE(site_->views().Flush().ok());
  EXPECT_EQ(site_->views().pending(), 0);
  EXPECT_EQ(TotalViews(a.id), 3);
}

TEST_F(ReadersTest, CachedViewsCountAndCrawlersAndPrefetchesDoNot) {
  Article a = Publish("Banjir di Jakarta");
  const std::string path = urls_.Article(a.slug);
  Get(path);
  EXPECT_TRUE(IsHit(Get(path)));
  Get(path, kGooglebot);
  Get(path, nullptr);
  Get(path, kBrowser, {{"sec-purpose", "prefetch"}});
  Get(path, kBrowser, {{"sec-purpose", "prefetch;prerender"}});
  Get(path, kBrowser, {{"purpose", "prefetch"}});
  Get("/berita/tidak-ada");
  ASSERT_TRUE(site_->views().Flush().ok());
  EXPECT_EQ(TotalViews(a.id), 2) << "two browser views, one from the cache";
}

TEST_F(ReadersTest, BeaconCountsOnlyWhenEnabled) {
  Article a = Publish("Banjir di Jakarta");
  http::Request req;
  req.method = http::Method::kPost;
  req.path = "/api/view";
  req.query = "path=" + urls_.Article(a.slug);
  req.headers = {{"user-agent", kBrowser}};
  EXPECT_EQ(router_->Route(req).status, 204);
  ASSERT_TRUE(site_->views().Flush().ok());
  EXPECT_EQ(TotalViews(a.id), 0) << "server-side counting is on";

  SiteOptions options;
  options.view_beacon = true;
  site_ =
      std::make_unique<Site>(store_.store(), *theme_, urls_, clock_, options);
  router_ = std::make_unique<http::Router>();
  site_->Register(*router_);
  EXPECT_NE(Body(Get(urls_.Article(a.slug))).find("data-view-beacon"),
            std::string::npos);
  EXPECT_EQ(router_->Route(req).status, 204);
  req.headers = {{"user-agent", kGooglebot}};
  EXPECT_EQ(router_->Route(req).status, 204);
  ASSERT_TRUE(site_->views().Flush().ok());
  EXPECT_EQ(TotalViews(a.id), 1) << "the beacon only, not the page or a bot";
}

TEST_F(ReadersTest, TerpopulerRanksByViewsOnePerCluster) {
  Article a = Publish("Harga beras naik");
  Article b = Publish("Timnas menang");
  Article c = Publish("Harga beras naik lagi");  // a's near-duplicate
  Article d = Publish("Gempa di Cianjur");
  ASSERT_TRUE(
      store_.store()
          .SaveDuplicateSignature(DuplicateSignature{a.id, a.id, "x"}, {1})
          .ok());
  ASSERT_TRUE(
      store_.store()
          .SaveDuplicateSignature(DuplicateSignature{c.id, a.id, "x"}, {1})
          .ok());
  View(a, 2);
  View(b, 5);
  View(c, 4);
  View(d, 1);
  ASSERT_TRUE(site_->views().Flush().ok());
  // Past the refresh: the list computed while rendering, and the pages.
  clock_.Advance(61);

  http::Response api = Get("/api/popular?window=24h&limit=10");
  ASSERT_EQ(api.status, 200) << Body(api);
  auto j = nlohmann::json::parse(Body(api));
  ASSERT_EQ(j["articles"].size(), 3u) << j.dump();
  EXPECT_EQ(j["articles"][0]["id"], b.id);
  EXPECT_EQ(j["articles"][0]["views"], 5);
  EXPECT_EQ(j["articles"][1]["id"], c.id) << "c stands for its cluster";
  EXPECT_EQ(j["articles"][2]["id"], d.id);
  EXPECT_EQ(j["window"], "24h");
  EXPECT_EQ(Get("/api/popular?limit=1").status, 200);
  EXPECT_EQ(nlohmann::json::parse(Body(Get("/api/popular?limit=1")))["articles"]
                .size(),
            1u);
  EXPECT_EQ(Get("/api/popular?window=1y").status, 400);
  EXPECT_EQ(Get("/api/popular?limit=0").status, 400);

  std::string home = Body(Get("/"));
  ASSERT_NE(home.find("Terpopuler"), std::string::npos);
  std::string box = home.substr(home.find("Terpopuler"));
  EXPECT_LT(box.find("Timnas menang"), box.find("Harga beras naik lagi"));
  EXPECT_EQ(box.find("Harga beras naik</a>"), std::string::npos);
  EXPECT_NE(Body(Get(urls_.Article(d.slug))).find("Terpopuler"),
            std::string::npos);
}

TEST_F(ReadersTest, ThinDayFallsBackToTheWeek) {
  Article a = Publish("Berita lama");
  View(a, 3);
  ASSERT_TRUE(site_->views().Flush().ok());
  clock_.Advance(3 * 86400);
  Article b = Publish("Berita baru");
  View(b, 1);
  ASSERT_TRUE(site_->views().Flush().ok());
  clock_.Advance(31);
  auto j = nlohmann::json::parse(Body(Get("/api/popular")));
  ASSERT_EQ(j["articles"].size(), 2u) << j.dump();
  EXPECT_EQ(j["articles"][0]["id"], b.id) << "the day first";
  EXPECT_EQ(j["articles"][1]["id"], a.id);
  EXPECT_EQ(j["fallback"], true);
  clock_.Advance(8 * 86400);
  ASSERT_TRUE(site_->views().Flush().ok());
  j = nlohmann::json::parse(Body(Get("/api/popular?window=7d")));
  EXPECT_EQ(j["articles"].size(), 0u) << "older than a week";
  EXPECT_EQ(TotalViews(a.id), 3) << "totals stay";
}

TEST_F(ReadersTest, TerpopulerRefreshesOnCachedPages) {
  Article a = Publish("Banjir di Jakarta");
  Article b = Publish("Timnas menang");
  EXPECT_EQ(Body(Get("/")).find("Terpopuler"), std::string::npos);
  View(b, 2);
  ASSERT_TRUE(site_->views().Flush().ok());
  EXPECT_TRUE(IsHit(Get("/")));
  clock_.Advance(61);
  Get("/");  // due: re-rendered (no background thread here)
  std::string home = Body(Get("/"));
  EXPECT_NE(home.find("Terpopuler"), std::string::npos);
  (void)a;
}

// Started, a stale Terpopuler list is served at once while the next one is
// computed on the background thread; only the first list is computed for
// (or waited on by) the caller.
TEST_F(ReadersTest, TerpopulerRefreshesInTheBackgroundServingTheLastList) {
  Publish("Banjir di Jakarta");
  Article b = Publish("Timnas menang");
  Popular popular(store_.store(), clock_, 30);
  popular.Start();
  auto first = popular.Get(PopularWindow::kDay);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE((*first)->items.empty()) << "no views yet";
  View(b, 3);
  ASSERT_TRUE(site_->views().Flush().ok());
  EXPECT_EQ(*popular.Get(PopularWindow::kDay), *first) << "still fresh";
  clock_.Advance(31);
  EXPECT_EQ(*popular.Get(PopularWindow::kDay), *first)
      << "stale: served as it is, not recomputed on the reader's thread";
  std::shared_ptr<const PopularList> next = *first;
  for (int i = 0; i < 500 && next == *first; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    next = *popular.Get(PopularWindow::kDay);
  }
  ASSERT_NE(next, *first) << "the background thread brought the next list";
  ASSERT_EQ(next->items.size(), 1u);
  EXPECT_EQ(next->items[0].article.id, b.id);
  EXPECT_EQ(next->items[0].views, 3);
  EXPECT_EQ(next->computed_at, clock_.Now());
  // The week's first list is computed on the caller, then kept.
  auto week = popular.Get(PopularWindow::kWeek);
  ASSERT_TRUE(week.ok());
  EXPECT_EQ((*week)->window, PopularWindow::kWeek);
  EXPECT_EQ(*popular.Get(PopularWindow::kWeek), *week);
}

TEST_F(ReadersTest, DiperbaruiAfterTheGracePeriod) {
  Article a = Publish("Banjir di Jakarta");  // published a minute ago
  const std::string path = urls_.Article(a.slug);
  clock_.Advance(4 * 60);
  a.body += "\n\nTambahan dalam masa tenggang.";
  auto saved = newsroom_.Save(a);
  ASSERT_TRUE(saved.ok());
  site_->Invalidate();
  std::string page = Body(Get(path));
  EXPECT_EQ(page.find("Diperbarui"), std::string::npos);
  EXPECT_NE(page.find("\"dateModified\":\"2026-12-01T02:59:00Z\""),
            std::string::npos)
      << "dateModified is the publication time";

  clock_.Advance(3600);  // 04:04 UTC, 11:04 WIB
  saved->body += "\n\nPerkembangan terbaru.";
  saved = newsroom_.Save(*saved);
  ASSERT_TRUE(saved.ok());
  site_->Invalidate();
  page = Body(Get(path));
  EXPECT_NE(page.find("Diperbarui: Selasa, 1 Desember 2026 11:04 WIB"),
            std::string::npos)
      << page.substr(0, 3000);
  EXPECT_NE(page.find("\"dateModified\":\"2026-12-01T04:04:00Z\""),
            std::string::npos);

  // A change that is not the text (a tag) moves nothing.
  clock_.Advance(600);
  saved->tags = {Tag{0, "", "Cuaca"}};
  saved = newsroom_.Save(*saved);
  ASSERT_TRUE(saved.ok());
  site_->Invalidate();
  EXPECT_NE(Body(Get(path)).find("11:04 WIB"), std::string::npos);
}

TEST_F(ReadersTest, CorrectionBoxAndLog) {
  Article a = Publish("Banjir di Jakarta");
  Article b = Publish("Timnas menang");
  EXPECT_NE(Body(Get("/koreksi")).find("Belum ada koreksi"), std::string::npos);
  clock_.Advance(3600);
  a.correction = "Sebelumnya tertulis 20 korban; yang benar 12.";
  auto saved = newsroom_.Save(a);
  ASSERT_TRUE(saved.ok());
  site_->Invalidate();
  std::string page = Body(Get(urls_.Article(a.slug)));
  auto box = page.find("class=\"correction");
  ASSERT_NE(box, std::string::npos);
  EXPECT_NE(page.find("Koreksi", box), std::string::npos);
  EXPECT_NE(page.find("yang benar 12", box), std::string::npos);
  EXPECT_NE(page.find("Selasa, 1 Desember 2026 11:00 WIB", box),
            std::string::npos);

  clock_.Advance(60);
  b.correction = "Skor akhir 2-1, bukan 3-1.";
  ASSERT_TRUE(newsroom_.Save(b).ok());
  clock_.Advance(60);
  saved->correction = "Jumlah korban 12, bukan 20.";
  ASSERT_TRUE(newsroom_.Save(*saved).ok());
  site_->Invalidate();
  std::string log = Body(Get("/koreksi"));
  // Newest first, and earlier notes stay in the log.
  auto newest = log.find("bukan 20");
  auto middle = log.find("bukan 3-1");
  auto oldest = log.find("yang benar 12");
  ASSERT_NE(newest, std::string::npos) << log;
  ASSERT_NE(middle, std::string::npos);
  ASSERT_NE(oldest, std::string::npos);
  EXPECT_LT(newest, middle);
  EXPECT_LT(middle, oldest);
}

TEST_F(ReadersTest, WithdrawnStoryAnswers410) {
  Article a = Publish("Banjir di Jakarta");
  Article b = Publish("Timnas menang");
  const std::string path = urls_.Article(a.slug);
  ASSERT_EQ(Get(path).status, 200);
  a.status = ArticleStatus::kDraft;
  a.withdrawn_reason = "Sumber membantah pernyataannya.";
  ASSERT_TRUE(newsroom_.Save(a).ok());
  site_->Invalidate();
  http::Response gone = Get(path);
  EXPECT_EQ(gone.status, 410);
  EXPECT_NE(Body(gone).find("ditarik"), std::string::npos);
  EXPECT_NE(Body(gone).find("Sumber membantah"), std::string::npos);

  // A trashed story reads as deleted (404), as does a draft never
  // published.
  ASSERT_TRUE(newsroom_.Trash(b.id).ok());
  site_->Invalidate();
  EXPECT_EQ(Get(urls_.Article(b.slug)).status, 404);
  Article draft;
  draft.title = "Draf rahasia";
  auto d = newsroom_.Save(draft);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(Get(urls_.Article(d->slug)).status, 404);

  // Published again: the page is back.
  auto again = store_.store().GetArticle(a.id);
  ASSERT_TRUE(again.ok());
  again->status = ArticleStatus::kPublished;
  ASSERT_TRUE(newsroom_.Save(*again).ok());
  site_->Invalidate();
  EXPECT_EQ(Get(path).status, 200);
}

}  // namespace
}  // namespace warta::site
