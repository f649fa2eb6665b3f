#include "site/site.h"

#include <gtest/gtest.h>

#include <thread>

#include "base/strings.h"
#include "base/time.h"
#include "feeds/feed.h"
#include "http/compression.h"
#include "http/prepared.h"
#include "index/live_index.h"
#include "newsroom/newsroom.h"
#include "render/theme.h"
#include "store/sqlite/testing/temp_sqlite_store.h"

namespace warta::site {
namespace {

class SiteTest : public ::testing::Test {
 protected:
  void MakeSite(Language lang = Language::kIndonesian) {
    SiteOptions options;
    options.name = "KABARIN";
    options.language = lang;
    site_ =
        std::make_unique<Site>(store_.store(), *theme_, urls_, clock_, options);
    router_ = std::make_unique<http::Router>();
    site_->Register(*router_);
  }

  // `body` "" gives two short paragraphs about the title.
  Article Publish(const std::string& title,
                  const std::string& category = "Internasional",
                  const std::string& body = "") {
    Article a;
    a.title = title;
    a.body = !body.empty() ? body
                           : "Paragraf **pertama** tentang " + title +
                                 ".\n\nParagraf kedua.";
    a.dateline_city = "Seoul";
    a.category = Category{0, "", category, ""};
    a.authors = {Author{0, "", "Rina Wulandari", "", ""}};
    a.status = ArticleStatus::kPublished;
    a.published_at = clock_.Now() - 60;
    auto saved = newsroom_->Save(a);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return *saved;
  }

  http::Response Get(const std::string& target) {
    http::Request req;
    req.method = http::Method::kGet;
    req.target = target;
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    req.query = q == std::string::npos ? "" : target.substr(q + 1);
    return router_->Route(req);
  }
  http::Response GetEncoded(const std::string& path, std::string accept) {
    http::Request req;
    req.method = http::Method::kGet;
    req.target = req.path = path;
    req.headers.emplace_back("accept-encoding", std::move(accept));
    return router_->Route(req);
  }
  static std::string Body(const http::Response& r) {
    return r.body ? *r.body : "";
  }

