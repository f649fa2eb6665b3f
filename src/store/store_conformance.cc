#include "store/store_conformance.h"

#include <stdlib.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

namespace warta {
namespace {

Article MakeArticle(const std::string& title,
                    const std::string& category = "Politik") {
  Article a;
  a.title = title;
  a.body = "Isi berita " + title;
  a.html = "<p>Isi berita</p>";
  a.plaintext = "Isi berita";
  a.category = Category{0, "", category, ""};
  a.tags = {Tag{0, "", "Korea Utara"}, Tag{0, "", "Diplomasi"}};
  a.authors = {Author{0, "", "Rina Wulandari", "", ""}};
  a.status = ArticleStatus::kPublished;
  a.word_count = 300;
  a.reading_time = 2;
  return a;
}

}  // namespace

void StoreConformance::SetUp() {
  char tmpl[] = "/tmp/warta-store-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  dir_ = tmpl;
  store_ = GetParam()(dir_, clock_);
  if (IsSkipped()) return;  // the backend is not available here
  ASSERT_NE(store_, nullptr);
}

void StoreConformance::TearDown() {
  store_.reset();
  std::filesystem::remove_all(dir_);
}

std::unique_ptr<Store> StoreConformance::Reopen() {
  store_.reset();
  return GetParam()(dir_, clock_);
}

// A second store on the same database stands for another process or node
// (`warta import` beside `warta serve`, a second server): its commit wakes
// the first one's watch. Backends that cannot tell (nullptr) are polled.
TEST_P(StoreConformance, WatchSeesCommitsOfAnotherStore) {
  std::unique_ptr<Store> other = GetParam()(dir_, clock_);
  ASSERT_NE(other, nullptr);
  std::mutex mu;
  std::condition_variable cv;
  int calls = 0;
  std::unique_ptr<ChangeWatch> watch = store_->WatchChanges([&] {
    std::lock_guard<std::mutex> lock(mu);
    ++calls;
    cv.notify_all();
  });
  if (!watch) GTEST_SKIP() << store_->BackendName() << " has no change watch";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // listening
  const std::int64_t before = *store_->ChangeSeq();
  Article a;
  a.title = "Dari proses lain";
  a.body = a.plaintext = "Isi";
  a.status = ArticleStatus::kPublished;
  ASSERT_TRUE(other->SaveArticle(a).ok());
  {
    std::unique_lock<std::mutex> lock(mu);
    EXPECT_TRUE(
        cv.wait_for(lock, std::chrono::seconds(5), [&] { return calls > 0; }));
  }
  EXPECT_GT(*store_->ChangeSeq(), before);
  watch.reset();  // stops its thread; no call after this
  const int seen = calls;
  a.title = "Lagi";
  ASSERT_TRUE(other->SaveArticle(a).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(calls, seen);
}

TEST_P(StoreConformance, CreatesAndReadsAnArticleWithTaxonomies) {
  Article in = MakeArticle("Korea Utara dan China bahas persahabatan");
  in.published_at = clock_.Now();
  in.dateline_city = "Seoul";
  in.dateline_outlet = "KABARIN";
  in.source = "Sputnik-OANA";
  in.editor = Author{0, "", "Budi Santoso", "", ""};
  auto saved = store_->SaveArticle(in);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_GT(saved->id, 0);
  EXPECT_EQ(saved->slug, "korea-utara-dan-china-bahas-persahabatan");
  EXPECT_EQ(saved->version, 1);
  EXPECT_EQ(saved->created_at, clock_.Now());

  auto got = store_->GetArticleBySlug(saved->slug);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->title, in.title);
  EXPECT_EQ(got->body, in.body);
  EXPECT_EQ(got->dateline_city, "Seoul");
  EXPECT_EQ(got->source, "Sputnik-OANA");
  ASSERT_TRUE(got->category.has_value());
  EXPECT_EQ(got->category->slug, "politik");
  ASSERT_EQ(got->tags.size(), 2u);
  EXPECT_EQ(got->tags[0].slug, "korea-utara");
  EXPECT_EQ(got->tags[1].name, "Diplomasi");
  ASSERT_EQ(got->authors.size(), 1u);
  EXPECT_EQ(got->authors[0].slug, "rina-wulandari");
  ASSERT_TRUE(got->editor.has_value());
  EXPECT_EQ(got->editor->name, "Budi Santoso");
  EXPECT_EQ(got->published_at, clock_.Now());
  EXPECT_EQ(got->reading_time, 2);

  EXPECT_TRUE(store_->GetArticle(9999).status().IsNotFound());
  EXPECT_TRUE(store_->GetArticleBySlug("tidak-ada").status().IsNotFound());
}

// Issue 12: the photo credit and the focal point (kept to 1/1000) come
// back from reads of one article and of lists, and after an update.
// Links read back in their saved order, for one article (a save's
// read-back, also inside a batch) and for a list; a new article's save and
// an update that replaces its links both keep exactly the links given.
TEST_P(StoreConformance, ReadsLinksInTheirOrderAndReplacesThem) {
  Article first = MakeArticle("Tautan pertama");
  first.published_at = clock_.Now();
  first.tags = {Tag{0, "", "Alfa"}, Tag{0, "", "Beta"}};
  auto a = store_->SaveArticle(first);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  // Tag ids run Alfa < Beta; this article lists them the other way round.
  Article second = MakeArticle("Tautan kedua");
  second.published_at = clock_.Now() + 60;
  second.tags = {Tag{0, "", "Beta"}, Tag{0, "", "Alfa"}};
  second.authors = {Author{0, "", "Rina Wulandari", "", ""},
                    Author{0, "", "Agus Salim", "", ""}};
  std::optional<Article> b;
  ASSERT_TRUE(store_
                  ->RunWholeBatch([&]() -> Status {
                    auto saved = store_->SaveArticle(second);
                    if (saved.ok()) b = *saved;
                    return saved.status();
                  })
                  .ok());
  ASSERT_TRUE(b.has_value());
  ASSERT_EQ(b->tags.size(), 2u);
  EXPECT_EQ(b->tags[0].name, "Beta");
  EXPECT_EQ(b->tags[1].name, "Alfa");
  ASSERT_EQ(b->authors.size(), 2u);
  EXPECT_EQ(b->authors[1].name, "Agus Salim");

  ArticleQuery q;
  q.status = ArticleStatus::kPublished;
  auto list = store_->ListArticles(q);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, b->id);
  ASSERT_EQ((*list)[0].tags.size(), 2u);
  EXPECT_EQ((*list)[0].tags[0].name, "Beta");
  ASSERT_EQ((*list)[1].tags.size(), 2u);
  EXPECT_EQ((*list)[1].tags[0].name, "Alfa");

