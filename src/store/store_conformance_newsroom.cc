// The conformance suite, continued: accounts, sessions, API tokens,
// revisions, trash, review state, scheduled publishing and settings.
#include <algorithm>
#include <atomic>
#include <thread>

#include "store/store_conformance.h"

namespace warta {
namespace {

Article Draft(const std::string& title) {
  Article a;
  a.title = title;
  a.body = "Isi " + title;
  a.html = "<p>Isi</p>";
  a.plaintext = "Isi";
  a.category = Category{0, "", "Politik", ""};
  a.authors = {Author{0, "", "Rina Wulandari", "", ""}};
  return a;
}

User MakeUser(const std::string& email, const std::string& name, Role role) {
  User u;
  u.email = email;
  u.name = name;
  u.role = role;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  return u;
}

Revision MakeRevision(std::int64_t user_id, std::string data) {
  Revision r;
  r.user_id = user_id;
  r.kind = "save";
  r.title = "t";
  r.raw_size = static_cast<std::int64_t>(data.size());
  r.snapshot_hash = "h" + std::to_string(data.size());
  r.data = std::move(data);
  return r;
}

// F6 (issue 15): a user whose name slugified to an existing author became
// that author, and so owned its articles (a penulis named "Redaksi" could
// unpublish wire copy). New accounts get a byline of their own; linking to an
// existing author takes its id, explicitly.
TEST_P(StoreConformance, NewUsersNeverInheritAnExistingByline) {
  Article wire = Draft("Kiriman kantor berita");
  wire.authors = {Author{0, "", "Redaksi", "", ""}};
  auto saved = store_->SaveArticle(wire);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  const std::int64_t redaksi = saved->authors.at(0).id;
  auto user = store_->AddUser(
      MakeUser("redaksi@kabarin.id", "Redaksi", Role::kPenulis));
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  EXPECT_GT(user->author_id, 0);
  EXPECT_NE(user->author_id, redaksi);
  auto again = store_->AddUser(
      MakeUser("redaksi2@kabarin.id", "Redaksi", Role::kPenulis));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_NE(again->author_id, redaksi);
  EXPECT_NE(again->author_id, user->author_id);
  auto authors = store_->ListAuthors();
  ASSERT_TRUE(authors.ok());
  std::vector<std::string> slugs;
  for (const auto& a : *authors) slugs.push_back(a.item.slug);
  std::sort(slugs.begin(), slugs.end());
  EXPECT_EQ(slugs,
            (std::vector<std::string>{"redaksi", "redaksi-2", "redaksi-3"}));
  // Explicitly linked: the account writes as that author.
  User linked = MakeUser("meja@kabarin.id", "Meja Redaksi", Role::kEditor);
  linked.author_id = redaksi;
  auto l = store_->AddUser(linked);
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->author_id, redaksi);
}

// F6, the other order: an account named "Redaksi" exists first (its own
// author takes the slug "redaksi"); wire copy imported afterwards with the
// default byline "Redaksi" must not become that account's: a byline by name
// never reaches an author an account writes as.
TEST_P(StoreConformance, BylinesByNameNeverReachAnAccountsAuthor) {
  auto user = store_->AddUser(
      MakeUser("redaksi@kabarin.id", "Redaksi", Role::kPenulis));
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  Article wire = Draft("Kiriman kantor berita");
  wire.authors = {Author{0, "", "Redaksi", "", ""}};
  wire.editor = Author{0, "", "Redaksi", "", ""};
  auto saved = store_->SaveArticle(wire);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  ASSERT_EQ(saved->authors.size(), 1u);
  const Author& byline = saved->authors[0];
  EXPECT_NE(byline.id, user->author_id);
  EXPECT_EQ(byline.name, "Redaksi");
  EXPECT_EQ(byline.slug, "redaksi-2");
  ASSERT_TRUE(saved->editor.has_value());
  EXPECT_EQ(saved->editor->id, byline.id);
  // Later wire copy joins that byline, in a batch as `warta import` writes.
  Article more = Draft("Kiriman berikutnya");
  more.authors = {Author{0, "", "Redaksi", "", ""}};
  Status batch = store_->RunBatch(
      [&]() -> Status { return store_->SaveArticle(more).status(); });
  ASSERT_TRUE(batch.ok()) << batch.ToString();
  auto joined = store_->GetArticleBySlug("kiriman-berikutnya");
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  EXPECT_EQ(joined->authors.at(0).id, byline.id);
  // The account still writes under its own byline, by id, and an explicit
  // slug is no way around the rule either.
  Article own = Draft("Tulisan sendiri");
  own.authors = {Author{user->author_id, "", "", "", ""}};
  auto mine = store_->SaveArticle(own);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_EQ(mine->authors.at(0).id, user->author_id);
  Article by_slug = Draft("Dengan slug");
  by_slug.authors = {Author{0, "redaksi", "Redaksi", "", ""}};
  auto s = store_->SaveArticle(by_slug);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->authors.at(0).id, byline.id);
}

