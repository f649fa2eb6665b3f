#include "newsroom/article_codec.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace warta {
namespace {

Article Full() {
  Article a;
  a.id = 12;
  a.version = 3;
  a.slug = "banjir-jakarta";
  a.title = "Banjir Jakarta";
  a.body = "Air *naik*.";
  a.html = "<p>Air <em>naik</em>.</p>";
  a.plaintext = "Air naik.";
  a.custom_excerpt = "Ringkas";
  a.dateline_city = "Jakarta";
  a.source = "Antara";
  a.source_url = "https://antara.example/a";
  a.category = Category{3, "metro", "Metro", ""};
  a.tags = {Tag{0, "banjir", "Banjir"}};
  Author au;
  au.name = "Rina";
  a.authors = {au};
  Author ed;
  ed.name = "Budi";
  a.editor = ed;
  a.feature_image = "/media/a.jpg";
  a.feature_image_credit = "WARTA/Rina";
  a.feature_image_focal_x = 0.25;
  a.status = ArticleStatus::kPublished;
  a.published_at = 1790000000;
  a.created_at = 1789990000;
  a.updated_at = 1790000100;
  a.word_count = 2;
  a.reading_time = 1;
  a.featured = true;
  a.correction = "Nama diperbaiki.";
  a.correction_at = 1790000100;
  a.pending_tags = {"Rob"};
  a.meta_title = "Banjir";
  return a;
}

std::set<std::string> Keys(const nlohmann::json& j) {
  std::set<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.insert(it.key());
  return keys;
}

// Outside checks rely on the admin API's names (Ghost's): pinned here.
TEST(ArticleCodecTest, WritesTheApiNames) {
  nlohmann::json j = EncodeArticle(Full(), ArticleForm::kApi);
  EXPECT_EQ(Keys(j), (std::set<std::string>{"authors",
                                            "body",
                                            "category",
                                            "category_slug",
                                            "correction",
                                            "correction_at",
                                            "created_at",
                                            "custom_excerpt",
                                            "dateline_city",
                                            "dateline_outlet",
                                            "editor",
                                            "excerpt",
                                            "feature_image",
                                            "feature_image_alt",
                                            "feature_image_caption",
                                            "feature_image_credit",
                                            "feature_image_focal_x",
                                            "feature_image_focal_y",
                                            "featured",
                                            "html",
                                            "id",
                                            "live_report",
                                            "meta_description",
                                            "meta_title",
                                            "modified_at",
                                            "no_ai",
                                            "noindex",
                                            "pending_tags",
                                            "published_at",
                                            "reading_time",
                                            "slug",
                                            "source",
                                            "source_url",
                                            "status",
                                            "tags",
                                            "title",
                                            "updated_at",
                                            "version",
                                            "withdrawn_at",
                                            "withdrawn_reason",
                                            "word_count"}));
  EXPECT_EQ(j["published_at"], "2026-09-21T14:13:20Z");
  EXPECT_EQ(j["created_at"], "2026-09-21T11:26:40Z");
  EXPECT_TRUE(j["modified_at"].is_null());
  EXPECT_EQ(j["category"], "Metro");
  EXPECT_EQ(j["category_slug"], "metro");
  EXPECT_EQ(j["tags"], nlohmann::json::array({"Banjir"}));
  EXPECT_EQ(j["editor"], "Budi");
  EXPECT_EQ(j["excerpt"], "Ringkas");
  EXPECT_EQ(j["reading_time"], 1);
  EXPECT_EQ(j["status"], "published");
  EXPECT_EQ(j["feature_image_focal_x"], 0.25);
  Article bare;
  nlohmann::json none = EncodeArticle(bare, ArticleForm::kApi);
  EXPECT_TRUE(none["category"].is_null());
  EXPECT_TRUE(none["editor"].is_null());
  EXPECT_TRUE(none["published_at"].is_null());
}

TEST(ArticleCodecTest, SnapshotsHoldTheEditableContentOnly) {
  Article a = Full();
  nlohmann::json j = EncodeArticle(a, ArticleForm::kSnapshot);
  EXPECT_EQ(j["published_at"], 1790000000) << "seconds, not ISO";
  EXPECT_EQ(j["category"], "Metro");
  for (const char* absent : {"id", "version", "html", "featured", "correction",
                             "editor", "pending_tags", "meta_description"})
    EXPECT_FALSE(j.contains(absent)) << absent;
  EXPECT_EQ(j["meta_title"], "Banjir") << "set, so kept";
  Article b;
  ASSERT_TRUE(DecodeArticle(j, ArticleForm::kSnapshot, b).ok());
  EXPECT_EQ(DumpCanonical(EncodeArticle(b, ArticleForm::kSnapshot)),
            DumpCanonical(j));
  EXPECT_FALSE(
      DecodeArticle(nlohmann::json::array(), ArticleForm::kSnapshot, b).ok());
}

// The API's input: what the output wrote reads back; names and times are
// the caller's; mistyped fields are refused by name.
TEST(ArticleCodecTest, ReadsApiInput) {
  Article a = Full();
  nlohmann::json out = EncodeArticle(a, ArticleForm::kApi);
  Article b;
  ASSERT_TRUE(DecodeArticle(out, ArticleForm::kApi, b).ok());
  EXPECT_EQ(b.title, a.title);
  EXPECT_EQ(b.body, a.body);
  EXPECT_EQ(b.slug, a.slug);
  EXPECT_EQ(b.source_url, a.source_url);
  EXPECT_EQ(b.feature_image_focal_x, 0.25);
  EXPECT_TRUE(b.featured);
  EXPECT_EQ(b.status, ArticleStatus::kPublished);
  EXPECT_EQ(b.correction, a.correction);
  EXPECT_TRUE(b.tags.empty()) << "taxonomy is resolved by the caller";
  EXPECT_FALSE(b.published_at.has_value()) << "times too";

  // Only given fields change; inputs are tidied.
  Article c = Full();
  ASSERT_TRUE(DecodeArticle({{"meta_title", "  Dua\nbaris "},
                             {"feature_image_credit", " Foto "},
                             {"slug", " baru "},
                             {"source_url", "https://ok.example/jum'at"}},
                            ArticleForm::kApi, c)
                  .ok());
  EXPECT_EQ(c.meta_title, "Dua baris");
  EXPECT_EQ(c.feature_image_credit, "Foto");
  EXPECT_EQ(c.slug, "baru");
  EXPECT_EQ(c.source_url, "https://ok.example/jum%27at");
  EXPECT_EQ(c.title, "Banjir Jakarta");

  struct Bad {
    nlohmann::json input;
    std::string message;
  } bad[] = {
      {{{"title", 5}}, "title: expected a string"},
      {{{"noindex", "ya"}}, "noindex: expected true or false"},
      {{{"feature_image_focal_y", 1.5}},
       "feature_image_focal_y: expected a number from 0 to 1"},
      {{{"status", "live"}}, "status: expected draft, scheduled or published"},
      {{{"feature_image", "javascript:alert(1)"}},
       "feature_image: expected a /path or an http(s) URL"},
  };
  for (const Bad& x : bad) {
    Article d = Full();
    Status s = DecodeArticle(x.input, ArticleForm::kApi, d);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << x.input.dump();
    EXPECT_EQ(s.message(), x.message);
  }
}

}  // namespace
}  // namespace warta
