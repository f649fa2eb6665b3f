// Segment files and the index manifest (LiveIndex's Load and Save are
// tested in live_index_test.cc).
#include "index/segment_file.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>

#include "index/index_manifest.h"
#include "index/segment_builder.h"
#include "index/snapshot.h"
#include "index/test_docs.h"

namespace warta::index {
namespace {

namespace fs = std::filesystem;

// What a snapshot answers to a set of queries: search hits, related lists
// and suggestions, as text to compare.
std::string Answers(const Snapshot& snap, const text::Analyzer& analyzer) {
  std::string out;
  for (const char* q :
       {"banjir", "harga beras", "\"sepak bola\"", "pendid", "menteri -guru",
        "dokter OR vaksin", "bandarra", "jakarta banjir sungai"}) {
    auto parsed = ParseQuery(q, analyzer);
    if (!parsed.ok()) continue;
    SearchOptions o;
    o.now = 1800000000;
    o.limit = 20;
    SearchResult r = snap.Search(*parsed, o);
    out += std::string(q) + ": " + std::to_string(r.total) + " [";
    for (const SearchHit& h : r.hits)
      out += std::to_string(h.article_id) + ":" + std::to_string(h.score) + " ";
    out += "] suggest=" + snap.Suggest(*parsed) + "\n";
  }
  RelatedOptions ro;
  ro.now = 1800000000;
  for (std::int64_t id : {1, 7, 50, 99}) {
    out += "related " + std::to_string(id) + ":";
    for (const RelatedHit& h : snap.Related(id, ro))
      out += " " + std::to_string(h.article_id) + ":" + std::to_string(h.score);
    out += "\n";
  }
  return out;
}

class SegmentFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/warta-segfile-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    std::mt19937 rng(7);
    SegmentBuilder b(analyzer_);
    for (std::int64_t id = 1; id <= 400; ++id) b.Add(testing::MakeDoc(rng, id));
    built_ = b.Build();
  }
  void TearDown() override { fs::remove_all(dir_); }

  text::Analyzer analyzer_{text::DefaultStemmer()};
  std::string dir_;
  std::shared_ptr<const Segment> built_;
};

TEST_F(SegmentFileTest, RoundTripAnswersLikeTheBuiltSegment) {
  const std::string path = dir_ + "/seg.idx";
  ASSERT_TRUE(WriteSegmentFile(*built_, path).ok());
  EXPECT_FALSE(fs::exists(path + ".tmp"));
  auto opened = OpenSegmentFile(path);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  const Segment& seg = **opened;
  EXPECT_TRUE(seg.mapped());
  EXPECT_FALSE(built_->mapped());
  EXPECT_EQ(seg.doc_count(), 400u);
  EXPECT_EQ(seg.MemoryBytes(), built_->MemoryBytes());
  EXPECT_EQ(seg.FindArticle(123), built_->FindArticle(123));
  EXPECT_EQ(seg.FeatureDf("banjir"), built_->FeatureDf("banjir"));
  EXPECT_GT(seg.FeatureDf("@budi santoso") + seg.FeatureDf("#3"), 0u);
  EXPECT_EQ(seg.FeatureDf("#3"), built_->FeatureDf("#3"));
  ASSERT_EQ(seg.surfaces().size(), built_->surfaces().size());
  EXPECT_EQ(seg.SurfacesWithPrefix("pe").size(),
            built_->SurfacesWithPrefix("pe").size());
  EXPECT_EQ(seg.tags(5).size(), 2u);
  EXPECT_EQ(seg.tags(5)[0], built_->tags(5)[0]);

  Snapshot fresh({SegmentRef{built_, nullptr}});
  Snapshot loaded({SegmentRef{*opened, nullptr}});
  const std::string want = Answers(fresh, analyzer_);
  EXPECT_NE(want.find("banjir: "), std::string::npos);
  EXPECT_EQ(want.find("banjir: 0 "), std::string::npos) << want;
  EXPECT_EQ(want.find("related 7:\n"), std::string::npos) << want;
  EXPECT_EQ(Answers(loaded, analyzer_), want);
}

