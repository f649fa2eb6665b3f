#include "newsroom/revisions.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "newsroom/newsroom.h"
#include "newsroom/scheduler.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/testing/temp_sqlite_store.h"

namespace warta {
namespace {

class RevisionsTest : public ::testing::Test {
 protected:
  // A second store on the same database file: another process or node.
  std::unique_ptr<Store> Open() {
    SqliteOptions o;
    o.path = temp_.dir() + "/warta.db";
    o.synchronous = "NORMAL";
    return std::move(*OpenSqliteStore(o, clock_));
  }
  // About 4.5 KB of varied text (words drawn by a fixed LCG), so it does
  // not compress to nothing on its own as repeated text would.
  static std::string LongBody() {
    static const char* kWords[] = {
        "pemerintah", "provinsi", "menambah", "pompa",    "air",    "kawasan",
        "rawan",      "banjir",   "musim",    "hujan",    "warga",  "jalan",
        "sungai",     "kota",     "bupati",   "anggaran", "proyek", "selesai",
        "tahun",      "pekan",    "Jakarta",  "Bekasi",   "Depok",  "Bogor",
        "Tangerang",  "menurut",  "kepala",   "dinas",    "sumber", "daya"};
    std::string body;
    std::uint32_t x = 12345;
    for (int p = 0; p < 12; ++p) {
      for (int w = 0; w < 55; ++w) {
        x = x * 1103515245u + 12345u;
        body += kWords[(x >> 16) % 30];
        body += w % 11 == 10 ? ". " : " ";
      }
      body += "\n\n";
    }
    return body;
  }
  FakeClock clock_{1790000000};
  TempSqliteStore temp_{clock_};
  Store* store_ = &temp_.store();
  std::unique_ptr<Newsroom> newsroom_ =
      std::make_unique<Newsroom>(temp_.store(), clock_, "WARTA");
};

TEST(SnapshotTest, RoundTripsTheEditableFields) {
  Article a;
  a.title = "Judul";
  a.body = "Isi *tebal*";
  a.custom_excerpt = "Ringkas";
  a.dateline_city = "Bandung";
  a.source = "Antara";
  a.category = Category{3, "politik", "Politik", ""};
  a.tags = {Tag{0, "", "Banjir"}, Tag{0, "", "Jakarta"}};
  Author au;
  au.name = "Rina";
  a.authors = {au};
  a.feature_image = "/media/x.jpg";
  a.status = ArticleStatus::kScheduled;
  a.published_at = 1234;
  a.slug = "judul";
  std::string plain = SnapshotOf(a);
  EXPECT_EQ(plain.find("meta_"), std::string::npos)
      << "unset SEO fields leave older snapshots' bytes alone";
  a.meta_title = "Judul untuk mesin pencari";
  a.meta_description = "Deskripsi singkat.";
  std::string snap = SnapshotOf(a);
  EXPECT_EQ(snap, SnapshotOf(a)) << "stable";
  Article b;
  ASSERT_TRUE(ApplySnapshot(snap, b, false).ok());
  EXPECT_EQ(SnapshotOf(b), snap);
  EXPECT_EQ(b.tags.size(), 2u);
  EXPECT_EQ(b.published_at, 1234);
  EXPECT_EQ(b.meta_title, "Judul untuk mesin pencari");
  EXPECT_EQ(b.meta_description, "Deskripsi singkat.");
  Article c;
  c.status = ArticleStatus::kPublished;
  ASSERT_TRUE(ApplySnapshot(snap, c, true).ok());
  EXPECT_EQ(c.status, ArticleStatus::kPublished) << "content only";
  EXPECT_EQ(c.body, "Isi *tebal*");
  EXPECT_FALSE(ApplySnapshot("[1]", c, true).ok());
}

TEST(CompressSnapshotTest, UsesTheDictionaryAndDetectsCorruption) {
  std::string base(2000, 'a');
  for (size_t i = 0; i < base.size(); ++i) base[i] = char('a' + (i * 7) % 26);
  std::string edited = base;
  edited.replace(1000, 3, "XYZ");
  auto alone = CompressSnapshot(edited, "");
  auto delta = CompressSnapshot(edited, base);
  ASSERT_TRUE(alone.ok() && delta.ok());
  EXPECT_LT(delta->size(), 40u);
  EXPECT_LT(delta->size(), alone->size());
  EXPECT_EQ(*DecompressSnapshot(*delta, base, edited.size()), edited);
  EXPECT_EQ(*DecompressSnapshot(*alone, "", edited.size()), edited);
  std::string broken = *delta;
  broken[broken.size() / 2] ^= 0x55;
  EXPECT_FALSE(DecompressSnapshot(broken, base, edited.size()).ok());
  broken = *alone;
  broken[broken.size() / 2] ^= 0x55;
  EXPECT_FALSE(DecompressSnapshot(broken, "", edited.size()).ok());
  EXPECT_FALSE(DecompressSnapshot(*alone, "", edited.size() + 1).ok());
}

// A snapshot stored alone is brotli behind its mark byte (smaller than the
// text, any size); one that an earlier version stored as a zlib stream
// still decodes, and so does a delta against either.
TEST(CompressSnapshotTest, KeyframesAreBrotliAndOldZlibOnesStillDecode) {
  std::string text;
  for (int i = 0; text.size() < 100000; ++i)
    text += "{\"body\":\"Kalimat ke-" + std::to_string(i * 7919 % 1000) +
            " tentang banjir di Jakarta.\"}";
  for (std::string_view t :
       {std::string_view(), std::string_view(text).substr(0, 2400),
        std::string_view(text)}) {
    auto alone = CompressSnapshot(t, "");
    ASSERT_TRUE(alone.ok());
    ASSERT_FALSE(alone->empty());
    EXPECT_EQ((*alone)[0], '\xB1');
    if (t.size() > 100) {
      EXPECT_LT(alone->size(), t.size() / 2);
    }
    auto back = DecompressSnapshot(*alone, "", t.size());
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, t);
  }
  const std::string old_text = text.substr(0, 2400);
  uLongf size = compressBound(old_text.size());
  std::string zlib_stream(size, '\0');
  ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(zlib_stream.data()), &size,
                      reinterpret_cast<const Bytef*>(old_text.data()),
                      old_text.size(), 9),
            Z_OK);
  zlib_stream.resize(size);
  EXPECT_EQ(*DecompressSnapshot(zlib_stream, "", old_text.size()), old_text);
  std::string edited = old_text;
  edited.replace(100, 7, "Bandung");
  auto delta = CompressSnapshot(edited, old_text);
  ASSERT_TRUE(delta.ok());
  EXPECT_EQ(*DecompressSnapshot(*delta, old_text, edited.size()), edited);
}

