// Conformance tests of tag merge and delete (TaxonomyStore), run per backend
// with the StoreConformance suite.
#include <algorithm>

#include "store/store_conformance.h"

namespace warta {
namespace {

bool Has(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::vector<std::string> TagNames(const Article& a) {
  std::vector<std::string> out;
  for (const Tag& t : a.tags) out.push_back(t.name);
  return out;
}

Article WithTags(const std::string& title, std::vector<std::string> tags,
                 Timestamp at) {
  Article a;
  a.title = title;
  a.body = a.plaintext = "Isi " + title;
  a.category = Category{0, "", "Politik", ""};
  for (const std::string& t : tags) a.tags.push_back(Tag{0, "", t});
  a.status = ArticleStatus::kPublished;
  a.published_at = at;
  return a;
}

std::int64_t Count(Store& store, std::int64_t tag_id) {
  ArticleQuery q;
  q.status = ArticleStatus::kPublished;
  q.tag_id = tag_id;
  auto n = store.CountArticles(q);
  EXPECT_TRUE(n.ok());
  return n.ok() ? *n : -1;
}

TEST_P(StoreConformance, MergesATagIntoAnother) {
  auto a = store_->SaveArticle(
      WithTags("Satu", {"Banjr", "Gempa", "Banjir"}, clock_.Now() - 30));
  auto b = store_->SaveArticle(WithTags("Dua", {"Banjr"}, clock_.Now() - 20));
  auto c = store_->SaveArticle(WithTags("Tiga", {"Banjir"}, clock_.Now() - 10));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  std::int64_t typo = a->tags[0].id, banjir = a->tags[2].id;
  std::string typo_key = "t:" + std::to_string(typo);
  const FeedScope banjir_feed{TaxonomyKind::kTag, banjir};
  auto feed_version = store_->FeedVersion(banjir_feed);
  ASSERT_TRUE(feed_version.ok());
  // The lastmod of the tag's sitemap entry is its newest article's.
  auto lastmod_of = [&](std::int64_t tag) -> std::optional<Timestamp> {
    auto all = store_->ListTaxonomyLastmod(TaxonomyKind::kTag, 0, 10);
    EXPECT_TRUE(all.ok());
    if (!all.ok()) return std::nullopt;
    for (const auto& t : *all)
      if (t.id == tag) return t.lastmod;
    return std::nullopt;
  };
  clock_.Advance(60);
  // Touched after the others: the newest of the typo's articles.
  Article b_edit = *b;
  b_edit.title = "Dua kali";
  auto b1 = store_->SaveArticle(b_edit);
  ASSERT_TRUE(b1.ok());
  std::int64_t seq = *store_->ChangeSeq();

  auto moved = store_->MergeTag(typo, banjir);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(*moved, 2);
  // The links it moved are in the tag's feed and sitemap at once.
  EXPECT_NE(*store_->FeedVersion(banjir_feed), *feed_version);
  EXPECT_EQ(lastmod_of(banjir), b1->updated_at);
  auto linked = store_->ListNewestLinkedArticleIds(TaxonomyKind::kTag, banjir,
                                                   clock_.Now(), 10);
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  EXPECT_EQ(*linked, (std::vector<std::int64_t>{c->id, b->id, a->id}));
  // One "Banjir" each, where the typo stood; the typo is gone.
  auto a2 = store_->GetArticle(a->id);
  auto b2 = store_->GetArticle(b->id);
  ASSERT_TRUE(a2.ok() && b2.ok());
  EXPECT_EQ(TagNames(*a2), (std::vector<std::string>{"Gempa", "Banjir"}));
  EXPECT_EQ(TagNames(*b2), (std::vector<std::string>{"Banjir"}));
  EXPECT_GT(a2->version, a->version);
  EXPECT_GT(b2->version, b1->version);
  EXPECT_TRUE(store_->GetTagBySlug("banjr").status().IsNotFound());
  EXPECT_EQ(Count(*store_, banjir), 3);
  EXPECT_EQ(Count(*store_, typo), 0);
  auto tags = store_->ListTags();
  ASSERT_TRUE(tags.ok());
  for (const auto& t : *tags) EXPECT_NE(t.item.id, typo);

  // Indexes re-read both articles; the pages of both tags go.
  auto changes = store_->ArticleChangesSince(seq, 100);
  ASSERT_TRUE(changes.ok());
  std::vector<std::int64_t> changed;
  for (const auto& ch : *changes) changed.push_back(ch.article_id);
  std::sort(changed.begin(), changed.end());
  EXPECT_EQ(changed, (std::vector<std::int64_t>{a->id, b->id}));
  auto keys = store_->PageChangesSince(seq, 100);
  ASSERT_TRUE(keys.ok());
  EXPECT_TRUE(Has(keys->keys, typo_key));
  EXPECT_TRUE(Has(keys->keys, "t:" + std::to_string(banjir)));
  EXPECT_TRUE(Has(keys->keys, "a:" + std::to_string(b->id)));
  EXPECT_FALSE(Has(keys->keys, "a:" + std::to_string(c->id)));

  // An editor's copy from before the merge cannot bring the typo back.
  Article stale = *a;
  stale.title = "Satu lagi";
  EXPECT_FALSE(store_->SaveArticle(stale).ok());

  EXPECT_EQ(store_->MergeTag(banjir, banjir).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(store_->MergeTag(typo, banjir).status().IsNotFound());
  EXPECT_TRUE(store_->MergeTag(banjir, typo).status().IsNotFound());
}

TEST_P(StoreConformance, DeletesATagFromEveryArticle) {
  auto a = store_->SaveArticle(
      WithTags("Satu", {"Gempa", "Hoaks"}, clock_.Now() - 30));
  auto b = store_->SaveArticle(WithTags("Dua", {"Hoaks"}, clock_.Now() - 20));
  ASSERT_TRUE(a.ok() && b.ok());
  std::int64_t hoaks = a->tags[1].id;
  auto removed = store_->DeleteTag(hoaks);
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 2);
  EXPECT_EQ(TagNames(*store_->GetArticle(a->id)),
            (std::vector<std::string>{"Gempa"}));
  EXPECT_TRUE(store_->GetArticle(b->id)->tags.empty());
  EXPECT_TRUE(store_->GetTagBySlug("hoaks").status().IsNotFound());
  EXPECT_EQ(Count(*store_, hoaks), 0);
  EXPECT_TRUE(store_->DeleteTag(hoaks).status().IsNotFound());
  // The name can be used again (a new tag).
  auto again = store_->SaveArticle(WithTags("Tiga", {"Hoaks"}, clock_.Now()));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(TagNames(*again), (std::vector<std::string>{"Hoaks"}));
  EXPECT_TRUE(store_->GetTagBySlug("hoaks").ok());
}

}  // namespace
}  // namespace warta
