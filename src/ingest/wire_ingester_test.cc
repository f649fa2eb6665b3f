#include "ingest/wire_ingester.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "ingest/duplicates.h"
#include "ingest/wire_feeds.h"
#include "ingest/wire_poller.h"
#include "store/sqlite/sqlite_store.h"
#include "text/near_duplicate.h"

namespace warta::ingest {
namespace {

std::string Rss(const std::string& items) {
  return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>W"
         "</title>" +
         items + "</channel></rss>";
}

std::string Item(const std::string& guid, const std::string& title,
                 const std::string& body, const std::string& category = "") {
  return "<item><guid>" + guid + "</guid><title>" + title +
         "</title><link>https://wire.example/" + guid +
         "</link><description><![CDATA[" + body + "]]></description>" +
         (category.empty() ? "" : "<category>" + category + "</category>") +
         "<pubDate>Mon, 29 Sep 2025 10:15:00 +0700</pubDate></item>";
}

const std::string kBody1 =
    "<p>Korea Utara dan China sepakat memperkuat kerja sama ekonomi dan "
    "perdagangan di perbatasan kedua negara, kata pejabat kedua pihak pada "
    "Senin setelah pertemuan tingkat tinggi di Pyongyang.</p>";
const std::string kBody2 =
    "<p>Harga beras di pasar tradisional Jakarta turun untuk pekan kedua "
    "berturut-turut setelah panen raya di Jawa Tengah dan Jawa Timur, menurut "
    "data dinas perdagangan.</p>";

class WireIngesterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/warta-wire-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    SqliteOptions o;
    o.path = dir_ + "/warta.db";
    o.synchronous = "NORMAL";
    auto s = OpenSqliteStore(o, clock_);
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    newsroom_ = std::make_unique<Newsroom>(*store_, clock_, "KABARIN");
    feed_.name = "Antara";
    feed_.category_rules = {{"politics", "Politik"}};
    feed_.category = "Dunia";
  }
  void TearDown() override {
    newsroom_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  Result<WireStats> Run(const std::string& doc,
                        std::vector<WireEvent>* events = nullptr) {
    RecentDuplicateFinder detector(*store_);
    WireIngester ingester(*newsroom_, *store_, detector, WireDefaults{});
    return ingester.IngestDocument(feed_, doc, [&](const WireEvent& e) {
      if (events) events->push_back(e);
    });
  }

  FakeClock clock_{1759200000};
  std::string dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Newsroom> newsroom_;
  WireFeedConfig feed_;
};

TEST_F(WireIngesterTest, CreatesDraftsWithSourceAndMappedCategory) {
  std::vector<WireEvent> events;
  auto stats = Run(Rss(Item("a1", "Korea Utara dan China", kBody1, "Politics") +
                       Item("a2", "Harga beras turun", kBody2, "Ekonomi")),
                   &events);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->created, 2);
  ASSERT_EQ(events.size(), 2u);
  const Article& a = events[0].article;
  EXPECT_EQ(a.status, ArticleStatus::kDraft);
  EXPECT_EQ(a.source, "Antara");
  EXPECT_EQ(a.source_url, "https://wire.example/a1");
  ASSERT_TRUE(a.category);
  EXPECT_EQ(a.category->name, "Politik");
  EXPECT_EQ(events[1].article.category->name, "Dunia");
  EXPECT_NE(a.html.find("Korea Utara dan China sepakat"), std::string::npos);
  EXPECT_EQ(AdminArticlePath(a.id), "/admin/articles/" + std::to_string(a.id));
}

TEST_F(WireIngesterTest, IsIdempotentAndUpdatesChangedItems) {
  std::string doc = Rss(Item("a1", "Korea Utara dan China", kBody1));
  ASSERT_EQ(Run(doc)->created, 1);
  auto again = Run(doc);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->unchanged, 1);
  EXPECT_EQ(*store_->CountArticles({}), 1);

  clock_.Advance(60);
  std::vector<WireEvent> events;
  auto changed = Run(
      Rss(Item("a1", "Korea Utara dan China (diperbarui)", kBody1)), &events);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->updated, 1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].article.title, "Korea Utara dan China (diperbarui)");
  EXPECT_EQ(events[0].article.version, 2);
  EXPECT_EQ(*store_->CountArticles({}), 1);
}

