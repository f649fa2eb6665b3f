#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "index/query.h"
#include "index/segment_builder.h"
#include "index/snapshot.h"
#include "index/snippet.h"

namespace warta::index {
namespace {

constexpr Timestamp kDay = 86400;
constexpr Timestamp kNow = 1700000000;

IndexDoc Doc(std::int64_t id, std::string title, std::string body,
             std::int64_t category = 1, Timestamp age_days = 1) {
  IndexDoc d;
  d.article_id = id;
  d.title = std::move(title);
  d.body = std::move(body);
  d.category_id = category;
  d.published_at = kNow - age_days * kDay;
  return d;
}

// Our own small fixtures (never corpus text).
std::vector<IndexDoc> Fixtures() {
  return {
      Doc(1, "Warga menyuarakan penolakan tambang pasir",
          "Ratusan warga desa berkumpul di balai desa. Mereka menyuarakan "
          "penolakan terhadap tambang pasir di tepi sungai.",
          1, 3),
      Doc(2, "Suara warga soal harga beras",
          "Harga beras di pasar naik. Warga mengeluhkan harga yang terus "
          "naik sejak bulan lalu.",
          2, 2),
      Doc(3, "Korea Utara menembakkan rudal balistik",
          "Korut kembali menembakkan rudal balistik ke arah laut. Korea "
          "Selatan mengecam peluncuran itu.",
          3, 1),
      Doc(4, "Menteri meninjau pengungsian korban banjir",
          "Menteri sosial meninjau lokasi pengungsian. Para pengungsi "
          "membutuhkan selimut dan air bersih.",
          1, 5),
      Doc(5, "Banjir rendam ratusan rumah warga",
          "Hujan deras membuat sungai meluap. Banjir merendam ratusan rumah "
          "dan warga mengungsi ke balai desa.",
          1, 4),
      Doc(6, "Timnas menang atas Thailand",
          "Timnas Indonesia menang dua gol tanpa balas atas Thailand di "
          "stadion utama.",
          4, 6),
  };
}

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SegmentBuilder b(analyzer_);
    for (const IndexDoc& d : Fixtures()) b.Add(d);
    snapshot_ = std::make_unique<Snapshot>(
        std::vector<SegmentRef>{SegmentRef{b.Build(), nullptr}});
  }
  std::vector<std::int64_t> Run(std::string_view q, SearchOptions o = {}) {
    auto parsed = ParseQuery(q, analyzer_);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    if (!parsed.ok()) return {};
    if (o.now == 0) o.now = kNow;
    last_ = snapshot_->Search(*parsed, o);
    std::vector<std::int64_t> ids;
    for (const SearchHit& h : last_.hits) ids.push_back(h.article_id);
    return ids;
  }
  text::Analyzer analyzer_{text::DefaultStemmer()};
  std::unique_ptr<Snapshot> snapshot_;
  SearchResult last_;
};

using Ids = std::vector<std::int64_t>;

TEST_F(SearchTest, AffixFormsMatchTheirStem) {
  // "suara" finds "menyuarakan" (title and body) before "Suara" (title).
  EXPECT_EQ(Run("suara"), (Ids{1, 2}));
  EXPECT_EQ(Run("menyuarakan"), (Ids{1, 2}));
  EXPECT_EQ(Run("mengungsi"), (Ids{4, 5}));
  EXPECT_EQ(last_.total, 2);
}

TEST_F(SearchTest, EveryWordMustMatchAndTitleWeighsMore) {
  EXPECT_EQ(Run("banjir warga"), (Ids{5}));
  // "banjir" is in the title of 5 and 4; both have it in the body too.
  Ids banjir = Run("banjir");
  ASSERT_EQ(banjir.size(), 2u);
  EXPECT_EQ(banjir[0], 5);  // shorter title, same words
  EXPECT_FALSE(last_.relaxed);
}

TEST_F(SearchTest, RelaxesWhenNoArticleHasEveryWord) {
  Ids ids = Run("rudal beras");
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_TRUE(last_.relaxed);
}

TEST_F(SearchTest, PhrasesNeedTheWordsTogether) {
  EXPECT_EQ(Run("\"balai desa\""), (Ids{1, 5}));
  EXPECT_EQ(Run("\"desa balai\""), (Ids{}));
  // Stopwords inside a phrase keep their place: "pengungsian korban".
  EXPECT_EQ(Run("\"meninjau pengungsian\""), (Ids{4}));
}