  Article edit = *a;
  edit.tags = {Tag{0, "", "Beta"}};
  edit.authors = {Author{0, "", "Agus Salim", "", ""}};
  auto edited = store_->SaveArticle(edit);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  ASSERT_EQ(edited->tags.size(), 1u);
  EXPECT_EQ(edited->tags[0].name, "Beta");
  ASSERT_EQ(edited->authors.size(), 1u);
  EXPECT_EQ(edited->authors[0].name, "Agus Salim");
  q.tag_id = b->tags[1].id;  // Alfa: only the second article now
  list = store_->ListArticles(q);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, b->id);
}

TEST_P(StoreConformance, KeepsPhotoCreditAndFocalPoint) {
  Article in = MakeArticle("Banjir surut di Jakarta");
  in.feature_image = "/media/2026/12/abcdef0123456789-1600x900-o.jpg";
  in.feature_image_credit = "WARTA/Rina Wulandari";
  in.feature_image_focal_x = 0.25;
  in.feature_image_focal_y = 0.8;
  auto saved = store_->SaveArticle(in);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  auto got = store_->GetArticle(saved->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->feature_image_credit, "WARTA/Rina Wulandari");
  EXPECT_DOUBLE_EQ(got->feature_image_focal_x, 0.25);
  EXPECT_DOUBLE_EQ(got->feature_image_focal_y, 0.8);
  ArticleQuery q;
  auto list = store_->ListArticles(q);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].feature_image_credit, "WARTA/Rina Wulandari");
  EXPECT_DOUBLE_EQ((*list)[0].feature_image_focal_y, 0.8);

  Article edit = *got;
  edit.feature_image_credit.clear();
  edit.feature_image_focal_x = 0.5;
  edit.feature_image_focal_y = 0.5;
  ASSERT_TRUE(store_->SaveArticle(edit).ok());
  got = store_->GetArticle(saved->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->feature_image_credit, "");
  EXPECT_DOUBLE_EQ(got->feature_image_focal_x, 0.5);
}

