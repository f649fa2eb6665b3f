#include "index/live_index.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <set>
#include <thread>

#include "index/index_manifest.h"
#include "index/near_duplicate.h"
#include "index/segment_file.h"
#include "index/test_docs.h"
#include "newsroom/newsroom.h"
#include "store/sqlite/sqlite_store.h"

namespace warta::index {
namespace {

// Paragraphs of our own, for fixtures.
const char kFloodBody[] =
    "Hujan deras sejak sore membuat Sungai Cisadane meluap dan merendam "
    "ratusan rumah di tiga kecamatan. Warga mengungsi ke masjid dan balai "
    "desa sambil membawa barang berharga.\n\n"
    "Petugas pemadam kebakaran dan relawan mengevakuasi lansia serta "
    "anak-anak dengan perahu karet. Dapur umum didirikan di halaman kantor "
    "kecamatan untuk para pengungsi.\n\n"
    "Kepala pelaksana badan penanggulangan bencana daerah meminta warga "
    "tetap waspada karena hujan diperkirakan turun hingga akhir pekan.";

const char kFireBody[] =
    "Api melalap deretan kios di pasar lama menjelang subuh. Pedagang "
    "berusaha menyelamatkan dagangan mereka sementara enam mobil pemadam "
    "datang dari tiga kecamatan.\n\nPolisi masih menyelidiki penyebab "
    "kebakaran, diduga dari korsleting listrik di salah satu kios pakaian. "
    "Kerugian ditaksir mencapai ratusan juta rupiah.";

class LiveIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/warta-index-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    SqliteOptions o;
    o.path = dir_ + "/warta.db";
    o.synchronous = "NORMAL";
    store_ = std::move(*OpenSqliteStore(o, clock_));
    newsroom_ = std::make_unique<Newsroom>(*store_, clock_, "WARTA");
    detector_ = std::make_unique<DuplicateClusters>(*store_);
    duplicates_listener_ = newsroom_->Subscribe([this](const Article& a) {
      auto r = detector_->Update(a);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    });
    index_ = std::make_unique<LiveIndex>(*store_, analyzer_);
  }
  void TearDown() override {
    duplicates_listener_.Reset();  // before the newsroom it is on
    index_.reset();
    newsroom_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  Article Publish(const std::string& title, const std::string& body,
                  const std::string& category = "Nasional") {
    Article a;
    a.title = title;
    a.body = body;
    a.category = Category{0, "", category, ""};
    a.status = ArticleStatus::kPublished;
    a.published_at = clock_.Now() - 3600;
    auto s = newsroom_->Save(a);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : Article{};
  }
  // `saves` in one batch as the import runs it: the change sequence as the
  // batch sees it at both ends (DuplicateClusters::BatchSeq), and with
  // `defer_band_rows` the band rows left pending while the screen is in
  // memory (DeferBandRows).
  void ImportBatch(const std::function<void()>& saves, bool defer_band_rows) {
    ASSERT_TRUE(store_
                    ->RunWholeBatch([&]() -> Status {
                      detector_->BatchSeq(store_->ChangeSeq(), true);
                      if (defer_band_rows &&
                          detector_->screens_bands_in_memory())
                        store_->DeferBandRows();
                      saves();
                      detector_->BatchSeq(store_->ChangeSeq(), false);
                      return Status::Ok();
                    })
                    .ok());
    detector_->Committed();
  }
  // Validated and rendered, not saved: what the import's workers hand on.
  Article Prepared(const std::string& title, const std::string& body) {
    Article a;
    a.title = title;
    a.body = body;
    a.category = Category{0, "", "Nasional", ""};
    a.status = ArticleStatus::kPublished;
    a.published_at = clock_.Now() - 60;
    EXPECT_TRUE(newsroom_->Validate(a).ok());
    EXPECT_TRUE(newsroom_->Prepare(a).ok());
    return a;
  }
  std::vector<std::int64_t> Search(const std::string& q) {
    return Search(*index_, q);
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

  FakeClock clock_{1790000000};
  std::string dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Newsroom> newsroom_;
  std::unique_ptr<DuplicateClusters> detector_;
  text::Analyzer analyzer_{text::DefaultStemmer()};
  std::unique_ptr<LiveIndex> index_;
  Newsroom::Subscription duplicates_listener_;
};

using Ids = std::vector<std::int64_t>;

TEST_F(LiveIndexTest, BuildsFromTheStoreAndFollowsChanges) {
  Article flood = Publish("Banjir rendam ratusan rumah", kFloodBody);
  Article draft;
  draft.title = "Rancangan berita banjir";
  draft.body = "Masih draf tentang banjir.";
  ASSERT_TRUE(newsroom_->Save(draft).ok());
  ASSERT_TRUE(index_->Build().ok());
  EXPECT_EQ(Search("banjir"), (Ids{flood.id}));
  EXPECT_EQ(Search("pengungsian"), (Ids{flood.id}));  // "pengungsi" stems

  // Publish: visible after catching up, without a rebuild.
  Article fire = Publish("Kebakaran pasar tradisional",
                         "Api melalap ratusan kios di pasar pada dini hari.");
  EXPECT_EQ(Search("tradisional"), (Ids{}));
  ASSERT_TRUE(index_->CatchUp().ok());
  EXPECT_EQ(Search("tradisional"), (Ids{fire.id}));
  EXPECT_EQ(index_->snapshot()->segments().size(), 2u);

  // Edit: the new words replace the old ones.
  fire.title = "Kebakaran gudang logistik";
  fire.body = "Api melalap gudang logistik pada dini hari.";
  auto edited = newsroom_->Save(fire);
  ASSERT_TRUE(edited.ok());
  ASSERT_TRUE(index_->CatchUp().ok());
  EXPECT_EQ(Search("gudang"), (Ids{fire.id}));
  EXPECT_EQ(Search("pasar tradisional"), (Ids{}));

  // Unpublish and delete.
  Article back = *edited;
  back.status = ArticleStatus::kDraft;
  ASSERT_TRUE(newsroom_->Save(back).ok());
  ASSERT_TRUE(newsroom_->Delete(flood.id).ok());
  ASSERT_TRUE(index_->CatchUp().ok());
  EXPECT_EQ(Search("gudang"), (Ids{}));
  EXPECT_EQ(Search("banjir"), (Ids{}));
  EXPECT_EQ(index_->snapshot()->live_docs(), 0u);
}

TEST_F(LiveIndexTest, TheThreadSeesWritesWithinASecond) {
  ASSERT_TRUE(index_->Build().ok());
  index_->Start();
  std::shared_ptr<const Snapshot> old = index_->snapshot();
  Article a = Publish("Gempa guncang pesisir selatan",
                      "Gempa bermagnitudo lima mengguncang pesisir.");
  auto start = std::chrono::steady_clock::now();
  while (Search("gempa").empty() &&
         std::chrono::steady_clock::now() - start < std::chrono::seconds(3))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_EQ(Search("gempa"), (Ids{a.id}));
  // A reader holding the old snapshot still sees the old state.
  auto q = ParseQuery("gempa", analyzer_);
  SearchOptions o;
  o.now = clock_.Now();
  EXPECT_TRUE(old->Search(*q, o).hits.empty());
  index_->Stop();
}

TEST_F(LiveIndexTest, MergesSmallSegmentsAndRebuilds) {
  LiveIndexOptions opts;
  opts.max_small_segments = 3;
  opts.rebuild_after = 5;
  index_ = std::make_unique<LiveIndex>(*store_, analyzer_, opts);
  ASSERT_TRUE(index_->Build().ok());
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 7; ++i) {
    ids.push_back(Publish("Laporan cuaca hari ke " + std::to_string(i),
                          "Cuaca cerah berawan di kota.")
                      .id);
    ASSERT_TRUE(index_->CatchUp().ok());
    EXPECT_LE(index_->snapshot()->segments().size(), 4u);
  }
  index_->Stop();  // waits for the background rebuild
  auto snap = index_->snapshot();
  EXPECT_EQ(snap->live_docs(), 7u);
  auto found = Search("cuaca");
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, ids);
}

