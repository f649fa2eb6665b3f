// Conformance tests of the MaintenanceStore part of Store (backups and
// checks), run per backend with the StoreConformance suite.
#include <filesystem>

#include "store/store_conformance.h"

namespace warta {
namespace {

Article WithMedia(const std::string& title, const std::string& image,
                  const std::string& body) {
  Article a;
  a.title = title;
  a.body = body;
  a.plaintext = title;
  a.html = "<p>" + title + "</p>";
  a.category = Category{0, "", "Foto", ""};
  a.authors = {Author{0, "", "Rina Wulandari", "", ""}};
  a.feature_image = image;
  a.status = ArticleStatus::kPublished;
  return a;
}

TEST_P(StoreConformance, SnapshotIsAConsistentCopyWithItsCounts) {
  for (int i = 0; i < 3; ++i) {
    Article a = WithMedia("Berita " + std::to_string(i), "", "Isi");
    a.published_at = clock_.Now() - i;
    if (i == 2) {
      a.status = ArticleStatus::kDraft;
      a.published_at.reset();
    }
    ASSERT_TRUE(store_->SaveArticle(a).ok());
  }
  const std::string copy = dir_ + "/copy.db";
  auto counts = store_->SnapshotTo(copy);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->at("articles"), 3);
  EXPECT_EQ(counts->at("published_articles"), 2);
  EXPECT_EQ(counts->at("categories"), 1);
  EXPECT_TRUE(std::filesystem::exists(copy));
  // Writes after the snapshot are not in it; the live counts move.
  ASSERT_TRUE(store_->SaveArticle(WithMedia("Sesudahnya", "", "Isi")).ok());
  auto live = store_->TableCounts();
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->at("articles"), 4);
  EXPECT_EQ(store_->SnapshotTo(copy).status().code(),
            StatusCode::kAlreadyExists);
  auto again = store_->SnapshotTo(dir_ + "/copy2.db");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->at("articles"), 4);
}

TEST_P(StoreConformance, FreshStoreIsSound) {
  ASSERT_TRUE(store_->SaveArticle(WithMedia("Berita", "", "Isi")).ok());
  auto problems = store_->CheckIntegrity();
  ASSERT_TRUE(problems.ok()) << problems.status().ToString();
  EXPECT_TRUE(problems->empty()) << (*problems)[0];
}

TEST_P(StoreConformance, MediaReferencesAreOurOwnMediaPaths) {
  ASSERT_TRUE(store_
                  ->SaveArticle(WithMedia(
                      "Satu", "/media/2025/09/aaaa-10x10.jpg",
                      "Foto: ![a](/media/2025/09/bbbb-20x10.png \"judul\")\n\n"
                      "<img src=\"/media/2025/10/cccc-5x5.webp\">\n\n"
                      "Bukan milik kita: https://lain.example/media/x.jpg"))
                  .ok());
  ASSERT_TRUE(store_
                  ->SaveArticle(WithMedia(
                      "Dua", "/media/2025/09/aaaa-10x10.jpg", "Tanpa gambar"))
                  .ok());
  auto refs = store_->MediaReferences();
  ASSERT_TRUE(refs.ok()) << refs.status().ToString();
  EXPECT_EQ(*refs, (std::vector<std::string>{"/media/2025/09/aaaa-10x10.jpg",
                                             "/media/2025/09/bbbb-20x10.png",
                                             "/media/2025/10/cccc-5x5.webp"}));
}

}  // namespace
}  // namespace warta