// Issue 13: the SEO title and description (Ghost's meta_title and
// meta_description) come back from single reads and lists, and clear.
TEST_P(StoreConformance, KeepsSeoTitleAndDescription) {
  Article in = MakeArticle("Banjir surut di Jakarta");
  in.meta_title = "Banjir Jakarta Surut, Warga Kembali ke Rumah";
  in.meta_description = "Genangan di 12 RT surut Senin pagi; pengungsi pulang.";
  auto saved = store_->SaveArticle(in);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  auto got = store_->GetArticle(saved->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->meta_title, in.meta_title);
  EXPECT_EQ(got->meta_description, in.meta_description);
  auto list = store_->ListArticles(ArticleQuery{});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].meta_title, in.meta_title);
  Article edit = *got;
  edit.meta_title.clear();
  edit.meta_description = "Baru.";
  ASSERT_TRUE(store_->SaveArticle(edit).ok());
  got = store_->GetArticle(saved->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->meta_title, "");
  EXPECT_EQ(got->meta_description, "Baru.");
}

// The editor's media library: feature images in use, newest use first, one
// entry per URL with that use's caption and credit, found by either.
TEST_P(StoreConformance, ListsMediaUsesNewestFirst) {
  const std::string pompa = "/media/2026/12/aaaa000000000000-1600x900-o.jpg";
  const std::string banjir = "/media/2026/12/bbbb000000000000-800x600-o.png";
  Article a = MakeArticle("Pompa pertama");
  a.feature_image = pompa;
  a.feature_image_caption = "Pompa air";
  ASSERT_TRUE(store_->SaveArticle(a).ok());
  clock_.Advance(60);
  Article b = MakeArticle("Banjir surut");
  b.feature_image = banjir;
  b.feature_image_credit = "WARTA/Rina";
  ASSERT_TRUE(store_->SaveArticle(b).ok());
  clock_.Advance(60);
  Article c = MakeArticle("Pompa kedua");
  c.feature_image = pompa;
  c.feature_image_caption = "Pompa baru di Kampung Melayu";
  ASSERT_TRUE(store_->SaveArticle(c).ok());
  Article outside = MakeArticle("Foto luar");
  outside.feature_image = "https://cdn.example/x.jpg";
  ASSERT_TRUE(store_->SaveArticle(outside).ok());

  auto all = store_->ListMediaUses("", 10);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].url, pompa);
  EXPECT_EQ((*all)[0].caption, "Pompa baru di Kampung Melayu");
  EXPECT_EQ((*all)[1].url, banjir);
  auto by_credit = store_->ListMediaUses("rina", 10);
  ASSERT_TRUE(by_credit.ok());
  ASSERT_EQ(by_credit->size(), 1u);
  EXPECT_EQ((*by_credit)[0].credit, "WARTA/Rina");
  auto by_caption = store_->ListMediaUses("KAMPUNG", 10);
  ASSERT_TRUE(by_caption.ok());
  ASSERT_EQ(by_caption->size(), 1u);
  EXPECT_EQ((*by_caption)[0].url, pompa);
  EXPECT_EQ(store_->ListMediaUses("", 1)->size(), 1u);
}

