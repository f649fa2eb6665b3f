// ArticleStore::SaveArticle and RevisionStore::SaveArticleWithRevision return
// the article as stored: exactly what GetArticle reads afterwards (a backend
// may build it from what it wrote instead of reading it back, issue 10), for
// new articles and updates, alone and inside batches.
#include <vector>

#include "store/store_conformance.h"

namespace warta {
namespace {

void ExpectSameAuthor(const Author& got, const Author& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.slug, want.slug);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.bio, want.bio);
  EXPECT_EQ(got.email, want.email);
}

// Every field of an Article, so a returned article that differs from the
// stored one in any of them fails.
void ExpectSameArticle(const Article& got, const Article& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.slug, want.slug);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.custom_excerpt, want.custom_excerpt);
  EXPECT_EQ(got.body, want.body);
  EXPECT_EQ(got.html, want.html);
  EXPECT_EQ(got.plaintext, want.plaintext);
  EXPECT_EQ(got.dateline_city, want.dateline_city);
  EXPECT_EQ(got.dateline_outlet, want.dateline_outlet);
  EXPECT_EQ(got.source, want.source);
  EXPECT_EQ(got.source_url, want.source_url);
  ASSERT_EQ(got.authors.size(), want.authors.size());
  for (std::size_t i = 0; i < got.authors.size(); ++i)
    ExpectSameAuthor(got.authors[i], want.authors[i]);
  ASSERT_EQ(got.editor.has_value(), want.editor.has_value());
  if (got.editor) ExpectSameAuthor(*got.editor, *want.editor);
  ASSERT_EQ(got.category.has_value(), want.category.has_value());
  if (got.category) {
    EXPECT_EQ(got.category->id, want.category->id);
    EXPECT_EQ(got.category->slug, want.category->slug);
    EXPECT_EQ(got.category->name, want.category->name);
    EXPECT_EQ(got.category->description, want.category->description);
  }
  ASSERT_EQ(got.tags.size(), want.tags.size());
  for (std::size_t i = 0; i < got.tags.size(); ++i) {
    EXPECT_EQ(got.tags[i].id, want.tags[i].id);
    EXPECT_EQ(got.tags[i].slug, want.tags[i].slug);
    EXPECT_EQ(got.tags[i].name, want.tags[i].name);
  }
  EXPECT_EQ(got.feature_image, want.feature_image);
  EXPECT_EQ(got.feature_image_alt, want.feature_image_alt);
  EXPECT_EQ(got.feature_image_caption, want.feature_image_caption);
  EXPECT_EQ(got.feature_image_credit, want.feature_image_credit);
  EXPECT_EQ(got.feature_image_focal_x, want.feature_image_focal_x);
  EXPECT_EQ(got.feature_image_focal_y, want.feature_image_focal_y);
  EXPECT_EQ(got.status, want.status);
  EXPECT_EQ(got.published_at, want.published_at);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.updated_at, want.updated_at);
  EXPECT_EQ(got.word_count, want.word_count);
  EXPECT_EQ(got.reading_time, want.reading_time);
  EXPECT_EQ(got.version, want.version);
  EXPECT_EQ(got.import_key, want.import_key);
  EXPECT_EQ(got.noindex, want.noindex);
  EXPECT_EQ(got.no_ai, want.no_ai);
  EXPECT_EQ(got.featured, want.featured);
  EXPECT_EQ(got.modified_at, want.modified_at);
  EXPECT_EQ(got.correction, want.correction);
  EXPECT_EQ(got.correction_at, want.correction_at);
  EXPECT_EQ(got.withdrawn_at, want.withdrawn_at);
  EXPECT_EQ(got.withdrawn_reason, want.withdrawn_reason);
  EXPECT_EQ(got.pending_tags, want.pending_tags);
  EXPECT_EQ(got.meta_title, want.meta_title);
  EXPECT_EQ(got.meta_description, want.meta_description);
  EXPECT_EQ(got.live_report, want.live_report);
}

// An article whose stored form differs from what was given: taxonomy
// named differently from the stored entries (or by id only), a duplicate
// tag, an author's stored bio and an editor's, an empty pending tag, a
// focal point finer than the stored thousandths, a withdrawal reason on a
// published article, no published_at.
Article Given(std::int64_t tag_id) {
  Article a;
  a.title = "Harga beras naik di Medan";
  a.custom_excerpt = "Ringkas";
  a.body = "Isi **berita**";
  a.html = "<p>Isi <strong>berita</strong></p>";
  a.plaintext = "Isi berita";
  a.dateline_city = "Medan";
  a.dateline_outlet = "KABARIN";
  a.source = "Antara";
  a.source_url = "https://example.com/beras";
  a.category = Category{0, "", "EKONOMI", "not the stored description"};
  a.tags = {Tag{0, "", "Beras"}, Tag{tag_id, "", ""}, Tag{0, "beras", "x"}};
  a.authors = {Author{0, "", "Sari Lubis", "bio not stored", "s@x.id"}};
  a.editor = Author{0, "", "Budi Santoso", "", ""};
  a.feature_image = "/media/beras.jpg";
  a.feature_image_alt = "Beras";
  a.feature_image_caption = "Pasar";
  a.feature_image_credit = "WARTA/Rina";
  a.feature_image_focal_x = 0.12345;
  a.feature_image_focal_y = 1.5;
  a.status = ArticleStatus::kPublished;
  a.word_count = 321;
  a.reading_time = 2;
  a.import_key = "feed:beras";
  a.noindex = true;
  a.no_ai = true;
  a.featured = true;
  a.withdrawn_reason = "dropped while published";
  a.pending_tags = {"Sembako", "", "Inflasi"};
  a.meta_title = "Beras";
  a.meta_description = "Harga beras";
  a.live_report = true;
  return a;
}