// Issue 15: a document holding the same guid twice (a corrected re-send)
// updated the article twice per run, and again on every poll of the
// unchanged feed. One item per guid, the later (or newer) one.
TEST_F(WireIngesterTest, RepeatedGuidInOneDocumentIsTakenOnce) {
  std::string doc = Rss(Item("a1", "Korea Utara dan China", kBody1) +
                        Item("a2", "Harga beras turun", kBody2) +
                        Item("a1", "Korea Utara dan China (koreksi)", kBody1));
  std::vector<WireEvent> events;
  auto first = Run(doc, &events);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->items, 2);
  EXPECT_EQ(first->created, 2);
  EXPECT_EQ(first->updated, 0);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].article.title, "Korea Utara dan China (koreksi)");
  EXPECT_EQ(events[0].article.version, 1);
  for (int poll = 0; poll < 2; ++poll) {
    clock_.Advance(60);
    auto again = Run(doc);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->created, 0);
    EXPECT_EQ(again->updated, 0);
    EXPECT_EQ(again->unchanged, 2);
  }
  auto revs = store_->ListRevisions(events[0].article.id, 100, false);
  ASSERT_TRUE(revs.ok());
  EXPECT_EQ(revs->size(), 1u);
  EXPECT_EQ(*store_->CountArticles({}), 2);
}

// A newer <pubDate> wins over document order.
TEST_F(WireIngesterTest, RepeatedGuidKeepsTheNewestItem) {
  std::string newer = Item("a1", "Versi baru", kBody1);
  newer.replace(newer.find("10:15:00"), 8, "11:15:00");
  std::vector<WireEvent> events;
  auto stats = Run(Rss(newer + Item("a1", "Versi lama", kBody1)), &events);
  ASSERT_TRUE(stats.ok());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].article.title, "Versi baru");
}

// F7 (issue 15): ingest stored javascript: links in source_url and
// feature_image; now the newsroom's one link rule applies (the bad link is
// dropped, the item kept), and an apostrophe is percent-encoded.
TEST_F(WireIngesterTest, LinksFollowTheNewsroomRule) {
  std::string bad = Item("a1", "Korea Utara dan China", kBody1);
  bad.replace(bad.find("https://wire.example/a1"), 23, "javascript:alert(1)");
  bad.replace(bad.find("</item>"), 0,
              "<enclosure url=\"data:image/png;base64,AAAA\" "
              "type=\"image/png\"/>");
  std::string odd = Item("a2", "Harga beras turun", kBody2);
  odd.replace(odd.find("https://wire.example/a2"), 23,
              "https://ok.example/berita/jum'at-ini?id=1");
  std::vector<WireEvent> events;
  auto stats = Run(Rss(bad + odd), &events);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].article.source_url, "");
  EXPECT_EQ(events[0].article.feature_image, "");
  EXPECT_EQ(events[1].article.source_url,
            "https://ok.example/berita/jum%27at-ini?id=1");
}

TEST_F(WireIngesterTest, LinksNearDuplicatesFromAnotherFeed) {
  ASSERT_EQ(Run(Rss(Item("a1", "Korea Utara dan China", kBody1)))->created, 1);
  feed_.name = "Reuters";
  // The same story, lightly edited, under another guid and feed.
  std::string edited = kBody1;
  edited.replace(edited.find("Senin"), 5, "Selasa");
  std::vector<WireEvent> events;
  auto stats = Run(Rss(Item("r9", "Korea Utara dan China", edited) +
                       Item("r10", "Harga beras turun", kBody2)),
                   &events);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->linked, 1);
  EXPECT_EQ(stats->created, 1);
  EXPECT_EQ(*store_->CountArticles({}), 2);
  auto item = store_->FindWireItem("Reuters", "r9");
  ASSERT_TRUE(item.ok() && item->has_value());
  EXPECT_EQ((*item)->relation, WireRelation::kDuplicate);
  EXPECT_EQ((*item)->article_id, events[0].article.id);
}

TEST_F(WireIngesterTest, TrustedFeedsPublish) {
  feed_.trusted = true;
  std::vector<WireEvent> events;
  ASSERT_TRUE(Run(Rss(Item("a1", "Korea", kBody1)), &events).ok());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].article.status, ArticleStatus::kPublished);
  EXPECT_EQ(events[0].article.published_at, 1759115700);
}

TEST_F(WireIngesterTest, MalformedFeedChangesNothing) {
  auto stats =
      Run("<rss version=\"2.0\"><channel>" + Item("a1", "Korea", kBody1) +
          "<item><title>x</channel></rss>");
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find("line 1"), std::string::npos);
  EXPECT_EQ(*store_->CountArticles({}), 0);
  // An invalid item (title too long) also stops the whole feed.
  auto invalid = Run(Rss(Item("a1", "Korea", kBody1) +
                         Item("a2", "", std::string(2 << 20, 'x'))));
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(*store_->CountArticles({}), 0);
}