TEST_F(LiveIndexTest, NearDuplicatesClusterAndShowOnce) {
  Article original = Publish("Banjir rendam ratusan rumah", kFloodBody);
  // An agency copy: new headline and dateline, one sentence reworded.
  std::string copy_body = std::string("Tangerang (KABARIN) - ") + kFloodBody;
  copy_body.replace(copy_body.find("sambil membawa barang berharga"), 30,
                    "dengan membawa surat penting");
  Article copy = Publish("Ratusan rumah terendam banjir Cisadane", copy_body);
  // The same event, written separately: not a duplicate.
  Article other =
      Publish("Cisadane meluap, warga mengungsi",
              "Sungai Cisadane kembali meluap setelah hujan turun seharian. "
              "Sejumlah keluarga memilih bertahan di lantai dua rumah mereka, "
              "sementara yang lain pindah ke tenda darurat yang disiapkan "
              "pemerintah kota. Relawan membagikan makanan dan selimut.");
  // Unrelated stories, so shared flood words weigh something.
  Publish("Timnas menang tipis", "Timnas menang satu gol atas tamu.", "Bola");
  Publish("Harga cabai turun", "Harga cabai di pasar induk turun.", "Ekonomi");
  Publish("Aplikasi baru diluncurkan",
          "Perusahaan rintisan merilis "
          "aplikasi pembayaran.",
          "Teknologi");
  EXPECT_EQ(*store_->DuplicateClusterOf(original.id), original.id);
  EXPECT_EQ(*store_->DuplicateClusterOf(copy.id), original.id);
  EXPECT_EQ(*store_->DuplicateClusterOf(other.id), 0);

  ASSERT_TRUE(index_->Build().ok());
  Ids hits = Search("banjir rumah");
  EXPECT_EQ(hits.size(), 1u);
  auto related = index_->snapshot()->Related(
      other.id, RelatedOptions{6, clock_.Now(), 0.5});
  int copies = 0;
  for (const RelatedHit& h : related)
    copies += h.article_id == original.id || h.article_id == copy.id;
  EXPECT_EQ(copies, 1) << "one of the two copies only";
  auto self = index_->snapshot()->Related(original.id,
                                          RelatedOptions{6, clock_.Now(), 0.5});
  for (const RelatedHit& h : self) {
    EXPECT_NE(h.article_id, original.id);
    EXPECT_NE(h.article_id, copy.id);
  }

  // Editing the copy into a different story takes it out of the cluster.
  copy.title = "Pameran buku ramai pengunjung";
  copy.body =
      "Berita lain sama sekali tentang pameran buku di alun-alun "
      "kota yang ramai dikunjungi pelajar dan mahasiswa.";
  ASSERT_TRUE(newsroom_->Save(copy).ok());
  EXPECT_EQ(*store_->DuplicateClusterOf(copy.id), 0);
  EXPECT_EQ(*store_->DuplicateClusterOf(original.id), 0);
  ASSERT_TRUE(index_->CatchUp().ok());
  EXPECT_EQ(Search("banjir rumah").size(), 1u);
  EXPECT_EQ(Search("pameran buku"), (Ids{copy.id}));
}

