#include "newsroom/newsroom.h"

#include <gtest/gtest.h>

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
  newsroom_->AddListener([&](const Article&) { ++notified; });
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

}  // namespace
}  // namespace warta
