#include "ingest/jsonl_format.h"

#include <gtest/gtest.h>

#include "base/time.h"

namespace warta::ingest {
namespace {

TEST(ParseJsonLineTest, ReadsCorpusFields) {
  ImportDefaults d;
  auto a = ParseJsonLine(
      R"({"id": "x:1", "title": "Harga beras naik", "body": "Paragraf *satu*.\n\nParagraf dua.",
          "published": "2017-03-28", "category": "tajuk utama", "source": "kumparan",
          "url": "https://example.org/a", "split": "dev.01"})",
      d);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->title, "Harga beras naik");
  EXPECT_EQ(a->body, "Paragraf \\*satu\\*.\n\nParagraf dua.");
  EXPECT_EQ(a->category, "tajuk utama");
  EXPECT_EQ(a->source, "kumparan");
  EXPECT_EQ(a->source_url, "https://example.org/a");
  EXPECT_EQ(FormatIso8601Utc(*a->published_at), "2017-03-27T17:00:00Z");
  EXPECT_EQ(a->import_key, "jsonl:x:1");
}

TEST(ParseJsonLineTest, Errors) {
  ImportDefaults d;
  struct Case {
    const char* line;
    const char* message;
  } cases[] = {
      {"{", "not valid JSON"},
      {"[1]", "expected a JSON object"},
      {R"({"body": "x"})", "missing \"title\""},
      {R"({"title": "t"})", "missing \"body\""},
      {R"({"title": 5, "body": "x"})", "\"title\" must be a string"},
      {R"({"title": "t", "body": "  "})", "\"body\" is empty"},
      {R"({"title": "t", "body": "x", "published": "kemarin"})",
       "\"published\": not an ISO"},
      {R"({"title": "t", "body": "x", "tags": [1]})",
       "\"tags\" must be a list"},
  };
  for (const Case& c : cases) {
    auto a = ParseJsonLine(c.line, d);
    ASSERT_FALSE(a.ok()) << c.line;
    EXPECT_EQ(a.status().message().rfind(c.message, 0), 0u)
        << a.status().message();
  }
}

}  // namespace
}  // namespace warta::ingest