// Bulk import computes fingerprints on worker threads and hands them to the
// detector beforehand; clusters come out as if computed on the writer.
TEST_F(LiveIndexTest, ExpectedFingerprintsServeTheNextUpdate) {
  Article original = Publish("Banjir rendam ratusan rumah", kFloodBody);
  Article copy = Prepared("Ratusan rumah terendam banjir",
                          std::string("Tangerang (KABARIN) - ") + kFloodBody);
  detector_->Expect(DuplicateText(copy), FingerprintOf(DuplicateText(copy)));
  auto saved = newsroom_->SaveRendered(copy);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(*store_->DuplicateClusterOf(saved->id), original.id);
  // The expected fingerprint is what counts (here, deliberately, the flood
  // story's for an unrelated text), and it serves one update only.
  Article other = Prepared("Harga cabai turun",
                           "Harga cabai di pasar induk turun tajam pekan "
                           "ini karena panen raya di beberapa daerah.");
  detector_->Expect(DuplicateText(other),
                    FingerprintOf(DuplicateText(original)));
  auto odd = newsroom_->SaveRendered(other);
  ASSERT_TRUE(odd.ok());
  EXPECT_EQ(*store_->DuplicateClusterOf(odd->id), original.id);
  ASSERT_TRUE(newsroom_->Save(*odd).ok());
  EXPECT_EQ(*store_->DuplicateClusterOf(odd->id), 0);
}