TEST_F(SearchTest, AbbreviationsFindTheLongForm) {
  EXPECT_EQ(Run("korut"), (Ids{3}));
  EXPECT_EQ(Run("\"korea utara\""), (Ids{3}));
}

TEST_F(SearchTest, LastWordIsAPrefix) {
  EXPECT_EQ(Run("thai"), (Ids{6}));
  EXPECT_EQ(Run("timnas thai"), (Ids{6}));
  // Only the last word completes; a word no article has is ignored.
  EXPECT_EQ(Run("thai timnas"), (Ids{6}));
  EXPECT_EQ(Run("thai xyzzy"), (Ids{}));
}

TEST_F(SearchTest, FiltersAndNewestFirst) {
  SearchOptions o;
  o.filters.category_id = 1;
  Ids in_category = Run("warga", o);
  std::sort(in_category.begin(), in_category.end());
  EXPECT_EQ(in_category, (Ids{1, 5}));
  o.sort = SortOrder::kNewest;
  o.filters.category_id = 0;
  EXPECT_EQ(Run("warga", o), (Ids{2, 1, 5}));
  o.filters.published_after = kNow - 3 * kDay;
  EXPECT_EQ(Run("warga", o), (Ids{2, 1}));
  o.limit = 1;
  o.offset = 1;
  EXPECT_EQ(Run("warga", o), (Ids{1}));
  EXPECT_EQ(last_.total, 2);
}

TEST_F(SearchTest, FutureArticlesStayHidden) {
  SearchOptions o;
  o.now = kNow - 2 * kDay - 10;  // before article 2 and 3 were published
  o.sort = SortOrder::kNewest;
  EXPECT_EQ(Run("warga", o), (Ids{1, 5}));
}

TEST_F(SearchTest, DeletedDocumentsAreGone) {
  auto del = std::make_shared<std::vector<bool>>(6, false);
  (*del)[0] = true;  // article 1
  Snapshot s({SegmentRef{snapshot_->segments()[0].segment, del}});
  auto q = ParseQuery("suara", analyzer_);
  SearchOptions o;
  o.now = kNow;
  auto r = s.Search(*q, o);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].article_id, 2);
  EXPECT_EQ(s.live_docs(), 5u);
  EXPECT_FALSE(s.Find(1).has_value());
  EXPECT_TRUE(s.Find(2).has_value());
}

TEST_F(SearchTest, NearDuplicatesShowOnce) {
  SegmentBuilder b(analyzer_);
  auto docs = Fixtures();
  docs[0].cluster_id = 1;
  IndexDoc copy = docs[0];
  copy.article_id = 7;
  copy.cluster_id = 1;
  docs.push_back(copy);
  for (const IndexDoc& d : docs) b.Add(d);
  Snapshot s({SegmentRef{b.Build(), nullptr}});
  auto q = ParseQuery("tambang pasir", analyzer_);
  SearchOptions o;
  o.now = kNow;
  auto r = s.Search(*q, o);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.total, 1);
}

TEST_F(SearchTest, StopwordsCountButAreNotRequired) {
  // "di" is optional: article 4 has no "di" but still matches.
  EXPECT_EQ(Run("menteri di"), (Ids{4}));
  // A headline of stopwords alone is searchable.
  EXPECT_EQ(Run("dua gol tanpa"), (Ids{6}));
  // Stopwords in a phrase only keep their place: 5 has "ke balai desa".
  EXPECT_EQ(Run("\"di balai desa\""), (Ids{1, 5}));
}

TEST_F(SearchTest, SuggestsWordsFromTheIndex) {
  auto q = ParseQuery("pengungsan menteri", analyzer_);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(snapshot_->Suggest(*q), "pengungsian menteri");
  auto known = ParseQuery("menteri", analyzer_);
  EXPECT_EQ(snapshot_->Suggest(*known), "");
}

