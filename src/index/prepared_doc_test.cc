#include "index/prepared_doc.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "index/segment_builder.h"
#include "index/segment_file.h"
#include "index/test_docs.h"

namespace warta::index {
namespace {

text::Analyzer& TestAnalyzer() {
  static text::Analyzer analyzer{text::DefaultStemmer()};
  return analyzer;
}

const PreparedDoc::Term* FindTerm(const PreparedDoc& p, const std::string& t) {
  for (const PreparedDoc::Term& term : p.terms)
    if (term.term == t) return &term;
  return nullptr;
}

TEST(PrepareDocTest, DistinctTermsWithFieldCountsAndSortedPositions) {
  IndexDoc d;
  d.article_id = 7;
  d.category_id = 3;
  d.tag_ids = {5};
  d.title = "Banjir di Jakarta";
  d.excerpt = "Banjir besar di Jakarta";
  d.body = "Warga Jakarta mengungsi. Banjir surut, kata Budi Santoso.";
  PreparedDoc p = PrepareDoc(TestAnalyzer(), d);

  // Each term once, in the order it first occurs.
  ASSERT_GE(p.terms.size(), 3u);
  EXPECT_EQ(p.terms[0].term, "banjir");
  EXPECT_EQ(p.terms[1].term, "di");
  EXPECT_EQ(p.terms[2].term, "jakarta");
  for (std::size_t i = 0; i < p.terms.size(); ++i)
    for (std::size_t j = i + 1; j < p.terms.size(); ++j)
      EXPECT_NE(p.terms[i].term, p.terms[j].term);

  const PreparedDoc::Term* banjir = FindTerm(p, "banjir");
  ASSERT_NE(banjir, nullptr);
  EXPECT_EQ(banjir->tf[0], 1u);
  EXPECT_EQ(banjir->tf[1], 1u);
  EXPECT_EQ(banjir->tf[2], 1u);
  // Positions run on across fields (with a gap), ascending.
  ASSERT_EQ(banjir->positions.size(), 3u);
  EXPECT_EQ(banjir->positions[0], 0u);
  EXPECT_EQ(banjir->positions[1], 3u + kFieldGap);
  EXPECT_GT(banjir->positions[2], banjir->positions[1]);
  // A stopword is counted but has no positions.
  const PreparedDoc::Term* di = FindTerm(p, "di");
  ASSERT_NE(di, nullptr);
  EXPECT_EQ(di->tf[0] + di->tf[1] + di->tf[2], 2u);
  EXPECT_TRUE(di->positions.empty());

  EXPECT_EQ(p.length[0], 3);
  EXPECT_EQ(p.length[1], 4);
  // Words as folded, each once, with the first term each gave.
  ASSERT_FALSE(p.surfaces.empty());
  EXPECT_EQ(p.surfaces[0].first, "banjir");
  EXPECT_EQ(p.surfaces[0].second, 0u);
  for (std::size_t i = 0; i < p.surfaces.size(); ++i)
    for (std::size_t j = i + 1; j < p.surfaces.size(); ++j)
      EXPECT_NE(p.surfaces[i].first, p.surfaces[j].first);
  EXPECT_NE(std::find(p.names.begin(), p.names.end(), "budi santoso"),
            p.names.end());

  // The rest of the document stays; its texts are gone.
  EXPECT_EQ(p.doc.article_id, 7);
  EXPECT_EQ(p.doc.category_id, 3);
  EXPECT_EQ(p.doc.tag_ids, std::vector<std::int64_t>{5});
  EXPECT_TRUE(p.doc.title.empty() && p.doc.excerpt.empty() &&
              p.doc.body.empty());
}

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Documents prepared on three threads, batch by batch, build the same
// segment file, byte for byte, as the same documents added one by one.
TEST(DocPreparerTest, PreparedOnThreadsBuildsTheSameFile) {
  char tmpl[] = "/tmp/warta-prepared-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl;
  std::mt19937 rng(23);
  std::vector<IndexDoc> docs;
  for (std::int64_t id = 1; id <= 700; ++id)
    docs.push_back(testing::MakeDoc(rng, id));

  SegmentBuilder one_by_one(TestAnalyzer());
  for (const IndexDoc& d : docs) one_by_one.Add(d);
  ASSERT_TRUE(WriteSegmentFile(*one_by_one.Build(), dir + "/serial.idx").ok());

  SegmentBuilder threaded(TestAnalyzer());
  DocPreparer preparer(TestAnalyzer(), 3);
  std::size_t next = 0, added = 0;
  while (true) {
    std::vector<IndexDoc> batch;
    for (; next < docs.size() && batch.size() < 64; ++next)
      batch.push_back(docs[next]);
    const bool last = batch.empty();
    std::vector<PreparedDoc> ready = preparer.Take();
    preparer.Start(std::move(batch));
    for (PreparedDoc& p : ready) {
      EXPECT_EQ(p.doc.article_id, docs[added++].article_id);
      threaded.Add(std::move(p));
    }
    if (last) break;
  }
  EXPECT_EQ(added, docs.size());
  ASSERT_TRUE(WriteSegmentFile(*threaded.Build(), dir + "/threaded.idx").ok());

  const std::string want = FileBytes(dir + "/serial.idx");
  ASSERT_GT(want.size(), 10000u);
  EXPECT_TRUE(FileBytes(dir + "/threaded.idx") == want);
  std::filesystem::remove_all(dir);
}

// A batch started and never taken is finished by the destructor: nothing
// runs on after it, nothing leaks (the sanitizer builds check).
TEST(DocPreparerTest, ABatchNotTakenEndsWithThePreparer) {
  std::mt19937 rng(5);
  std::vector<IndexDoc> batch;
  for (std::int64_t id = 1; id <= 50; ++id)
    batch.push_back(testing::MakeDoc(rng, id));
  {
    DocPreparer preparer(TestAnalyzer(), 2);
    preparer.Start(batch);
  }
  DocPreparer preparer(TestAnalyzer(), 2);
  preparer.Start(batch);
  EXPECT_EQ(preparer.Take().size(), 50u);
  preparer.Start({});
  EXPECT_TRUE(preparer.Take().empty());
}

}  // namespace
}  // namespace warta::index
