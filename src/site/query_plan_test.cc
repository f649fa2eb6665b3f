// Every statement the public read paths prepare reads a bounded index range:
// no full SCAN of a table that grows with the archive (issue 10). Renders
// each kind of public page with the sqlite store, records the SQL it
// prepared and checks EXPLAIN QUERY PLAN of each statement.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>

#include "base/time.h"
#include "newsroom/newsroom.h"
#include "render/theme.h"
#include "site/distribution.h"
#include "site/site.h"
#include "store/sqlite/testing/query_plans.h"
#include "store/sqlite/testing/temp_sqlite_store.h"

namespace warta::site {
namespace {

// Tables (or aliases of them) a read may scan: they hold a row per
// category, setting or month, not per article.
const std::set<std::string> kSmallTables = {
    "categories", "meta",     "settings",     "sitemap_months",
    "json_each",  "CONSTANT", "feed_versions"};

class QueryPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* categories[] = {"Politik", "Olahraga", "Ekonomi"};
    for (int i = 0; i < 30; ++i) {
      Article a;
      a.title = "Berita nomor " + std::to_string(i);
      a.body = "Isi berita nomor " + std::to_string(i) + ".\n\nParagraf.";
      a.category = Category{0, "", categories[i % 3], ""};
      a.tags = {Tag{0, "", "Pemilu"}, Tag{0, "", "Tag " + std::to_string(i)}};
      a.authors = {Author{0, "", i % 2 ? "Rina" : "Budi", "", ""}};
      a.status = ArticleStatus::kPublished;
      a.published_at = clock_.Now() - 3600 * (30 - i);
      auto saved = newsroom_.Save(a);
      ASSERT_TRUE(saved.ok()) << saved.status().ToString();
      slugs_.push_back(saved->slug);
      if (i == 0) {
        // An old slug: the article page answers a redirect.
        saved->slug = "berita-nomor-nol";
        ASSERT_TRUE(newsroom_.Save(*saved).ok());
        slugs_.push_back("berita-nomor-nol");
      }
      if (i == 1 || i == 2) {
        saved->correction = "Koreksi nomor dua.";
        ASSERT_TRUE(newsroom_.Save(*saved).ok());
      }
    }
    {
      // A withdrawn story (its page answers 410), beside the thirty.
      Article w;
      w.title = "Berita yang ditarik";
      w.status = ArticleStatus::kPublished;
      w.published_at = clock_.Now() - 600;
      auto saved = newsroom_.Save(w);
      ASSERT_TRUE(saved.ok());
      saved->status = ArticleStatus::kDraft;
      saved->withdrawn_reason = "Alasan.";
      ASSERT_TRUE(newsroom_.Save(*saved).ok());
      slugs_.push_back(saved->slug);
    }
    SiteOptions options;
    options.name = "KABARIN";
    options.page_size = 5;
    site_ =
        std::make_unique<Site>(store_.store(), *theme_, urls_, clock_, options);
    distribution_ = std::make_unique<Distribution>(*site_);
    router_ = std::make_unique<http::Router>();
    site_->Register(*router_);
    distribution_->Register(*router_);
  }

  http::Response Get(const std::string& target) {
    http::Request req;
    req.method = http::Method::kGet;
    req.target = target;
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    req.query = q == std::string::npos ? "" : target.substr(q + 1);
    req.headers = {
        {"user-agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"}};
    return router_->Route(req);
  }

  FakeClock clock_{*ParseIso8601("2025-09-29T03:15:00Z")};
  TempSqliteStore store_{clock_};
  Newsroom newsroom_{store_.store(), clock_, "KABARIN"};
  std::unique_ptr<render::Theme> theme_ = std::move(*render::Theme::Load(""));
  Urls urls_{"https://kabarin.id"};
  std::unique_ptr<Site> site_;
  std::unique_ptr<Distribution> distribution_;
  std::unique_ptr<http::Router> router_;
  std::vector<std::string> slugs_;

  // No statement of `statements` reads a table that grows with the archive
  // whole (SCAN, even along an index) or every article of a status.
  void ExpectBoundedPlans(const std::set<std::string>& statements) {
    for (const std::string& sql : statements) {
      auto plan = ExplainQueryPlan(store_.dir() + "/warta.db", sql);
      ASSERT_TRUE(plan.ok()) << sql << ": " << plan.status().ToString();
      for (const std::string& step : *plan) {
        // An index search on the status alone reads every published
        // article: a full scan in all but name.
        EXPECT_EQ(step.find("(status=?)"), std::string::npos)
            << "every article of a status (" << step << ") in:\n"
            << sql;
        if (step.rfind("SCAN ", 0) != 0) continue;
        std::string table = step.substr(5, step.find(' ', 5) - 5);
        EXPECT_TRUE(kSmallTables.count(table))
            << "a full scan of " << table << " (" << step << ") in:\n"
            << sql;
      }
    }
  }
};