TEST_F(SearchTest, SnippetsMarkMatchedWords) {
  std::unordered_set<std::string> terms = {"suara", "tambang"};
  std::string s = MakeSnippet(
      analyzer_,
      "Awal kalimat yang panjang sekali. Mereka menyuarakan penolakan "
      "terhadap tambang <pasir>.",
      terms, 60);
  EXPECT_NE(s.find("<mark>menyuarakan</mark>"), std::string::npos) << s;
  EXPECT_NE(s.find("<mark>tambang</mark>"), std::string::npos) << s;
  EXPECT_NE(s.find("&lt;pasir&gt;"), std::string::npos) << s;
  EXPECT_EQ(s.rfind("… ", 0), 0u) << s;  // cut at the start
  EXPECT_EQ(HighlightAll(analyzer_, "Suara & warga", terms),
            "<mark>Suara</mark> &amp; warga");
}

TEST(PruningTest, SkippingKeepsTheExhaustiveTopResults) {
  // 3,000 documents of a small vocabulary: the first page of a search that
  // skips weak postings and blocks must equal the head of one that keeps
  // every match (a page larger than the index).
  text::Analyzer analyzer(text::DefaultStemmer());
  const std::vector<std::string> words = {
      "kuda", "sapi",  "rumah", "sawah", "pasar", "sungai", "gunung",
      "kota", "jalan", "hujan", "padi",  "kapal", "ikan",   "garam"};
  std::mt19937 rng(3);
  SegmentBuilder b(analyzer);
  for (int i = 1; i <= 3000; ++i) {
    auto pick = [&](int n, int spread) {
      std::string s;
      for (int k = 0; k < n; ++k)
        s += words[rng() % std::min<std::size_t>(words.size(), spread)] + " ";
      return s;
    };
    // Early words are common, later ones rare.
    b.Add(Doc(i, pick(2 + rng() % 6, 4 + rng() % 10),
              pick(5 + rng() % 60, 3 + rng() % 11) + "dan yang", 1, 1));
  }
  Snapshot snapshot({SegmentRef{b.Build(), nullptr}});
  for (std::string q :
       {"kuda", "sapi", "garam", "kuda sapi", "sapi garam", "kuda sapi rumah",
        "ikan dan", "kota kapal sawah", "\"kuda sapi\" rumah", "kuda sa"}) {
    auto parsed = ParseQuery(q, analyzer);
    ASSERT_TRUE(parsed.ok());
    SearchOptions page;
    page.now = kNow;
    SearchOptions all = page;
    all.limit = 5000;  // kept results beyond the index: nothing skipped
    SearchResult top = snapshot.Search(*parsed, page);
    SearchResult every = snapshot.Search(*parsed, all);
    ASSERT_FALSE(every.total_estimated) << q;
    ASSERT_EQ(top.hits.size(), std::min<std::size_t>(10, every.hits.size()))
        << q;
    for (std::size_t i = 0; i < top.hits.size(); ++i) {
      EXPECT_EQ(top.hits[i].article_id, every.hits[i].article_id) << q << i;
      EXPECT_DOUBLE_EQ(top.hits[i].score, every.hits[i].score) << q << i;
    }
    // The estimated total stays near the true one (within 22% here).
    EXPECT_NEAR(double(top.total), double(every.total), every.total * 0.35)
        << q;
  }
}

TEST(QueryTest, RejectsMalformedQueries) {
  text::Analyzer a(text::DefaultStemmer());
  for (std::string q :
       {std::string(""), std::string("   "), std::string(201, 'a'),
        std::string("bad\xff"), std::string("tab\there"),
        std::string("\"unclosed phrase")}) {
    auto r = ParseQuery(q, a);
    EXPECT_FALSE(r.ok()) << q;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    }
  }
  std::string many;
  for (int i = 0; i < 40; ++i) many += "kata" + std::to_string(i) + " ";
  EXPECT_FALSE(ParseQuery(many, a).ok());
  auto ok = ParseQuery("  \"korea utara\" rudal di laut ", a);
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->clauses.size(), 4u);
  EXPECT_TRUE(ok->clauses[0].phrase);
  EXPECT_TRUE(ok->clauses[2].optional);  // "di": a stopword
  EXPECT_TRUE(ok->clauses[3].prefix);    // "laut": the last word
  EXPECT_EQ(ok->words.size(), 5u);
  // Only stopwords: they are required then.
  auto stop = ParseQuery("yang dan", a);
  ASSERT_TRUE(stop.ok());
  ASSERT_EQ(stop->clauses.size(), 2u);
  EXPECT_FALSE(stop->clauses[0].optional);
}

}  // namespace
}  // namespace warta::index
