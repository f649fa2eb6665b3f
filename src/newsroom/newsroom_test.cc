#include "newsroom/newsroom.h"

#include <gtest/gtest.h>

#include <limits>

#include "base/time.h"
#include "store/sqlite/testing/temp_sqlite_store.h"

namespace warta {
namespace {

class NewsroomTest : public ::testing::Test {
 protected:
  FakeClock clock_{1790000000};
  TempSqliteStore store_{clock_};
  std::unique_ptr<Newsroom> newsroom_ =
      std::make_unique<Newsroom>(store_.store(), clock_, "WARTA");
};

TEST_F(NewsroomTest, PreparesDerivedFieldsAtSaveTime) {
  Article a;
  a.title = "Harga Cabai Naik!";
  a.body = "Harga *cabai* naik.\n\nPedagang mengeluh.";
  a.dateline_city = "Bandung";
  a.status = ArticleStatus::kPublished;
  auto saved = newsroom_->Save(a);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->slug, "harga-cabai-naik");
  EXPECT_EQ(saved->html,
            "<p><span class=\"dateline\">Bandung (WARTA) -</span> Harga "
            "<em>cabai</em> "
            "naik.</p>\n<p>Pedagang mengeluh.</p>\n");
  EXPECT_EQ(saved->plaintext, "Harga cabai naik.\n\nPedagang mengeluh.");
  EXPECT_EQ(saved->word_count, 5);
  EXPECT_EQ(saved->reading_time, 1);
  EXPECT_EQ(saved->published_at, clock_.Now());
}

// A "Baca juga" line links to the search URL the composition root passes
// in (Urls::Search there), not to a route the newsroom or markup assumes.
TEST_F(NewsroomTest, ReadAlsoLinksToTheSearchUrlItIsGiven) {
  Newsroom english(store_.store(), clock_, "WARTA", [](std::string_view q) {
    return "/en/search?q=" + std::string(q);
  });
  Article a;
  a.title = "Banjir Surut";
  a.body = "Air surut.\n\nBaca juga: Pompa Baru";
  auto saved = english.Save(a);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_NE(saved->html.find("<a href=\"/en/search?q=Pompa Baru\">Pompa "
                             "Baru</a>"),
            std::string::npos)
      << saved->html;
  EXPECT_EQ(saved->html.find("/cari"), std::string::npos) << saved->html;
}

// F3 (issue 15): an article published at -2^63 broke the sitemap for good.
// Every path (API, import, ingest) saves through Validate, which bounds it.
TEST_F(NewsroomTest, RefusesDatesOutsideTheAcceptedRange) {
  Article a;
  a.title = "Tanggal aneh";
  a.body = "Isi.";
  a.status = ArticleStatus::kPublished;
  for (Timestamp t :
       {std::numeric_limits<Timestamp>::min(), kMinAcceptedTime - 1,
        kMaxAcceptedTime + 1, std::numeric_limits<Timestamp>::max()}) {
    a.published_at = t;
    Status s = newsroom_->Save(a).status();
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << t;
    EXPECT_NE(s.message().find("published_at"), std::string::npos);
  }
  for (Timestamp t : {kMinAcceptedTime, Timestamp{0}, Timestamp{1790000000}}) {
    a.published_at = t;
    a.slug = "tanggal-" + std::to_string(t < 0 ? -t : t);
    EXPECT_TRUE(newsroom_->Save(a).ok()) << t;
  }
}

// F7 (issue 15): one link rule for every path. Import and ingest stored
// javascript: and data: links; the API refused an apostrophe.
TEST(NormalizeArticleLinkTest, Table) {
  struct Case {
    const char* in;
    const char* out;  // nullptr: refused
  } cases[] = {
      {"", ""},
      {"/content/images/a.jpg", "/content/images/a.jpg"},
      {"https://ok.example/berita/jum'at-ini?id=1",
       "https://ok.example/berita/jum%27at-ini?id=1"},
      {"HTTP://x.example/a b\"<c>", "HTTP://x.example/a%20b%22%3Cc%3E"},
      {"  https://x.example/  ", "https://x.example/"},
      {"javascript:alert(1)", nullptr},
      {"JaVaScRiPt:alert(1)", nullptr},
      {"data:image/png;base64,AAAA", nullptr},
      {"//evil.example/x.png", nullptr},
      {"https:evil", nullptr},
      {"relative/path.png", nullptr},
      {"https://x.example/\nbaris", nullptr},
      {"vbscript:x", nullptr},
  };
  for (const Case& c : cases) {
    auto got = NormalizeArticleLink("feature_image", c.in);
    if (c.out == nullptr) {
      ASSERT_FALSE(got.ok()) << c.in;
      EXPECT_NE(got.status().message().find("feature_image"),
                std::string::npos);
    } else {
      ASSERT_TRUE(got.ok()) << c.in;
      EXPECT_EQ(*got, c.out) << c.in;
    }
  }
  EXPECT_FALSE(NormalizeArticleLink(
                   "source_url", "https://x.example/" + std::string(3000, 'a'))
                   .ok());
}

TEST_F(NewsroomTest, SavesLinksInTheirStoredForm) {
  Article a;
  a.title = "Tautan";
  a.body = "Isi.";
  a.source_url = "javascript:alert(1)";
  EXPECT_EQ(newsroom_->Save(a).status().code(), StatusCode::kInvalidArgument);
  a.source_url = "https://ok.example/jum'at";
  auto saved = newsroom_->Save(a);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->source_url, "https://ok.example/jum%27at");
}