// brotli has no checksum: a keyframe whose bytes decode to another text of
// the same size is caught by the snapshot's hash stored beside it.
TEST_F(RevisionsTest, ABrotliKeyframeIsCheckedAgainstItsHash) {
  const std::string snapshot = "{\"body\":\"Isi asli.\",\"title\":\"A\"}";
  auto rev = EncodeRevision(*store_, 0, snapshot, RevisionUse::kApply);
  ASSERT_TRUE(rev.ok() && rev->has_value());
  EXPECT_EQ(*DecodeRevision(*store_, **rev), snapshot);
  Revision forged = **rev;
  auto other = CompressSnapshot("{\"body\":\"Isi lain.\",\"title\":\"A\"}", "");
  ASSERT_TRUE(other.ok());
  forged.data = *other;
  auto decoded = DecodeRevision(*store_, forged);
  EXPECT_FALSE(decoded.ok());
}

TEST_F(RevisionsTest, KeepsEverySaveCompactlyAndSkipsNoOps) {
  Article a;
  a.title = "Pompa air";
  a.body = LongBody();
  auto saved = newsroom_->Save(a, Edit{7, "save", ""});
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  std::int64_t total = 0;
  for (int i = 0; i < 30; ++i) {
    Article e = *saved;
    e.body += "Tambahan " + std::to_string(i) + ".";
    saved = newsroom_->Save(e, Edit{7, "autosave", ""});
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  }
  // A save that changes nothing keeps no revision.
  saved = newsroom_->Save(*saved, Edit{7, "save", ""});
  ASSERT_TRUE(saved.ok());
  auto list = store_->ListRevisions(saved->id, 1000, true);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 31u);
  EXPECT_EQ(list->back().base_id, 0);
  for (size_t i = 0; i + 1 < list->size(); ++i) {
    EXPECT_EQ((*list)[i].base_id, list->back().id);
    total += static_cast<std::int64_t>((*list)[i].data.size());
  }
  // 30 small edits of a 4.5 KB article: a small fraction of the
  // keyframe, which itself is the compressed whole.
  std::int64_t keyframe = static_cast<std::int64_t>(list->back().data.size());
  EXPECT_LT(total / 30, keyframe / 5) << "average delta bytes";
  EXPECT_LT(total / 30, list->back().raw_size / 20);
  std::printf("revision sizes: raw %lld, keyframe %lld, delta avg %lld\n",
              static_cast<long long>(list->back().raw_size),
              static_cast<long long>(keyframe),
              static_cast<long long>(total / 30));
  // Each one decodes to its own text.
  auto at = newsroom_->ArticleAt((*list)[10]);
  ASSERT_TRUE(at.ok());
  EXPECT_NE(at->body.find("Tambahan 19."), std::string::npos);
  EXPECT_EQ(at->body.find("Tambahan 20."), std::string::npos);
}

