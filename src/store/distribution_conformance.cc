// Conformance cases for DistributionStore and WireStore (see
// store_conformance.h); every backend runs them.
#include "store/store_conformance.h"

namespace warta {
namespace {

Article Published(const std::string& title, Timestamp published_at,
                  const std::string& tag = "Korea") {
  Article a;
  a.title = title;
  a.body = "Isi";
  a.html = "<p>Isi</p>";
  a.plaintext = "Isi";
  a.category = Category{0, "", "Dunia", ""};
  a.tags = {Tag{0, "", tag}};
  a.authors = {Author{0, "", "Rina", "", ""}};
  a.status = ArticleStatus::kPublished;
  a.published_at = published_at;
  return a;
}

TEST_P(StoreConformance, ListsSitemapArticlesByRangeWithKeysetPaging) {
  const Timestamp t0 = 1759115700;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(store_
                    ->SaveArticle(
                        Published("Berita " + std::to_string(i), t0 + i * 3600))
                    .ok());
  }
  Article hidden = Published("Tersembunyi", t0 + 100);
  hidden.noindex = true;
  ASSERT_TRUE(store_->SaveArticle(hidden).ok());
  Article draft = Published("Draf", t0 + 200);
  draft.status = ArticleStatus::kDraft;
  ASSERT_TRUE(store_->SaveArticle(draft).ok());

  SitemapQuery q;
  q.from = t0;
  q.to = t0 + 4 * 3600;  // excludes the last one
  q.limit = 2;
  auto page1 = store_->ListSitemapArticles(q);
  ASSERT_TRUE(page1.ok()) << page1.status().ToString();
  ASSERT_EQ(page1->size(), 2u);
  EXPECT_EQ((*page1)[0].slug, "berita-0");
  EXPECT_EQ((*page1)[1].slug, "berita-1");
  q.after = std::make_pair((*page1)[1].published_at, (*page1)[1].id);
  auto page2 = store_->ListSitemapArticles(q);
  ASSERT_TRUE(page2.ok());
  ASSERT_EQ(page2->size(), 2u);
  EXPECT_EQ((*page2)[0].slug, "berita-2");
  EXPECT_EQ((*page2)[1].slug, "berita-3");
  EXPECT_TRUE((*page2)[0].title.empty());