TEST_F(QueryPlanTest, PublicPagesReadBoundedIndexRanges) {
  PreparedSqlRecorder recorder;
  std::vector<std::string> paths = {
      "/",
      "/kategori/politik",
      "/kategori/politik?page=2",
      "/tag/pemilu",
      "/tag/pemilu?page=3",
      "/penulis/rina",
      "/rss.xml",
      "/atom.xml",
      "/feed.json",
      "/kategori/politik/rss.xml",
      "/tag/pemilu/atom.xml",
      "/penulis/rina/feed.json",
      "/sitemap-news.xml",
      "/robots.txt",
      "/koreksi",
      "/koreksi?page=2",
      "/indeks",
      "/indeks?tanggal=2025-09-28",
      "/indeks?tanggal=2025-09-28&page=2",
      "/indeks?tanggal=2025-09-28&kategori=politik",
      "/api/popular",
      "/api/popular?window=7d"};
  for (const std::string& slug : slugs_) paths.push_back("/berita/" + slug);
  // The sitemap index and every child sitemap it names.
  http::Response index = Get("/sitemap.xml");
  ASSERT_EQ(index.status, 200);
  std::regex loc("<loc>https://kabarin.id(/sitemap-[^<]+)</loc>");
  for (std::sregex_iterator it(index.body->begin(), index.body->end(), loc);
       it != std::sregex_iterator(); ++it) {
    paths.push_back((*it)[1]);
  }
  // Views of a few articles, so Terpopuler has rows to read.
  for (int i = 0; i < 5; ++i) Get("/berita/" + slugs_[i]);
  ASSERT_TRUE(site_->views().Flush().ok());
  int ok = 0;
  for (const std::string& p : paths) {
    http::Response r = Get(p);
    EXPECT_LT(r.status, 500) << p;
    if (r.status == 200 || r.status == 301) ++ok;
  }
  EXPECT_GE(ok, static_cast<int>(paths.size()) - 4);
  // A deep list page (from offset 1000 ListListed skips whole months by
  // their counts), newest and oldest first.
  ArticleQuery deep;
  deep.status = ArticleStatus::kPublished;
  deep.published_before = clock_.Now();
  deep.one_per_duplicate_cluster = true;
  deep.category_id = store_.store().GetCategoryBySlug("politik")->id;
  deep.offset = 1000;
  deep.limit = 5;
  for (auto order :
       {ArticleQuery::Order::kNewest, ArticleQuery::Order::kOldest}) {
    deep.order = order;
    EXPECT_TRUE(store_.store().ListArticles(deep).ok());
  }

  std::set<std::string> statements = recorder.statements();
  ASSERT_GT(statements.size(), 10u);
  EXPECT_TRUE(std::any_of(
      statements.begin(), statements.end(), [](const std::string& sql) {
        return sql.find("FROM listing_months") != std::string::npos;
      }));
  ExpectBoundedPlans(statements);
}

// A card (the related box of an article page, an entry of a list page) is
// read from article_cards (migration 061), never from the articles rows:
// there the card's columns sit past the body, html and plain text, and at 1M
// reading them walked each row's overflow pages on every cold page. Only the
// article a page shows in full (its body) may open the articles table; the
// links (authors, tags) are read from indexes alone.
TEST_F(QueryPlanTest, CardsAreReadWithoutTheArticlesRows) {
  PreparedSqlRecorder recorder;
  const std::vector<std::string> paths = {"/",
                                          "/kategori/politik",
                                          "/kategori/politik?page=2",
                                          "/tag/pemilu",
                                          "/penulis/rina",
                                          "/indeks",
                                          "/berita/" + slugs_[5]};
  for (const std::string& p : paths) {
    http::Response r = Get(p);
    ASSERT_EQ(r.status, 200) << p;
  }
  // The related box showed cards (read by id, from article_cards).
  http::Response article = Get("/berita/" + slugs_[5]);
  const std::string& html = *article.body;
  const size_t related = html.find("class=\"related");
  ASSERT_NE(related, std::string::npos);
  EXPECT_NE(html.find("<li class=\"card", related), std::string::npos);
  int card_reads = 0;
  for (const std::string& sql : recorder.statements()) {
    auto btrees = BtreesRead(store_.dir() + "/warta.db", sql);
    ASSERT_TRUE(btrees.ok()) << sql << ": " << btrees.status().ToString();
    card_reads += btrees->count("article_cards");
    // Authors and tags come from the by-article indexes alone.
    EXPECT_FALSE(btrees->count("article_tags") ||
                 btrees->count("article_authors"))
        << "reads link rows, not an index of them:\n"
        << sql;
    if (!btrees->count("articles")) continue;
    EXPECT_NE(sql.find("a.body, derived_text(a.body, a.html), "
                       "derived_text(a.body, a.plaintext)"),
              std::string::npos)
        << "reads article rows, not their cards:\n"
        << sql;
  }
  EXPECT_GE(card_reads, 1);
}