TEST_P(StoreConformance, AddsUsersLinkedToBylineAuthors) {
  auto rina = store_->AddUser(
      MakeUser("rina@kabarin.id", "Rina Wulandari", Role::kPenulis));
  ASSERT_TRUE(rina.ok()) << rina.status().ToString();
  EXPECT_GT(rina->id, 0);
  EXPECT_GT(rina->author_id, 0);
  EXPECT_EQ(rina->created_at, clock_.Now());
  auto authors = store_->ListAuthors();
  ASSERT_TRUE(authors.ok());
  ASSERT_EQ(authors->size(), 1u);
  EXPECT_EQ((*authors)[0].item.slug, "rina-wulandari");
  EXPECT_EQ((*authors)[0].item.id, rina->author_id);

  EXPECT_EQ(store_->AddUser(MakeUser("rina@kabarin.id", "Lain", Role::kAdmin))
                .status()
                .code(),
            StatusCode::kAlreadyExists);
  auto got = store_->GetUserByEmail("rina@kabarin.id");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "Rina Wulandari");
  EXPECT_EQ(got->role, Role::kPenulis);
  EXPECT_EQ(got->password_hash, rina->password_hash);
  EXPECT_TRUE(store_->GetUserByEmail("x@y.z").status().IsNotFound());

  User edit = *got;
  edit.role = Role::kEditor;
  edit.disabled = true;
  edit.password_hash = "baru";
  auto updated = store_->UpdateUser(edit);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->role, Role::kEditor);
  EXPECT_TRUE(updated->disabled);
  EXPECT_EQ(store_->GetUser(rina->id)->password_hash, "baru");

  auto budi =
      store_->AddUser(MakeUser("budi@kabarin.id", "Budi", Role::kKontributor));
  ASSERT_TRUE(budi.ok());
  edit.email = "budi@kabarin.id";
  EXPECT_EQ(store_->UpdateUser(edit).status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(*store_->CountUsers(), 2);
  auto all = store_->ListUsers();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "Budi");
}

TEST_P(StoreConformance, CreatesTheFirstUserOnlyOnce) {
  auto first =
      store_->AddFirstUser(MakeUser("admin@kabarin.id", "Admin", Role::kAdmin));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second =
      store_->AddFirstUser(MakeUser("lain@kabarin.id", "Lain", Role::kAdmin));
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(*store_->CountUsers(), 1);
}