  q.after.reset();
  q.offset = 3;
  q.with_title = true;
  auto skipped = store_->ListSitemapArticles(q);
  ASSERT_TRUE(skipped.ok());
  ASSERT_EQ(skipped->size(), 1u);
  EXPECT_EQ((*skipped)[0].title, "Berita 3");
}

// The sitemap's months, newest first: (year * 100 + month, articles).
std::vector<std::pair<int, std::int64_t>> MonthCounts(Store& store) {
  std::vector<std::pair<int, std::int64_t>> out;
  auto months = store.ListSitemapMonths();
  EXPECT_TRUE(months.ok()) << months.status().ToString();
  if (!months.ok()) return out;
  for (const auto& m : *months)
    out.emplace_back(m.year * 100 + m.month, m.articles);
  return out;
}

TEST_P(StoreConformance, CountsSitemapMonthsAtWriteTime) {
  const Timestamp sep = 1759115700;  // 2025-09-29
  const Timestamp oct = 1760000000;  // 2025-10-09
  ASSERT_TRUE(store_->SaveArticle(Published("Satu", sep)).ok());
  auto two = store_->SaveArticle(Published("Dua", sep + 60));
  ASSERT_TRUE(two.ok());
  ASSERT_TRUE(store_->SaveArticle(Published("Tiga", oct)).ok());
  Article hidden = Published("Empat", oct);
  hidden.noindex = true;
  ASSERT_TRUE(store_->SaveArticle(hidden).ok());
  EXPECT_EQ(MonthCounts(*store_), (std::vector<std::pair<int, std::int64_t>>{
                                      {202510, 1}, {202509, 2}}));
  // Moving an article to October, then unpublishing it, then deleting one.
  clock_.Advance(100);
  two->published_at = oct + 5;
  auto moved = store_->SaveArticle(*two);
  ASSERT_TRUE(moved.ok());
  auto months = store_->ListSitemapMonths();
  ASSERT_TRUE(months.ok()) << months.status().ToString();
  EXPECT_EQ((*months)[0].articles, 2);
  EXPECT_EQ((*months)[1].articles, 1);
  EXPECT_EQ((*months)[1].lastmod, clock_.Now());
  moved->status = ArticleStatus::kDraft;
  ASSERT_TRUE(store_->SaveArticle(*moved).ok());
  EXPECT_EQ((*store_->ListSitemapMonths())[0].articles, 1);
  auto first = store_->GetArticleBySlug("satu");
  ASSERT_TRUE(store_->DeleteArticle(first->id).ok());
  months = store_->ListSitemapMonths();
  ASSERT_EQ(months->size(), 1u) << "an empty month is not listed";
  EXPECT_EQ((*months)[0].month, 10);
}

// A newsroom's save: the article, then in the same write the user who
// created it and its review state (updates of the new row); its month is
// counted once, a new month included. (In SQLite the insert's count is
// written when the write ends, migration 066; those updates do not touch
// the sitemap months, 067.)
TEST_P(StoreConformance, CountsSitemapMonthsOfWhatAUserCreates) {
  User editor;
  editor.email = "editor@kabarin.id";
  editor.name = "Rina";
  editor.role = Role::kEditor;
  editor.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  auto user = store_->AddUser(editor);
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  const Timestamp sep = 1759115700;  // 2025-09-29
  const Timestamp oct = 1760000000;  // 2025-10-09
  Revision rev;
  rev.user_id = user->id;
  rev.kind = "publish";
  rev.raw_size = 3;
  rev.snapshot_hash = "h";
  rev.data = "abc";
  const ReviewChange cleared;
  for (auto [title, at] : {std::pair{"Satu", sep}, std::pair{"Dua", sep + 60},
                           std::pair{"Tiga", oct}}) {
    rev.title = title;
    auto saved =
        store_->SaveArticleWithRevision(Published(title, at), &rev, &cleared);
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  }
  EXPECT_EQ(MonthCounts(*store_), (std::vector<std::pair<int, std::int64_t>>{
                                      {202510, 1}, {202509, 2}}));
}

TEST_P(StoreConformance, KeepsTaxonomyLastmodOfPublishedArticles) {
  ASSERT_TRUE(store_->SaveArticle(Published("Satu", 1000, "Korea")).ok());
  clock_.Advance(60);
  ASSERT_TRUE(store_->SaveArticle(Published("Dua", 2000, "Jepang")).ok());
  Article draft = Published("Draf", 3000, "Rahasia");
  draft.status = ArticleStatus::kDraft;
  ASSERT_TRUE(store_->SaveArticle(draft).ok());

  auto tags = store_->ListTaxonomyLastmod(TaxonomyKind::kTag, 0, 10);
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  ASSERT_EQ(tags->size(), 2u);  // not the draft's tag
  EXPECT_EQ((*tags)[0].slug, "korea");
  EXPECT_EQ((*tags)[1].slug, "jepang");
  EXPECT_EQ((*tags)[1].lastmod, clock_.Now());
  EXPECT_EQ(*store_->CountTaxonomyLastmod(TaxonomyKind::kTag), 2);
  auto after =
      store_->ListTaxonomyLastmod(TaxonomyKind::kTag, (*tags)[0].id, 10);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->size(), 1u);

  auto cats = store_->ListTaxonomyLastmod(TaxonomyKind::kCategory, 0, 10);
  ASSERT_TRUE(cats.ok());
  ASSERT_EQ(cats->size(), 1u);
  EXPECT_EQ((*cats)[0].lastmod, clock_.Now());
  auto authors = store_->ListTaxonomyLastmod(TaxonomyKind::kAuthor, 0, 10);
  ASSERT_TRUE(authors.ok());
  ASSERT_EQ(authors->size(), 1u);
  EXPECT_EQ((*authors)[0].slug, "rina");
}

TEST_P(StoreConformance, ListsNewestArticlesOfATagOrAuthor) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 4; ++i) {
    auto a = store_->SaveArticle(Published(
        "Artikel " + std::to_string(i), 1000 + i, i % 2 ? "Ganjil" : "Genap"));
    ASSERT_TRUE(a.ok());
    ids.push_back(a->id);
  }
  Article future = Published("Nanti", 5000, "Genap");
  ASSERT_TRUE(store_->SaveArticle(future).ok());
  auto tag = store_->GetTagBySlug("genap");
  ASSERT_TRUE(tag.ok());
  auto got =
      store_->ListNewestLinkedArticleIds(TaxonomyKind::kTag, tag->id, 4000, 10);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, (std::vector<std::int64_t>{ids[2], ids[0]}));
  auto author = store_->GetAuthorBySlug("rina");
  auto by_author = store_->ListNewestLinkedArticleIds(TaxonomyKind::kAuthor,
                                                      author->id, 4000, 3);
  ASSERT_TRUE(by_author.ok());
  EXPECT_EQ(*by_author, (std::vector<std::int64_t>{ids[3], ids[2], ids[1]}));
}