TEST_P(StoreConformance, MakesSlugsUniqueAndReusesTaxonomies) {
  auto a = store_->SaveArticle(MakeArticle("Judul Sama"));
  auto b = store_->SaveArticle(MakeArticle("Judul Sama"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->slug, "judul-sama");
  EXPECT_EQ(b->slug, "judul-sama-2");
  EXPECT_EQ(a->category->id, b->category->id);
  auto cats = store_->ListCategories();
  ASSERT_TRUE(cats.ok());
  ASSERT_EQ(cats->size(), 1u);
  EXPECT_EQ((*cats)[0].published_count, 2);
  auto tags = store_->ListTags();
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(tags->size(), 2u);
}

TEST_P(StoreConformance, RejectsStaleVersionsAndKeepsOldSlugs) {
  auto a = store_->SaveArticle(MakeArticle("Judul Lama"));
  ASSERT_TRUE(a.ok());
  Article edit = *a;
  edit.title = "Judul Baru";
  edit.slug = "judul-baru";
  clock_.Advance(60);
  auto b = store_->SaveArticle(edit);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->version, 2);
  EXPECT_EQ(b->updated_at, clock_.Now());
  EXPECT_EQ(b->created_at, a->created_at);
  EXPECT_EQ(*store_->FindArticleIdByOldSlug("judul-lama"), a->id);
  EXPECT_TRUE(
      store_->FindArticleIdByOldSlug("judul-baru").status().IsNotFound());

  // `edit` still carries version 1: stale.
  edit.title = "Tertimpa";
  auto stale = store_->SaveArticle(edit);
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(store_->GetArticle(a->id)->title, "Judul Baru");

  // A new article may take the old slug; the redirect then yields.
  auto c = store_->SaveArticle(MakeArticle("Judul Lama"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->slug, "judul-lama");
  EXPECT_TRUE(
      store_->FindArticleIdByOldSlug("judul-lama").status().IsNotFound());
}

TEST_P(StoreConformance, ListsFiltersOrdersAndCounts) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    Article a = MakeArticle("Berita " + std::to_string(i),
                            i % 2 ? "Ekonomi" : "Politik");
    a.published_at = clock_.Now() + i * 3600;
    if (i == 4) a.status = ArticleStatus::kDraft;
    if (i == 3) a.tags = {Tag{0, "", "Banjir"}};
    auto s = store_->SaveArticle(a);
    ASSERT_TRUE(s.ok());
    ids.push_back(s->id);
  }
  ArticleQuery q;
  q.status = ArticleStatus::kPublished;
  auto list = store_->ListArticles(q);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 4u);
  EXPECT_EQ((*list)[0].title, "Berita 3");  // newest first
  EXPECT_EQ((*list)[3].title, "Berita 0");
  EXPECT_TRUE((*list)[0].body.empty());  // no body unless asked
  EXPECT_EQ((*list)[0].tags.size(), 1u);
  EXPECT_EQ((*list)[0].authors.size(), 1u);
  EXPECT_EQ(*store_->CountArticles(q), 4);

  auto ekonomi = store_->GetCategoryBySlug("ekonomi");
  ASSERT_TRUE(ekonomi.ok());
  q.category_id = ekonomi->id;
  EXPECT_EQ(*store_->CountArticles(q), 2);
  q.category_id = 0;

  auto banjir = store_->GetTagBySlug("banjir");
  ASSERT_TRUE(banjir.ok());
  q.tag_id = banjir->id;
  EXPECT_EQ(*store_->CountArticles(q), 1);
  q.tag_id = 0;

  auto rina = store_->GetAuthorBySlug("rina-wulandari");
  ASSERT_TRUE(rina.ok());
  q.author_id = rina->id;
  EXPECT_EQ(*store_->CountArticles(q), 4);
  q.author_id = 0;

  q.limit = 2;
  q.offset = 1;
  q.exclude_ids = {ids[2]};
  q.with_body = true;
  list = store_->ListArticles(q);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].title, "Berita 1");
  EXPECT_EQ((*list)[1].title, "Berita 0");
  EXPECT_FALSE((*list)[0].body.empty());

  q = ArticleQuery();
  q.published_before = clock_.Now() + 3600;
  q.order = ArticleQuery::Order::kOldest;
  list = store_->ListArticles(q);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].title, "Berita 0");
}

// Lists carry authors and tags unless asked for cards only (with_links
// false), on the listing's path (published, newest first) and on the
// articles' (any status).
TEST_P(StoreConformance, ListsLeaveLinksOutForCards) {
  for (int i = 0; i < 3; ++i) {
    Article a = MakeArticle("Berita " + std::to_string(i));
    a.published_at = clock_.Now() - 60 * i;
    auto s = store_->SaveArticle(a);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
  }
  ArticleQuery listed;
  listed.status = ArticleStatus::kPublished;
  ArticleQuery any;  // any status: the articles' path
  for (ArticleQuery q : {listed, any}) {
    auto with = store_->ListArticles(q);
    ASSERT_TRUE(with.ok()) << with.status().ToString();
    ASSERT_EQ(with->size(), 3u);
    EXPECT_EQ((*with)[0].tags.size(), 2u);
    ASSERT_EQ((*with)[0].authors.size(), 1u);
    EXPECT_EQ((*with)[0].authors[0].name, "Rina Wulandari");
    q.with_links = false;
    auto cards = store_->ListArticles(q);
    ASSERT_TRUE(cards.ok()) << cards.status().ToString();
    ASSERT_EQ(cards->size(), 3u);
    EXPECT_EQ((*cards)[0].title, (*with)[0].title);
    ASSERT_TRUE((*cards)[0].category.has_value());
    EXPECT_EQ((*cards)[0].category->name, "Politik");
    EXPECT_TRUE((*cards)[0].tags.empty());
    EXPECT_TRUE((*cards)[0].authors.empty());
  }
}

