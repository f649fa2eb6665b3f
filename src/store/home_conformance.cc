// Conformance cases for HomeStore (the home page's pins) and the featured
// flag (see store_conformance.h); every backend runs them.
#include <algorithm>

#include "store/store_conformance.h"

namespace warta {
namespace {

bool Has(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

TEST_P(StoreConformance, KeepsTheFeaturedFlag) {
  Article a = PublishedStory("Pilihan redaksi", clock_.Now());
  a.featured = true;
  auto saved = store_->SaveArticle(a);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_TRUE(store_->GetArticle(saved->id)->featured);
  ArticleQuery q;
  q.status = ArticleStatus::kPublished;
  auto listed = store_->ListArticles(q);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE((*listed)[0].featured);
  saved->featured = false;
  ASSERT_TRUE(store_->SaveArticle(*saved).ok());
  EXPECT_FALSE(store_->GetArticle(saved->id)->featured);
}

TEST_P(StoreConformance, StoresHomePinsInOrder) {
  auto empty = store_->GetHomePins();
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ(*empty, HomePins{});

  std::vector<std::int64_t> ids;
  for (int i = 0; i < 6; ++i) {
    auto a = store_->SaveArticle(
        PublishedStory("Berita " + std::to_string(i), clock_.Now() - i * 60));
    ASSERT_TRUE(a.ok());
    ids.push_back(a->id);
  }
  HomePins pins;
  pins.lead = ids[3];
  pins.lead_until = clock_.Now() + 3600;
  pins.top = {ids[5], ids[0], ids[2]};
  const std::int64_t seq = *store_->ChangeSeq();
  ASSERT_TRUE(store_->SetHomePins(pins).ok());
  EXPECT_EQ(*store_->GetHomePins(), pins);

  // Only the home page depends on the pins.
  auto changes = store_->PageChangesSince(seq, 100);
  ASSERT_TRUE(changes.ok());
  EXPECT_FALSE(changes->everything);
  EXPECT_TRUE(Has(changes->keys, "home"));
  EXPECT_FALSE(Has(changes->keys, "site"));
  EXPECT_FALSE(Has(changes->keys, "nav"));
  EXPECT_FALSE(Has(changes->keys, "all"));

  // A new order replaces the old one wholly, and survives a reopen.
  HomePins next;
  next.top = {ids[1]};
  ASSERT_TRUE(store_->SetHomePins(next).ok());
  EXPECT_EQ(*store_->GetHomePins(), next);
  store_ = Reopen();
  EXPECT_EQ(*store_->GetHomePins(), next);
  ASSERT_TRUE(store_->SetHomePins(HomePins{}).ok());
  EXPECT_EQ(*store_->GetHomePins(), HomePins{});
}

TEST_P(StoreConformance, RefusesBadHomePins) {
  auto a = store_->SaveArticle(PublishedStory("Satu", clock_.Now()));
  auto b = store_->SaveArticle(PublishedStory("Dua", clock_.Now()));
  ASSERT_TRUE(a.ok() && b.ok());
  HomePins good;
  good.lead = a->id;
  ASSERT_TRUE(store_->SetHomePins(good).ok());

  struct Case {
    const char* name;
    HomePins pins;
    StatusCode code;
  } cases[] = {
      {"lead twice",
       {a->id, std::nullopt, {a->id}},
       StatusCode::kInvalidArgument},
      {"top twice",
       {0, std::nullopt, {b->id, b->id}},
       StatusCode::kInvalidArgument},
      {"five top",
       {0, std::nullopt, {a->id, b->id, 7, 8, 9}},
       StatusCode::kInvalidArgument},
      {"expiry without lead",
       {0, clock_.Now() + 60, {b->id}},
       StatusCode::kInvalidArgument},
      {"negative id", {-3, std::nullopt, {}}, StatusCode::kInvalidArgument},
      {"missing article",
       {0, std::nullopt, {b->id, b->id + 100}},
       StatusCode::kNotFound},
  };
  for (const Case& c : cases) {
    Status s = store_->SetHomePins(c.pins);
    EXPECT_EQ(s.code(), c.code) << c.name << ": " << s.ToString();
  }
  // A trashed article cannot be pinned; failed writes left the pins alone.
  ASSERT_TRUE(store_->TrashArticle(b->id, clock_.Now()).ok());
  EXPECT_EQ(store_->SetHomePins({0, std::nullopt, {b->id}}).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(*store_->GetHomePins(), good);
}

}  // namespace
}  // namespace warta