TEST_P(StoreConformance, LinkedArticleListsFollowPublishingAndTheTrash) {
  auto a = store_->SaveArticle(Published("Pertama", 1000, "Banjir"));
  auto b = store_->SaveArticle(Published("Kedua", 2000, "Banjir"));
  ASSERT_TRUE(a.ok() && b.ok());
  auto tag = store_->GetTagBySlug("banjir");
  auto author = store_->GetAuthorBySlug("rina");
  ASSERT_TRUE(tag.ok() && author.ok());
  auto newest = [&](TaxonomyKind kind, std::int64_t id) {
    auto got = store_->ListNewestLinkedArticleIds(kind, id, 9000, 10);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? *got : std::vector<std::int64_t>{};
  };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(newest(TaxonomyKind::kTag, tag->id), (Ids{b->id, a->id}));

  // Unpublished: out of both lists.
  Article draft = *b;
  draft.status = ArticleStatus::kDraft;
  auto saved = store_->SaveArticle(draft);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(newest(TaxonomyKind::kTag, tag->id), (Ids{a->id}));
  EXPECT_EQ(newest(TaxonomyKind::kAuthor, author->id), (Ids{a->id}));

  // Published again with a new date, and with a tag added: in again, in
  // the new order, under both tags.
  Article again = *saved;
  again.status = ArticleStatus::kPublished;
  again.published_at = 500;
  again.tags.push_back(Tag{0, "", "Cuaca"});
  ASSERT_TRUE(store_->SaveArticle(again).ok());
  EXPECT_EQ(newest(TaxonomyKind::kTag, tag->id), (Ids{a->id, b->id}));
  auto cuaca = store_->GetTagBySlug("cuaca");
  ASSERT_TRUE(cuaca.ok());
  EXPECT_EQ(newest(TaxonomyKind::kTag, cuaca->id), (Ids{b->id}));

  // Trashed: out; restored: back.
  ASSERT_TRUE(store_->TrashArticle(a->id, 3000).ok());
  EXPECT_EQ(newest(TaxonomyKind::kTag, tag->id), (Ids{b->id}));
  EXPECT_EQ(newest(TaxonomyKind::kAuthor, author->id), (Ids{b->id}));
  ASSERT_TRUE(store_->RestoreArticle(a->id).ok());
  EXPECT_EQ(newest(TaxonomyKind::kTag, tag->id), (Ids{a->id, b->id}));

  // Deleted: gone with its links.
  ASSERT_TRUE(store_->DeleteArticle(b->id).ok());
  EXPECT_EQ(newest(TaxonomyKind::kTag, tag->id), (Ids{a->id}));
  EXPECT_EQ(newest(TaxonomyKind::kTag, cuaca->id), Ids{});
}