// Bulk import with PrefetchCandidates: Expect reads and screens the
// candidates on the worker; Update reads them again only when one passes
// there, or among the saves that read could not see, which it keeps.
TEST_F(LiveIndexTest, PrefetchedCandidatesSpareTheWritersReads) {
  detector_->PrefetchCandidates(/*from_article=*/0, /*recent_saves=*/2);
  // As the import does: each read comes after the last save's commit.
  auto expect = [&](const Article& a) {
    detector_->Committed();
    detector_->Expect(DuplicateText(a), FingerprintOf(DuplicateText(a)));
  };
  auto save = [&](const Article& a) {
    auto saved = newsroom_->SaveRendered(a);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return saved.ok() ? saved->id : 0;
  };
  const std::string kHarvest =
      "Petani di lereng gunung memanen kopi lebih awal tahun ini karena "
      "kemarau panjang. Harga biji kopi di tingkat pengepul naik dua kali "
      "lipat dibanding musim lalu.\n\nKoperasi desa membeli hasil panen "
      "langsung dari kebun agar petani tidak bergantung pada tengkulak.";

  // A copy of an article committed before its read: found there, and the
  // writer reads the candidates itself.
  Article original = Publish("Banjir rendam ratusan rumah", kFloodBody);
  Article copy = Prepared("Ratusan rumah terendam banjir",
                          std::string("Tangerang (KABARIN) - ") + kFloodBody);
  expect(copy);
  std::uint64_t reads = detector_->candidate_reads();
  EXPECT_EQ(*store_->DuplicateClusterOf(save(copy)), original.id);
  EXPECT_EQ(detector_->candidate_reads(), reads + 1);

  // An article with no near-duplicate: no read on the writer.
  Article unrelated = Prepared("Harga cabai turun",
                               "Harga cabai di pasar induk turun tajam pekan "
                               "ini karena panen raya di beberapa daerah.");
  expect(unrelated);
  reads = detector_->candidate_reads();
  EXPECT_EQ(*store_->DuplicateClusterOf(save(unrelated)), 0);
  EXPECT_EQ(detector_->candidate_reads(), reads);

  // A copy read before its original was saved (the same batch, or one not
  // yet committed): the original is among the kept saves.
  Article fire_copy = Prepared("Kebakaran pasar lama",
                               std::string("Bogor (KABARIN) - ") + kFireBody);
  expect(fire_copy);
  const std::int64_t fire = Publish("Pasar lama terbakar", kFireBody).id;
  EXPECT_EQ(*store_->DuplicateClusterOf(save(fire_copy)), fire);

  // When such a save has left the kept ones (two here), the writer reads.
  Article harvest_copy = Prepared("Panen kopi lebih awal",
                                  std::string("Garut (KABARIN) - ") + kHarvest);
  expect(harvest_copy);
  const std::int64_t harvest = Publish("Kopi dipanen lebih awal", kHarvest).id;
  // (Long enough for a signature: short texts get none, and no kept save.)
  Publish("Timnas menang tipis",
          "Tim nasional menang satu gol tanpa balas atas tamunya dalam laga "
          "persahabatan yang berlangsung di stadion utama pada Selasa malam.",
          "Bola");
  Publish("Aplikasi baru diluncurkan",
          "Sebuah perusahaan rintisan dari Bandung merilis aplikasi "
          "pembayaran untuk pedagang kecil yang bisa dipakai tanpa koneksi "
          "internet yang stabil.",
          "Teknologi");
  reads = detector_->candidate_reads();
  EXPECT_EQ(*store_->DuplicateClusterOf(save(harvest_copy)), harvest);
  EXPECT_EQ(detector_->candidate_reads(), reads + 1);
}

