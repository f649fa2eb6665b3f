// Tests for "Baca juga" lines (markup/read_also.h) and the block the
// Markdown renderer writes for them.
#include "markup/read_also.h"

#include <gtest/gtest.h>

#include "base/strings.h"
#include "markup/markdown.h"

namespace warta::markup {
namespace {

TEST(ReadAlsoTest, RecognizesTheLinesPortalsPrint) {
  auto a = RecognizeReadAlso("Baca juga: Banjir Rendam Kemang");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->label, "Baca juga");
  EXPECT_EQ(a->title, "Banjir Rendam Kemang");
  a = RecognizeReadAlso("[Baca Juga: Tragedi Turin Menyisakan 5 Orang Kritis]");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->label, "Baca Juga");
  EXPECT_EQ(a->title, "Tragedi Turin Menyisakan 5 Orang Kritis");
  a = RecognizeReadAlso("  SIMAK JUGA :  Harga Cabai Naik ");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->title, "Harga Cabai Naik");
}

TEST(ReadAlsoTest, LeavesOtherTextAlone) {
  for (const char* text :
       {"Baca juga", "Baca juga:", "Baca juga: ", "[Baca juga: judul",
        "Baca juganya: x", "Kami baca juga: x", "Bacalah juga: x",
        "Baca juga berita lain di sini."}) {
    EXPECT_FALSE(RecognizeReadAlso(text)) << text;
  }
  EXPECT_FALSE(RecognizeReadAlso("Baca juga: " + std::string(301, 'a')));
}

// Renders with the search URL the site's Urls would give ("/cari?q=").
Rendered Render(std::string_view markdown, RenderOptions options = {}) {
  if (!options.search_url) {
    options.search_url = [](std::string_view q) {
      return "/cari?q=" + UrlEncode(q);
    };
  }
  Result<Rendered> r = RenderMarkdown(markdown, options);
  EXPECT_TRUE(r.ok());
  return r.ok() ? *r : Rendered{};
}

TEST(ReadAlsoTest, APlainLineLinksToTheSearchForItsTitle) {
  Rendered r = Render(
      "Hujan turun sejak pagi.\n\n[Baca juga: Banjir & Longsor di "
      "\"Puncak\"]\n\nWarga mengungsi.");
  EXPECT_EQ(r.html,
            "<p>Hujan turun sejak pagi.</p>\n"
            "<aside class=\"read-also\"><span class=\"read-also-label\">Baca "
            "juga:</span> <a href=\"/cari?q=Banjir%20%26%20Longsor%20di%20%"
            "22Puncak%22\">Banjir &amp; Longsor di &quot;Puncak&quot;</a>"
            "</aside>\n"
            "<p>Warga mengungsi.</p>\n");
  // Not the story's text: out of the excerpt, search and reading time.
  EXPECT_EQ(r.plaintext, "Hujan turun sejak pagi.\n\nWarga mengungsi.");
}

// The search link is the caller's: another route (an English site's
// "/search?query=") is followed, and without one the title stands alone.
TEST(ReadAlsoTest, TheSearchLinkIsTheCallers) {
  RenderOptions english;
  english.search_url = [](std::string_view q) {
    return "/search?query=" + UrlEncode(q) + "&lang=en";
  };
  EXPECT_EQ(Render("Baca juga: Banjir \"Puncak\"", english).html,
            "<aside class=\"read-also\"><span class=\"read-also-label\">Baca "
            "juga:</span> <a href=\"/search?query=Banjir%20%22Puncak%22&amp;"
            "lang=en\">Banjir &quot;Puncak&quot;</a></aside>\n");
  Result<Rendered> bare = RenderMarkdown("Simak juga: Harga Cabai", {});
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->html,
            "<aside class=\"read-also\"><span class=\"read-also-label\">Simak "
            "juga:</span> Harga Cabai</aside>\n");
  // A line that holds a link never asks for the search URL.
  RenderOptions refuse;
  refuse.search_url = [](std::string_view) -> std::string {
    ADD_FAILURE() << "asked for a search URL";
    return "";
  };
  EXPECT_NE(Render("Baca juga: [Pompa](/berita/pompa)", refuse)
                .html.find("href=\"/berita/pompa\""),
            std::string::npos);
}

TEST(ReadAlsoTest, ALinkedLineKeepsItsLink) {
  Rendered r = Render("Baca juga: [Pompa Baru Siaga](/berita/pompa-baru)");
  EXPECT_EQ(r.html,
            "<aside class=\"read-also\">Baca juga: <a "
            "href=\"/berita/pompa-baru\">Pompa Baru Siaga</a></aside>\n");
  EXPECT_EQ(r.plaintext, "");
  // A script URL is refused by the link sanitizer as anywhere else.
  r = Render("Baca juga: [Klik](javascript:alert(1))");
  EXPECT_EQ(r.html.find("javascript"), std::string::npos);
  EXPECT_NE(r.html.find("read-also"), std::string::npos);
}

// With the caller's references (Urls::LinkRef there), the search link and
// links to the site's pages carry them, so that pages shown after a route
// change point at the new routes (Urls::ResolveLinks); other links do not.
TEST(ReadAlsoTest, LinksCarryTheCallersReferences) {
  RenderOptions o;
  o.link_ref = [](std::string_view href) -> std::string {
    if (href.substr(0, 8) == "/berita/")
      return "article:" + std::string(href.substr(8));
    if (href.substr(0, 8) == "/cari?q=")
      return "search:" + std::string(href.substr(8));
    return "";
  };
  EXPECT_EQ(Render("Baca juga: Banjir \"Puncak\"", o).html,
            "<aside class=\"read-also\"><span class=\"read-also-label\">Baca "
            "juga:</span> <a href=\"/cari?q=Banjir%20%22Puncak%22\" "
            "data-ref=\"search:Banjir%20%22Puncak%22\">Banjir "
            "&quot;Puncak&quot;</a></aside>\n");
  EXPECT_EQ(Render("Baca juga: [Pompa](/berita/pompa)", o).html,
            "<aside class=\"read-also\">Baca juga: <a href=\"/berita/pompa\" "
            "data-ref=\"article:pompa\">Pompa</a></aside>\n");
  // In any paragraph; other links carry none.
  EXPECT_EQ(
      Render("Lihat [ini](/berita/lain) dan [itu](https://x.id/).", o).html,
      "<p>Lihat <a href=\"/berita/lain\" data-ref=\"article:lain\">ini"
      "</a> dan <a href=\"https://x.id/\" rel=\"noopener noreferrer "
      "nofollow\">itu</a>.</p>\n");
}

TEST(ReadAlsoTest, OnlyWholeTopLevelParagraphs) {
  // Inside a quote or a list, or as part of a longer paragraph: text.
  EXPECT_EQ(Render("> Baca juga: Judul").html.find("read-also"),
            std::string::npos);
  EXPECT_EQ(Render("- Baca juga: Judul").html.find("read-also"),
            std::string::npos);
  EXPECT_EQ(Render("Kata dia. Baca juga: Judul").html.find("read-also"),
            std::string::npos);
}

}  // namespace
}  // namespace warta::markup