// A page's cards in one read: in the order asked, any status, without the
// body, authors and tags; missing and deleted ones left out.
TEST_P(StoreConformance, ListsArticlesByIdInTheOrderAsked) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 4; ++i) {
    Article a = MakeArticle("Kartu " + std::to_string(i));
    a.tags = {Tag{0, "", "Banjir"}};
    if (i == 2) a.status = ArticleStatus::kDraft;
    auto s = store_->SaveArticle(a);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ids.push_back(s->id);
  }
  ASSERT_TRUE(store_->DeleteArticle(ids[3]).ok());
  auto cards =
      store_->ListArticlesById({ids[2], ids[0], ids[3], 999999, ids[1]});
  ASSERT_TRUE(cards.ok()) << cards.status().ToString();
  ASSERT_EQ(cards->size(), 3u);
  EXPECT_EQ((*cards)[0].id, ids[2]);
  EXPECT_EQ((*cards)[0].status, ArticleStatus::kDraft);
  EXPECT_EQ((*cards)[1].id, ids[0]);
  EXPECT_EQ((*cards)[2].id, ids[1]);
  EXPECT_EQ((*cards)[1].title, "Kartu 0");
  EXPECT_TRUE((*cards)[1].body.empty()) << "no body in a card";
  EXPECT_TRUE((*cards)[1].html.empty());
  ASSERT_TRUE((*cards)[1].category.has_value());
  EXPECT_TRUE((*cards)[1].tags.empty()) << "a card shows no tags";
  EXPECT_TRUE((*cards)[1].authors.empty()) << "nor authors";
  EXPECT_TRUE(store_->ListArticlesById({})->empty());
  EXPECT_FALSE(
      store_->ListArticlesById(std::vector<std::int64_t>(1001, ids[0])).ok());
}

// Search snippets' text in one read: the whole plain text (past the 400
// characters a card carries), in the order asked; missing, deleted and
// trashed ones left out.
TEST_P(StoreConformance, ListsPlaintextsByIdInTheOrderAsked) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 4; ++i) {
    Article a = MakeArticle("Teks " + std::to_string(i));
    a.plaintext = std::string(3000, 'a' + i) + " akhir " + std::to_string(i);
    if (i == 1) a.status = ArticleStatus::kDraft;
    auto s = store_->SaveArticle(a);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ids.push_back(s->id);
  }
  ASSERT_TRUE(store_->DeleteArticle(ids[3]).ok());
  ASSERT_TRUE(store_->TrashArticle(ids[2], clock_.Now()).ok());
  auto texts =
      store_->ListPlaintextsById({ids[1], ids[3], 999999, ids[2], ids[0]});
  ASSERT_TRUE(texts.ok()) << texts.status().ToString();
  ASSERT_EQ(texts->size(), 2u);
  EXPECT_EQ((*texts)[0].id, ids[1]);
  EXPECT_EQ((*texts)[0].plaintext, std::string(3000, 'b') + " akhir 1");
  EXPECT_EQ((*texts)[1].id, ids[0]);
  EXPECT_EQ((*texts)[1].plaintext, std::string(3000, 'a') + " akhir 0");
  EXPECT_TRUE(store_->ListPlaintextsById({})->empty());
  EXPECT_FALSE(
      store_->ListPlaintextsById(std::vector<std::int64_t>(1001, ids[0])).ok());
}