// The server follows the change logs all day (the search index every
// 250 ms, the page cache on every request's refresh): each poll must read
// the range of the log after what it has seen, not the whole log. At 1M the
// article log's GROUP BY walked the by-article index of every change ever
// made: 22% of a serving node's CPU.
TEST_F(QueryPlanTest, ChangeFollowersReadTheTailOfTheLog) {
  PreparedSqlRecorder recorder;
  auto all = store_.store().ArticleChangesSince(0, 1000);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_GE(all->size(), 31u);
  auto tail = store_.store().ArticleChangesSince((*all)[20].seq, 1000);
  ASSERT_TRUE(tail.ok());
  EXPECT_EQ(tail->size(), all->size() - 21);
  auto pages = store_.store().PageChangesSince((*all)[20].seq, 5000);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  EXPECT_FALSE(pages->keys.empty());
  std::set<std::string> statements = recorder.statements();
  ASSERT_GE(statements.size(), 2u);
  ExpectBoundedPlans(statements);
}

// Walks through the whole archive (the search index's full build, reindex)
// read it in id order, a page at a time: each page must be a range of the
// rowid, not every published article sorted again (quadratic at 1M).
TEST_F(QueryPlanTest, ArchiveWalksReadARangeOfIdsPerPage) {
  PreparedSqlRecorder recorder;
  std::int64_t after = 0;
  int seen = 0;
  while (true) {
    auto page = store_.store().ScanPublishedArticles(after, 7);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    if (page->empty()) break;
    seen += static_cast<int>(page->size());
    after = page->back().id;
  }
  EXPECT_EQ(seen, 30);
  for (const std::string& sql : recorder.statements()) {
    if (sql.find("FROM articles") == std::string::npos) continue;
    auto plan = ExplainQueryPlan(store_.dir() + "/warta.db", sql);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    std::string all;
    for (const std::string& step : *plan) all += step + "\n";
    EXPECT_EQ(all.find("TEMP B-TREE"), std::string::npos) << sql << "\n" << all;
    EXPECT_NE(all.find("INTEGER PRIMARY KEY (rowid>?)"), std::string::npos)
        << sql << "\n"
        << all;
  }
}

// The media library's newest uploads (GET /api/admin/images) come from the
// media rows, not a listing of DATA/media: read backwards along
// media_created_at and stopped at the limit, never sorted whole.
TEST_F(QueryPlanTest, MediaLibraryReadsTheNewestRowsAlongAnIndex) {
  for (int i = 0; i < 8; ++i) {
    const std::string stem = "2025/09/" + std::to_string(1000 + i) + "-8x8";
    ASSERT_TRUE(store_.store().PutMedia(stem + "-o.png", "").ok());
    ASSERT_TRUE(store_.store().PutMedia(stem + "-320w.webp", "").ok());
    clock_.Advance(1);
  }
  PreparedSqlRecorder recorder;
  auto recent = store_.store().ListRecentMedia(3);
  ASSERT_TRUE(recent.ok()) << recent.status().ToString();
  ASSERT_EQ(recent->size(), 3u);
  EXPECT_EQ((*recent)[0].path, "2025/09/1007-8x8-o.png");
  int reads = 0;
  for (const std::string& sql : recorder.statements()) {
    if (sql.find("FROM media") == std::string::npos) continue;
    ++reads;
    auto plan = ExplainQueryPlan(store_.dir() + "/warta.db", sql);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    std::string all;
    for (const std::string& step : *plan) all += step + "\n";
    EXPECT_NE(all.find("INDEX media_created_at"), std::string::npos)
        << sql << "\n"
        << all;
    EXPECT_EQ(all.find("TEMP B-TREE"), std::string::npos) << sql << "\n" << all;
  }
  EXPECT_EQ(reads, 1);
}

}  // namespace
}  // namespace warta::site
