// Conformance cases for ReaderStore's public lists (see store_conformance.h):
// Terpopuler's ranking and the corrections log show live published articles
// only; every backend runs them (their statements differ in join order
// hints for SQLite, so both are checked for the same answers).
#include "store/store_conformance.h"

namespace warta {
namespace {

std::vector<std::pair<std::int64_t, std::int64_t>> Ranked(
    const std::vector<PopularArticle>& list) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (const PopularArticle& p : list) out.emplace_back(p.article_id, p.views);
  return out;
}

TEST_P(StoreConformance, RanksViewsOfLivePublishedArticlesInTheWindow) {
  const Timestamp now = clock_.Now();
  const Timestamp hour = now - now % 3600;
  auto a = store_->SaveArticle(PublishedStory("Satu", now - 300));
  auto b = store_->SaveArticle(PublishedStory("Dua", now - 200));
  auto c = store_->SaveArticle(PublishedStory("Tiga", now - 100));
  Article draft = PublishedStory("Draf", now);
  draft.status = ArticleStatus::kDraft;
  auto d = store_->SaveArticle(draft);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok() && d.ok());
  ASSERT_TRUE(store_->AddViews(hour - 3 * 3600, {{c->slug, 100}}).ok());
  ASSERT_TRUE(store_
                  ->AddViews(hour, {{a->slug, 5},
                                    {b->slug, 9},
                                    {c->slug, 1},
                                    {d->slug, 7},
                                    {"tidak-ada", 50}})
                  .ok());
  ASSERT_TRUE(store_->AddViews(hour - 3600, {{a->slug, 5}}).ok());

  auto hour_only = store_->ListPopular(hour, 10);
  ASSERT_TRUE(hour_only.ok()) << hour_only.status().ToString();
  using Row = std::pair<std::int64_t, std::int64_t>;
  EXPECT_EQ(Ranked(*hour_only),
            (std::vector<Row>{{b->id, 9}, {a->id, 5}, {c->id, 1}}));
  auto day = store_->ListPopular(hour - 23 * 3600, 2);
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(Ranked(*day), (std::vector<Row>{{c->id, 101}, {a->id, 10}}));
  // Equal views: the newer id first.
  ASSERT_TRUE(store_->AddViews(hour, {{a->slug, 4}}).ok());
  EXPECT_EQ(Ranked(*store_->ListPopular(hour, 2)),
            (std::vector<Row>{{b->id, 9}, {a->id, 9}}));
  // A deleted article leaves the list.
  ASSERT_TRUE(store_->DeleteArticle(b->id).ok());
  EXPECT_EQ(Ranked(*store_->ListPopular(hour, 10)),
            (std::vector<Row>{{a->id, 9}, {c->id, 1}}));
}

TEST_P(StoreConformance, ListsCorrectionsOfLivePublishedArticlesNewestFirst) {
  auto a = store_->SaveArticle(PublishedStory("Satu", clock_.Now() - 600));
  auto b = store_->SaveArticle(PublishedStory("Dua", clock_.Now() - 500));
  ASSERT_TRUE(a.ok() && b.ok());
  a->correction = "Nama menteri diperbaiki.";
  ASSERT_TRUE(store_->SaveArticle(*a).ok());
  clock_.Advance(60);
  b->correction = "Angka korban diperbaiki.";
  auto b2 = store_->SaveArticle(*b);
  ASSERT_TRUE(b2.ok());

  auto log = store_->ListCorrections(clock_.Now(), 10, 0);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].article_id, b->id);
  EXPECT_EQ((*log)[0].text, "Angka korban diperbaiki.");
  EXPECT_EQ((*log)[1].article_id, a->id);
  auto second = store_->ListCorrections(clock_.Now(), 1, 1);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ((*second)[0].article_id, a->id);
  EXPECT_EQ(store_->ListCorrections(clock_.Now() - 30, 10, 0)->size(), 1u);

  // Unpublished again: its corrections leave the public log.
  b2->status = ArticleStatus::kDraft;
  ASSERT_TRUE(store_->SaveArticle(*b2).ok());
  log = store_->ListCorrections(clock_.Now(), 10, 0);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0].article_id, a->id);
}

}  // namespace
}  // namespace warta