TEST_P(StoreConformance, StoredFeedsGoStaleWhenWhatTheyShowChanges) {
  auto a = store_->SaveArticle(Published("Pertama", 1000, "Banjir"));
  ASSERT_TRUE(a.ok());
  auto tag = store_->GetTagBySlug("banjir");
  ASSERT_TRUE(tag.ok());
  const FeedScope site;
  const FeedScope by_tag{TaxonomyKind::kTag, tag->id};
  const FeedScope by_category{TaxonomyKind::kCategory, a->category->id};
  // Stores a document for `scope` at its current version; true when it
  // reads back.
  auto store_feed = [&](const std::string& key, const FeedScope& scope) {
    StoredFeed f;
    f.key = key;
    f.scope = scope;
    f.fingerprint = "fp";
    f.version = *store_->FeedVersion(scope);
    f.last_modified = 1000;
    f.body_gzip = std::string("\x1f\x8b\0gz", 5);
    f.body_brotli = std::string("br\0\xff", 4);
    EXPECT_TRUE(store_->PutStoredFeed(f).ok());
  };
  auto fresh = [&](const std::string& key) {
    auto got = store_->GetStoredFeed(key);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() && got->has_value();
  };
  auto store_all = [&] {
    store_feed("site", site);
    store_feed("tag", by_tag);
    store_feed("cat", by_category);
  };
  store_all();
  EXPECT_TRUE(fresh("site"));
  EXPECT_TRUE(fresh("tag"));
  EXPECT_TRUE(fresh("cat"));
  auto got = store_->GetStoredFeed("tag");
  ASSERT_TRUE(got.ok() && got->has_value());
  // Encoded bodies are bytes: NULs and all come back as they went in.
  EXPECT_EQ((*got)->body_gzip, std::string("\x1f\x8b\0gz", 5));
  EXPECT_EQ((*got)->body_brotli, std::string("br\0\xff", 4));
  EXPECT_EQ((*got)->fingerprint, "fp");
  EXPECT_EQ((*got)->scope.kind, TaxonomyKind::kTag);
  EXPECT_EQ((*got)->scope.id, tag->id);
  EXPECT_FALSE(*store_->GetStoredFeed("none"));

  // A draft elsewhere changes nothing.
  Article draft = Published("Draf", 1500, "Lain");
  draft.status = ArticleStatus::kDraft;
  ASSERT_TRUE(store_->SaveArticle(draft).ok());
  EXPECT_TRUE(fresh("site"));
  EXPECT_TRUE(fresh("tag"));

  // Editing the published article: every feed that shows it.
  Article edited = *a;
  edited.title = "Pertama (ralat)";
  ASSERT_TRUE(store_->SaveArticle(edited).ok());
  EXPECT_FALSE(fresh("site"));
  EXPECT_FALSE(fresh("tag"));
  EXPECT_FALSE(fresh("cat"));
  store_all();

  // A new article under another tag: the site and category, not the tag.
  ASSERT_TRUE(store_->SaveArticle(Published("Kedua", 2000, "Cuaca")).ok());
  EXPECT_FALSE(fresh("site"));
  EXPECT_FALSE(fresh("cat"));
  EXPECT_TRUE(fresh("tag"));
  store_all();

  // Trashing: all of its feeds. Renaming a tag: every feed.
  ASSERT_TRUE(store_->TrashArticle(a->id, 3000).ok());
  EXPECT_FALSE(fresh("tag"));
  EXPECT_FALSE(fresh("site"));
  store_all();
  Tag renamed = *tag;
  renamed.name = "Banjir Bandang";
  ASSERT_TRUE(store_->SaveTag(renamed).ok());
  EXPECT_FALSE(fresh("site"));
  EXPECT_FALSE(fresh("cat"));
}

