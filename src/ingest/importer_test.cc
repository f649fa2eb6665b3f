#include "ingest/importer.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "store/sqlite/testing/temp_sqlite_store.h"

namespace warta::ingest {
namespace {

class ImporterTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& content) {
    std::string path = store_.dir() + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  std::vector<ImportEvent> Import(const std::string& path,
                                  ImportStats* stats = nullptr) {
    std::vector<ImportEvent> events;
    ImportStats s = importer_.ImportFile(
        path, [&](const ImportEvent& e) { events.push_back(e); });
    if (stats) *stats = s;
    return events;
  }

  FakeClock clock_{1790000000};
  TempSqliteStore store_{clock_};
  Newsroom newsroom_{store_.store(), clock_, "WARTA"};
  Importer importer_{newsroom_, ImportDefaults()};
  const std::string& dir_ = store_.dir();
};

TEST_F(ImporterTest, ImportsTextPublishedWithDefaultsAndIsIdempotent) {
  std::string path =
      Write("a.txt",
            "Judul Berita Satu\n\nwaktu baca 1 menit\n\n"
            "Seoul (KABARIN) - Paragraf pertama.\n\nParagraf kedua.\n\n"
            "Sumber: Sputnik-OANA\n\nBagikan\n");
  auto events = Import(path);
  ASSERT_EQ(events.size(), 1u);
  ASSERT_TRUE(events[0].status.ok()) << events[0].status.ToString();
  EXPECT_EQ(events[0].action, ImportAction::kCreated);
  const Article a = *events[0].article;  // a copy: `events` is reassigned below
  EXPECT_EQ(a.slug, "judul-berita-satu");
  EXPECT_EQ(a.status, ArticleStatus::kPublished);
  EXPECT_EQ(a.published_at, clock_.Now());
  EXPECT_EQ(a.category->name, "Berita");
  EXPECT_EQ(a.authors.at(0).name, "Redaksi");
  EXPECT_EQ(a.source, "Sputnik-OANA");
  EXPECT_EQ(
      a.html.rfind(
          "<p><span class=\"dateline\">Seoul (KABARIN) -</span> Paragraf", 0),
      0u)
      << a.html;

  clock_.Advance(3600);
  ImportStats stats;
  events = Import(path, &stats);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, ImportAction::kUnchanged);
  EXPECT_EQ(stats.unchanged, 1);
  EXPECT_EQ(*store_->CountArticles(ArticleQuery()), 1);
  // The first published_at stays.
  EXPECT_EQ(store_->GetArticle(a.id)->published_at, a.published_at);

  Write(
      "a.txt",
      "Judul Berita Satu\n\nSeoul (KABARIN) - Paragraf pertama diperbaiki.\n");
  events = Import(path);
  EXPECT_EQ(events[0].action, ImportAction::kUpdated);
  EXPECT_EQ(events[0].article->version, 2);
  EXPECT_EQ(events[0].article->published_at, a.published_at);
  EXPECT_EQ(*store_->CountArticles(ArticleQuery()), 1);
}

TEST_F(ImporterTest, BadFilesReportAndWriteNothing) {
  ImportStats stats;
  auto events = Import(Write("kosong.txt", "\n\n"), &stats);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_FALSE(events[0].status.ok());
  EXPECT_EQ(events[0].line, 1);
  EXPECT_EQ(events[0].status.message(), "the file is empty");
  EXPECT_EQ(stats.failed, 1);
  events = Import(dir_ + "/tidak-ada.txt");
  EXPECT_EQ(events[0].status.code(), StatusCode::kNotFound);
  events = Import(dir_);
  EXPECT_EQ(events[0].status.message(), "not a regular file");
  events = Import(Write("b.md", "---\ntitle: A\nstatus: live\n---\nIsi\n"));
  EXPECT_EQ(events[0].line, 3);
  EXPECT_EQ(*store_->CountArticles(ArticleQuery()), 0);
  EXPECT_EQ(*store_->ChangeSeq(), 0);
}

TEST_F(ImporterTest, JsonLinesImportsGoodLinesAndReportsBadOnes) {
  std::string path = Write(
      "c.jsonl",
      R"({"id":"1","title":"Satu","body":"Isi satu.","category":"Olahraga"})"
      "\n\n"
      R"({"id":"2","title":"Dua"})"
      "\n"
      R"({"id":"3","title":"Tiga","body":"Isi tiga.","published":"2017-01-02"})"
      "\n");
  ImportStats stats;
  auto events = Import(path, &stats);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_TRUE(events[0].status.ok());
  EXPECT_EQ(events[1].line, 3);
  EXPECT_EQ(events[1].status.message(), "missing \"body\"");
  EXPECT_EQ(events[2].line, 4);
  EXPECT_EQ(stats.created, 2);
  EXPECT_EQ(stats.failed, 1);
  EXPECT_EQ(events[0].article->category->slug, "olahraga");
  // Again: nothing duplicated.
  Import(path, &stats);
  EXPECT_EQ(stats.unchanged, 2);
  EXPECT_EQ(*store_->CountArticles(ArticleQuery()), 2);
}

TEST_F(ImporterTest, ReadsGzipAndSchedulesFutureDates) {
  std::string path = dir_ + "/d.jsonl.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  std::string line =
      R"({"title":"Nanti","body":"Isi.","published":"2099-01-01T00:00:00Z"})"
      "\n";
  gzwrite(gz, line.data(), static_cast<unsigned>(line.size()));
  gzclose(gz);
  auto events = Import(path);
  ASSERT_EQ(events.size(), 1u);
  ASSERT_TRUE(events[0].status.ok()) << events[0].status.ToString();
  EXPECT_EQ(events[0].article->status, ArticleStatus::kScheduled);
}

TEST_F(ImporterTest, MarkdownWithFrontMatter) {
  auto events = Import(
      Write("01-pompa.md",
            "---\ntitle: Pompa air siaga\ncategory: Daerah\n"
            "tags: [Banjir, Jakarta]\nauthors: [Rina Wulandari, Budi Santoso]\n"
            "dateline: Jakarta\npublished_at: 2026-10-14T09:30:00+07:00\n---\n"
            "Paragraf **pertama**.\n\n## Sub\n\nParagraf kedua.\n"));
  ASSERT_TRUE(events[0].status.ok()) << events[0].status.ToString();
  const Article& a = *events[0].article;
  EXPECT_EQ(a.authors.size(), 2u);
  EXPECT_EQ(a.tags.at(1).slug, "jakarta");
  EXPECT_NE(a.html.find("<span class=\"dateline\">Jakarta (WARTA) -</span>"),
            std::string::npos)
      << a.html;
  EXPECT_NE(a.html.find("<strong>pertama</strong>"), std::string::npos);
  EXPECT_EQ(a.word_count, 5);
}

}  // namespace
}  // namespace warta::ingest