TEST_F(SegmentFileTest, DamagedTruncatedOrOtherVersionFilesAreRejected) {
  const std::string path = dir_ + "/seg.idx";
  ASSERT_TRUE(WriteSegmentFile(*built_, path).ok());
  const auto size = fs::file_size(path);
  auto rewrite = [&](auto change) {
    std::string bytes;
    {
      std::ifstream in(path, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    change(bytes);
    std::ofstream(dir_ + "/bad.idx", std::ios::binary | std::ios::trunc)
        << bytes;
    return OpenSegmentFile(dir_ + "/bad.idx");
  };
  auto flipped = rewrite([&](std::string& b) { b[size / 2] ^= 0x40; });
  ASSERT_FALSE(flipped.ok());
  EXPECT_EQ(flipped.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(flipped.status().message().find("checksum"), std::string::npos);

  auto truncated = rewrite([&](std::string& b) { b.resize(size - 100); });
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), StatusCode::kFailedPrecondition);

  auto tiny = rewrite([&](std::string& b) { b.resize(10); });
  EXPECT_EQ(tiny.status().code(), StatusCode::kFailedPrecondition);

  auto version = rewrite([&](std::string& b) { b[8] = 99; });
  EXPECT_EQ(version.status().code(), StatusCode::kFailedPrecondition);

  EXPECT_TRUE(OpenSegmentFile(dir_ + "/absent.idx").status().IsNotFound());
  EXPECT_TRUE(OpenSegmentFile(path).ok());  // the original is intact
}

TEST_F(SegmentFileTest, AnEmptySegmentRoundTrips) {
  SegmentBuilder b(analyzer_);
  auto empty = b.Build();
  ASSERT_TRUE(WriteSegmentFile(*empty, dir_ + "/empty.idx").ok());
  auto opened = OpenSegmentFile(dir_ + "/empty.idx");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ((*opened)->doc_count(), 0u);
  EXPECT_EQ((*opened)->FindTerm("banjir"), nullptr);
  EXPECT_TRUE((*opened)->SurfacesWithPrefix("b").empty());
  EXPECT_FALSE((*opened)->FindArticle(1).has_value());
}

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A build that writes slices every few hundred bytes of postings and merges
// them writes the same file as a build in memory, and leaves no scratch
// files behind.
TEST_F(SegmentFileTest, SlicedBuildWritesTheSameFileAsOneInMemory) {
  ExternalDf external{[](std::string_view f) -> std::uint32_t {
                        return f == "banjir" || f == "@siti rahma" ? 40 : 0;
                      },
                      300};
  for (const ExternalDf* ext : {static_cast<const ExternalDf*>(nullptr),
                                static_cast<const ExternalDf*>(&external)}) {
    std::mt19937 rng(7);
    SegmentBuilder memory(analyzer_), sliced(analyzer_);
    sliced.UseSlices(SliceOptions{dir_ + "/build-test", 700, nullptr});
    for (std::int64_t id = 1; id <= 400; ++id) {
      IndexDoc d = testing::MakeDoc(rng, id);
      memory.Add(d);
      sliced.Add(d);
    }
    ASSERT_TRUE(sliced.status().ok()) << sliced.status().ToString();
    EXPECT_GT(sliced.slices_written(), 20u);
    ASSERT_TRUE(
        WriteSegmentFile(*memory.Build(ext), dir_ + "/memory.idx").ok());
    auto merged = sliced.BuildFile(dir_ + "/sliced.idx", ext);
    ASSERT_TRUE(merged.ok()) << merged.status().ToString();
    EXPECT_TRUE((*merged)->mapped());
    EXPECT_EQ((*merged)->doc_count(), 400u);

    const std::string want = FileBytes(dir_ + "/memory.idx");
    ASSERT_GT(want.size(), 10000u);
    EXPECT_TRUE(FileBytes(dir_ + "/sliced.idx") == want);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"memory.idx", "sliced.idx"}));
    Snapshot in_memory(
        {SegmentRef{*OpenSegmentFile(dir_ + "/memory.idx"), nullptr}});
    Snapshot from_slices({SegmentRef{*merged, nullptr}});
    EXPECT_EQ(Answers(from_slices, analyzer_), Answers(in_memory, analyzer_));
    fs::remove(dir_ + "/memory.idx");
    fs::remove(dir_ + "/sliced.idx");
  }
}

TEST_F(SegmentFileTest, ACancelledSlicedBuildStopsAndCleansUp) {
  std::atomic<bool> cancel{false};
  std::mt19937 rng(7);
  SegmentBuilder b(analyzer_);
  b.UseSlices(SliceOptions{dir_ + "/build-test", 700, &cancel});
  for (std::int64_t id = 1; id <= 100; ++id) b.Add(testing::MakeDoc(rng, id));
  EXPECT_GT(b.slices_written(), 0u);
  cancel = true;
  auto r = b.BuildFile(dir_ + "/never.idx");
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST(IndexManifestTest, RoundTripAndDamage) {
  char tmpl[] = "/tmp/warta-manifest-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl;
  EXPECT_TRUE(ReadManifest(dir).status().IsNotFound());
  IndexManifest m;
  m.seq = 42;
  m.has_base = true;
  m.segments = {{"seg-a.idx", {1, 5}}, {"seg-b.idx", {}}};
  m.small_docs = {{7, 40}, {9, 41}};
  m.deleted_since_base = {{3, 39}};
  ASSERT_TRUE(WriteManifest(dir, m).ok());
  auto read = ReadManifest(dir);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->seq, 42);
  EXPECT_TRUE(read->has_base);
  ASSERT_EQ(read->segments.size(), 2u);
  EXPECT_EQ(read->segments[0].file, "seg-a.idx");
  EXPECT_EQ(read->segments[0].deleted, (std::vector<std::uint32_t>{1, 5}));
  EXPECT_EQ(read->small_docs, m.small_docs);
  EXPECT_EQ(read->deleted_since_base, m.deleted_since_base);
  fs::resize_file(dir + "/" + kManifestName,
                  fs::file_size(dir + "/" + kManifestName) - 3);
  EXPECT_EQ(ReadManifest(dir).status().code(), StatusCode::kFailedPrecondition);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace warta::index