// The workers' reads start once the archive reaches `from_article`: below,
// the writer reads as it always did.
TEST_F(LiveIndexTest, PrefetchStartsAtTheArchiveSizeGiven) {
  Article first = Publish("Banjir rendam ratusan rumah", kFloodBody);
  detector_->PrefetchCandidates(/*from_article=*/first.id + 2);
  // How many times the writer read candidates to save `body`.
  auto writer_reads = [&](const std::string& title, const std::string& body) {
    Article a = Prepared(title, body);
    detector_->Committed();
    detector_->Expect(DuplicateText(a), FingerprintOf(DuplicateText(a)));
    const std::uint64_t reads = detector_->candidate_reads();
    EXPECT_TRUE(newsroom_->SaveRendered(a).ok());
    return detector_->candidate_reads() - reads;
  };
  // Below the size (ids first + 1 and + 2; the second's read came before
  // its save): the writer reads.
  EXPECT_EQ(writer_reads("Harga cabai turun",
                         "Harga cabai di pasar induk turun tajam pekan ini "
                         "karena panen raya di beberapa daerah."),
            1u);
  EXPECT_EQ(writer_reads("Timnas menang tipis",
                         "Tim nasional menang satu gol tanpa balas atas "
                         "tamunya dalam laga persahabatan di stadion utama."),
            1u);
  // From there on, the worker's read.
  EXPECT_EQ(writer_reads("Aplikasi baru diluncurkan",
                         "Sebuah perusahaan rintisan dari Bandung merilis "
                         "aplikasi pembayaran untuk pedagang kecil di pasar."),
            0u);
}

// The first import of an archive (ScreenBandsInMemory): the band keys it
// saved are in memory, so an article that shares none reads no candidates,
// and one that does reads them as ever. A batch that finds another
// writer's write since the last one (the change sequence moved) ends it.
TEST_F(LiveIndexTest, BandsInMemorySpareReadsUntilAnotherWriterComes) {
  detector_->ScreenBandsInMemory(*store_->ChangeSeq());
  auto batch = [&](const std::function<void()>& saves) {
    ImportBatch(saves, /*defer_band_rows=*/false);
  };
  // The article's id, the writer's candidate reads to save it, its cluster.
  struct Saved {
    std::int64_t id;
    std::uint64_t reads;
    std::int64_t cluster;
  };
  auto save = [&](const std::string& title, const std::string& body) {
    Article a = Prepared(title, body);
    detector_->Expect(DuplicateText(a), FingerprintOf(DuplicateText(a)));
    const std::uint64_t reads = detector_->candidate_reads();
    auto saved = newsroom_->SaveRendered(a);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    const std::int64_t id = saved.ok() ? saved->id : 0;
    return Saved{id, detector_->candidate_reads() - reads,
                 *store_->DuplicateClusterOf(id)};
  };
  std::int64_t original = 0;
  batch([&] {
    Saved flood = save("Banjir rendam ratusan rumah", kFloodBody);
    EXPECT_EQ(flood.reads, 0u);
    EXPECT_EQ(flood.cluster, 0);
    original = flood.id;
    EXPECT_EQ(save("Harga cabai turun",
                   "Harga cabai di pasar induk turun tajam pekan ini karena "
                   "panen raya di beberapa daerah yang memasok ibu kota.")
                  .reads,
              0u);
  });
  ASSERT_TRUE(detector_->screens_bands_in_memory());
  batch([&] {
    // A copy shares bands: read, and clustered with its original.
    Saved copy = save("Ratusan rumah terendam banjir",
                      std::string("Tangerang (KABARIN) - ") + kFloodBody);
    EXPECT_EQ(copy.reads, 1u);
    EXPECT_EQ(copy.cluster, original);
  });
  ASSERT_TRUE(detector_->screens_bands_in_memory());

  // Another process saves an article and its signature between batches
  // (here another DuplicateClusters on the same store).
  Article fire = Prepared("Pasar lama terbakar", kFireBody);
  auto fire_saved = store_->SaveArticle(fire);
  ASSERT_TRUE(fire_saved.ok());
  DuplicateClusters other(*store_);
  ASSERT_TRUE(other.Update(*fire_saved).ok());
  batch([&] {
    // Its bands were never in memory: the reads are back, and a copy of
    // it is found.
    Saved copy = save("Kebakaran pasar lama",
                      std::string("Bogor (KABARIN) - ") + kFireBody);
    EXPECT_EQ(copy.reads, 1u);
    EXPECT_EQ(copy.cluster, fire_saved->id);
  });
  EXPECT_FALSE(detector_->screens_bands_in_memory());
}