TEST_P(StoreConformance, PutsManyStoredFeedsInOneCall) {
  auto a = store_->SaveArticle(Published("Pertama", 1000, "Banjir"));
  ASSERT_TRUE(a.ok());
  auto tag = store_->GetTagBySlug("banjir");
  ASSERT_TRUE(tag.ok());
  const FeedScope scopes[] = {
      FeedScope{}, FeedScope{TaxonomyKind::kTag, tag->id},
      FeedScope{TaxonomyKind::kCategory, a->category->id}};
  // A document per scope, each its own bytes (NULs included).
  auto feeds_named = [&](const std::string& prefix) {
    std::vector<StoredFeed> feeds;
    int n = 0;
    for (const FeedScope& scope : scopes) {
      StoredFeed f;
      f.key = prefix + std::to_string(n);
      f.scope = scope;
      f.fingerprint = "fp" + std::to_string(n);
      f.version = *store_->FeedVersion(scope);
      f.last_modified = 1000 + n;
      f.valid_until = n == 2 ? 9000 : 0;
      f.body_gzip = std::string("\x1f\x8b\0gz", 5) + std::to_string(n);
      f.body_brotli = std::string("br\0\xff", 4) + std::to_string(n);
      feeds.push_back(std::move(f));
      ++n;
    }
    return feeds;
  };
  auto get = [&](const std::string& key) {
    auto got = store_->GetStoredFeed(key);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? *got : std::nullopt;
  };

  // An empty list: Ok, and no write at all, so not even a batch's write lock
  // is asked for (PutStoredFeeds of one or more fails inside a batch).
  EXPECT_TRUE(store_->PutStoredFeeds({}).ok());
  Status batch = store_->RunBatch(
      [&] { return store_->PutStoredFeeds(std::vector<StoredFeed>()); });
  EXPECT_TRUE(batch.ok()) << batch.ToString();

  const std::vector<StoredFeed> together = feeds_named("batch-");
  const std::vector<StoredFeed> alone = feeds_named("one-");
  ASSERT_TRUE(store_->PutStoredFeeds(together).ok());
  for (const StoredFeed& f : alone) ASSERT_TRUE(store_->PutStoredFeed(f).ok());
  // Each one readable, as it went in and as a put of its own stores it.
  for (std::size_t i = 0; i < together.size(); ++i) {
    SCOPED_TRACE(together[i].key);
    std::optional<StoredFeed> got = get(together[i].key);
    std::optional<StoredFeed> one = get(alone[i].key);
    ASSERT_TRUE(got && one);
    for (const StoredFeed* f : {&*got, &*one}) {
      EXPECT_EQ(f->scope.kind, together[i].scope.kind);
      EXPECT_EQ(f->scope.id, together[i].scope.id);
      EXPECT_EQ(f->fingerprint, together[i].fingerprint);
      EXPECT_EQ(f->version, together[i].version);
      EXPECT_EQ(f->last_modified, together[i].last_modified);
      EXPECT_EQ(f->valid_until, together[i].valid_until);
      EXPECT_EQ(f->body_gzip, together[i].body_gzip);
      EXPECT_EQ(f->body_brotli, together[i].body_brotli);
    }
  }
  EXPECT_FALSE(get("batch-3"));

  // Replacing: an existing key and a new one together; a key given twice,
  // the later document stands.
  std::vector<StoredFeed> again{together[0], together[1], together[1]};
  again[0].body_gzip = "baru";
  again[1].key = "batch-3";
  again[2].key = "batch-3";
  again[2].fingerprint = "kedua";
  ASSERT_TRUE(store_->PutStoredFeeds(again).ok());
  ASSERT_TRUE(get("batch-0"));
  EXPECT_EQ(get("batch-0")->body_gzip, "baru");
  ASSERT_TRUE(get("batch-3"));
  EXPECT_EQ(get("batch-3")->fingerprint, "kedua");
  EXPECT_EQ(get("batch-3")->scope.kind, TaxonomyKind::kTag);
  EXPECT_TRUE(get("batch-2"));
}

TEST_P(StoreConformance, FindsTheNextFeedItemTime) {
  ASSERT_TRUE(store_->SaveArticle(Published("Lalu", 1000, "Banjir")).ok());
  ASSERT_TRUE(store_->SaveArticle(Published("Nanti", 5000, "Banjir")).ok());
  ASSERT_TRUE(store_->SaveArticle(Published("Lebih", 7000, "Banjir")).ok());
  auto tag = store_->GetTagBySlug("banjir");
  ASSERT_TRUE(tag.ok());
  auto next = [&](const FeedScope& scope, Timestamp after) {
    auto got = store_->NextFeedItemTime(scope, after);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? got->value_or(-1) : -2;
  };
  EXPECT_EQ(next(FeedScope{}, 2000), 5000);
  EXPECT_EQ(next(FeedScope{TaxonomyKind::kTag, tag->id}, 5000), 7000);
  auto author = store_->GetAuthorBySlug("rina");
  EXPECT_EQ(next(FeedScope{TaxonomyKind::kAuthor, author->id}, 7000), -1);
}

TEST_P(StoreConformance, StoresRobotsSwitchesOfArticles) {
  Article a = Published("Tanpa AI", 1000);
  a.no_ai = true;
  auto saved = store_->SaveArticle(a);
  ASSERT_TRUE(saved.ok());
  EXPECT_TRUE(saved->no_ai);
  EXPECT_FALSE(saved->noindex);
  auto slugs = store_->ListNoAiSlugs(10);
  ASSERT_TRUE(slugs.ok());
  ASSERT_EQ(slugs->size(), 1u);
  EXPECT_EQ((*slugs)[0], "tanpa-ai");
  saved->no_ai = false;
  saved->noindex = true;
  auto again = store_->SaveArticle(*saved);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->noindex);
  EXPECT_TRUE(store_->ListNoAiSlugs(10)->empty());
}

