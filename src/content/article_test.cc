#include "content/article.h"

#include <gtest/gtest.h>

namespace warta {
namespace {

TEST(ArticleStatusTest, RoundTrips) {
  for (auto s : {ArticleStatus::kDraft, ArticleStatus::kScheduled,
                 ArticleStatus::kPublished}) {
    EXPECT_EQ(*ParseArticleStatus(ArticleStatusName(s)), s);
  }
  EXPECT_EQ(*ParseArticleStatus(" Published "), ArticleStatus::kPublished);
  EXPECT_FALSE(ParseArticleStatus("live").ok());
}

TEST(ExcerptTest, PrefersCustomExcerpt) {
  Article a;
  a.plaintext = "Paragraf pertama.\n\nParagraf kedua.";
  EXPECT_EQ(a.Excerpt(), "Paragraf pertama. Paragraf kedua.");
  a.custom_excerpt = "Ringkasan editor.";
  EXPECT_EQ(a.Excerpt(), "Ringkasan editor.");
}

TEST(ExcerptTest, CutsAtWordBoundaryWithEllipsis) {
  EXPECT_EQ(MakeExcerpt("Hubungan Korea Utara dan China makin dipertegas", 20),
            "Hubungan Korea Utara…");
  EXPECT_EQ(MakeExcerpt("  pendek  ", 20), "pendek");
  // Never cuts a multi-byte character in two.
  std::string e = MakeExcerpt("“ééééééééééééééééééééééé”", 5);
  EXPECT_EQ(e, "“éééé…");
}

}  // namespace
}  // namespace warta