TEST_F(RevisionsTest, StartsANewKeyframeAfterALongChain) {
  Article a;
  a.title = "Rantai";
  a.body = LongBody();
  auto saved = newsroom_->Save(a);
  for (int i = 0; i < kMaxChain + 3; ++i) {
    Article e = *saved;
    e.title = "Rantai " + std::to_string(i);
    saved = newsroom_->Save(e);
    ASSERT_TRUE(saved.ok());
  }
  auto list = store_->ListRevisions(saved->id, 1000, false);
  int keyframes = 0;
  for (const Revision& r : *list) {
    keyframes += r.base_id == 0;
    EXPECT_LT(r.chain, kMaxChain);
  }
  EXPECT_EQ(keyframes, 2);
  auto at = newsroom_->ArticleAt(list->front());
  ASSERT_TRUE(at.ok());
  EXPECT_EQ(at->title, saved->title);
}

TEST_F(RevisionsTest, RestoresARevisionAsANewOneAndLosesNone) {
  Article a;
  a.title = "Versi satu";
  a.body = "Isi pertama.";
  a.status = ArticleStatus::kPublished;
  auto v1 = newsroom_->Save(a);
  Article e = *v1;
  e.title = "Versi dua";
  e.body = "Isi kedua.";
  auto v2 = newsroom_->Save(e);
  ASSERT_TRUE(v2.ok());
  auto revs = store_->ListRevisions(v1->id, 10, false);
  ASSERT_EQ(revs->size(), 2u);
  std::int64_t first = revs->back().id;
  EXPECT_EQ(
      newsroom_->RestoreRevision(v1->id, first, v1->version, 3).status().code(),
      StatusCode::kConflict);
  auto back = newsroom_->RestoreRevision(v1->id, first, v2->version, 3);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->title, "Versi satu");
  EXPECT_EQ(back->body, "Isi pertama.");
  EXPECT_EQ(back->status, ArticleStatus::kPublished);
  revs = store_->ListRevisions(v1->id, 10, false);
  ASSERT_EQ(revs->size(), 3u);
  EXPECT_EQ((*revs)[0].kind, "restore");
  EXPECT_EQ((*revs)[0].user_id, 3);
  EXPECT_EQ((*revs)[0].note, "revision " + std::to_string(first));
  EXPECT_EQ((*revs)[1].title, "Versi dua");
  EXPECT_TRUE(newsroom_->RestoreRevision(v1->id + 1, first, 1, 3)
                  .status()
                  .IsNotFound());
}

TEST_F(RevisionsTest, AutosavesAPublishedArticleWithoutChangingIt) {
  Article a;
  a.title = "Tayang";
  a.body = "Isi tayang.";
  a.status = ArticleStatus::kPublished;
  auto live = newsroom_->Save(a);
  ASSERT_TRUE(live.ok());
  Article e = *live;
  e.body = "Isi baru yang belum tayang.";
  ASSERT_TRUE(newsroom_->KeepAutosave(e, 5).ok());
  EXPECT_EQ(store_->GetArticle(live->id)->body, "Isi tayang.");
  EXPECT_EQ(store_->GetArticle(live->id)->version, live->version);
  auto revs = store_->ListRevisions(live->id, 10, true);
  ASSERT_EQ(revs->size(), 2u);
  EXPECT_EQ((*revs)[0].kind, "autosave");
  EXPECT_EQ((*revs)[0].article_version, live->version);
  EXPECT_EQ(newsroom_->ArticleAt((*revs)[0])->body,
            "Isi baru yang belum tayang.");
}