TEST_P(StoreConformance, SavedArticleIsWhatGetArticleReads) {
  auto economy =
      store_->SaveCategory(Category{0, "ekonomi", "Ekonomi", "Uang"});
  ASSERT_TRUE(economy.ok()) << economy.status().ToString();
  auto rice = store_->SaveTag(Tag{0, "pangan", "Pangan"});
  ASSERT_TRUE(rice.ok()) << rice.status().ToString();
  auto sari =
      store_->SaveAuthor(Author{0, "sari-lubis", "Sari Lubis", "Wartawan", ""});
  ASSERT_TRUE(sari.ok()) << sari.status().ToString();
  // An editor is read without the bio its author row has.
  auto budi = store_->SaveAuthor(
      Author{0, "budi-santoso", "Budi Santoso", "Redaktur pelaksana", ""});
  ASSERT_TRUE(budi.ok()) << budi.status().ToString();

  auto saved = store_->SaveArticle(Given(rice->id));
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  auto got = store_->GetArticle(saved->id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ExpectSameArticle(*saved, *got);
  EXPECT_EQ(got->category->description, "Uang");
  EXPECT_EQ(got->authors[0].bio, "Wartawan");
  ASSERT_TRUE(got->editor.has_value());
  EXPECT_EQ(got->editor->id, budi->id);
  ASSERT_EQ(got->tags.size(), 2u) << "the same tag twice is linked once";

  // An update: new title (a published article's modified_at), a
  // correction, other links; then withdrawn, with its reason.
  clock_.Advance(60);
  Article edit = *saved;
  edit.title = "Harga beras turun di Medan";
  edit.correction = "Judul diperbaiki";
  edit.tags = {Tag{0, "", "Medan"}};
  edit.category = Category{economy->id, "", "", ""};
  edit.editor.reset();
  Revision rev;
  rev.kind = "save";
  rev.title = edit.title;
  rev.raw_size = 3;
  rev.snapshot_hash = "h-edit";
  rev.data = "abc";
  auto updated = store_->SaveArticleWithRevision(edit, &rev, nullptr);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  got = store_->GetArticle(updated->id);
  ASSERT_TRUE(got.ok());
  ExpectSameArticle(*updated, *got);
  EXPECT_TRUE(got->modified_at.has_value());
  EXPECT_TRUE(got->correction_at.has_value());

  clock_.Advance(60);
  Article withdraw = *updated;
  withdraw.status = ArticleStatus::kDraft;
  withdraw.withdrawn_reason = "Ditarik";
  auto withdrawn = store_->SaveArticle(withdraw);
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status().ToString();
  got = store_->GetArticle(withdrawn->id);
  ASSERT_TRUE(got.ok());
  ExpectSameArticle(*withdrawn, *got);
  EXPECT_TRUE(got->withdrawn_at.has_value());
}

// Inside a batch (the bulk import's path, whole or write by write) the
// returned article is the stored one as well.
TEST_P(StoreConformance, SavedArticleInABatchIsWhatGetArticleReads) {
  auto rice = store_->SaveTag(Tag{0, "pangan", "Pangan"});
  ASSERT_TRUE(rice.ok()) << rice.status().ToString();
  for (bool whole : {true, false}) {
    std::vector<Article> saved;
    auto save_two = [&]() -> Status {
      for (int i = 0; i < 2; ++i) {
        Article a = Given(rice->id);
        a.import_key += std::to_string(whole) + std::to_string(i);
        a.editor.reset();
        auto s = store_->SaveArticle(a);
        if (!s.ok()) return s.status();
        saved.push_back(*s);
      }
      return Status::Ok();
    };
    Status s =
        whole ? store_->RunWholeBatch(save_two) : store_->RunBatch(save_two);
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_EQ(saved.size(), 2u);
    for (const Article& a : saved) {
      auto got = store_->GetArticle(a.id);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      ExpectSameArticle(a, *got);
    }
    EXPECT_NE(saved[0].slug, saved[1].slug);
  }
}

}  // namespace
}  // namespace warta
