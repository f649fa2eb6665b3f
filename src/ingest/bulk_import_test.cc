#include "ingest/bulk_import.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "newsroom/revisions.h"
#include "store/sqlite/testing/temp_sqlite_store.h"
#include "store/sqlite/wait_flag.h"

namespace warta::ingest {
namespace {

class BulkImportTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& content) {
    std::string path = store_.dir() + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // `n` JSON lines "Berita i"; line `bad` (1-based) is broken.
  std::string Lines(int n, int bad = 0) {
    std::string out;
    for (int i = 1; i <= n; ++i) {
      if (i == bad) {
        out += "{\"title\": \"Rusak\"\n";
        continue;
      }
      out += "{\"id\":\"b" + std::to_string(i) + "\",\"title\":\"Berita " +
             std::to_string(i) +
             "\",\"tags\":[\"Kota\"],\"body\":\"Isi berita nomor " +
             std::to_string(i) + ".\"}\n";
    }
    return out;
  }

  BulkResult Run(const std::vector<std::string>& files, BulkOptions options,
                 std::vector<ImportEvent>* events = nullptr) {
    return BulkImport(importer_, store_.store(), files, options,
                      [&](const ImportEvent& e) {
                        if (events) events->push_back(e);
                      });
  }

  FakeClock clock_{1790000000};
  TempSqliteStore store_{clock_};
  Newsroom newsroom_{store_.store(), clock_, "WARTA"};
  Importer importer_{newsroom_, ImportDefaults()};
};

TEST_F(BulkImportTest, SavesInFileOrderAndSkipsABadLine) {
  std::string a = Write("a.jsonl", Lines(50, 20));
  std::string b = Write("b.txt", "Judul Teks\n\nIsi teks.\n");
  BulkOptions options;
  options.batch_size = 7;
  options.batch_time = {};  // batches of 7 however slow the machine
  options.threads = 3;
  int batches = 0;
  options.on_batch = [&](const ImportStats&) { ++batches; };
  std::vector<ImportEvent> events;
  BulkResult r = Run({a, b, store_.dir() + "/tidak-ada.md"}, options, &events);
  EXPECT_FALSE(r.interrupted);
  EXPECT_EQ(r.stats.created, 50);  // 49 lines + the text file
  EXPECT_EQ(r.stats.failed, 2);
  ASSERT_EQ(events.size(), 52u);
  EXPECT_EQ(batches, 8);  // ceil(52 / 7)
  EXPECT_EQ(events[0].article->slug, "berita-1");
  EXPECT_EQ(events[19].line, 20);
  EXPECT_EQ(events[19].status.message(), "not valid JSON");
  EXPECT_EQ(events[20].article->slug, "berita-21");
  EXPECT_EQ(events[50].article->slug, "judul-teks");
  EXPECT_TRUE(events[51].status.IsNotFound());
  // Saved as Newsroom::Save would: rendered, with a revision.
  auto stored = store_->GetArticleBySlug("berita-7");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->html, "<p>Isi berita nomor 7.</p>\n");
  EXPECT_EQ(stored->tags.at(0).name, "Kota");
  auto revs = store_->ListRevisions(stored->id, 5, true);
  ASSERT_EQ(revs->size(), 1u);
  auto snapshot = DecodeRevision(store_.store(), (*revs)[0]);
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ(*snapshot, SnapshotOf(*stored));

  // Again: nothing new; a changed line updates with a second revision.
  std::string changed = Lines(50, 20);
  changed.replace(changed.find("nomor 7."), 8, "nomor tujuh.");
  Write("a.jsonl", changed);
  r = Run({a}, options);
  EXPECT_EQ(r.stats.created, 0);
  EXPECT_EQ(r.stats.updated, 1);
  EXPECT_EQ(r.stats.unchanged, 48);
  EXPECT_EQ(store_->ListRevisions(stored->id, 5, false)->size(), 2u);
  EXPECT_EQ(store_->GetArticleBySlug("berita-7")->html,
            "<p>Isi berita nomor tujuh.</p>\n");
}

// An article the store refuses (a tag without a usable slug, found only
// while saving) is reported and skipped; the rest of its batch is saved once
// (the batch saved whole first rolls back, then goes article by article),
// and nothing of the refused one remains.
TEST_F(BulkImportTest, AnArticleTheStoreRefusesIsSkippedAndItsBatchSaved) {
  std::string lines = Lines(10);
  const std::string good = "\"tags\":[\"Kota\"],\"body\":\"Isi berita nomor 4.";
  ASSERT_NE(lines.find(good), std::string::npos);
  lines.replace(lines.find(good), good.size(),
                "\"tags\":[\"!!!\"],\"body\":\"Isi berita nomor 4.");
  std::string a = Write("a.jsonl", lines);
  BulkOptions options;
  options.batch_size = 6;
  options.threads = 2;
  std::vector<ImportEvent> events;
  BulkResult r = Run({a}, options, &events);
  EXPECT_EQ(r.stats.created, 9);
  EXPECT_EQ(r.stats.failed, 1);
  ASSERT_EQ(events.size(), 10u);
  EXPECT_FALSE(events[3].status.ok());
  EXPECT_NE(events[3].status.message().find("no usable slug"),
            std::string::npos)
      << events[3].status.ToString();
  EXPECT_EQ(events[4].article->slug, "berita-5");
  EXPECT_TRUE(store_->GetArticleBySlug("berita-4").status().IsNotFound());
  ArticleQuery all;
  all.status = ArticleStatus::kPublished;
  EXPECT_EQ(*store_->CountArticles(all), 9);
  EXPECT_EQ(store_->ListArticles(all)->size(), 9u);
  auto tags = store_->ListTags();
  ASSERT_TRUE(tags.ok());
  ASSERT_EQ(tags->size(), 1u);
  EXPECT_EQ((*tags)[0].published_count, 9);
  // Importing again creates nothing twice.
  r = Run({a}, options);
  EXPECT_EQ(r.stats.created, 0);
  EXPECT_EQ(r.stats.unchanged, 9);
  EXPECT_EQ(r.stats.failed, 1);
}