// Issue 13: saving the text an autosave kept beside a live story records
// what went live (an applied revision), not only the kept autosave; the
// same autosave twice is kept once; events are kept without a text change.
TEST_F(RevisionsTest, RecordsWhatWentLiveAfterAKeptAutosave) {
  Article a;
  a.title = "Tayang";
  a.body = "Isi tayang.";
  a.status = ArticleStatus::kPublished;
  Edit publish;
  publish.user_id = 3;
  publish.kind = "publish";
  auto live = newsroom_->Save(a, publish);
  ASSERT_TRUE(live.ok());
  Article e = *live;
  e.body = "Isi baru.";
  ASSERT_TRUE(newsroom_->KeepAutosave(e, 3).ok());
  ASSERT_TRUE(newsroom_->KeepAutosave(e, 3).ok());
  auto revs = store_->ListRevisions(live->id, 10, false);
  ASSERT_EQ(revs->size(), 2u) << "the same autosave is kept once";
  EXPECT_FALSE((*revs)[0].applied);
  Edit save;
  save.user_id = 3;
  auto saved = newsroom_->Save(e, save);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  revs = store_->ListRevisions(live->id, 10, false);
  ASSERT_EQ(revs->size(), 3u);
  EXPECT_EQ((*revs)[0].kind, "save");
  EXPECT_TRUE((*revs)[0].applied);
  EXPECT_EQ((*revs)[0].article_version, saved->version);
  // A save with nothing new is still skipped.
  ASSERT_TRUE(newsroom_->Save(*saved, save).ok());
  EXPECT_EQ(store_->ListRevisions(live->id, 10, false)->size(), 3u);
  // An event is kept even when the text and status stay as they were.
  auto again = store_->GetArticle(live->id);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(newsroom_->Save(*again, publish).ok());
  revs = store_->ListRevisions(live->id, 10, false);
  ASSERT_EQ(revs->size(), 4u);
  EXPECT_EQ((*revs)[0].kind, "publish");
  EXPECT_EQ((*revs)[0].user_id, 3);
  EXPECT_TRUE(IsRevisionEvent("unpublish"));
  EXPECT_TRUE(IsRevisionEvent("schedule"));
  EXPECT_FALSE(IsRevisionEvent("autosave"));
}

// Snapshot bytes are kept in revision rows: the encoding of today is
// pinned, and a snapshot from before the focal point, credit and SEO
// fields (issue 5's format) still decodes from a stored revision.
TEST(SnapshotTest, KeepsTheStoredFormat) {
  Article a;
  a.title = "Judul";
  a.body = "Isi";
  a.category = Category{3, "politik", "Politik", ""};
  a.tags = {Tag{0, "", "Banjir"}};
  Author au;
  au.name = "Rina";
  a.authors = {au};
  a.feature_image_credit = "WARTA/Rina";
  a.status = ArticleStatus::kPublished;
  a.published_at = 1790000000;
  a.slug = "judul";
  a.correction = "not in snapshots";
  a.featured = true;
  EXPECT_EQ(
      SnapshotOf(a),
      "{\"authors\":[\"Rina\"],\"body\":\"Isi\",\"category\":\"Politik\","
      "\"custom_excerpt\":\"\",\"dateline_city\":\"\","
      "\"dateline_outlet\":\"\",\"feature_image\":\"\","
      "\"feature_image_alt\":\"\",\"feature_image_caption\":\"\","
      "\"feature_image_credit\":\"WARTA/Rina\","
      "\"feature_image_focal_x\":0.5,\"feature_image_focal_y\":0.5,"
      "\"published_at\":1790000000,\"slug\":\"judul\",\"source\":\"\","
      "\"source_url\":\"\",\"status\":\"published\",\"tags\":[\"Banjir\"],"
      "\"title\":\"Judul\"}");
}