// Issue 15 (correctness by construction): app.cc registered a listener
// capturing a local that dangled after an early return. A Subscription
// removes its listener when it goes, moved or not.
TEST_F(NewsroomTest, SubscriptionsEndWithTheirScope) {
  int heard = 0;
  Article a;
  a.title = "Dengar";
  a.body = "x";
  {
    Newsroom::Subscription outer;
    {
      Newsroom::Subscription inner =
          newsroom_->Subscribe([&](const Article&) { ++heard; });
      ASSERT_TRUE(newsroom_->Save(a).ok());
      EXPECT_EQ(heard, 1);
      outer = std::move(inner);
    }
    a.slug = "dengar-2";
    ASSERT_TRUE(newsroom_->Save(a).ok());
    EXPECT_EQ(heard, 2) << "moved, still subscribed";
  }
  a.slug = "dengar-3";
  ASSERT_TRUE(newsroom_->Save(a).ok());
  EXPECT_EQ(heard, 2) << "gone with its scope";
}

TEST_F(NewsroomTest, DatelineUsesTheArticlesOutletOrTheSiteName) {
  Article a;
  a.dateline_city = "Seoul";
  EXPECT_EQ(newsroom_->DatelineOf(a), "Seoul (WARTA) -");
  a.dateline_outlet = "KABARIN";
  EXPECT_EQ(newsroom_->DatelineOf(a), "Seoul (KABARIN) -");
  a.dateline_city = "";
  EXPECT_EQ(newsroom_->DatelineOf(a), "");
}

TEST_F(NewsroomTest, ValidatesAndNotifies) {
  int notified = 0;
  Newsroom::Subscription heard =
      newsroom_->Subscribe([&](const Article&) { ++notified; });
  Article a;
  a.body = "Isi";
  EXPECT_NE(newsroom_->Save(a).status().message().find("title"),
            std::string::npos);
  a.title = std::string(400, 'x');
  EXPECT_FALSE(newsroom_->Save(a).ok());
  a.title = "Baik";
  a.slug = "Bukan Slug";
  EXPECT_NE(newsroom_->Save(a).status().message().find("slug"),
            std::string::npos);
  a.slug = "";
  a.status = ArticleStatus::kScheduled;
  EXPECT_NE(newsroom_->Save(a).status().message().find("published_at"),
            std::string::npos);
  a.status = ArticleStatus::kDraft;
  a.body = std::string(2 << 20, 'a');
  EXPECT_FALSE(newsroom_->Save(a).ok());
  EXPECT_EQ(notified, 0);
  a.body = "Isi";
  auto saved = newsroom_->Save(a);
  ASSERT_TRUE(saved.ok());
  EXPECT_FALSE(saved->published_at.has_value())
      << "drafts have no publication time";
  EXPECT_EQ(notified, 1);
  EXPECT_TRUE(newsroom_->Delete(saved->id).ok());
  EXPECT_EQ(notified, 2);
}

// Issue 15: putting a submitted story live ends its review in the same
// transaction as the save (the API used to clear it in a second write).
TEST_F(NewsroomTest, PublishingEndsTheReviewInTheSameWrite) {
  Store& store = store_.store();
  Article a;
  a.title = "Banjir Jakarta";
  a.body = "Air naik.";
  auto draft = newsroom_->Save(a);
  ASSERT_TRUE(draft.ok());
  auto review_of = [&] {
    return store.GetWorkflows({draft->id})->at(draft->id);
  };
  // A draft can be submitted; the state moves with who and when.
  ASSERT_TRUE(newsroom_->SetReview(draft->id, {"submitted", "", 7}).ok());
  EXPECT_EQ(review_of().review_state, "submitted");
  EXPECT_EQ(review_of().review_by, 7);

  const std::int64_t seq = *store.ChangeSeq();
  Article live = *draft;
  live.status = ArticleStatus::kPublished;
  auto saved = newsroom_->Save(live, Edit{7, "publish", ""});
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(review_of().review_state, "");
  EXPECT_EQ(*store.ChangeSeq(), seq + 1) << "save and review: one write";
  auto revs = store.ListRevisions(draft->id, 10, false);
  ASSERT_TRUE(revs.ok());
  ASSERT_FALSE(revs->empty());
  EXPECT_EQ((*revs)[0].kind, "publish");

  // Published: neither submitted nor returned; a failed save of a draft
  // that would move the review state moves nothing.
  EXPECT_EQ(newsroom_->SetReview(draft->id, {"submitted", "", 7}).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(newsroom_->SetReview(draft->id, {"returned", "Perbaiki", 8}).code(),
            StatusCode::kFailedPrecondition);
  Article stale = *saved;
  stale.version -= 1;
  stale.status = ArticleStatus::kDraft;
  Edit back{8, "unpublish", ""};
  back.review = ReviewChange{"returned", "Perbaiki", 8};
  EXPECT_EQ(newsroom_->Save(stale, back).status().code(),
            StatusCode::kConflict);
  EXPECT_EQ(review_of().review_state, "");
  EXPECT_EQ(store.GetArticle(draft->id)->status, ArticleStatus::kPublished);
  // At the current version both change together.
  stale.version = saved->version;
  ASSERT_TRUE(newsroom_->Save(stale, back).ok());
  EXPECT_EQ(review_of().review_state, "returned");
  EXPECT_EQ(review_of().review_note, "Perbaiki");
  EXPECT_EQ(store.GetArticle(draft->id)->status, ArticleStatus::kDraft);
  EXPECT_TRUE(newsroom_->SetReview(9999, {"submitted", "", 7}).IsNotFound());
}

}  // namespace
}  // namespace warta