TEST_P(StoreConformance, KeepsSessionsAndTokensByHash) {
  auto u = store_->AddUser(MakeUser("a@b.id", "A", Role::kAdmin));
  ASSERT_TRUE(u.ok());
  auto seq = store_->ChangeSeq();
  ASSERT_TRUE(store_->AddSession({"s1", u->id, 100, 200}).ok());
  ASSERT_TRUE(store_->AddSession({"s2", u->id, 100, 300}).ok());
  ASSERT_TRUE(store_->AddSession({"s3", u->id, 100, 400}).ok());
  EXPECT_EQ(*store_->ChangeSeq(), *seq) << "sessions are not content";
  auto s = store_->GetSession("s1");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->user_id, u->id);
  EXPECT_EQ(s->expires_at, 200);
  ASSERT_TRUE(store_->DeleteExpiredSessions(200).ok());
  EXPECT_TRUE(store_->GetSession("s1").status().IsNotFound());
  ASSERT_TRUE(store_->DeleteUserSessions(u->id, "s3").ok());
  EXPECT_TRUE(store_->GetSession("s2").status().IsNotFound());
  EXPECT_TRUE(store_->GetSession("s3").ok());
  ASSERT_TRUE(store_->DeleteSession("s3").ok());
  EXPECT_TRUE(store_->GetSession("s3").status().IsNotFound());

  ApiToken t;
  t.user_id = u->id;
  t.name = "CMS lama";
  t.token_hash = "abc";
  t.hint = "warta_12";
  t.scopes = "articles:read articles:write";
  t.created_at = clock_.Now();
  auto added = store_->AddApiToken(t);
  ASSERT_TRUE(added.ok());
  EXPECT_GT(added->id, 0);
  EXPECT_EQ(store_->AddApiToken(t).status().code(), StatusCode::kAlreadyExists);
  auto byhash = store_->GetApiTokenByHash("abc");
  ASSERT_TRUE(byhash.ok());
  EXPECT_EQ(byhash->scopes, t.scopes);
  EXPECT_FALSE(byhash->revoked_at.has_value());
  ASSERT_TRUE(store_->TouchApiToken(added->id, 555).ok());
  EXPECT_EQ(store_->GetApiToken(added->id)->last_used_at, 555);
  ASSERT_TRUE(store_->RevokeApiToken(added->id, 777).ok());
  EXPECT_EQ(store_->GetApiTokenByHash("abc")->revoked_at, 777);
  EXPECT_TRUE(store_->RevokeApiToken(added->id, 778).IsNotFound());
  EXPECT_EQ(store_->ListApiTokens(u->id)->size(), 1u);
  EXPECT_EQ(store_->ListApiTokens(0)->size(), 1u);
  EXPECT_EQ(store_->ListApiTokens(u->id + 1)->size(), 0u);
}

// Failed logins are rows: a second store on the same database (another
// node) sees what the first recorded, newest first within the window.
TEST_P(StoreConformance, KeepsLoginFailuresForEveryNode) {
  std::unique_ptr<Store> other = GetParam()(dir_, clock_);
  ASSERT_NE(other, nullptr);
  for (Timestamp at : {100, 110, 120})
    ASSERT_TRUE(store_->AddLoginFailure("account:a@b.id", at, 0).ok());
  ASSERT_TRUE(other->AddLoginFailure("ip:203.0.113.1", 115, 0).ok());
  auto seen = other->ListLoginFailures("account:a@b.id", 0, 10);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  EXPECT_EQ(*seen, (std::vector<Timestamp>{120, 110, 100}));
  EXPECT_EQ(*store_->ListLoginFailures("account:a@b.id", 105, 10),
            (std::vector<Timestamp>{120, 110}));
  EXPECT_EQ(*store_->ListLoginFailures("account:a@b.id", 0, 1),
            (std::vector<Timestamp>{120}));
  EXPECT_EQ(*store_->ListLoginFailures("ip:203.0.113.1", 0, 10),
            (std::vector<Timestamp>{115}));
  // A new failure forgets everyone's older than its window.
  ASSERT_TRUE(other->AddLoginFailure("account:a@b.id", 130, 111).ok());
  EXPECT_EQ(*store_->ListLoginFailures("account:a@b.id", 0, 10),
            (std::vector<Timestamp>{130, 120}));
  EXPECT_EQ(*store_->ListLoginFailures("ip:203.0.113.1", 0, 10),
            (std::vector<Timestamp>{115}));
  ASSERT_TRUE(store_->ClearLoginFailures("account:a@b.id").ok());
  EXPECT_TRUE(other->ListLoginFailures("account:a@b.id", 0, 10)->empty());
  EXPECT_EQ(other->ListLoginFailures("ip:203.0.113.1", 0, 10)->size(), 1u);
}