TEST_F(RevisionsTest, DecodesRevisionsStoredInTheOldFormat) {
  Article a;
  a.title = "Sekarang";
  a.body = "Isi baru.";
  a.feature_image_focal_x = 0.25;
  a.meta_title = "Judul SEO";
  auto saved = newsroom_->Save(a);
  ASSERT_TRUE(saved.ok());
  const std::string old_format =
      "{\"authors\":[\"Rina\",\"Budi\"],\"body\":\"Isi lama.\","
      "\"category\":\"Politik\",\"custom_excerpt\":\"Ringkas\","
      "\"dateline_city\":\"Bandung\",\"dateline_outlet\":\"\","
      "\"feature_image\":\"/media/a.jpg\",\"feature_image_alt\":\"Alt\","
      "\"feature_image_caption\":\"\",\"published_at\":1780000000,"
      "\"slug\":\"lama\",\"source\":\"Antara\",\"source_url\":\"\","
      "\"status\":\"published\",\"tags\":[\"Banjir\",\"Jakarta\"],"
      "\"title\":\"Lama\"}";
  auto rev =
      EncodeRevision(*store_, saved->id, old_format, RevisionUse::kKeepBeside);
  ASSERT_TRUE(rev.ok() && rev->has_value());
  (*rev)->kind = "autosave";
  ASSERT_TRUE(store_->AddRevision(saved->id, **rev).ok());
  auto list = store_->ListRevisions(saved->id, 1, false);
  ASSERT_TRUE(list.ok() && !list->empty());
  auto at = newsroom_->ArticleAt((*list)[0]);
  ASSERT_TRUE(at.ok()) << at.status().ToString();
  EXPECT_EQ(at->title, "Lama");
  EXPECT_EQ(at->body, "Isi lama.");
  EXPECT_EQ(at->custom_excerpt, "Ringkas");
  EXPECT_EQ(at->dateline_city, "Bandung");
  EXPECT_EQ(at->source, "Antara");
  ASSERT_TRUE(at->category.has_value());
  EXPECT_EQ(at->category->name, "Politik");
  ASSERT_EQ(at->tags.size(), 2u);
  EXPECT_EQ(at->tags[1].name, "Jakarta");
  ASSERT_EQ(at->authors.size(), 2u);
  EXPECT_EQ(at->authors[0].name, "Rina");
  EXPECT_EQ(at->feature_image, "/media/a.jpg");
  EXPECT_EQ(at->feature_image_alt, "Alt");
  EXPECT_EQ(at->status, ArticleStatus::kPublished);
  EXPECT_EQ(at->published_at, 1780000000);
  EXPECT_EQ(at->slug, "lama");
  // Fields the old format did not have: empty, the focal point kept.
  EXPECT_EQ(at->meta_title, "");
  EXPECT_EQ(at->feature_image_credit, "");
  EXPECT_EQ(at->feature_image_focal_x, 0.25);
  // Restoring it brings the old content back onto the current article.
  auto restored =
      newsroom_->RestoreRevision(saved->id, (*list)[0].id, saved->version, 0);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(restored->title, "Lama");
  EXPECT_EQ(restored->tags.size(), 2u);
  EXPECT_EQ(restored->status, ArticleStatus::kDraft) << "content only";
}

TEST_F(RevisionsTest, TrashNotifiesAndRestoreBringsBack) {
  int heard = 0;
  Newsroom::Subscription listener =
      newsroom_->Subscribe([&](const Article&) { ++heard; });
  Article a;
  a.title = "Buang";
  a.body = "x";
  auto s = newsroom_->Save(a);
  ASSERT_TRUE(newsroom_->Trash(s->id).ok());
  EXPECT_TRUE(store_->GetArticle(s->id).status().IsNotFound());
  ASSERT_TRUE(newsroom_->Restore(s->id).ok());
  EXPECT_TRUE(store_->GetArticle(s->id).ok());
  EXPECT_EQ(heard, 3);
  listener.Reset();
  ASSERT_TRUE(newsroom_->Trash(s->id).ok());
  EXPECT_EQ(heard, 3);
}

TEST_F(RevisionsTest, SchedulerPublishesByTheClockExactlyOnce) {
  std::vector<std::string> published;
  Newsroom::Subscription listener = newsroom_->Subscribe([&](const Article& a) {
    if (a.IsPublished()) published.push_back(a.title);
  });
  Article a;
  a.title = "Nanti";
  a.body = "Isi.";
  a.status = ArticleStatus::kScheduled;
  a.published_at = clock_.Now() + 3600;
  auto s = newsroom_->Save(a);
  ASSERT_TRUE(s.ok());
  Article overdue = a;
  overdue.title = "Terlambat";
  overdue.published_at = clock_.Now() - 60;
  ASSERT_TRUE(newsroom_->Save(overdue).ok());

  // Start-up publishes what fell due while the server was down.
  Scheduler scheduler(*newsroom_, std::chrono::milliseconds(5));
  auto first = scheduler.Start();
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].title, "Terlambat");
  // A second node on the same database, running its own scheduler.
  auto other_store = Open();
  Newsroom other(*other_store, clock_, "WARTA");
  Scheduler other_scheduler(other, std::chrono::milliseconds(5));
  ASSERT_TRUE(other_scheduler.Start().ok());

  clock_.Advance(3599);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(store_->GetArticle(s->id)->status, ArticleStatus::kScheduled);
  clock_.Advance(1);
  for (int i = 0; i < 400; ++i) {
    if (scheduler.published_count() + other_scheduler.published_count() >= 2)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  scheduler.Stop();
  other_scheduler.Stop();
  EXPECT_EQ(scheduler.published_count() + other_scheduler.published_count(), 2);
  auto got = store_->GetArticle(s->id);
  EXPECT_EQ(got->status, ArticleStatus::kPublished);
  EXPECT_EQ(got->published_at, a.published_at);
  auto revs = store_->ListRevisions(s->id, 10, false);
  ASSERT_EQ(revs->size(), 2u);
  EXPECT_EQ((*revs)[0].kind, "publish");
}

}  // namespace
}  // namespace warta