TEST_F(BulkImportTest, StopsAfterTheBatchInProgressAndResumes) {
  std::string a = Write("a.jsonl", Lines(100));
  std::atomic<bool> stop{false};
  BulkOptions options;
  options.batch_size = 10;
  options.batch_time = {};
  options.stop = &stop;
  options.on_batch = [&](const ImportStats& s) {
    if (s.done() >= 30) stop = true;
  };
  BulkResult r = Run({a}, options);
  EXPECT_TRUE(r.interrupted);
  EXPECT_EQ(r.stats.created, 30);
  stop = false;
  options.on_batch = nullptr;
  r = Run({a}, options);
  EXPECT_FALSE(r.interrupted);
  EXPECT_EQ(r.stats.created, 70);
  EXPECT_EQ(r.stats.unchanged, 30);
  ArticleQuery q;
  EXPECT_EQ(*store_->CountArticles(q), 100);
}

// Batches that start and end inside the workers' chunks (128 items each)
// and across their ends: every article once, in file order, and the batch
// that starts last still gets them all.
TEST_F(BulkImportTest, BatchesAcrossTheWorkersChunksSaveEachArticleOnce) {
  std::string a = Write("a.jsonl", Lines(300));
  BulkOptions options;
  options.batch_size = 77;
  options.batch_time = {};
  options.threads = 2;
  int batches = 0;
  options.on_batch = [&](const ImportStats&) { ++batches; };
  std::vector<ImportEvent> events;
  BulkResult r = Run({a}, options, &events);
  EXPECT_EQ(r.stats.created, 300);
  EXPECT_EQ(batches, 4);  // ceil(300 / 77)
  ASSERT_EQ(events.size(), 300u);
  for (int i = 0; i < 300; ++i) {
    EXPECT_EQ(events[i].line, i + 1);
    ASSERT_TRUE(events[i].article.has_value()) << i;
    EXPECT_EQ(events[i].article->slug, "berita-" + std::to_string(i + 1));
  }
  ArticleQuery q;
  EXPECT_EQ(*store_->CountArticles(q), 300);
}

// A batch commits once its saves took batch_time, short of batch_size; the
// rest of its articles go into the next batches, in order, each once.
TEST_F(BulkImportTest, ABatchCommitsWhenItsTimeIsUp) {
  std::string a = Write("a.jsonl", Lines(30));
  BulkOptions options;
  options.batch_size = 1000;
  options.batch_time = std::chrono::microseconds(1);  // one article each
  int batches = 0;
  options.on_batch = [&](const ImportStats&) { ++batches; };
  std::vector<ImportEvent> events;
  BulkResult r = Run({a}, options, &events);
  EXPECT_EQ(r.stats.created, 30);
  EXPECT_EQ(batches, 30);
  ASSERT_EQ(events.size(), 30u);
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(events[i].line, i + 1);
    ASSERT_TRUE(events[i].article.has_value()) << i;
    EXPECT_EQ(events[i].article->slug, "berita-" + std::to_string(i + 1));
  }
  EXPECT_EQ(*store_->CountArticles({}), 30);
  // Again: all there once.
  r = Run({a}, options);
  EXPECT_EQ(r.stats.created, 0);
  EXPECT_EQ(r.stats.unchanged, 30);
}

// While a writer of another process waits for the write lock (its flag
// stays raised here), a batch ends after batch_time_when_waited (here: the
// article in progress) and the import then waits the store's longest yield
// for it, each time.
TEST_F(BulkImportTest, EndsBatchesEarlyAndYieldsWhileAnotherWriterWaits) {
  std::string a = Write("a.jsonl", Lines(4));
  BulkOptions options;  // batch_size 1000
  options.batch_time_when_waited = std::chrono::microseconds(1);
  int batches = 0;
  options.on_batch = [&](const ImportStats&) { ++batches; };
  sqlite::WaitFlag editor(store_.dir() + "/warta.db");
  editor.Raise();
  ASSERT_TRUE(editor.raised());
  const auto start = std::chrono::steady_clock::now();
  BulkResult r = Run({a}, options);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.stats.created, 4);
  EXPECT_EQ(batches, 4);
  EXPECT_GE(took, 4 * std::chrono::milliseconds(190));
  // Nobody waits: one batch.
  editor.Lower();
  batches = 0;
  r = Run({Write("b.jsonl", Lines(8))}, options);
  EXPECT_EQ(r.stats.done(), 8);
  EXPECT_EQ(r.stats.failed, 0);
  EXPECT_EQ(batches, 1);
}

}  // namespace
}  // namespace warta::ingest