TEST_P(StoreConformance, SavesRevisionsWithTheArticleAtomically) {
  auto u = store_->AddUser(MakeUser("a@b.id", "A", Role::kPenulis));
  ASSERT_TRUE(u.ok());
  std::string binary("\x00\x01\xff\x78\x9c", 5);
  Revision r1 = MakeRevision(u->id, binary);
  auto a = store_->SaveArticleWithRevision(Draft("Satu"), &r1, nullptr);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto wf = store_->GetWorkflows({a->id});
  ASSERT_TRUE(wf.ok());
  EXPECT_EQ((*wf)[a->id].created_by, u->id);

  Article edit = *a;
  edit.title = "Dua";
  clock_.Advance(10);
  Revision r2 = MakeRevision(0, "second");
  r2.base_id = 1;
  r2.chain = 1;
  ASSERT_TRUE(store_->SaveArticleWithRevision(edit, &r2, nullptr).ok());
  // A stale save writes neither the article nor its revision.
  Revision r3 = MakeRevision(u->id, "stale");
  EXPECT_EQ(store_->SaveArticleWithRevision(edit, &r3, nullptr).status().code(),
            StatusCode::kConflict);

  auto list = store_->ListRevisions(a->id, 100, false);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].article_version, 2);
  EXPECT_EQ((*list)[0].chain, 1);
  EXPECT_EQ((*list)[0].created_at, clock_.Now());
  EXPECT_TRUE((*list)[0].data.empty());
  EXPECT_EQ((*list)[1].article_version, 1);
  EXPECT_EQ((*list)[1].user_name, "A");
  auto full = store_->GetRevision((*list)[1].id);
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->data, binary);
  EXPECT_EQ(full->raw_size, 5);
  EXPECT_EQ(store_->ListRevisions(a->id, 1, true)->at(0).data, "second");
  EXPECT_TRUE(store_->GetRevision(9999).status().IsNotFound());
}

// Issue 15: a save that also moves the review state (publishing a submitted
// story clears it) is one transaction: one change-log entry with both, and
// a save that fails writes neither.
TEST_P(StoreConformance, SavesTheReviewStateWithTheArticleAtomically) {
  auto u = store_->AddUser(MakeUser("k@b.id", "Kontri", Role::kKontributor));
  ASSERT_TRUE(u.ok());
  auto a = store_->SaveArticle(Draft("Banjir Jakarta"));
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(store_->SetReviewState(a->id, "submitted", "", u->id).ok());
  const std::int64_t seq = *store_->ChangeSeq();
  auto review_of = [&] {
    return store_->GetWorkflows({a->id})->at(a->id).review_state;
  };

  // A version the article is not at: neither the text nor the review state
  // changes.
  Article stale = *a;
  stale.version = a->version + 1;
  stale.title = "Basi";
  stale.status = ArticleStatus::kPublished;
  ReviewChange cleared;
  Revision r1 = MakeRevision(0, "stale");
  EXPECT_EQ(
      store_->SaveArticleWithRevision(stale, &r1, &cleared).status().code(),
      StatusCode::kConflict);
  // An unknown review state: the text stays as it was too.
  Article next = *store_->GetArticle(a->id);
  next.title = "Banjir Jakarta Surut";
  ReviewChange bogus{"bogus", "", 0};
  EXPECT_EQ(
      store_->SaveArticleWithRevision(next, nullptr, &bogus).status().code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->GetArticle(a->id)->title, "Banjir Jakarta");
  EXPECT_EQ(review_of(), "submitted");
  EXPECT_TRUE(store_->ListRevisions(a->id, 10, false)->empty());
  EXPECT_EQ(*store_->ChangeSeq(), seq);

  // Published with the review state cleared: one write, both changed.
  next.status = ArticleStatus::kPublished;
  Revision r2 = MakeRevision(u->id, "live");
  auto saved = store_->SaveArticleWithRevision(next, &r2, &cleared);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->title, "Banjir Jakarta Surut");
  EXPECT_EQ(review_of(), "");
  EXPECT_EQ(store_->ListRevisions(a->id, 10, false)->size(), 1u);
  EXPECT_EQ(*store_->ChangeSeq(), seq + 1);
  auto changes = store_->ArticleChangesSince(seq, 10);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].article_id, a->id);

  // Setting a state with a save records who and when, like SetReviewState.
  Article back = *saved;
  back.status = ArticleStatus::kDraft;
  ReviewChange returned{"returned", "Perbaiki judul", u->id};
  ASSERT_TRUE(store_->SaveArticleWithRevision(back, nullptr, &returned).ok());
  Workflow w = store_->GetWorkflows({a->id})->at(a->id);
  EXPECT_EQ(w.review_state, "returned");
  EXPECT_EQ(w.review_note, "Perbaiki judul");
  EXPECT_EQ(w.review_by, u->id);
  EXPECT_EQ(w.review_at, clock_.Now());
}

