#include "ingest/markdown_format.h"

#include <gtest/gtest.h>

#include "base/time.h"

namespace warta::ingest {
namespace {

TEST(ParseMarkdownArticleTest, MapsEveryKey) {
  ImportDefaults d;
  auto a = ParseMarkdownArticle(
      "---\n"
      "title: Pemprov siapkan pompa air\n"
      "category: Daerah\n"
      "tags: [Banjir, Jakarta]\n"
      "authors: [Rina Wulandari]\n"
      "dateline: Jakarta (ANTARA)\n"
      "source: ANTARA\n"
      "published_at: 2026-10-14 09:30\n"
      "status: draft\n"
      "custom_excerpt: Ringkas.\n"
      "---\n\n"
      "Paragraf pertama.\n",
      "01-pompa-air", d);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->title, "Pemprov siapkan pompa air");
  EXPECT_EQ(a->category, "Daerah");
  EXPECT_EQ(a->tags.size(), 2u);
  EXPECT_EQ(a->dateline_city, "Jakarta");
  EXPECT_EQ(a->dateline_outlet, "ANTARA");
  EXPECT_EQ(a->source, "ANTARA");
  ASSERT_TRUE(a->published_at.has_value());
  EXPECT_EQ(FormatIso8601Utc(*a->published_at), "2026-10-14T02:30:00Z");  // WIB
  EXPECT_EQ(a->status, ArticleStatus::kDraft);
  EXPECT_EQ(a->custom_excerpt, "Ringkas.");
  EXPECT_EQ(a->body, "Paragraf pertama.");
  EXPECT_EQ(a->import_key, "md:01-pompa-air");
}

TEST(ParseMarkdownArticleTest, ErrorsNameLineAndKey) {
  ImportDefaults d;
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"---\ntitle: A\npublished_at: kemarin\n---\nIsi",
       "line 3: published_at: not an ISO"},
      {"---\ntitle: A\nstatus: live\n---\nIsi",
       "line 3: status: unknown status"},
      {"---\ntitle: A\ncolour: red\n---\nIsi", "line 3: colour: unknown key"},
      {"---\ntitle: A\nslug: Bukan Slug\n---\nIsi", "line 3: slug:"},
      {"---\ncategory: A\n---\nIsi", "line 1: the front matter has no title"},
      {"---\ntitle: A\n---\n\n", "line 4: the article has no body"},
  };
  for (const Case& c : cases) {
    auto a = ParseMarkdownArticle(c.text, "x", d);
    ASSERT_FALSE(a.ok()) << c.text;
    EXPECT_EQ(a.status().message().rfind(c.message, 0), 0u)
        << a.status().message();
  }
}

}  // namespace
}  // namespace warta::ingest