// As the first import runs it: the band keys in memory and the store's band
// rows left pending (DeferBandRows). Copies are still found, by the import
// (from memory) and by a writer that comes in between (the rows written
// first), and the import then reads the store with every row in it.
TEST_F(LiveIndexTest, BandRowsLeftPendingHideNoCopy) {
  detector_->ScreenBandsInMemory(*store_->ChangeSeq());
  auto batch = [&](const std::function<void()>& saves) {
    ImportBatch(saves, /*defer_band_rows=*/true);
  };
  auto save = [&](const std::string& title, const std::string& body) {
    Article a = Prepared(title, body);
    detector_->Expect(DuplicateText(a), FingerprintOf(DuplicateText(a)));
    auto saved = newsroom_->SaveRendered(a);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return saved.ok() ? saved->id : 0;
  };
  std::int64_t flood = 0, fire = 0;
  batch([&] {
    flood = save("Banjir rendam ratusan rumah", kFloodBody);
    fire = save("Pasar lama terbakar", kFireBody);
  });
  ASSERT_TRUE(detector_->screens_bands_in_memory());
  // Nothing of them in the band rows yet: a reader is told, not misled.
  const std::vector<std::int64_t> flood_bands =
      FingerprintOf(DuplicateText(*store_->GetArticle(flood))).bands;
  EXPECT_FALSE(store_->FindDuplicateCandidates(flood_bands, 0).ok());
  std::int64_t copy = 0;
  batch([&] {
    copy = save("Ratusan rumah terendam banjir",
                std::string("Tangerang (KABARIN) - ") + kFloodBody);
  });
  EXPECT_EQ(*store_->DuplicateClusterOf(copy), flood);
  ASSERT_TRUE(detector_->screens_bands_in_memory());
  // Found from memory: the rows are still pending.
  EXPECT_FALSE(store_->FindDuplicateCandidates(flood_bands, 0).ok());

  // An editor saves another copy outside the import (another
  // DuplicateClusters, as another process has): it writes the pending rows
  // and finds the original.
  Article editors = Prepared("Banjir, ratusan rumah terendam",
                             std::string("Serang (KABARIN) - ") + kFloodBody);
  auto editors_saved = store_->SaveArticle(editors);
  ASSERT_TRUE(editors_saved.ok());
  DuplicateClusters other(*store_);
  ASSERT_TRUE(other.Update(*editors_saved).ok());
  EXPECT_EQ(*store_->DuplicateClusterOf(editors_saved->id), flood);
  auto now = store_->FindDuplicateCandidates(flood_bands, 0);
  ASSERT_TRUE(now.ok()) << now.status().ToString();
  std::set<std::int64_t> found;
  for (const DuplicateSignature& c : *now) found.insert(c.article_id);
  EXPECT_TRUE(found.count(flood) && found.count(copy));

  // The import's next batch reads the store, which has every row.
  std::int64_t fire_copy = 0;
  batch([&] {
    fire_copy = save("Kebakaran pasar lama",
                     std::string("Bogor (KABARIN) - ") + kFireBody);
  });
  EXPECT_FALSE(detector_->screens_bands_in_memory());
  EXPECT_EQ(*store_->DuplicateClusterOf(fire_copy), fire);
  ASSERT_TRUE(store_->CompleteBandRows().ok());  // nothing left to write
}