// Issue 13: a revision saved with the article is applied (the article took
// its content); one added beside a live article is not, and both kinds keep
// their flag through lists and single reads.
TEST_P(StoreConformance, KeepsWhetherARevisionWasApplied) {
  Revision r1 = MakeRevision(0, "live");
  r1.kind = "publish";
  Article a = Draft("Live");
  a.status = ArticleStatus::kPublished;
  auto saved = store_->SaveArticleWithRevision(a, &r1, nullptr);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  Revision kept = MakeRevision(0, "kept");
  kept.kind = "autosave";
  kept.applied = true;  // the store decides: AddRevision never applies
  ASSERT_TRUE(store_->AddRevision(saved->id, kept).ok());
  auto list = store_->ListRevisions(saved->id, 10, false);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].kind, "autosave");
  EXPECT_FALSE((*list)[0].applied);
  EXPECT_EQ((*list)[0].article_version, saved->version);
  EXPECT_EQ((*list)[1].kind, "publish");
  EXPECT_TRUE((*list)[1].applied);
  auto one = store_->GetRevision((*list)[0].id);
  ASSERT_TRUE(one.ok());
  EXPECT_FALSE(one->applied);
  EXPECT_EQ(one->data, "kept");
  EXPECT_TRUE(store_->GetRevision((*list)[1].id)->applied);
  // The scheduler's publication is applied too.
  Article b = Draft("Nanti");
  b.status = ArticleStatus::kScheduled;
  b.published_at = clock_.Now() + 5;
  auto later = store_->SaveArticle(b);
  ASSERT_TRUE(later.ok());
  clock_.Advance(10);
  Revision due = MakeRevision(0, "due");
  due.kind = "publish";
  ASSERT_TRUE(
      *store_->PublishScheduled(later->id, later->version, clock_.Now(), &due));
  auto done = store_->ListRevisions(later->id, 10, false);
  ASSERT_TRUE(done.ok());
  ASSERT_EQ(done->size(), 1u);
  EXPECT_TRUE((*done)[0].applied);
}

