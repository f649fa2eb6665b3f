#include "site/page_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace warta::site {
namespace {

std::shared_ptr<const CachedPage> Page(const std::string& body) {
  return MakeCachedPage(200, "text/html", body, "public, max-age=60");
}

std::string Html(std::size_t n) {
  std::string html = "<p>";
  while (html.size() < n) html += "Banjir surut di Jakarta Utara. ";
  return html + "</p>";
}

// The cold render makes only the coding asked for; WithCoding adds one
// later with the same ETag, and the prepared variants say the right
// Content-Encoding, Content-Length and Vary for each.
TEST(PageCacheTest, ACodingAddedLaterKeepsETagAndHeadsRight) {
  auto br_only =
      MakeCachedPage(200, "text/html", Html(4000), "public", kBrotliBit);
  br_only->Prepare();
  EXPECT_TRUE(br_only->body_brotli);
  EXPECT_FALSE(br_only->body_gzip);
  EXPECT_EQ(br_only->missing, kGzipBit);
  auto Choose = [](const CachedPage& page, std::string_view accept) {
    http::Request req;
    req.method = http::Method::kGet;
    req.headers.emplace_back("accept-encoding", std::string(accept));
    return http::ChoosePrepared(*page.prepared, req);
  };
  // Until gzip is made, a gzip-only client gets the page as is.
  http::PreparedChoice plain = Choose(*br_only, "gzip");
  EXPECT_EQ(plain.head.find("Content-Encoding"), std::string_view::npos);
  EXPECT_NE(plain.head.find("Vary: Accept-Encoding\r\n"),
            std::string_view::npos);
  EXPECT_EQ(plain.body, *br_only->body);

  std::shared_ptr<const CachedPage> full =
      WithCoding(*br_only, http::Coding::kGzip);
  EXPECT_EQ(full->missing, 0u);
  EXPECT_EQ(full->etag, br_only->etag);
  EXPECT_EQ(full->body_brotli, br_only->body_brotli) << "shared, not redone";
  ASSERT_TRUE(full->body_gzip);
  EXPECT_EQ(*http::GzipDecompress(*full->body_gzip), *full->body);
  for (auto [accept, coding, body] :
       {std::tuple{"gzip", "gzip", full->body_gzip},
        std::tuple{"gzip, br", "br", full->body_brotli},
        std::tuple{"", "", full->body}}) {
    http::PreparedChoice c = Choose(*full, accept);
    EXPECT_EQ(c.body, *body) << accept;
    std::string length =
        "Content-Length: " + std::to_string(body->size()) + "\r\n";
    EXPECT_NE(c.head.find(length), std::string_view::npos) << accept;
    EXPECT_NE(c.head.find("ETag: " + full->etag + "\r\n"),
              std::string_view::npos)
        << accept;
    EXPECT_NE(c.head.find("Vary: Accept-Encoding\r\n"), std::string_view::npos)
        << accept;
    std::string_view expected_coding = coding;
    EXPECT_EQ(c.head.find("Content-Encoding: ") != std::string_view::npos,
              !expected_coding.empty())
        << accept;
    if (!expected_coding.empty()) {
      EXPECT_NE(c.head.find("Content-Encoding: " + std::string(coding)),
                std::string_view::npos);
    }
  }
  // A small page is never compressed, so nothing is missing.
  EXPECT_EQ(MakeCachedPage(200, "text/html", "<p>kecil</p>", "", 0)->missing,
            0u);
}

TEST(PageCacheTest, ReplaceSwapsOnlyThePageItWasMadeFrom) {
  PageCache cache(1 << 20);
  auto identity = MakeCachedPage(200, "text/html", Html(4000), "public", 0);
  cache.Insert("/a", identity, cache.generation(), {"a:1"}, 100);
  std::shared_ptr<const CachedPage> br =
      WithCoding(*identity, http::Coding::kBrotli);
  EXPECT_FALSE(cache.Replace("/a", br.get(), br)) << "not the cached page";
  EXPECT_TRUE(cache.Replace("/a", identity.get(), br));
  EXPECT_EQ(cache.Find("/a"), br);
  EXPECT_EQ(cache.stats().bytes, br->bytes);
  // Dependencies and refresh time stay.
  EXPECT_TRUE(cache.Lookup("/a", 100).refresh_due);
  cache.Invalidate({"a:1"});
  EXPECT_EQ(cache.Find("/a"), nullptr);
  EXPECT_FALSE(cache.Replace("/a", br.get(), identity)) << "gone";
}

TEST(PageCacheTest, OneCallerClaimsEachMissingCoding) {
  auto page = MakeCachedPage(200, "text/html", Html(4000), "public", 0);
  std::atomic<int> gzip_claims{0}, br_claims{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (page->ClaimCoding(http::Coding::kGzip)) ++gzip_claims;
      if (page->ClaimCoding(http::Coding::kBrotli)) ++br_claims;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(gzip_claims, 1);
  EXPECT_EQ(br_claims, 1);
}

TEST(PageCacheTest, DropsOnlyThePagesRenderedFromAChangedKey) {
  PageCache cache(1 << 20);
  cache.Insert("/a", Page("a"), cache.generation(), {"a:1", "c:2"});
  cache.Insert("/b", Page("b"), cache.generation(), {"a:2", "c:2"});
  cache.Insert("/c", Page("c"), cache.generation(), {"a:3", "c:4"});
  cache.Invalidate(std::vector<std::string>{"a:1"});
  EXPECT_EQ(cache.Find("/a"), nullptr);
  EXPECT_NE(cache.Find("/b"), nullptr);
  EXPECT_NE(cache.Find("/c"), nullptr);

  cache.Invalidate(std::vector<std::string>{"c:2", "u:9"});
  EXPECT_EQ(cache.Find("/b"), nullptr);
  EXPECT_NE(cache.Find("/c"), nullptr);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.stats().invalidations, 2u);
}

TEST(PageCacheTest, SiteAndNavDropEverything) {
  for (const char* key : {"site", "nav"}) {
    PageCache cache(1 << 20);
    cache.Insert("/a", Page("a"), cache.generation(), {"a:1"});
    cache.Insert("/b", Page("b"), cache.generation(), {"c:2"});
    cache.Invalidate(std::vector<std::string>{key});
    EXPECT_EQ(cache.size(), 0u) << key;
  }
}

TEST(PageCacheTest, APageWithoutDepsDependsOnPub) {
  PageCache cache(1 << 20);
  cache.Insert("/sitemap.xml", Page("s"), cache.generation());
  cache.Invalidate(std::vector<std::string>{"a:1"});
  EXPECT_NE(cache.Find("/sitemap.xml"), nullptr);
  cache.Invalidate(std::vector<std::string>{"pub"});
  EXPECT_EQ(cache.Find("/sitemap.xml"), nullptr);
}

TEST(PageCacheTest, RefusesAPageRenderedBeforeAnInvalidationOfItsKeys) {
  PageCache cache(1 << 20);
  std::uint64_t before = cache.generation();
  // The write lands while the page renders.
  cache.Invalidate(std::vector<std::string>{"a:1"});
  cache.Insert("/a", Page("old a"), before, {"a:1"});
  EXPECT_EQ(cache.Find("/a"), nullptr);
  // A page that does not show the changed article is still stored.
  cache.Insert("/b", Page("b"), before, {"a:2"});
  EXPECT_NE(cache.Find("/b"), nullptr);
  // Rendered after the invalidation: stored.
  cache.Insert("/a", Page("new a"), cache.generation(), {"a:1"});
  ASSERT_NE(cache.Find("/a"), nullptr);
  EXPECT_EQ(*cache.Find("/a")->body, "new a");
}

TEST(PageCacheTest, RefusesEveryPageRenderedBeforeInvalidatingAll) {
  PageCache cache(1 << 20);
  std::uint64_t before = cache.generation();
  cache.Invalidate();
  cache.Insert("/b", Page("b"), before, {"a:2"});
  EXPECT_EQ(cache.Find("/b"), nullptr);
}

TEST(PageCacheTest, StaysWithinItsBytesAndKeepsWhatIsRead) {
  const std::string body(1000, 'x');
  PageCache cache(20 * 1024);
  cache.Insert("/hot", Page(body), cache.generation(), {"a:0"});
  for (int i = 1; i < 200; ++i) {
    ASSERT_NE(cache.Find("/hot"), nullptr) << i;
    cache.Insert("/p" + std::to_string(i), Page(body + std::to_string(i)),
                 cache.generation(), {"a:" + std::to_string(i)});
    EXPECT_LE(cache.stats().bytes, 20u * 1024u);
  }
  EXPECT_NE(cache.Find("/hot"), nullptr);
  EXPECT_GT(cache.stats().evictions, 0u);
  EXPECT_EQ(cache.Find("/p1"), nullptr);
  EXPECT_NE(cache.Find("/p199"), nullptr);
}

TEST(PageCacheTest, ReportsARefreshDueOnceAndKeepsServing) {
  PageCache cache(1 << 20);
  cache.Insert("/a", Page("a"), cache.generation(), {"a:1"}, 100);
  PageCache::Hit early = cache.Lookup("/a", 99);
  ASSERT_NE(early.page, nullptr);
  EXPECT_FALSE(early.refresh_due);
  PageCache::Hit due = cache.Lookup("/a", 100);
  ASSERT_NE(due.page, nullptr);
  EXPECT_TRUE(due.refresh_due);
  PageCache::Hit again = cache.Lookup("/a", 101);
  ASSERT_NE(again.page, nullptr);
  EXPECT_FALSE(again.refresh_due);  // one refresher at a time
  EXPECT_EQ(cache.Lookup("/missing", 101).page, nullptr);
  EXPECT_EQ(cache.stats().misses, 1u);
  EXPECT_EQ(cache.stats().hits, 3u);
}

TEST(PageCacheTest, AFailedRefreshKeepsThePageAndComesDueAgain) {
  PageCache cache(1 << 20);
  cache.Insert("/a", Page("a"), cache.generation(), {"a:1"}, 100);
  ASSERT_TRUE(cache.Lookup("/a", 100).refresh_due);
  cache.Postpone("/a", 110);  // the refresh failed
  PageCache::Hit kept = cache.Lookup("/a", 105);
  ASSERT_NE(kept.page, nullptr);
  EXPECT_EQ(*kept.page->body, "a");
  EXPECT_FALSE(kept.refresh_due);
  EXPECT_TRUE(cache.Lookup("/a", 110).refresh_due);
  cache.Postpone("/missing", 120);
  EXPECT_EQ(cache.Lookup("/missing", 120).page, nullptr);
}

TEST(PageCacheTest, ReadersAndWritersShareItSafely) {
  PageCache cache(64 * 1024);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        std::string key = "/p" + std::to_string((i * 7 + t) % 50);
        if (!cache.Find(key)) {
          cache.Insert(key, Page(key), cache.generation(),
                       {"a:" + std::to_string(i % 50)});
        }
        if (i % 97 == 0) {
          cache.Invalidate(
              std::vector<std::string>{"a:" + std::to_string(i % 50)});
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_LE(cache.stats().bytes, 64u * 1024u);
}

}  // namespace
}  // namespace warta::site