TEST_P(StoreConformance, RemembersWireItemsAndFeedStatus) {
  WireItem w;
  w.feed = "Antara";
  w.item_key = "guid-1";
  w.content_hash = "h1";
  w.fingerprint = "f1";
  w.article_id = 7;
  ASSERT_TRUE(store_->SaveWireItem(w).ok());
  auto found = store_->FindWireItem("Antara", "guid-1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->content_hash, "h1");
  EXPECT_EQ((*found)->first_seen, clock_.Now());
  clock_.Advance(10);
  w.content_hash = "h2";
  ASSERT_TRUE(store_->SaveWireItem(w).ok());
  found = store_->FindWireItem("Antara", "guid-1");
  EXPECT_EQ((*found)->content_hash, "h2");
  EXPECT_EQ((*found)->first_seen, clock_.Now() - 10);
  EXPECT_EQ((*found)->last_seen, clock_.Now());
  EXPECT_FALSE(store_->FindWireItem("Reuters", "guid-1")->has_value());
  auto by_fp = store_->FindWireItemByFingerprint("f1");
  ASSERT_TRUE(by_fp.ok());
  ASSERT_TRUE(by_fp->has_value());
  EXPECT_EQ((*by_fp)->article_id, 7);

  ASSERT_TRUE(
      store_->RecordWireFetch({"Antara", "https://a/rss", 100, "", 3, 2, 1, 0})
          .ok());
  ASSERT_TRUE(store_
                  ->RecordWireFetch(
                      {"Antara", "https://a/rss", 200, "HTTP 500", 0, 0, 0, 0})
                  .ok());
  auto feeds = store_->ListWireFeeds();
  ASSERT_TRUE(feeds.ok());
  ASSERT_EQ(feeds->size(), 1u);
  const WireFeedStatus& s = (*feeds)[0];
  EXPECT_EQ(s.last_fetch, 200);
  EXPECT_EQ(s.last_success, 100);
  EXPECT_EQ(s.last_error, "HTTP 500");
  EXPECT_EQ(s.fetches, 2);
  EXPECT_EQ(s.failures, 1);
  EXPECT_EQ(s.last_items, 3);
  EXPECT_EQ(s.items_known, 1);
  EXPECT_EQ(s.not_modified, 0);
}

TEST_P(StoreConformance, KeepsValidatorsOfTheLastGoodFetch) {
  const std::string url = "https://a/rss";
  EXPECT_TRUE(store_->GetWireValidators("Antara", url)->etag.empty());
  WireFetch good{"Antara", url, 100, "", 3, 3, 0, 0};
  good.validators = {"\"v1\"", "Thu, 26 Nov 2026 10:00:00 GMT"};
  ASSERT_TRUE(store_->RecordWireFetch(good).ok());
  auto v = store_->GetWireValidators("Antara", url);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->etag, "\"v1\"");
  EXPECT_EQ(v->last_modified, "Thu, 26 Nov 2026 10:00:00 GMT");
  EXPECT_TRUE(store_->GetWireValidators("Lain", url)->etag.empty());
  EXPECT_TRUE(
      store_->GetWireValidators("Antara", "https://b/rss")->etag.empty());

  // 304: a success that changes nothing and keeps the validators.
  WireFetch same{"Antara", url, 200, "", 0, 0, 0, 0};
  same.not_modified = true;
  ASSERT_TRUE(store_->RecordWireFetch(same).ok());
  EXPECT_EQ(store_->GetWireValidators("Antara", url)->etag, "\"v1\"");
  auto feeds = store_->ListWireFeeds();
  ASSERT_TRUE(feeds.ok() && feeds->size() == 1u);
  EXPECT_EQ((*feeds)[0].last_success, 200);
  EXPECT_TRUE((*feeds)[0].last_error.empty());
  EXPECT_EQ((*feeds)[0].last_items, 3);  // of the last download
  EXPECT_EQ((*feeds)[0].last_created, 0);
  EXPECT_EQ((*feeds)[0].not_modified, 1);
  EXPECT_TRUE((*feeds)[0].last_not_modified);
  EXPECT_EQ((*feeds)[0].failures, 0);

  // A failure forgets them; the next good fetch is not a 304.
  ASSERT_TRUE(
      store_->RecordWireFetch({"Antara", url, 300, "HTTP 500", 0, 0, 0, 0})
          .ok());
  EXPECT_TRUE(store_->GetWireValidators("Antara", url)->etag.empty());
  EXPECT_TRUE(store_->GetWireValidators("Antara", url)->last_modified.empty());
  feeds = store_->ListWireFeeds();
  EXPECT_FALSE((*feeds)[0].last_not_modified);
  EXPECT_EQ((*feeds)[0].not_modified, 1);
}

}  // namespace
}  // namespace warta