  FakeClock clock_{*ParseIso8601("2025-09-29T03:15:00Z")};
  TempSqliteStore store_{clock_};
  std::unique_ptr<Newsroom> newsroom_ =
      std::make_unique<Newsroom>(store_.store(), clock_, "KABARIN");
  std::unique_ptr<render::Theme> theme_ = std::move(*render::Theme::Load(""));
  Urls urls_{"https://kabarin.id"};
  std::unique_ptr<Site> site_;
  std::unique_ptr<http::Router> router_;
};

TEST_F(SiteTest, ArticlePageHasEveryPart) {
  Article a = Publish("Korea Utara dan China bahas kerja sama");
  for (int i = 0; i < 8; ++i) Publish("Berita lain " + std::to_string(i));
  MakeSite();
  http::Response r = Get("/berita/" + a.slug);
  ASSERT_EQ(r.status, 200);
  std::string html = Body(r);
  EXPECT_NE(
      html.find("<h1 id=\"judul\">Korea Utara dan China bahas kerja sama</h1>"),
      std::string::npos);
  EXPECT_NE(html.find("Senin, 29 September 2025 10:14 WIB"), std::string::npos);
  EXPECT_NE(html.find("waktu baca 1 menit"), std::string::npos);
  EXPECT_NE(
      html.find("<p><span class=\"dateline\">Seoul (KABARIN) -</span> Paragraf "
                "<strong>pertama</strong>"),
      std::string::npos);
  EXPECT_NE(
      html.find("<link rel=\"canonical\" href=\"https://kabarin.id/berita/" +
                a.slug),
      std::string::npos);
  EXPECT_NE(html.find("Mungkin Kamu Suka"), std::string::npos);
  // Six related, none of them the article itself.
  size_t related = html.find("id=\"terkait\"");
  ASSERT_NE(related, std::string::npos);
  std::string rel = html.substr(related);
  int cards = 0;
  for (size_t p = rel.find("class=\"card\""); p != std::string::npos;
       p = rel.find("class=\"card\"", p + 1))
    ++cards;
  EXPECT_EQ(cards, 6);
  EXPECT_EQ(rel.find("/berita/" + a.slug + "\""), std::string::npos);
  EXPECT_FALSE(r.Header("ETag").empty());
  // Asked for no coding: none made (ColdRenderMakesOnlyTheCodingItsReader-
  // Wants below).
  EXPECT_EQ(r.body_gzip, nullptr);
  EXPECT_EQ(r.body_brotli, nullptr);
}

// A story saved while the routes were others (an older warta: articles
// under /artikel/, the search at /search) shows its links to the site's
// pages with today's routes, on the page and in the feeds: they were saved
// with the stable reference beside the URL of that day.
TEST_F(SiteTest, StoredLinksFollowTodaysRoutes) {
  Article other = Publish("Pompa baru siaga");
  Newsroom old_routes(
      store_.store(), clock_, "KABARIN",
      [](std::string_view q) { return "/search?query=" + UrlEncode(q); },
      [](std::string_view href) -> std::string {
        if (href.substr(0, 9) == "/artikel/")
          return "article:" + std::string(href.substr(9));
        if (href.substr(0, 14) == "/search?query=")
          return "search:" + std::string(href.substr(14));
        return "";
      });
  Article a;
  a.title = "Banjir surut";
  a.body =
      "Air surut.\n\nBaca juga: Harga Cabai\n\nSimak juga: [Pompa](/artikel/" +
      other.slug + ")\n\nLihat [ini](https://lain.id/artikel/x).";
  a.status = ArticleStatus::kPublished;
  a.published_at = clock_.Now() - 30;
  auto saved = old_routes.Save(a);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  ASSERT_NE(saved->html.find("/search?query=Harga%20Cabai"), std::string::npos);
  MakeSite();
  const std::string page = Body(Get("/berita/" + saved->slug));
  EXPECT_NE(page.find("<a href=\"/cari?q=Harga%20Cabai\">Harga Cabai</a>"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("<a href=\"/berita/" + other.slug + "\">Pompa</a>"),
            std::string::npos);
  EXPECT_NE(page.find("href=\"https://lain.id/artikel/x\""), std::string::npos);
  EXPECT_EQ(page.find("/search?query="), std::string::npos);
  EXPECT_EQ(page.find("data-ref"), std::string::npos);
  const std::string feed = feeds::ItemFromArticle(*saved, urls_).content_html;
  EXPECT_NE(feed.find("https://kabarin.id/cari?q=Harga%20Cabai"),
            std::string::npos)
      << feed;
  EXPECT_EQ(feed.find("/search?query="), std::string::npos);
  EXPECT_EQ(feed.find("data-ref"), std::string::npos);
}

TEST_F(SiteTest, ServesFromCacheUntilContentChanges) {
  Article a = Publish("Judul pertama");
  MakeSite();
  Newsroom::Subscription listener =
      newsroom_->Subscribe([this](const Article&) { site_->Invalidate(); });
  http::Response first = Get("/berita/" + a.slug);
  http::Response second = Get("/berita/" + a.slug);
  EXPECT_EQ(first.body.get(), second.body.get())
      << "the second view comes from the cache";
  a.title = "Judul diperbaiki";
  ASSERT_TRUE(newsroom_->Save(a).ok());
  EXPECT_NE(Body(Get("/berita/" + a.slug)).find("Judul diperbaiki"),
            std::string::npos);
}

// A cold render compresses only what its reader asked for; another coding
// is made by the first request that wants it, once, and then served from
// the cache like the others.
TEST_F(SiteTest, ColdRenderMakesOnlyTheCodingItsReaderWants) {
  Article a = Publish("Banjir surut di 38 RT");
  for (int i = 0; i < 4; ++i) Publish("Berita lain " + std::to_string(i));
  MakeSite();
  const std::string path = "/berita/" + a.slug;
  http::Response cold = GetEncoded(path, "gzip, deflate, br");
  ASSERT_EQ(cold.status, 200);
  ASSERT_TRUE(cold.body_brotli);
  EXPECT_FALSE(cold.body_gzip) << "gzip was made for nobody";
  EXPECT_FALSE(cold.prepared) << "a render, not a hit";

  // Concurrent gzip readers: one compresses, none compresses twice.
  std::vector<http::Response> gzipped(6);
  std::vector<std::thread> readers;
  for (auto& r : gzipped) {
    readers.emplace_back([&, path] { r = GetEncoded(path, "gzip"); });
  }
  for (auto& t : readers) t.join();
  const std::string* gzip_body = nullptr;
  for (const http::Response& r : gzipped) {
    ASSERT_TRUE(r.prepared);
    if (!r.prepared->has_gzip) continue;  // served while it was being made
    if (!gzip_body) gzip_body = r.prepared->source.body_gzip.get();
    EXPECT_EQ(r.prepared->source.body_gzip.get(), gzip_body);
  }
  ASSERT_NE(gzip_body, nullptr) << "the request that made it got it";
  http::Response later = GetEncoded(path, "gzip");
  ASSERT_TRUE(later.prepared);
  ASSERT_TRUE(later.prepared->has_gzip);
  EXPECT_EQ(later.prepared->source.body_gzip.get(), gzip_body);
  EXPECT_EQ(later.prepared->source.body_brotli, cold.body_brotli)
      << "brotli is kept, not made again";
  EXPECT_EQ(*http::GzipDecompress(*later.prepared->source.body_gzip),
            *cold.body);
  EXPECT_EQ(later.prepared->etag, cold.Header("ETag"));

  // Without Accept-Encoding nothing is compressed at all.
  Article b = Publish("Harga cabai turun");
  http::Response plain = Get("/berita/" + b.slug);
  ASSERT_EQ(plain.status, 200);
  EXPECT_FALSE(plain.body_gzip);
  EXPECT_FALSE(plain.body_brotli);
  http::Response br = GetEncoded("/berita/" + b.slug, "br");
  ASSERT_TRUE(br.prepared);
  EXPECT_TRUE(br.prepared->has_brotli);
  EXPECT_FALSE(br.prepared->has_gzip);
  EXPECT_EQ(*http::BrotliDecompress(*br.prepared->source.body_brotli),
            *plain.body);
}

TEST_F(SiteTest, NoticesWritesFromOtherProcessesWithinASecond) {
  Article a = Publish("Versi satu");
  MakeSite();
  EXPECT_NE(Body(Get("/berita/" + a.slug)).find("Versi satu"),
            std::string::npos);
  // Another process writes straight to the store; no listener is told.
  a.title = "Versi dua";
  ASSERT_TRUE(store_->SaveArticle(a).ok());
  EXPECT_NE(Body(Get("/berita/" + a.slug)).find("Versi satu"),
            std::string::npos);
  clock_.Advance(1);
  EXPECT_NE(Body(Get("/berita/" + a.slug)).find("Versi dua"),
            std::string::npos);
}

TEST_F(SiteTest, EnglishLocale) {
  Article a = Publish("Kabar dalam dua bahasa");
  MakeSite(Language::kEnglish);
  std::string html = Body(Get("/berita/" + a.slug));
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("Monday, 29 September 2025 10:14 WIB"),
            std::string::npos);
  EXPECT_NE(html.find("1 min read"), std::string::npos);
  EXPECT_NE(html.find(">Share</h2>"), std::string::npos);
}

TEST_F(SiteTest, ScheduledAndFutureArticlesStayHidden) {
  Article a = Publish("Belum waktunya");
  a.published_at = clock_.Now() + 3600;
  ASSERT_TRUE(newsroom_->Save(a).ok());
  MakeSite();
  EXPECT_EQ(Get("/berita/" + a.slug).status, 404);
  EXPECT_EQ(Body(Get("/")).find("Belum waktunya"), std::string::npos);
}

TEST_F(SiteTest, RelatedFallsBackToNewestElsewhere) {
  Article a = Publish("Satu-satunya di rubriknya", "Sains");
  Publish("Di rubrik lain", "Ekonomi");
  MakeSite();
  std::string html = Body(Get("/berita/" + a.slug));
  EXPECT_NE(html.find("Di rubrik lain"), std::string::npos);
}

TEST_F(SiteTest, HealthAndErrors) {
  MakeSite();
  http::Response h = Get("/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(Body(h), "{\"status\":\"ok\"}\n");
  http::Response nf = Get("/berita/tidak-ada");
  EXPECT_EQ(nf.status, 404);
  EXPECT_NE(Body(nf).find("Halaman tidak ditemukan"), std::string::npos);
  EXPECT_EQ(nf.Header("Cache-Control"), "no-store");
  EXPECT_EQ(Get("/tag/x?page=0").status, 404);
}

TEST_F(SiteTest, NotFoundPageOffersTheLatestFromTheCache) {
  Publish("Banjir rob di Muara Baru");
  MakeSite();
  Newsroom::Subscription listener =
      newsroom_->Subscribe([this](const Article&) { site_->Invalidate(); });
  http::Response first = Get("/berita/tidak-ada");
  EXPECT_EQ(first.status, 404);
  EXPECT_EQ(first.Header("ETag"), "");
  std::string html = Body(first);
  EXPECT_NE(html.find("class=\"error-page\""), std::string::npos);
  EXPECT_NE(html.find("class=\"wrap-narrow error-content\""),
            std::string::npos);
  EXPECT_NE(html.find("Banjir rob di Muara Baru"), std::string::npos);
  EXPECT_NE(html.find("action=\"/cari\""), std::string::npos);
  http::Response second = Get("/kategori/tidak-ada");
  EXPECT_EQ(first.body.get(), second.body.get()) << "one render, cached";
  Publish("Gempa terasa di Cianjur");
  EXPECT_NE(Body(Get("/berita/tidak-ada")).find("Gempa terasa di Cianjur"),
            std::string::npos);
}

TEST_F(SiteTest, PinnedLeadLeadsUntilItExpiresWithoutAWrite) {
  Article pinned = Publish("Sidang kabinet bahas anggaran");
  clock_.Advance(60);
  Article top = Publish("Harga beras turun", "Ekonomi");
  clock_.Advance(60);
  Article newest = Publish("Timnas menang tipis", "Olahraga");
  HomePins pins;
  pins.lead = pinned.id;
  pins.lead_until = clock_.Now() + 20;  // sooner than Terpopuler's refresh
  pins.top = {top.id};
  ASSERT_TRUE(store_.store().SetHomePins(pins).ok());
  MakeSite();
  std::string html = Body(Get("/"));
  size_t lead = html.find("class=\"lead-story\"");
  ASSERT_NE(lead, std::string::npos);
  EXPECT_LT(lead, html.find(pinned.title));
  EXPECT_LT(html.find(pinned.title), html.find(top.title));
  EXPECT_LT(html.find(top.title), html.find(newest.title));
  EXPECT_NE(html.find("Berita Utama"), std::string::npos);
  clock_.Advance(19);
  EXPECT_LT(Body(Get("/")).find(pinned.title), html.find(top.title));
  // Past the expiry the cached page is due: the newest leads again.
  clock_.Advance(2);
  html = Body(Get("/"));
  EXPECT_LT(html.find("class=\"lead-story\""), html.find(newest.title));
  EXPECT_LT(html.find(newest.title), html.find(top.title));
  EXPECT_LT(html.find(top.title), html.find(pinned.title));
}

// While the search index is being built (a first start, or damaged index
// files), search answers 503 and says so; other pages are not blocked.
TEST_F(SiteTest, SearchAnswers503UntilTheIndexIsReady) {
  Article article = Publish("Banjir rendam ratusan rumah");
  MakeSite();
  text::Analyzer analyzer(text::DefaultStemmer());
  index::LiveIndex index(store_.store(), analyzer);
  site_->SetSearch(&index, &analyzer);
  ASSERT_FALSE(index.ready());
  http::Response api = Get("/api/search?q=banjir");
  EXPECT_EQ(api.status, 503);
  EXPECT_EQ(api.Header("Retry-After"), "5");
  EXPECT_EQ(Body(api),
            "{\"error\":\"search index is being built\",\"retry_after\":5}\n");

  http::Response page = Get("/cari?q=banjir");
  EXPECT_EQ(page.status, 503);
  EXPECT_EQ(page.Header("Retry-After"), "5");
  EXPECT_NE(Body(page).find("Indeks pencarian sedang disiapkan"),
            std::string::npos);
  EXPECT_EQ(Get("/cari").status, 200);  // the form itself

  // Pages do not wait for the index.
  EXPECT_EQ(Get("/").status, 200);
  EXPECT_EQ(Get("/berita/" + article.slug).status, 200);

  ASSERT_TRUE(index.Build().ok());
  EXPECT_EQ(Get("/api/search?q=banjir").status, 200);
  http::Response found = Get("/cari?q=banjir");
  EXPECT_EQ(found.status, 200);
  EXPECT_NE(Body(found).find("rendam ratusan rumah"), std::string::npos)
      << Body(found);
}

// A search result's snippet comes from the whole plain text (not only the
// start a card carries) and its card from the list read: a word only at the
// end of a long story is found and marked on the page and in the API,
// beside the card's title, link and category.
TEST_F(SiteTest, SearchSnippetsReachTheEndOfALongStory) {
  std::string body;
  for (int i = 0; i < 40; ++i) body += "Hujan turun sejak pagi di kota. ";
  Article saved =
      Publish("Warga desa berkumpul", "Internasional",
              body + "\n\nAkhirnya warga menyuarakan protes mereka.");
  ASSERT_GT(saved.plaintext.size(), 1200u);
  MakeSite();
  text::Analyzer analyzer(text::DefaultStemmer());
  index::LiveIndex index(store_.store(), analyzer);
  site_->SetSearch(&index, &analyzer);
  ASSERT_TRUE(index.Build().ok());

  std::string api = Body(Get("/api/search?q=suara"));
  EXPECT_NE(api.find("\"url\":\"/berita/" + saved.slug + "\""),
            std::string::npos)
      << api;
  EXPECT_NE(api.find("Akhirnya warga <mark>menyuarakan</mark>"),
            std::string::npos)
      << api;
  EXPECT_NE(api.find("\"category\":\"Internasional\""), std::string::npos);
  std::string page = Body(Get("/cari?q=suara"));
  EXPECT_NE(page.find("Akhirnya warga <mark>menyuarakan</mark>"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("/berita/" + saved.slug), std::string::npos);
  EXPECT_NE(page.find("Warga desa berkumpul"), std::string::npos);
}

}  // namespace
}  // namespace warta::site