// A batch that cannot read the change sequence cannot tell others' writes
// from its own: the in-memory screen ends.
TEST_F(LiveIndexTest, BandsInMemoryEndWhenTheSequenceIsUnread) {
  detector_->ScreenBandsInMemory(*store_->ChangeSeq());
  detector_->BatchSeq(store_->ChangeSeq(), /*start=*/true);
  ASSERT_TRUE(detector_->screens_bands_in_memory());
  detector_->BatchSeq(Status::IoError("disk gone"), /*start=*/false);
  EXPECT_FALSE(detector_->screens_bands_in_memory());
}

TEST(NearDuplicateTest, ThresholdSeparatesCopiesFromRetellings) {
  std::string a = kFloodBody;
  // Copy with a new opening line and a reworded sentence: well above.
  std::string copy = "Tangerang (KABARIN) - " + a;
  copy.replace(copy.find("sambil membawa barang berharga"), 30,
               "dengan membawa surat penting");
  double j_copy =
      Jaccard(FingerprintOf(a).shingles, FingerprintOf(copy).shingles);
  EXPECT_GE(j_copy, kDuplicateJaccard);
  // Half the text replaced: below.
  std::string half = a.substr(0, a.size() / 2) +
                     " Pemerintah daerah menyiapkan bantuan beras, air "
                     "bersih, obat-obatan dan selimut bagi keluarga yang "
                     "rumahnya masih terendam sampai hari ini.";
  double j_half =
      Jaccard(FingerprintOf(a).shingles, FingerprintOf(half).shingles);
  EXPECT_LT(j_half, kDuplicateJaccard);
  EXPECT_GT(j_half, 0.2);
  // The MinHash estimate is close to the exact value.
  EXPECT_NEAR(
      EstimatedJaccard(FingerprintOf(a).minhash, FingerprintOf(copy).minhash),
      j_copy, 0.2);
  auto fp = FingerprintOf(a);
  EXPECT_EQ(DecodeMinHash(EncodeMinHash(fp.minhash)), fp.minhash);
  EXPECT_EQ(fp.bands.size(), static_cast<std::size_t>(kBands));
  // Short texts never count.
  EXPECT_TRUE(FingerprintOf("Terlalu pendek.").minhash.empty());
}

