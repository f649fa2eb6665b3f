// Conformance tests of the public lists (ListArticles/CountArticles of
// published articles, kept at write time) and of the page keys a write
// reports (ChangeStore::PageChangesSince), run per backend with the
// StoreConformance suite.
#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "content/slug.h"
#include "store/store_conformance.h"

namespace warta {
namespace {

const char* kCategories[] = {"Politik", "Olahraga", "Ekonomi"};
const char* kTags[] = {"Banjir", "Pemilu", "Gempa", "Bola"};
const char* kAuthors[] = {"Rina", "Budi"};

std::vector<std::int64_t> Ids(const std::vector<Article>& list) {
  std::vector<std::int64_t> ids;
  for (const Article& a : list) ids.push_back(a.id);
  return ids;
}

bool Has(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

class ListModel {
 public:
  ListModel(Store& store, Timestamp now) : store_(store), now_(now) {}

  // The articles the list shows, newest first, computed from each article.
  std::vector<std::int64_t> Expected(const ArticleQuery& q,
                                     const std::vector<std::int64_t>& all) {
    std::vector<Article> in;
    for (std::int64_t id : all) {
      auto a = store_.GetArticle(id);
      if (!a.ok() || !a->IsPublished() || !a->published_at) continue;
      if (!InList(*a, q)) continue;
      in.push_back(*a);
    }
    std::vector<const Article*> shown;
    for (const Article& a : in) {
      if (*a.published_at > now_) continue;
      bool hidden = false;
      if (q.one_per_duplicate_cluster) {
        std::int64_t cluster = *store_.DuplicateClusterOf(a.id);
        for (const Article& b : in) {
          if (cluster == 0 || b.id == a.id) continue;
          if (*store_.DuplicateClusterOf(b.id) != cluster) continue;
          if (std::tie(*b.published_at, b.id) < std::tie(*a.published_at, a.id))
            hidden = true;
        }
      }
      if (!hidden) shown.push_back(&a);
    }
    std::sort(shown.begin(), shown.end(),
              [](const Article* x, const Article* y) {
                return std::tie(*y->published_at, y->id) <
                       std::tie(*x->published_at, x->id);
              });
    std::vector<std::int64_t> out;
    for (const Article* a : shown) out.push_back(a->id);
    return out;
  }

 private:
  static bool InList(const Article& a, const ArticleQuery& q) {
    if (q.category_id && (!a.category || a.category->id != q.category_id))
      return false;
    if (q.tag_id &&
        std::none_of(a.tags.begin(), a.tags.end(),
                     [&](const Tag& t) { return t.id == q.tag_id; }))
      return false;
    if (q.author_id &&
        std::none_of(a.authors.begin(), a.authors.end(),
                     [&](const Author& u) { return u.id == q.author_id; }))
      return false;
    return true;
  }

  Store& store_;
  Timestamp now_;
};

TEST_P(StoreConformance, PublicListsKeepUpWithEveryWrite) {
  std::mt19937 rng(42);
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  const Timestamp now = clock_.Now();
  std::vector<std::int64_t> ids;
  auto randomize = [&](Article& a) {
    a.category = Category{0, "", kCategories[pick(3)], ""};
    a.tags.clear();
    for (int t = pick(3); t > 0; --t)
      a.tags.push_back(Tag{0, "", kTags[pick(4)]});
    a.authors = {Author{0, "", kAuthors[pick(2)], "", ""}};
    a.status = pick(5) == 0 ? ArticleStatus::kDraft : ArticleStatus::kPublished;
    // A few share a time (ties break by id); a few lie in the future.
    a.published_at = now - 600 * pick(20) + (pick(10) == 0 ? 7200 : 0);
  };
  for (int round = 0; round < 6; ++round) {
    for (int i = 0; i < 10; ++i) {
      Article a;
      a.title = "Berita " + std::to_string(round) + "-" + std::to_string(i);
      a.body = a.plaintext = "Isi " + a.title;
      randomize(a);
      auto saved = store_->SaveArticle(a);
      ASSERT_TRUE(saved.ok()) << saved.status().ToString();
      ids.push_back(saved->id);
    }
    // Edit, trash, cluster and uncluster some of them.
    for (int i = 0; i < 8; ++i) {
      std::int64_t id = ids[pick(static_cast<int>(ids.size()))];
      auto a = store_->GetArticle(id);
      if (!a.ok()) continue;
      switch (pick(4)) {
        case 0:
          randomize(*a);
          ASSERT_TRUE(store_->SaveArticle(*a).ok());
          break;
        case 1:
          ASSERT_TRUE(store_->TrashArticle(id, now).ok());
          break;
        case 2: {
          std::int64_t other = ids[pick(static_cast<int>(ids.size()))];
          if (other == id) break;
          std::int64_t cluster = std::min(id, other);
          ASSERT_TRUE(
              store_->SaveDuplicateSignature({id, cluster, "m"}, {1}).ok());
          ASSERT_TRUE(
              store_->SaveDuplicateSignature({other, cluster, "m"}, {1}).ok());
          break;
        }
        case 3:
          ASSERT_TRUE(store_->RemoveDuplicateSignature(id).ok());
          break;
      }
    }
    ListModel model(*store_, now);
    std::vector<ArticleQuery> queries(1);
    for (const char* c : kCategories) {
      auto cat = store_->GetCategoryBySlug(Slugify(c));
      if (cat.ok()) queries.emplace_back().category_id = cat->id;
    }
    for (const char* t : kTags) {
      auto tag = store_->GetTagBySlug(Slugify(t));
      if (tag.ok()) queries.emplace_back().tag_id = tag->id;
    }
    for (const char* u : kAuthors) {
      auto author = store_->GetAuthorBySlug(Slugify(u));
      if (author.ok()) queries.emplace_back().author_id = author->id;
    }
    for (ArticleQuery q : queries) {
      q.status = ArticleStatus::kPublished;
      q.published_before = now;
      q.limit = 1000;
      for (bool one : {false, true}) {
        q.one_per_duplicate_cluster = one;
        std::vector<std::int64_t> want = model.Expected(q, ids);
        auto got = store_->ListArticles(q);
        ASSERT_TRUE(got.ok()) << got.status().ToString();
        EXPECT_EQ(Ids(*got), want)
            << "round " << round << " category " << q.category_id << " tag "
            << q.tag_id << " author " << q.author_id << " one " << one;
        EXPECT_EQ(*store_->CountArticles(q),
                  static_cast<std::int64_t>(want.size()));
        // A page of it, and the list without some of its articles.
        ArticleQuery page = q;
        page.limit = 3;
        page.offset = 2;
        std::vector<std::int64_t> want_page;
        for (size_t i = 2; i < want.size() && i < 5; ++i)
          want_page.push_back(want[i]);
        EXPECT_EQ(Ids(*store_->ListArticles(page)), want_page);
        if (!want.empty()) {
          ArticleQuery ex = q;
          ex.exclude_ids = {want[0]};
          std::vector<std::int64_t> rest(want.begin() + 1, want.end());
          EXPECT_EQ(Ids(*store_->ListArticles(ex)), rest);
          EXPECT_EQ(*store_->CountArticles(ex),
                    static_cast<std::int64_t>(rest.size()));
        }
        if (!want.empty() && !one) {
          // A date range (the index page's day): counted as listed.
          ArticleQuery range = q;
          range.published_after =
              store_->GetArticle(want[want.size() / 2])->published_at;
          std::int64_t in_range = 0;
          for (std::int64_t id : want) {
            in_range +=
                *store_->GetArticle(id)->published_at >= *range.published_after;
          }
          EXPECT_EQ(*store_->CountArticles(range), in_range);
          EXPECT_EQ(
              static_cast<std::int64_t>(store_->ListArticles(range)->size()),
              in_range);
        }
      }
    }
    // Counts per category: every published, live article in it.
    auto cats = store_->ListCategories();
    ASSERT_TRUE(cats.ok());
    for (const auto& c : *cats) {
      std::int64_t n = 0;
      for (std::int64_t id : ids) {
        auto a = store_->GetArticle(id);
        if (a.ok() && a->IsPublished() && a->category &&
            a->category->id == c.item.id)
          ++n;
      }
      EXPECT_EQ(c.published_count, n) << c.item.name;
    }
  }
}

TEST_P(StoreConformance, PageChangesNameWhatAWriteChanged) {
  auto publish = [&](const std::string& title, const std::string& category,
                     const std::string& tag) {
    Article a;
    a.title = title;
    a.body = a.plaintext = "Isi " + title;
    a.category = Category{0, "", category, ""};
    a.tags = {Tag{0, "", tag}};
    a.authors = {Author{0, "", "Rina", "", ""}};
    a.status = ArticleStatus::kPublished;
    a.published_at = clock_.Now() - 60;
    auto saved = store_->SaveArticle(a);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return *saved;
  };
  Article a = publish("Satu", "Politik", "Pemilu");
  Article b = publish("Dua", "Olahraga", "Bola");
  std::string politik = "c:" + std::to_string(a.category->id);
  std::string olahraga = "c:" + std::to_string(b.category->id);
  std::string pemilu = "t:" + std::to_string(a.tags[0].id);
  std::string bola = "t:" + std::to_string(b.tags[0].id);
  std::string a_key = "a:" + std::to_string(a.id);
  std::string b_key = "a:" + std::to_string(b.id);

  // A new title: the article and whatever is public; no list moved.
  std::int64_t seq = *store_->ChangeSeq();
  a.title = "Satu diperbaiki";
  a = *store_->SaveArticle(a);
  auto changes = store_->PageChangesSince(seq, 100);
  ASSERT_TRUE(changes.ok());
  EXPECT_FALSE(changes->everything);
  EXPECT_EQ(changes->seq, *store_->ChangeSeq());
  EXPECT_TRUE(Has(changes->keys, a_key));
  EXPECT_TRUE(Has(changes->keys, "pub"));
  EXPECT_FALSE(Has(changes->keys, b_key));
  EXPECT_FALSE(Has(changes->keys, "all"));
  EXPECT_FALSE(Has(changes->keys, politik));

  // Moved to another category: both categories' lists, not the tags'.
  seq = *store_->ChangeSeq();
  a.category = Category{0, "", "Olahraga", ""};
  a = *store_->SaveArticle(a);
  changes = store_->PageChangesSince(seq, 100);
  EXPECT_TRUE(Has(changes->keys, politik));
  EXPECT_TRUE(Has(changes->keys, olahraga));
  EXPECT_FALSE(Has(changes->keys, pemilu));
  EXPECT_FALSE(Has(changes->keys, bola));
  EXPECT_FALSE(Has(changes->keys, b_key));
  EXPECT_TRUE(Has(changes->keys, "nav")) << "Politik is empty now";

  // Unpublished: every list it was in.
  seq = *store_->ChangeSeq();
  a.status = ArticleStatus::kDraft;
  a = *store_->SaveArticle(a);
  changes = store_->PageChangesSince(seq, 100);
  for (const std::string& k : {a_key, std::string("all"), olahraga, pemilu})
    EXPECT_TRUE(Has(changes->keys, k)) << k;
  EXPECT_FALSE(Has(changes->keys, bola));

  // A draft edit shows nowhere public.
  seq = *store_->ChangeSeq();
  a.title = "Masih draf";
  a = *store_->SaveArticle(a);
  changes = store_->PageChangesSince(seq, 100);
  EXPECT_FALSE(Has(changes->keys, "pub"));
  EXPECT_FALSE(Has(changes->keys, "all"));

  // Settings show on every page; too many keys give everything.
  seq = *store_->ChangeSeq();
  ASSERT_TRUE(store_->SaveSettings({{"site.name", "KABARIN"}}).ok());
  changes = store_->PageChangesSince(seq, 100);
  EXPECT_TRUE(Has(changes->keys, "site"));
  changes = store_->PageChangesSince(0, 2);
  EXPECT_TRUE(changes->everything);
  // Nothing new: nothing to drop.
  changes = store_->PageChangesSince(*store_->ChangeSeq(), 100);
  EXPECT_TRUE(changes->keys.empty());
  EXPECT_FALSE(changes->everything);
}

}  // namespace

TEST_P(StoreConformance, ABatchNamesWhatItsWritesChangedWhenItCommits) {
  auto make = [&](const std::string& title, const std::string& tag) {
    Article a;
    a.title = title;
    a.body = a.plaintext = "Isi " + title;
    a.category = Category{0, "", "Politik", ""};
    a.tags = {Tag{0, "", tag}};
    a.authors = {Author{0, "", "Rina", "", ""}};
    a.status = ArticleStatus::kPublished;
    a.published_at = clock_.Now() - 60;
    return a;
  };
  auto first = store_->SaveArticle(make("Sebelum", "Pemilu"));
  ASSERT_TRUE(first.ok());
  const std::int64_t seq = *store_->ChangeSeq();
  std::vector<Article> saved;
  Status s = store_->RunBatch([&]() -> Status {
    for (const char* title : {"Satu", "Dua", "Tiga"}) {
      auto a = store_->SaveArticle(make(title, "Bola"));
      if (!a.ok()) return a.status();
      saved.push_back(*a);
    }
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto changes = store_->PageChangesSince(seq, 100);
  ASSERT_TRUE(changes.ok());
  EXPECT_FALSE(changes->everything);
  EXPECT_EQ(changes->seq, *store_->ChangeSeq());
  for (const Article& a : saved)
    EXPECT_TRUE(Has(changes->keys, "a:" + std::to_string(a.id)));
  EXPECT_TRUE(Has(changes->keys, "all"));
  EXPECT_TRUE(Has(changes->keys, "c:" + std::to_string(first->category->id)));
  EXPECT_TRUE(Has(changes->keys, "t:" + std::to_string(saved[0].tags[0].id)));
  EXPECT_FALSE(Has(changes->keys, "t:" + std::to_string(first->tags[0].id)));
  EXPECT_FALSE(Has(changes->keys, "a:" + std::to_string(first->id)));
  // Readers that saw part of the batch cannot exist: it commits at once.
  ArticleQuery q;
  q.status = ArticleStatus::kPublished;
  q.tag_id = saved[0].tags[0].id;
  EXPECT_EQ(*store_->CountArticles(q), 3);
}

// Pages from ListListed's kSkipByMonthsFrom (1000) on skip whole months by
// their listing_months counts instead of stepping over every entry: they
// must show what the entry-by-entry read shows. Each deep page newest first
// is checked against the same articles read as a shallow page oldest first
// (and the other way round), on lists with future-dated rows, hidden
// near-duplicates and a date range, after moves inside a batch and moves and
// deletions outside one; and the months agree with the rows.
TEST_P(StoreConformance, DeepPagesSkipWholeMonthsYetShowTheSameArticles) {
  const Timestamp now = clock_.Now();
  constexpr int kArticles = 1300;  // over ~11 months
  std::vector<std::int64_t> ids;
  Status batch = store_->RunBatch([&]() -> Status {
    for (int i = 0; i < kArticles; ++i) {
      // Every 50th lies in the future, in the newest month.
      Article a = PublishedStory("Arsip " + std::to_string(i),
                                 now - i * 6 * 3600 + (i % 50 ? 0 : 86400));
      a.category = Category{0, "", i % 10 ? "Olahraga" : "Politik", ""};
      auto saved = store_->SaveArticle(a);
      if (!saved.ok()) return saved.status();
      ids.push_back(saved->id);
    }
    for (int i = 0; i < 20; ++i) {  // to another month, within the batch
      auto a = store_->GetArticle(ids[i * 31]);
      if (!a.ok()) return a.status();
      a->published_at = *a->published_at - 45 * 86400;
      WARTA_RETURN_IF_ERROR(store_->SaveArticle(*a).status());
    }
    return Status::Ok();
  });
  ASSERT_TRUE(batch.ok()) << batch.ToString();
  for (int i = 0; i < 30; ++i) {  // the later member of each pair is hidden
    std::int64_t first = ids[i * 37 + 2], second = ids[i * 37 + 1];
    ASSERT_TRUE(store_->SaveDuplicateSignature({first, first, "m"}, {1}).ok());
    ASSERT_TRUE(store_->SaveDuplicateSignature({second, first, "m"}, {1}).ok());
  }

  auto olahraga = store_->GetCategoryBySlug("olahraga");
  ASSERT_TRUE(olahraga.ok());
  auto check = [&](const std::string& when) {
    std::vector<ArticleQuery> lists(3);
    lists[1].category_id = olahraga->id;
    lists[2].published_after = now - 300 * 86400;  // a date range
    for (ArticleQuery q : lists) {
      for (bool one : {false, true}) {
        if (one && q.published_after) continue;  // not a kept list
        q.status = ArticleStatus::kPublished;
        q.published_before = now;
        q.one_per_duplicate_cluster = one;
        q.limit = 20;
        const std::int64_t n = *store_->CountArticles(q);
        ASSERT_GT(n, 1060) << when;
        ASSERT_LT(n, 2000) << when;  // so the mirror pages are shallow
        for (auto order :
             {ArticleQuery::Order::kNewest, ArticleQuery::Order::kOldest}) {
          for (std::int64_t offset = 1000; offset <= n + 3; offset += 13) {
            ArticleQuery deep = q;
            deep.order = order;
            deep.offset = static_cast<int>(offset);
            ArticleQuery mirror = q;
            mirror.order = order == ArticleQuery::Order::kNewest
                               ? ArticleQuery::Order::kOldest
                               : ArticleQuery::Order::kNewest;
            const std::int64_t last = std::min(offset + 20, n);  // exclusive
            mirror.offset = static_cast<int>(n - last);
            mirror.limit =
                static_cast<int>(std::max<std::int64_t>(last - offset, 0));
            std::vector<std::int64_t> want;
            if (mirror.limit > 0) want = Ids(*store_->ListArticles(mirror));
            std::reverse(want.begin(), want.end());
            auto got = store_->ListArticles(deep);
            ASSERT_TRUE(got.ok()) << got.status().ToString();
            EXPECT_EQ(Ids(*got), want)
                << when << ": category " << q.category_id << " after "
                << q.published_after.value_or(0) << " one " << one << " oldest "
                << (order == ArticleQuery::Order::kOldest) << " offset "
                << offset << " of " << n;
          }
        }
      }
    }
    auto problems = store_->CheckIntegrity();
    ASSERT_TRUE(problems.ok()) << problems.status().ToString();
    EXPECT_TRUE(problems->empty()) << when << ": " << (*problems)[0];
  };
  check("after the batch");

  for (int i = 0; i < 10; ++i) {  // moves and deletions, one write each
    auto a = store_->GetArticle(ids[i * 53 + 5]);
    ASSERT_TRUE(a.ok());
    a->published_at = *a->published_at + 40 * 86400;
    ASSERT_TRUE(store_->SaveArticle(*a).ok());
    ASSERT_TRUE(store_->TrashArticle(ids[i * 53 + 9], now).ok());
  }
  check("after moves and deletions");
}

}  // namespace warta
