// The persisted search index: segment files, the manifest, and LiveIndex's
// Load/Save/background build.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "index/index_manifest.h"
#include "index/live_index.h"
#include "index/near_duplicate.h"
#include "index/segment_builder.h"
#include "index/segment_file.h"
#include "newsroom/newsroom.h"
#include "store/sqlite/sqlite_store.h"

namespace warta::index {
namespace {

namespace fs = std::filesystem;

// Words of our own to make many distinct articles from.
const char* const kWords[] = {
    "banjir",    "sungai",   "warga",     "mengungsi", "hujan",
    "deras",     "pemerintah", "menteri", "anggaran",  "pendidikan",
    "sekolah",   "guru",     "murid",     "jakarta",   "bandung",
    "surabaya",  "pertandingan", "sepak", "bola",      "gol",
    "pelatih",   "kompetisi", "ekonomi",  "inflasi",   "harga",
    "beras",     "pasar",    "petani",    "panen",     "pupuk",
    "kesehatan", "rumah",    "sakit",     "dokter",    "vaksin",
    "teknologi", "aplikasi", "internet",  "jaringan",  "listrik",
    "pelabuhan", "kapal",    "nelayan",   "ikan",      "laut",
    "gunung",    "letusan",  "abu",       "penerbangan", "bandara"};
const char* const kNames[] = {"Budi Santoso", "Siti Rahma", "Joko Widodo",
                              "Sri Mulyani", "Andi Wijaya"};

std::string Sentence(std::mt19937& rng, int words) {
  std::string s;
  std::uniform_int_distribution<int> pick(0, std::size(kWords) - 1);
  for (int i = 0; i < words; ++i) {
    if (i) s += ' ';
    s += kWords[pick(rng)];
  }
  return s + ".";
}

IndexDoc MakeDoc(std::mt19937& rng, std::int64_t id) {
  IndexDoc d;
  d.article_id = id;
  d.published_at = 1700000000 + id * 60;
  d.category_id = 1 + id % 4;
  d.cluster_id = id % 17 == 0 ? id - 1 : 0;
  d.tag_ids = {id % 5, 10 + id % 3};
  d.author_ids = {100 + id % 2};
  d.title = Sentence(rng, 6);
  d.excerpt = Sentence(rng, 20) + " Kata " + kNames[id % 5] + " kemarin.";
  d.body = Sentence(rng, 60) + " " + kNames[(id + 1) % 5] + " menyatakan " +
           Sentence(rng, 40);
  return d;
}

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
    for (std::int64_t id = 1; id <= 400; ++id) b.Add(MakeDoc(rng, id));
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
  EXPECT_EQ(ReadManifest(dir).status().code(),
            StatusCode::kFailedPrecondition);
  fs::remove_all(dir);
}

class PersistedIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/warta-persist-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    SqliteOptions o;
    o.path = dir_ + "/warta.db";
    o.synchronous = "NORMAL";
    store_ = std::move(*OpenSqliteStore(o, clock_));
    newsroom_ = std::make_unique<Newsroom>(*store_, clock_, "WARTA");
    detector_ = std::make_unique<DuplicateDetector>(*store_);
    newsroom_->AddListener([this](const Article& a) {
      auto r = detector_->Update(a);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    });
    std::mt19937 rng(11);
    for (int i = 1; i <= 60; ++i) {
      IndexDoc d = MakeDoc(rng, i);
      Publish(d.title, d.excerpt + "\n\n" + d.body);
    }
  }
  void TearDown() override {
    newsroom_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }
  std::unique_ptr<LiveIndex> NewIndex() {
    LiveIndexOptions o;
    o.dir = dir_ + "/index";
    o.poll_interval = std::chrono::milliseconds(20);
    return std::make_unique<LiveIndex>(*store_, analyzer_, o);
  }
  Article Publish(const std::string& title, const std::string& body) {
    Article a;
    a.title = title;
    a.body = body;
    a.category = Category{0, "", "Nasional", ""};
    a.status = ArticleStatus::kPublished;
    a.published_at = clock_.Now() - 3600;
    auto s = newsroom_->Save(a);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : Article{};
  }
  std::vector<std::int64_t> Search(const LiveIndex& index,
                                   const std::string& q) {
    auto parsed = ParseQuery(q, analyzer_);
    if (!parsed.ok()) return {};
    SearchOptions o;
    o.now = clock_.Now();
    o.limit = 100;
    std::vector<std::int64_t> ids;
    for (const SearchHit& h : index.snapshot()->Search(*parsed, o).hits)
      ids.push_back(h.article_id);
    return ids;
  }
  std::string SegmentFile() {
    for (const auto& e : fs::directory_iterator(dir_ + "/index")) {
      if (e.path().filename().string().rfind("seg-", 0) == 0)
        return e.path().string();
    }
    return "";
  }
  static bool WaitFor(const std::function<bool()>& f) {
    for (int i = 0; i < 500; ++i) {
      if (f()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return f();
  }

  FakeClock clock_{1790000000};
  std::string dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Newsroom> newsroom_;
  std::unique_ptr<DuplicateDetector> detector_;
  text::Analyzer analyzer_{text::DefaultStemmer()};
};

TEST_F(PersistedIndexTest, RestartLoadsTheFilesWithoutABuild) {
  std::vector<std::int64_t> want;
  {
    auto first = NewIndex();
    EXPECT_TRUE(first->Load().IsNotFound());
    EXPECT_FALSE(first->ready());
    ASSERT_TRUE(first->Build().ok());
    EXPECT_EQ(first->builds(), 1);
    // Once written, the mapped file serves instead of the heap copy.
    EXPECT_TRUE(first->snapshot()->segments()[0].segment->mapped());
    want = Search(*first, "banjir");
    ASSERT_FALSE(want.empty());
  }
  ASSERT_TRUE(fs::exists(dir_ + "/index/" + kManifestName));
  ASSERT_FALSE(SegmentFile().empty());
  auto second = NewIndex();
  Status s = second->Load();
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(second->ready());
  EXPECT_EQ(second->loads(), 1);
  EXPECT_EQ(second->builds(), 0);
  EXPECT_TRUE(second->snapshot()->segments()[0].segment->mapped());
  EXPECT_EQ(second->snapshot()->live_docs(), 60u);
  EXPECT_EQ(Search(*second, "banjir"), want);
}

TEST_F(PersistedIndexTest, ChangesWhileDownAreCaughtUpOnLoad) {
  { ASSERT_TRUE(NewIndex()->Build().ok()); }
  // The server is down; an import and an editor carry on.
  Article fresh = Publish("Kereta cepat Whoosh melaju",
                          "Penumpang kereta cepat Whoosh bertambah setiap "
                          "pekan menurut operator.");
  auto gone_ids = Search(*NewIndex(), "banjir");  // not loaded: empty
  EXPECT_TRUE(gone_ids.empty());
  Article old = *store_->GetArticle(1);
  old.status = ArticleStatus::kDraft;
  ASSERT_TRUE(newsroom_->Save(old).ok());

  auto index = NewIndex();
  ASSERT_TRUE(index->Load().ok());
  EXPECT_EQ(index->builds(), 0);
  EXPECT_EQ(Search(*index, "whoosh"), std::vector<std::int64_t>{fresh.id});
  EXPECT_EQ(index->snapshot()->live_docs(), 60u);  // one in, one out
  EXPECT_FALSE(index->snapshot()->Find(1).has_value());
}

TEST_F(PersistedIndexTest, SmallSegmentsAndDeletionsSurviveARestart) {
  std::vector<std::int64_t> want_banjir, want_whoosh;
  Article fresh;
  {
    auto index = NewIndex();
    ASSERT_TRUE(index->Build().ok());
    index->Start();
    fresh = Publish("Kereta cepat Whoosh melaju",
                    "Penumpang kereta cepat Whoosh bertambah setiap pekan.");
    Article old = *store_->GetArticle(2);
    old.status = ArticleStatus::kDraft;
    ASSERT_TRUE(newsroom_->Save(old).ok());
    index->Notify();
    ASSERT_TRUE(WaitFor([&] {
      return index->seen_seq() == *store_->ChangeSeq();
    }));
    want_banjir = Search(*index, "banjir");
    want_whoosh = Search(*index, "whoosh");
    index->Stop();  // a clean shutdown saves
  }
  auto index = NewIndex();
  ASSERT_TRUE(index->Load().ok());
  EXPECT_EQ(index->builds(), 0);
  EXPECT_EQ(index->snapshot()->segments().size(), 2u);
  EXPECT_EQ(Search(*index, "whoosh"), want_whoosh);
  EXPECT_EQ(Search(*index, "whoosh"), std::vector<std::int64_t>{fresh.id});
  EXPECT_EQ(Search(*index, "banjir"), want_banjir);
  EXPECT_FALSE(index->snapshot()->Find(2).has_value());
  // The small segment's documents came back: a later merge keeps them.
  for (int i = 0; i < 10; ++i) {
    Publish("Berita kereta " + std::to_string(i), "Kereta api tiba tepat waktu.");
    ASSERT_TRUE(index->CatchUp().ok());
  }
  EXPECT_EQ(Search(*index, "whoosh"), std::vector<std::int64_t>{fresh.id});
}

TEST_F(PersistedIndexTest, DamagedFileIsRebuiltInTheBackground) {
  std::vector<std::int64_t> want;
  {
    auto index = NewIndex();
    ASSERT_TRUE(index->Build().ok());
    want = Search(*index, "banjir");
  }
  const std::string seg = SegmentFile();
  ASSERT_FALSE(seg.empty());
  fs::resize_file(seg, fs::file_size(seg) / 2);  // a torn write, a bad disk

  auto index = NewIndex();
  Status s = index->Load();
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_FALSE(index->ready());
  EXPECT_TRUE(Search(*index, "banjir").empty());
  index->Start();
  ASSERT_TRUE(WaitFor([&] { return index->ready(); }));
  EXPECT_EQ(index->builds(), 1);
  EXPECT_EQ(Search(*index, "banjir"), want);
  index->Stop();
  // The rebuilt files replace the damaged one.
  EXPECT_FALSE(fs::exists(seg));
  auto again = NewIndex();
  ASSERT_TRUE(again->Load().ok());
  EXPECT_EQ(Search(*again, "banjir"), want);
}

TEST_F(PersistedIndexTest, FilesNewerThanTheStoreAreNotTrusted) {
  { ASSERT_TRUE(NewIndex()->Build().ok()); }
  auto m = ReadManifest(dir_ + "/index");
  ASSERT_TRUE(m.ok());
  m->seq += 1000;  // e.g. the database was restored from an older backup
  ASSERT_TRUE(WriteManifest(dir_ + "/index", *m).ok());
  EXPECT_EQ(NewIndex()->Load().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace warta::index