// Issue 13: a live report's flag and its updates, newest first, each write
// reporting the article's page key; none for a trashed article.
TEST_P(StoreConformance, KeepsLiveReportsAndTheirUpdates) {
  auto u = store_->AddUser(MakeUser("l@b.id", "Lia", Role::kEditor));
  ASSERT_TRUE(u.ok());
  Article a = Draft("Banjir Jakarta, laporan langsung");
  a.status = ArticleStatus::kPublished;
  a.live_report = true;
  auto saved = store_->SaveArticle(a);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_TRUE(store_->GetArticle(saved->id)->live_report);
  EXPECT_TRUE(store_->ListArticles(ArticleQuery{})->at(0).live_report);
  auto seq = *store_->ChangeSeq();
  auto first = store_->AddLiveUpdate(saved->id, "Air mulai naik.", u->id);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->article_id, saved->id);
  EXPECT_EQ(first->created_at, clock_.Now());
  EXPECT_EQ(first->user_name, "Lia");
  clock_.Advance(60);
  auto second = store_->AddLiveUpdate(saved->id,
                                      "Pompa dinyalakan.\nWarga "
                                      "mengungsi.",
                                      0);
  ASSERT_TRUE(second.ok());
  auto changes = store_->PageChangesSince(seq, 100);
  ASSERT_TRUE(changes.ok());
  EXPECT_FALSE(changes->everything);
  EXPECT_EQ(changes->keys,
            std::vector<std::string>{"a:" + std::to_string(saved->id)});
  auto list = store_->ListLiveUpdates(saved->id, 10);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].body, "Pompa dinyalakan.\nWarga mengungsi.");
  EXPECT_EQ((*list)[0].user_id, 0);
  EXPECT_EQ((*list)[1].body, "Air mulai naik.");
  EXPECT_EQ(store_->ListLiveUpdates(saved->id, 1)->size(), 1u);
  EXPECT_TRUE(store_->DeleteLiveUpdate(saved->id + 1, first->id).IsNotFound());
  ASSERT_TRUE(store_->DeleteLiveUpdate(saved->id, first->id).ok());
  EXPECT_EQ(store_->ListLiveUpdates(saved->id, 10)->size(), 1u);
  EXPECT_TRUE(store_->AddLiveUpdate(999999, "x", 0).status().IsNotFound());
  ASSERT_TRUE(store_->TrashArticle(saved->id, clock_.Now()).ok());
  EXPECT_TRUE(store_->AddLiveUpdate(saved->id, "x", 0).status().IsNotFound());
}

TEST_P(StoreConformance, TrashHidesArticlesUntilRestored) {
  Article pub = Draft("Dibuang");
  pub.status = ArticleStatus::kPublished;
  pub.published_at = clock_.Now();
  auto a = store_->SaveArticle(pub);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(store_->TrashArticle(a->id, clock_.Now()).ok());
  EXPECT_TRUE(store_->TrashArticle(a->id, clock_.Now()).IsNotFound());
  EXPECT_TRUE(store_->GetArticle(a->id).status().IsNotFound());
  EXPECT_TRUE(store_->GetArticleBySlug("dibuang").status().IsNotFound());
  ArticleQuery q;
  EXPECT_EQ(store_->ListArticles(q)->size(), 0u);
  EXPECT_EQ(*store_->CountArticles(q), 0);
  EXPECT_EQ(store_->ListCategories()->at(0).published_count, 0);
  q.trashed = true;
  EXPECT_EQ(store_->ListArticles(q)->size(), 1u);
  auto trashed = store_->GetTrashedArticle(a->id);
  ASSERT_TRUE(trashed.ok());
  EXPECT_EQ(trashed->title, "Dibuang");
  EXPECT_EQ(store_->GetWorkflows({a->id})->at(a->id).trashed_at, clock_.Now());
  // A trashed article cannot be edited.
  EXPECT_TRUE(store_->SaveArticle(*a).status().IsNotFound());

  ASSERT_TRUE(store_->RestoreArticle(a->id).ok());
  EXPECT_TRUE(store_->RestoreArticle(a->id).IsNotFound());
  auto back = store_->GetArticle(a->id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->status, ArticleStatus::kPublished);
  EXPECT_EQ(store_->ListCategories()->at(0).published_count, 1);
}

