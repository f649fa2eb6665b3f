// CoordinationStore::RunBatch conformance: a batch of writes commits as one
// transaction and keeps what each write does on its own (slugs, revisions,
// taxonomy, sitemap months, feed links, the change log, near-duplicate
// signatures).
#include <thread>

#include "store/store_conformance.h"

namespace warta {
namespace {

Article Make(const std::string& title, const std::string& key) {
  Article a;
  a.title = title;
  a.body = "Isi " + title;
  a.html = "<p>Isi</p>";
  a.plaintext = "Isi";
  a.category = Category{0, "", "Ekonomi", ""};
  a.tags = {Tag{0, "", "Pasar"}, Tag{0, "", "Rupiah"}};
  a.authors = {Author{0, "", "Sari Lubis", "", ""}};
  a.status = ArticleStatus::kPublished;
  a.published_at = 1700000000;  // 2023-11
  a.import_key = key;
  return a;
}

Revision FirstRevision(const std::string& title) {
  Revision r;
  r.kind = "save";
  r.title = title;
  r.raw_size = 3;
  r.snapshot_hash = "h-" + title;
  r.data = "abc";
  return r;
}

TEST_P(StoreConformance, BatchCommitsManyArticlesAsOneAndKeepsEachWrite) {
  const std::int64_t seq0 = *store_->ChangeSeq();
  std::vector<std::int64_t> ids;
  Status s = store_->RunBatch([&]() -> Status {
    for (int i = 0; i < 3; ++i) {
      Revision rev = FirstRevision("Rupiah menguat");
      auto saved = store_->SaveArticleWithRevision(
          Make("Rupiah menguat", "k" + std::to_string(i)), &rev, nullptr);
      EXPECT_TRUE(saved.ok()) << saved.status().ToString();
      if (!saved.ok()) return saved.status();
      ids.push_back(saved->id);
    }
    // A failing write is rolled back alone; the batch goes on.
    EXPECT_FALSE(store_->SaveArticle(Make("Lain", "k0")).ok())
        << "import keys stay unique";
    EXPECT_FALSE(store_->SaveArticle(Make("", "k9")).ok());
    // This thread reads its batch's writes.
    auto found = store_->FindArticleByImportKey("k1");
    EXPECT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ(store_->GetArticleBySlug("rupiah-menguat-2")->id, ids[1]);
    // Others do not, until the commit.
    std::thread([&] {
      EXPECT_TRUE(store_->GetArticle(ids[0]).status().IsNotFound());
    }).join();
    return store_->SaveDuplicateSignature(
        DuplicateSignature{ids[2], ids[2], "00ff"}, {11, 12});
  });
  ASSERT_TRUE(s.ok()) << s.ToString();

  // Slugs are unique, each article has its revision and changed the seq.
  EXPECT_EQ(store_->GetArticle(ids[0])->slug, "rupiah-menguat");
  EXPECT_EQ(store_->GetArticle(ids[2])->slug, "rupiah-menguat-3");
  for (std::int64_t id : ids) {
    auto revs = store_->ListRevisions(id, 10, false);
    ASSERT_TRUE(revs.ok());
    ASSERT_EQ(revs->size(), 1u);
    EXPECT_EQ((*revs)[0].article_version, 1);
  }
  EXPECT_FALSE(store_->FindArticleByImportKey("k9")->has_value());
  auto changes = store_->ArticleChangesSince(seq0, 100);
  ASSERT_TRUE(changes.ok());
  EXPECT_EQ(changes->size(), 3u);
  EXPECT_GE(*store_->ChangeSeq(), seq0 + 3);
  // Taxonomy counts, sitemap months and feed links as if saved one by one.
  auto cats = store_->ListCategories();
  ASSERT_TRUE(cats.ok());
  ASSERT_EQ(cats->size(), 1u);
  EXPECT_EQ((*cats)[0].published_count, 3);
  auto months = store_->ListSitemapMonths();
  ASSERT_TRUE(months.ok());
  ASSERT_EQ(months->size(), 1u);
  EXPECT_EQ((*months)[0].articles, 3);
  auto tag = store_->GetTagBySlug("pasar");
  ASSERT_TRUE(tag.ok());
  auto linked = store_->ListNewestLinkedArticleIds(TaxonomyKind::kTag, tag->id,
                                                   1800000000, 10);
  ASSERT_TRUE(linked.ok());
  EXPECT_EQ(linked->size(), 3u);
  auto candidates = store_->FindDuplicateCandidates({12}, 0);
  ASSERT_TRUE(candidates.ok());
  ASSERT_EQ(candidates->size(), 1u);
  EXPECT_EQ((*candidates)[0].article_id, ids[2]);
}

TEST_P(StoreConformance, BatchThatFailsWritesNothing) {
  const std::int64_t seq0 = *store_->ChangeSeq();
  Status s = store_->RunBatch([&]() -> Status {
    EXPECT_TRUE(store_->SaveArticle(Make("Satu", "a")).ok());
    // A batch inside a batch joins it.
    EXPECT_TRUE(store_
                    ->RunBatch([&] {
                      return store_->SaveArticle(Make("Dua", "b")).status();
                    })
                    .ok());
    return Status::Unavailable("stopped");
  });
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_EQ(*store_->ChangeSeq(), seq0);
  EXPECT_FALSE(store_->FindArticleByImportKey("a")->has_value());
  EXPECT_FALSE(store_->FindArticleByImportKey("b")->has_value());
  // The store works normally afterwards.
  EXPECT_TRUE(store_->SaveArticle(Make("Tiga", "c")).ok());
  EXPECT_TRUE(store_->FindArticleByImportKey("c")->has_value());
}

}  // namespace
}  // namespace warta
