#include "render/theme.h"

#include <gtest/gtest.h>

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