TEST_P(StoreConformance, FiltersAdminListsByTitleReviewAndOwner) {
  auto u = store_->AddUser(MakeUser("k@b.id", "Kontri", Role::kKontributor));
  ASSERT_TRUE(u.ok());
  Revision r = MakeRevision(u->id, "x");
  auto mine = store_->SaveArticleWithRevision(Draft("Banjir 100% Jakarta"), &r,
                                              nullptr);
  auto other = store_->SaveArticle(Draft("Gempa Bumi"));
  ASSERT_TRUE(mine.ok() && other.ok());
  ASSERT_TRUE(store_->SetReviewState(mine->id, "submitted", "", u->id).ok());
  // Who submitted it, and when, for the review banner.
  Workflow w = store_->GetWorkflows({mine->id})->at(mine->id);
  EXPECT_EQ(w.review_by, u->id);
  EXPECT_EQ(w.review_at, clock_.Now());
  EXPECT_EQ(store_->SetReviewState(mine->id, "bogus", "").code(),
            StatusCode::kInvalidArgument);
  ArticleQuery q;
  q.title_contains = "banjir";
  EXPECT_EQ(*store_->CountArticles(q), 1);
  q.title_contains = "100%";
  EXPECT_EQ(*store_->CountArticles(q), 1);
  q.title_contains = "0%_";
  EXPECT_EQ(*store_->CountArticles(q), 0);
  q = ArticleQuery();
  q.review_state = "submitted";
  auto queue = store_->ListArticles(q);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ((*queue)[0].id, mine->id);
  q = ArticleQuery();
  q.owner_user_id = u->id;
  q.owner_author_id = u->author_id;
  EXPECT_EQ(*store_->CountArticles(q), 1);
  // Bylined as the author counts as owning too.
  Article byline = Draft("Tulisan Bersama");
  byline.authors = {Author{u->author_id, "", "", "", ""}};
  ASSERT_TRUE(store_->SaveArticle(byline).ok());
  EXPECT_EQ(*store_->CountArticles(q), 2);
  ASSERT_TRUE(store_->SetReviewState(mine->id, "returned", "Perbaiki").ok());
  EXPECT_EQ(store_->GetWorkflows({mine->id})->at(mine->id).review_note,
            "Perbaiki");
  ASSERT_TRUE(store_->SetReviewState(mine->id, "", "").ok());
  w = store_->GetWorkflows({mine->id})->at(mine->id);
  EXPECT_EQ(w.review_by, 0);
  EXPECT_FALSE(w.review_at.has_value());
}

TEST_P(StoreConformance, PublishesAScheduledArticleExactlyOnce) {
  Article a = Draft("Terjadwal");
  a.status = ArticleStatus::kScheduled;
  a.published_at = clock_.Now() + 60;
  auto saved = store_->SaveArticle(a);
  ASSERT_TRUE(saved.ok());
  auto seq = *store_->ChangeSeq();
  // Not due yet: nothing happens, not even a change-sequence bump.
  EXPECT_FALSE(*store_->PublishScheduled(saved->id, saved->version,
                                         clock_.Now(), nullptr));
  EXPECT_EQ(*store_->ChangeSeq(), seq);
  clock_.Advance(61);
  // A stale version does not qualify.
  EXPECT_FALSE(*store_->PublishScheduled(saved->id, saved->version - 1,
                                         clock_.Now(), nullptr));
  // Two store instances on the same database race; exactly one wins.
  std::unique_ptr<Store> other = GetParam()(dir_, clock_);
  ASSERT_NE(other, nullptr);
  std::atomic<int> wins{0};
  Revision rev = MakeRevision(0, "publish");
  auto race = [&](Store* s) {
    for (int i = 0; i < 3; ++i) {
      auto r =
          s->PublishScheduled(saved->id, saved->version, clock_.Now(), &rev);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      if (*r) ++wins;
    }
  };
  std::thread t1(race, store_.get());
  std::thread t2(race, other.get());
  t1.join();
  t2.join();
  EXPECT_EQ(wins.load(), 1);
  auto got = store_->GetArticle(saved->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->status, ArticleStatus::kPublished);
  EXPECT_EQ(got->version, saved->version + 1);
  EXPECT_EQ(got->published_at, a.published_at);  // the scheduled time
  EXPECT_EQ(store_->ListRevisions(saved->id, 10, false)->size(), 1u);
  EXPECT_GT(*store_->ChangeSeq(), seq);
}

TEST_P(StoreConformance, KeepsSettings) {
  ASSERT_TRUE(
      store_->SaveSettings({{"site.name", "KABARIN"}, {"site.locale", "en"}})
          .ok());
  ASSERT_TRUE(store_->SaveSettings({{"site.name", "Kabar"}}).ok());
  auto s = Reopen()->LoadSettings();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->size(), 2u);
  EXPECT_EQ(s->at("site.name"), "Kabar");
  EXPECT_EQ(s->at("site.locale"), "en");
}

}  // namespace
}  // namespace warta