TEST_P(StoreConformance, FindsByImportKeyAndDeletes) {
  Article a = MakeArticle("Dari Berkas");
  a.import_key = "text:dari-berkas";
  auto s = store_->SaveArticle(a);
  ASSERT_TRUE(s.ok());
  auto found = store_->FindArticleByImportKey("text:dari-berkas");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, s->id);
  EXPECT_FALSE(store_->FindArticleByImportKey("text:lain")->has_value());
  // The import key is unique.
  Article dup = MakeArticle("Lain");
  dup.import_key = "text:dari-berkas";
  EXPECT_FALSE(store_->SaveArticle(dup).ok());
  EXPECT_TRUE(store_->DeleteArticle(s->id).ok());
  EXPECT_TRUE(store_->GetArticle(s->id).status().IsNotFound());
  EXPECT_TRUE(store_->DeleteArticle(s->id).IsNotFound());
}

TEST_P(StoreConformance, ChangeSeqGrowsWithWrites) {
  auto before = store_->ChangeSeq();
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(store_->SaveArticle(MakeArticle("Satu")).ok());
  auto after = store_->ChangeSeq();
  ASSERT_TRUE(after.ok());
  EXPECT_GT(*after, *before);
  // A failed write changes nothing.
  Article bad = MakeArticle("");
  EXPECT_FALSE(store_->SaveArticle(bad).ok());
  EXPECT_EQ(*store_->ChangeSeq(), *after);
}

TEST_P(StoreConformance, LogsArticleChangesInOrder) {
  std::int64_t start = *store_->ChangeSeq();
  auto a = store_->SaveArticle(MakeArticle("Satu"));
  auto b = store_->SaveArticle(MakeArticle("Dua"));
  ASSERT_TRUE(a.ok() && b.ok());
  Article edit = *a;
  edit.title = "Satu lagi";
  ASSERT_TRUE(store_->SaveArticle(edit).ok());
  ASSERT_TRUE(store_->DeleteArticle(b->id).ok());
  auto changes = store_->ArticleChangesSince(start, 100);
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  ASSERT_EQ(changes->size(), 2u);
  // Each article once, at its last change; b's delete came last.
  EXPECT_EQ((*changes)[0].article_id, a->id);
  EXPECT_EQ((*changes)[1].article_id, b->id);
  EXPECT_EQ((*changes)[1].seq, *store_->ChangeSeq());
  EXPECT_LT((*changes)[0].seq, (*changes)[1].seq);
  // Paging by the last seq seen.
  auto first = store_->ArticleChangesSince(start, 1);
  ASSERT_EQ(first->size(), 1u);
  auto rest = store_->ArticleChangesSince((*first)[0].seq, 100);
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].article_id, b->id);
  EXPECT_TRUE(store_->ArticleChangesSince(*store_->ChangeSeq(), 10)->empty());
}

TEST_P(StoreConformance, SavesTaxonomiesDirectly) {
  auto cat =
      store_->SaveCategory(Category{0, "", "Olahraga", "Berita olahraga"});
  ASSERT_TRUE(cat.ok());
  EXPECT_EQ(cat->slug, "olahraga");
  Category edit = *cat;
  edit.description = "Sepak bola dan lainnya";
  ASSERT_TRUE(store_->SaveCategory(edit).ok());
  EXPECT_EQ(store_->GetCategoryBySlug("olahraga")->description,
            "Sepak bola dan lainnya");
  EXPECT_EQ(
      store_->SaveCategory(Category{0, "olahraga", "Lagi", ""}).status().code(),
      StatusCode::kAlreadyExists);
  auto au = store_->SaveAuthor(
      Author{0, "", "Dewi Lestari", "Reporter ekonomi", "d@x.id"});
  ASSERT_TRUE(au.ok());
  EXPECT_EQ(store_->GetAuthorBySlug("dewi-lestari")->bio, "Reporter ekonomi");
  auto tag = store_->SaveTag(Tag{0, "", "Pemilu 2029"});
  ASSERT_TRUE(tag.ok());
  EXPECT_EQ(tag->slug, "pemilu-2029");
}

TEST_P(StoreConformance, SurvivesReopen) {
  auto s = store_->SaveArticle(MakeArticle("Tetap Ada"));
  ASSERT_TRUE(s.ok());
  int version = store_->SchemaVersion();
  EXPECT_GE(version, 1);
  store_ = Reopen();
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(store_->SchemaVersion(), version);
  EXPECT_EQ(store_->GetArticle(s->id)->title, "Tetap Ada");
}

}  // namespace warta
