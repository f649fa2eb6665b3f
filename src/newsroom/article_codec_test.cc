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
// SnapshotText writes what DumpCanonical(EncodeArticle(kSnapshot)) writes,
// byte for byte (stored snapshots are compared by hash): every escape,
// control characters, invalid UTF-8, the fields written only when set, no
// category, no published_at, odd focal points and many names.
TEST(ArticleCodecTest, SnapshotTextIsTheCanonicalDump) {
  const std::vector<std::string> texts = {
      "",
      "Banjir \"besar\" di Jakarta\\Bogor",
      "baris\nbaru\r\n\ttab \b\f",
      std::string("nol\0byte\x01\x1f\x7f", 11),
      "Rp50.000 \xE2\x80\x9Ckutip\xE2\x80\x9D \xF0\x9F\x93\xB0 caf\xC3\xA9",
      "buruk \xC3 \xFF\xFE \xED\xA0\x80 \xF4\x90\x80\x80 \xC0\xAF akhir",
      "\xE2\x80",
      "<script>alert('x')</script> & &amp; / \\u0041",
  };
  std::uint32_t seed = 7;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  auto pick = [&] { return texts[next() % texts.size()]; };
  for (int round = 0; round < 400; ++round) {
    Article a = Full();
    a.title = pick();
    a.body = pick() + pick();
    a.custom_excerpt = pick();
    a.dateline_city = pick();
    a.dateline_outlet = pick();
    a.source = pick();
    a.source_url = pick();
    a.feature_image = pick();
    a.feature_image_alt = pick();
    a.feature_image_caption = pick();
    a.feature_image_credit = pick();
    a.meta_title = next() % 2 ? pick() : "";
    a.meta_description = next() % 2 ? pick() : "";
    a.correction = pick();
    a.slug = pick();
    a.feature_image_focal_x = (next() % 1001) / 1000.0;
    a.feature_image_focal_y = next() % 3 == 0 ? 1.0 / 3 : 0.5;
    a.tags.clear();
    for (std::uint32_t t = next() % 4; t > 0; --t)
      a.tags.push_back(Tag{0, "t", pick()});
    a.authors.clear();
    for (std::uint32_t t = next() % 3; t > 0; --t) {
      Author au;
      au.name = pick();
      a.authors.push_back(au);
    }
    if (next() % 4 == 0)
      a.category.reset();
    else
      a.category->name = pick();
    if (next() % 4 == 0)
      a.published_at.reset();
    else
      a.published_at = static_cast<Timestamp>(next()) - 100000;
    a.status = static_cast<ArticleStatus>(next() % 3);
    ASSERT_EQ(SnapshotText(a),
              DumpCanonical(EncodeArticle(a, ArticleForm::kSnapshot)))
        << "round " << round;
  }
}

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
