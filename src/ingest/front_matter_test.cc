#include "ingest/front_matter.h"

#include <gtest/gtest.h>

namespace warta::ingest {
namespace {

TEST(FrontMatterTest, ScalarsQuotesAndLists) {
  auto d = ParseFrontMatter(
      "---\n"
      "title: \"Harga cabai: naik \\\"lagi\\\"\"  # komentar\n"
      "slug: harga-cabai\n"
      "tags: [Pangan, \"Pasar, Induk\", 'Jum''at']\n"
      "authors:\n"
      "  - Rina Wulandari\n"
      "  - \"Budi Santoso\"\n"
      "custom_excerpt: satu # dua\n"
      "---\n"
      "Isi **tebal**.\n");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->fields.size(), 5u);
  EXPECT_EQ(d->fields[0].items[0], "Harga cabai: naik \"lagi\"");
  EXPECT_EQ(d->fields[2].items,
            (std::vector<std::string>{"Pangan", "Pasar, Induk", "Jum'at"}));
  EXPECT_EQ(d->fields[3].items,
            (std::vector<std::string>{"Rina Wulandari", "Budi Santoso"}));
  EXPECT_EQ(d->fields[4].items[0], "satu");
  EXPECT_EQ(d->body, "Isi **tebal**.\n");
  EXPECT_EQ(d->body_line, 10);
}

TEST(FrontMatterTest, NoFrontMatterIsAllBody) {
  auto d = ParseFrontMatter("# Judul\n\nIsi");
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->fields.empty());
  EXPECT_EQ(d->body, "# Judul\n\nIsi");
}

TEST(FrontMatterTest, Errors) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"---\ntitle: x\n",
       "line 1: front matter opened with --- is never closed"},
      {"---\ntitle x\n---\n", "line 2: expected \"key: value\""},
      {"---\ntitle: \"x\n---\n", "line 2: unterminated quoted string"},
      {"---\ntags: [a, b\n---\n", "line 2: list without a closing ']'"},
      {"---\n- a\n---\n", "line 2: a list item without a key"},
      {"---\ntitle: a\ntitle: b\n---\n", "line 3: duplicate key \"title\""},
      {"---\nmeta:\n  nested: 1\n---\n", "line 3: unexpected indentation"},
  };
  for (const Case& c : cases) {
    auto d = ParseFrontMatter(c.text);
    ASSERT_FALSE(d.ok()) << c.text;
    EXPECT_EQ(d.status().message().rfind(c.message, 0), 0u)
        << d.status().message();
  }
}

}  // namespace
}  // namespace warta::ingest