TEST_F(WireIngesterTest, RecordsFetchStatusAndPollsFiles) {
  std::string path = dir_ + "/feed.xml";
  {
    FILE* f = fopen(path.c_str(), "w");
    std::string doc = Rss(Item("a1", "Korea", kBody1));
    fwrite(doc.data(), 1, doc.size(), f);
    fclose(f);
  }
  feed_.sources = {path, dir_ + "/missing.xml"};
  feed_.interval_minutes = 10;
  WirePoller poller(*newsroom_, *store_, {feed_}, WireDefaults{});
  EXPECT_EQ(poller.PollDue(), 2);
  EXPECT_EQ(poller.PollDue(), 0);  // not due yet
  clock_.Advance(600);
  EXPECT_EQ(poller.PollDue(), 2);
  auto feeds = store_->ListWireFeeds();
  ASSERT_TRUE(feeds.ok());
  ASSERT_EQ(feeds->size(), 1u);
  EXPECT_EQ((*feeds)[0].fetches, 4);
  EXPECT_EQ((*feeds)[0].failures, 2);
  EXPECT_NE((*feeds)[0].last_error.find("missing.xml"), std::string::npos);
  EXPECT_EQ((*feeds)[0].items_known, 1);
  EXPECT_EQ(*store_->CountArticles({}), 1);
}

TEST(WireFeedsTest, ParsesConfigAndMapsCategories) {
  auto feeds = ParseWireFeeds(R"({"feeds": [{"name": "Antara",
      "url": "https://a/rss", "trusted": true, "interval_minutes": 5,
      "category": "Berita", "categories": {"Politics": "Politik"}}]})");
  ASSERT_TRUE(feeds.ok()) << feeds.status().ToString();
  ASSERT_EQ(feeds->size(), 1u);
  const WireFeedConfig& f = (*feeds)[0];
  EXPECT_TRUE(f.trusted);
  EXPECT_EQ(f.interval_minutes, 5);
  EXPECT_EQ(f.sources, std::vector<std::string>{"https://a/rss"});
  EXPECT_EQ(f.MapCategory({"Asia", "POLITICS"}), "Politik");
  EXPECT_EQ(f.MapCategory({"Asia"}), "Berita");
  EXPECT_FALSE(ParseWireFeeds(R"({"feeds": [{"url": "x"}]})").ok());
  EXPECT_FALSE(
      ParseWireFeeds(R"({"feeds": [{"name": "a", "trusted": 1}]})").ok());
  EXPECT_FALSE(ParseWireFeeds("nope").ok());
  // Redirects to private addresses only for feeds marked internal.
  EXPECT_FALSE(f.internal);
  auto internal =
      ParseWireFeeds(R"({"feeds": [{"name": "a", "internal": true}]})");
  ASSERT_TRUE(internal.ok());
  EXPECT_TRUE((*internal)[0].internal);
  EXPECT_FALSE(
      ParseWireFeeds(R"({"feeds": [{"name": "a", "internal": "ya"}]})").ok());
}

// Issue 15: one near-duplicate rule. The finder links what the discovery
// index would cluster (text::IsNearDuplicate), among recent articles and
// those saved since it loaded them.
TEST_F(WireIngesterTest, FindsDuplicatesByTheOneRule) {
  Article a;
  a.title = "Korea Utara dan China";
  a.body = kBody1;
  auto saved = newsroom_->Save(a);
  ASSERT_TRUE(saved.ok());
  RecentDuplicateFinder finder(*store_);
  std::string edited = saved->plaintext;
  edited.replace(edited.find("Senin"), 5, "Selasa");
  auto found = finder.FindDuplicate(saved->title, edited);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, saved->id);
  const auto mine = text::FingerprintOf(saved->title + "\n" + edited);
  const auto theirs =
      text::FingerprintOf(saved->title + "\n" + saved->plaintext);
  EXPECT_TRUE(text::IsNearDuplicate(mine.shingles, theirs.shingles));
  // Another story is not one; once remembered, its copy is found.
  EXPECT_FALSE(finder.FindDuplicate("Harga beras turun", kBody2)->has_value());
  finder.Remember(99, "Harga beras turun", kBody2);
  EXPECT_EQ(*finder.FindDuplicate("Harga beras turun", kBody2), 99);
}

}  // namespace
}  // namespace warta::ingest