// The index persisted under DIR/index: what a restart of `warta serve`
// finds.
class PersistedIndexTest : public LiveIndexTest {
 protected:
  void SetUp() override {
    LiveIndexTest::SetUp();
    std::mt19937 rng(11);
    for (int i = 1; i <= 60; ++i) {
      IndexDoc d = testing::MakeDoc(rng, i);
      Publish(d.title, d.excerpt + "\n\n" + d.body);
    }
  }
  std::unique_ptr<LiveIndex> NewIndex(std::size_t slice_bytes = 64 << 20,
                                      int build_threads = 0) {
    LiveIndexOptions o;
    o.dir = dir_ + "/index";
    o.slice_bytes = slice_bytes;
    o.build_threads = build_threads;
    o.poll_interval = std::chrono::milliseconds(20);
    return std::make_unique<LiveIndex>(*store_, analyzer_, o);
  }
  std::string SegmentFile() {
    for (const auto& e : std::filesystem::directory_iterator(dir_ + "/index")) {
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
  ASSERT_TRUE(std::filesystem::exists(dir_ + "/index/" + kManifestName));
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
    ASSERT_TRUE(
        WaitFor([&] { return index->seen_seq() == *store_->ChangeSeq(); }));
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
    Publish("Berita kereta " + std::to_string(i),
            "Kereta api tiba tepat waktu.");
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
  std::filesystem::resize_file(
      seg, std::filesystem::file_size(seg) / 2);  // a torn write, a bad disk

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
  EXPECT_FALSE(std::filesystem::exists(seg));
  auto again = NewIndex();
  ASSERT_TRUE(again->Load().ok());
  EXPECT_EQ(Search(*again, "banjir"), want);
}

// A first build of a large archive goes through slice files (here every
// few hundred bytes of postings) merged into the base segment's file: the
// same file as a build in memory, and nothing else left in the directory.
TEST_F(PersistedIndexTest, ABuildInSlicesSavesTheSameBaseAsOneInMemory) {
  ASSERT_TRUE(index_->Build().ok());  // in memory only
  const std::string want_file = dir_ + "/memory.idx";
  ASSERT_TRUE(
      WriteSegmentFile(*index_->snapshot()->segments()[0].segment, want_file)
          .ok());
  // Three threads analyze the articles: the base is still the same.
  auto sliced = NewIndex(/*slice_bytes=*/500, /*build_threads=*/3);
  ASSERT_TRUE(sliced->Build().ok());
  EXPECT_TRUE(sliced->snapshot()->segments()[0].segment->mapped());
  EXPECT_EQ(Search(*sliced, "banjir"), Search("banjir"));
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir_ + "/index"))
    names.push_back(e.path().filename().string());
  ASSERT_EQ(names.size(), 2u);  // MANIFEST and the base
  const std::string base = SegmentFile();
  ASSERT_FALSE(base.empty());
  auto bytes = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  EXPECT_TRUE(bytes(base) == bytes(want_file));
  // It loads like any saved index.
  auto again = NewIndex();
  ASSERT_TRUE(again->Load().ok());
  EXPECT_EQ(Search(*again, "banjir"), Search("banjir"));
}

// Scratch files of a build that crashed (here: of an earlier process with
// this id) neither stop the next start nor stay.
TEST_F(PersistedIndexTest, LeftoversOfACrashedBuildAreRemoved) {
  { ASSERT_TRUE(NewIndex()->Build().ok()); }
  const std::string stale =
      dir_ + "/index/build-" + std::to_string(::getpid()) + "-1-1-2.slice";
  std::ofstream(stale) << "half a slice";
  std::ofstream(stale + ".idx.tmp") << "half a segment";
  auto index = NewIndex();
  ASSERT_TRUE(index->Load().ok());
  EXPECT_FALSE(Search(*index, "banjir").empty());
  EXPECT_FALSE(std::filesystem::exists(stale));
  EXPECT_FALSE(std::filesystem::exists(stale + ".idx.tmp"));

  // And before a build.
  std::ofstream(stale) << "half a slice";
  std::filesystem::remove(dir_ + "/index/" + kManifestName);
  auto rebuilt = NewIndex(/*slice_bytes=*/500);
  EXPECT_TRUE(rebuilt->Load().IsNotFound());
  ASSERT_TRUE(rebuilt->Build().ok());
  EXPECT_FALSE(std::filesystem::exists(stale));
  EXPECT_FALSE(Search(*rebuilt, "banjir").empty());
}

// Stop() soon after Start() leaves no scratch files, whether it caught the
// first build in slices mid-way or after it finished (which of the two is
// up to the scheduler; the cancelled merge itself is checked
// deterministically by SegmentFileTest.ACancelledSlicedBuildStopsAndCleansUp).
TEST_F(PersistedIndexTest, StoppingABuildInSlicesLeavesNoScratchFiles) {
  auto index = NewIndex(/*slice_bytes=*/100);
  index->Start();
  index->Stop();
  std::error_code ec;
  for (const auto& e :
       std::filesystem::directory_iterator(dir_ + "/index", ec)) {
    EXPECT_NE(e.path().filename().string().rfind("build-", 0), 0u) << e.path();
  }
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
