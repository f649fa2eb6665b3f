#include "render/theme.h"

#include <gtest/gtest.h>

#include <thread>

namespace warta::render {
namespace {

std::vector<std::pair<std::string, std::string>> MiniTheme() {
  return {
      {"templates/page.mustache",
       "{{> "
       "head}}<h1>{{title}}</h1>{{{html}}}{{#items}}<i>{{.}}</i>{{/items}}"},
      {"templates/page-khusus.mustache", "khusus {{title}}"},
      {"partials/head.mustache", "<title>{{title}}</title>{{> inner}}"},
      {"partials/inner.mustache", "[{{t.share}}]"},
      {"assets/style.css", "body{}"},
      {"locales/id.json",
       R"({"share": "Bagikan", "reading_time": "waktu baca {n} menit"})"},
      {"locales/en.json", R"({"share": "Share"})"},
  };
}

TEST(ThemeTest, RendersWithPartialsEscapingAndFallback) {
  auto theme = Theme::FromFiles(MiniTheme());
  ASSERT_TRUE(theme.ok()) << theme.status().ToString();
  View v = {{"title", "A <b> & 'B'"},
            {"html", "<p>aman</p>"},
            {"items", {"x", "y"}},
            {"t", (*theme)->Strings(Language::kIndonesian)}};
  auto html = (*theme)->Render({"page-lain", "page"}, v);
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  EXPECT_EQ(
      *html,
      "<title>A &lt;b&gt; &amp; &#39;B&#39;</title>[Bagikan]"
      "<h1>A &lt;b&gt; &amp; &#39;B&#39;</h1><p>aman</p><i>x</i><i>y</i>");
  EXPECT_EQ(*(*theme)->Render({"page-khusus", "page"}, v),
            "khusus A &lt;b&gt; &amp; &#39;B&#39;");
  EXPECT_TRUE((*theme)->Render({"tidak-ada"}, v).status().IsNotFound());
}

// Each thread keeps its parsed templates: renders again, on other threads,
// and of another theme (or one loaded at the same address after the first
// is gone) with a template of the same name, each from its own theme.
TEST(ThemeTest, ParsedTemplatesAreKeptPerThemeAndThread) {
  auto files = MiniTheme();
  auto first = Theme::FromFiles(files);
  files[1].second = "lain {{title}}";
  auto second = Theme::FromFiles(files);
  ASSERT_TRUE(first.ok() && second.ok());
  View v = {{"title", "Judul"}};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(*(*first)->Render({"page-khusus"}, v), "khusus Judul");
    EXPECT_EQ(*(*second)->Render({"page-khusus"}, v), "lain Judul");
  }
  std::string on_other_thread;
  std::thread([&] {
    on_other_thread = *(*second)->Render({"page-khusus"}, {{"title", "T"}});
  }).join();
  EXPECT_EQ(on_other_thread, "lain T");
  first->reset();
  files[1].second = "baru {{title}}";
  auto third = Theme::FromFiles(files);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(*(*third)->Render({"page-khusus"}, v), "baru Judul");
  // More themes than a thread keeps: still each its own template.
  for (int i = 0; i < 200; ++i) {
    files[1].second = "nomor " + std::to_string(i) + " {{title}}";
    auto t = Theme::FromFiles(files);
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(*(*t)->Render({"page-khusus"}, v),
              "nomor " + std::to_string(i) + " Judul");
  }
  EXPECT_EQ(*(*second)->Render({"page-khusus"}, v), "lain Judul");
}

TEST(ThemeTest, LocaleTextWithPlaceholdersAndFallback) {
  auto theme = Theme::FromFiles(MiniTheme());
  ASSERT_TRUE(theme.ok());
  EXPECT_EQ((*theme)->Text(Language::kIndonesian, "reading_time", {{"n", "2"}}),
            "waktu baca 2 menit");
  EXPECT_EQ((*theme)->Text(Language::kEnglish, "share"), "Share");
  // English falls back to Indonesian per key; unknown keys show themselves.
  EXPECT_EQ((*theme)->Text(Language::kEnglish, "reading_time", {{"n", "3"}}),
            "waktu baca 3 menit");
  EXPECT_EQ((*theme)->Text(Language::kIndonesian, "nope"), "nope");
}

TEST(ThemeTest, AssetsCarryTypeAndContentVersion) {
  auto theme = Theme::FromFiles(MiniTheme());
  ASSERT_TRUE(theme.ok());
  const Asset* css = (*theme)->FindAsset("style.css");
  ASSERT_NE(css, nullptr);
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
  EXPECT_EQ(css->version.size(), 10u);
  auto files = MiniTheme();
  files[4].second = "body{color:red}";
  auto changed = Theme::FromFiles(files);
  EXPECT_NE((*changed)->FindAsset("style.css")->version, css->version);
  EXPECT_EQ((*theme)->FindAsset("nope.js"), nullptr);
}

TEST(ThemeTest, BadThemesFailNamingTheFile) {
  auto files = MiniTheme();
  files[0].second = "{{#open}}never closed";
  auto t = Theme::FromFiles(files);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("templates/page"), std::string::npos)
      << t.status().message();
  files = MiniTheme();
  files[0].second = "{{> missing}}";
  EXPECT_NE(
      Theme::FromFiles(files).status().message().find("partial \"missing\""),
      std::string::npos);
  files = MiniTheme();
  files[5].second = R"({"share": 5})";
  EXPECT_NE(Theme::FromFiles(files).status().message().find("locales/id.json"),
            std::string::npos);
}

TEST(ThemeTest, BuiltInThemeLoadsWithEveryPageTemplate) {
  auto theme = Theme::Load("");
  ASSERT_TRUE(theme.ok()) << theme.status().ToString();
  View v = View::object();
  for (const char* name : {"home", "article", "list", "error"}) {
    EXPECT_TRUE((*theme)->Render({name}, v).ok()) << name;
  }
  for (const char* asset : {"style.css", "app.js", "favicon.svg"}) {
    EXPECT_NE((*theme)->FindAsset(asset), nullptr) << asset;
  }
  // Both locales define the same keys.
  const View& id = (*theme)->Strings(Language::kIndonesian);
  const View& en = (*theme)->Strings(Language::kEnglish);
  EXPECT_EQ(id.size(), en.size());
  EXPECT_EQ((*theme)->Text(Language::kIndonesian, "related"),
            "Mungkin Kamu Suka");
  EXPECT_EQ((*theme)->Text(Language::kIndonesian, "share"), "Bagikan");
}

TEST(ThemeTest, LoadsFromADirectory) {
  auto theme = Theme::Load(std::string(WARTA_SOURCE_DIR) + "/themes/default");
  ASSERT_TRUE(theme.ok()) << theme.status().ToString();
  EXPECT_NE((*theme)->FindAsset("style.css"), nullptr);
  EXPECT_TRUE(Theme::Load("/nonexistent/theme").status().IsNotFound());
}

}  // namespace
}  // namespace warta::render
