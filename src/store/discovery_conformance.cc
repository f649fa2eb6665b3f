// Conformance tests of the DiscoveryStore part of Store (index builds and
// near-duplicate clusters), run per backend with the StoreConformance suite.
#include <algorithm>

#include "store/store_conformance.h"

namespace warta {
namespace {

Article Published(const std::string& title, Timestamp at,
                  const std::string& category = "Politik") {
  Article a;
  a.title = title;
  a.body = a.plaintext = "Isi " + title;
  a.html = "<p>Isi</p>";
  a.category = Category{0, "", category, ""};
  a.tags = {Tag{0, "", "Banjir"}};
  a.authors = {Author{0, "", "Rina Wulandari", "", ""}};
  a.status = ArticleStatus::kPublished;
  a.published_at = at;
  return a;
}

std::vector<std::int64_t> Ids(const std::vector<Article>& list) {
  std::vector<std::int64_t> ids;
  for (const Article& a : list) ids.push_back(a.id);
  return ids;
}

TEST_P(StoreConformance, ScansPublishedArticlesById) {
  std::vector<std::int64_t> published;
  for (int i = 0; i < 5; ++i) {
    Article a = Published("Berita " + std::to_string(i), clock_.Now() - i);
    if (i == 2) a.status = ArticleStatus::kDraft;
    auto s = store_->SaveArticle(a);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    if (i != 2) published.push_back(s->id);
  }
  auto first = store_->ScanPublishedArticles(0, 3);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->size(), 3u);
  EXPECT_EQ(first->front().plaintext, "Isi Berita 0");
  ASSERT_EQ(first->front().tags.size(), 1u);
  ASSERT_EQ(first->front().authors.size(), 1u);
  auto rest = store_->ScanPublishedArticles(first->back().id, 3);
  ASSERT_TRUE(rest.ok());
  std::vector<std::int64_t> all = Ids(*first);
  for (std::int64_t id : Ids(*rest)) all.push_back(id);
  EXPECT_EQ(all, published);
}

// Signatures by id; band rows an import leaves pending (DeferBandRows) are
// in the candidates once CompleteBandRows ran, and only a batch defers.
TEST_P(StoreConformance, SignaturesByIdAndPendingBandRows) {
  auto a = store_->SaveArticle(Published("Asli", clock_.Now() - 100));
  auto b = store_->SaveArticle(Published("Salinan", clock_.Now() - 50));
  auto c = store_->SaveArticle(Published("Lain", clock_.Now() - 10));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  ASSERT_TRUE(store_->SaveDuplicateSignature({a->id, a->id, "aa"}, {1}).ok());
  ASSERT_TRUE(store_->SaveDuplicateSignature({b->id, a->id, "bb"}, {1}).ok());
  auto by_id = store_->DuplicateSignaturesOf({b->id, 999999, a->id});
  ASSERT_TRUE(by_id.ok()) << by_id.status().ToString();
  ASSERT_EQ(by_id->size(), 2u);
  EXPECT_EQ((*by_id)[0].article_id, a->id);
  EXPECT_EQ((*by_id)[0].minhash, "aa");
  EXPECT_EQ((*by_id)[1].article_id, b->id);
  EXPECT_EQ((*by_id)[1].cluster_id, a->id);
  EXPECT_TRUE(store_->DuplicateSignaturesOf({})->empty());

  // Outside a batch nothing is deferred.
  store_->DeferBandRows();
  ASSERT_TRUE(store_->SaveDuplicateSignature({c->id, c->id, "cc"}, {9}).ok());
  auto nine = store_->FindDuplicateCandidates({9}, 0);
  ASSERT_TRUE(nine.ok()) << nine.status().ToString();
  ASSERT_EQ(nine->size(), 1u);
  // In one, rows may wait; after CompleteBandRows they are there.
  ASSERT_TRUE(store_
                  ->RunBatch([&]() -> Status {
                    store_->DeferBandRows();
                    return store_->SaveDuplicateSignature({c->id, c->id, "cc"},
                                                          {9, 11});
                  })
                  .ok());
  ASSERT_TRUE(store_->CompleteBandRows().ok());
  auto eleven = store_->FindDuplicateCandidates({11}, 0);
  ASSERT_TRUE(eleven.ok()) << eleven.status().ToString();
  ASSERT_EQ(eleven->size(), 1u);
  EXPECT_EQ((*eleven)[0].article_id, c->id);
  EXPECT_EQ(store_->FindDuplicateCandidates({1}, 0)->size(), 2u);
}

TEST_P(StoreConformance, KeepsNearDuplicateClusters) {
  auto a = store_->SaveArticle(Published("Asli", clock_.Now() - 100));
  auto b = store_->SaveArticle(Published("Salinan", clock_.Now() - 50));
  auto c = store_->SaveArticle(Published("Lain", clock_.Now() - 10));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_FALSE(*store_->HasDuplicateSignatures());
  ASSERT_TRUE(
      store_->SaveDuplicateSignature({a->id, a->id, "aa"}, {1, 2}).ok());
  EXPECT_TRUE(*store_->HasDuplicateSignatures());
  ASSERT_TRUE(store_->SaveDuplicateSignature({c->id, c->id, "cc"}, {9}).ok());
  // Alone in its cluster: no near-duplicates.
  EXPECT_EQ(*store_->DuplicateClusterOf(a->id), 0);

  auto seq = store_->ChangeSeq();
  ASSERT_TRUE(seq.ok());
  auto cands = store_->FindDuplicateCandidates({2, 3}, b->id);
  ASSERT_TRUE(cands.ok()) << cands.status().ToString();
  ASSERT_EQ(cands->size(), 1u);
  EXPECT_EQ((*cands)[0].article_id, a->id);
  EXPECT_EQ((*cands)[0].minhash, "aa");
  ASSERT_TRUE(
      store_->SaveDuplicateSignature({b->id, a->id, "bb"}, {2, 5}).ok());
  EXPECT_EQ(*store_->DuplicateClusterOf(a->id), a->id);
  EXPECT_EQ(*store_->DuplicateClusterOf(b->id), a->id);
  EXPECT_EQ(*store_->DuplicateClusterMembers(a->id),
            (std::vector<std::int64_t>{a->id, b->id}));
  // Both members are logged as changed, so indexes re-read them.
  auto changes = store_->ArticleChangesSince(*seq, 100);
  ASSERT_TRUE(changes.ok());
  std::vector<std::int64_t> changed;
  for (const auto& ch : *changes) changed.push_back(ch.article_id);
  std::sort(changed.begin(), changed.end());
  EXPECT_EQ(changed, (std::vector<std::int64_t>{a->id, b->id}));

  // Lists show the earliest member only.
  ArticleQuery q;
  q.status = ArticleStatus::kPublished;
  q.one_per_duplicate_cluster = true;
  EXPECT_EQ(Ids(*store_->ListArticles(q)),
            (std::vector<std::int64_t>{c->id, a->id}));
  EXPECT_EQ(*store_->CountArticles(q), 2);
  // ... unless the earlier one does not match the list's filters.
  q.published_after = clock_.Now() - 60;
  EXPECT_EQ(Ids(*store_->ListArticles(q)),
            (std::vector<std::int64_t>{c->id, b->id}));
  q.one_per_duplicate_cluster = false;
  q.published_after.reset();
  EXPECT_EQ(*store_->CountArticles(q), 3);

  ASSERT_TRUE(store_->MoveDuplicateCluster(a->id, c->id).ok());
  EXPECT_EQ(*store_->DuplicateClusterOf(b->id), c->id);
  ASSERT_TRUE(store_->RemoveDuplicateSignature(b->id).ok());
  ASSERT_TRUE(store_->RemoveDuplicateSignature(a->id).ok());
  EXPECT_EQ(*store_->DuplicateClusterOf(c->id), 0);
  EXPECT_TRUE(store_->FindDuplicateCandidates({2}, 0)->empty());
  // Deleting an article drops its signature with it.
  ASSERT_TRUE(store_->DeleteArticle(c->id).ok());
  EXPECT_TRUE(store_->FindDuplicateCandidates({9}, 0)->empty());
  EXPECT_FALSE(*store_->HasDuplicateSignatures());
}

// A band key shared by many articles (boilerplate) yields only its newest
// holders: finding candidates costs the same however large the archive.
TEST_P(StoreConformance, BoundsDuplicateCandidatesPerBand) {
  const int n = DiscoveryStore::kCandidatesPerBand + 6;
  std::vector<std::int64_t> ids;
  for (int i = 0; i < n; ++i) {
    auto a = store_->SaveArticle(
        Published("Boiler " + std::to_string(i), clock_.Now() - 1000 + i));
    ASSERT_TRUE(a.ok());
    ids.push_back(a->id);
    // Key 7 is shared by all; key 100+i by one article each.
    ASSERT_TRUE(
        store_->SaveDuplicateSignature({a->id, a->id, "m"}, {7, 100 + i}).ok());
  }
  auto cands = store_->FindDuplicateCandidates({7}, ids.back());
  ASSERT_TRUE(cands.ok()) << cands.status().ToString();
  ASSERT_EQ(cands->size(),
            static_cast<std::size_t>(DiscoveryStore::kCandidatesPerBand));
  // The newest holders, other than the excluded one, in id order.
  std::vector<std::int64_t> want(
      ids.end() - 1 - DiscoveryStore::kCandidatesPerBand, ids.end() - 1);
  std::vector<std::int64_t> got;
  for (const DuplicateSignature& c : *cands) got.push_back(c.article_id);
  EXPECT_EQ(got, want);
  // A rare key still finds its old holder, and each article comes once.
  cands = store_->FindDuplicateCandidates({7, 100}, ids.back());
  ASSERT_TRUE(cands.ok());
  EXPECT_EQ(cands->size(),
            static_cast<std::size_t>(DiscoveryStore::kCandidatesPerBand) + 1);
  EXPECT_EQ(cands->front().article_id, ids.front());
}

}  // namespace
}  // namespace warta
