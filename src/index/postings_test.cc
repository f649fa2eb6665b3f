// Bit-packed document gaps, impact quantization and the posting cursor
// over segments of several blocks.
#include "index/postings.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "index/query.h"
#include "index/segment_builder.h"
#include "index/snapshot.h"

namespace warta::index {
namespace {

struct PackCase {
  const char* name;
  std::vector<std::uint32_t> docs;
  std::uint32_t next;
  std::uint32_t bits;
};

TEST(PostingsTest, GapsRoundTrip) {
  const std::vector<PackCase> cases = {
      {"run from 0", {0, 1, 2, 3, 4}, 0, 0},
      {"run after a block", {10, 11, 12}, 10, 0},
      {"one", {7}, 0, 3},
      {"small gaps", {1, 3, 5, 6, 10}, 0, 2},
      {"a large gap", {5, 1000000, 1000001}, 3, 20},
      {"widest", {0, 0xFFFFFFFEu}, 0, 32},
      {"empty", {}, 9, 0},
  };
  for (const PackCase& c : cases) {
    std::vector<std::uint8_t> bytes = {0xAB};  // packing appends
    auto n = static_cast<std::uint32_t>(c.docs.size());
    EXPECT_EQ(PackGaps(c.docs.data(), n, c.next, bytes), c.bits) << c.name;
    EXPECT_EQ(bytes.size(), 1 + PackedBytes(n, c.bits)) << c.name;
    bytes.resize(bytes.size() + kPackPadding);
    std::vector<std::uint32_t> out(n + 1, 0xDEAD);
    UnpackGaps(bytes.data() + 1, n, c.bits, c.next, out.data());
    out.pop_back();
    EXPECT_EQ(out, c.docs) << c.name;
  }
}

TEST(PostingsTest, RandomBlocksRoundTrip) {
  std::mt19937 rng(5);
  for (int round = 0; round < 200; ++round) {
    const std::uint32_t spread = 1u << (rng() % 24);
    std::vector<std::uint32_t> docs;
    std::uint32_t d = rng() % 1000;
    const std::uint32_t next = d;
    for (int i = 0; i < 1 + int(rng() % 128); ++i) {
      docs.push_back(d);
      d += 1 + rng() % spread;
    }
    std::vector<std::uint8_t> bytes;
    auto n = static_cast<std::uint32_t>(docs.size());
    std::uint32_t bits = PackGaps(docs.data(), n, next, bytes);
    bytes.resize(bytes.size() + kPackPadding);
    std::vector<std::uint32_t> out(n);
    UnpackGaps(bytes.data(), n, bits, next, out.data());
    ASSERT_EQ(out, docs) << "round " << round;
  }
}

TEST(PostingsTest, ImpactsQuantizeWithinHalfAStep) {
  RankingOptions r;
  const double scale = ImpactScale(r);
  const double top = r.k1 + 1 + r.title_bonus;
  for (double v = 0.0005; v < top; v *= 1.07) {
    Impact q = QuantizeImpact(v, scale);
    EXPECT_GE(q, 1);
    EXPECT_LE(std::abs(q * scale - v), scale / 2 + 1e-12) << v;
  }
  EXPECT_EQ(QuantizeImpact(1e-9, scale), 1);  // never 0: the word is there
  EXPECT_EQ(QuantizeImpact(top * 2, scale), kMaxImpact);
  // Order is kept, ties only within one step.
  EXPECT_LT(QuantizeImpact(1.80, scale), QuantizeImpact(1.81, scale));
}

// A segment of 1,000 documents: "kuda" in every third, "sapi" in all,
// "rumah" twice in the body of every seventh.
class CursorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SegmentBuilder b(analyzer_);
    for (std::uint32_t i = 0; i < kDocs; ++i) {
      IndexDoc d;
      d.article_id = 1 + i;
      d.title = i % 3 == 0 ? "kuda sapi" : "sapi";
      d.body = i % 7 == 0 ? "ada rumah di sana dan rumah lagi" : "tidak ada";
      d.published_at = 1700000000;
      b.Add(d);
    }
    segment_ = b.Build();
  }
  const TermInfo& Term(std::string_view word) {
    auto q = ParseQuery(word, analyzer_);
    const TermInfo* t =
        q.ok() ? segment_->FindTerm(q->clauses[0].words[0].term) : nullptr;
    EXPECT_NE(t, nullptr) << word;
    static const TermInfo kNone;
    return t ? *t : kNone;
  }
  static constexpr std::uint32_t kDocs = 1000;
  text::Analyzer analyzer_{text::DefaultStemmer()};
  std::shared_ptr<const Segment> segment_;
};

TEST_F(CursorTest, NextVisitsEveryPostingInOrder) {
  for (auto [word, step] :
       {std::pair{"kuda", 3u}, {"sapi", 1u}, {"rumah", 7u}}) {
    std::vector<std::uint32_t> seen, want;
    for (PostingCursor c(*segment_, Term(word)); c.valid(); c.Next()) {
      seen.push_back(c.doc());
      EXPECT_GE(c.impact(), 1);
    }
    for (std::uint32_t d = 0; d < kDocs; d += step) want.push_back(d);
    EXPECT_EQ(seen, want) << word;
  }
}

TEST_F(CursorTest, SkipToFindsTheFirstPostingAtOrAfter) {
  PostingCursor c(*segment_, Term("kuda"));
  for (std::uint32_t target :
       {0u, 1u, 2u, 3u, 200u, 383u, 384u, 385u, 700u, 701u, 998u, 999u}) {
    c.SkipTo(target);
    ASSERT_TRUE(c.valid()) << target;
    EXPECT_EQ(c.doc(), (target + 2) / 3 * 3) << target;
  }
  c.SkipTo(1000);
  EXPECT_FALSE(c.valid());
  // From a fresh cursor, far jumps land in later blocks.
  PostingCursor far(*segment_, Term("sapi"));
  far.SkipTo(900);
  EXPECT_EQ(far.doc(), 900u);
  far.Next();
  EXPECT_EQ(far.doc(), 901u);
}

TEST_F(CursorTest, PositionsFollowTheCursor) {
  PostingCursor c(*segment_, Term("rumah"));
  std::vector<std::uint32_t> first, later;
  c.Positions(first);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_LT(first[0], first[1]);
  c.SkipTo(21);  // the same title and body, so the same positions
  EXPECT_EQ(c.doc(), 21u);
  c.Positions(later);
  EXPECT_EQ(later, first);
  c.Next();  // 28: a title one word shorter
  c.Positions(later);
  EXPECT_EQ(c.doc(), 28u);
  EXPECT_EQ(later, (std::vector<std::uint32_t>{first[0] - 1, first[1] - 1}));
  c.SkipTo(900);  // 903, the 130th posting: in the second block
  c.Positions(later);
  EXPECT_EQ(c.doc(), 903u);
  EXPECT_EQ(later, first);
  // Stopwords keep no positions.
  PostingCursor stop(*segment_, Term("ada"));
  ASSERT_TRUE(stop.valid());
  stop.Positions(later);
  EXPECT_TRUE(later.empty());
}

TEST_F(CursorTest, AdvanceToImpactPassesWeakPostings) {
  std::vector<std::pair<std::uint32_t, Impact>> all;
  for (PostingCursor c(*segment_, Term("sapi")); c.valid(); c.Next())
    all.emplace_back(c.doc(), c.impact());
  Impact best = 0, worst = kMaxImpact;
  for (auto [doc, impact] : all) {
    best = std::max(best, impact);
    worst = std::min(worst, impact);
  }
  ASSERT_LT(worst, best);
  for (std::uint32_t min : {0u, 1u, std::uint32_t(worst),
                            std::uint32_t(worst) + 1u, std::uint32_t(best)}) {
    PostingCursor c(*segment_, Term("sapi"));
    std::uint32_t passed = c.AdvanceToImpact(min);
    std::size_t want = 0;
    while (want < all.size() && all[want].second < min) ++want;
    ASSERT_TRUE(c.valid()) << min;
    EXPECT_EQ(c.doc(), all[want].first) << min;
    EXPECT_EQ(passed, want) << min;
    // From there on, it goes on from the current posting.
    c.Next();
    passed = c.AdvanceToImpact(min);
    std::size_t next = want + 1;
    while (next < all.size() && all[next].second < min) ++next;
    if (next < all.size()) {
      EXPECT_EQ(c.doc(), all[next].first) << min;
      EXPECT_EQ(passed, next - want - 1) << min;
    }
  }
  PostingCursor none(*segment_, Term("sapi"));
  EXPECT_EQ(none.AdvanceToImpact(std::uint32_t(best) + 1), all.size());
  EXPECT_FALSE(none.valid());
}

TEST_F(CursorTest, ShorterTitlesScoreHigher) {
  // "kuda sapi" (two title words) against "sapi": the impact of "sapi"
  // follows the title length, and is the same for equal documents.
  PostingCursor c(*segment_, Term("sapi"));
  Impact with_kuda = c.impact();  // doc 0: "kuda sapi", body with "rumah"
  c.SkipTo(3);                    // "kuda sapi", plain body
  Impact kuda_plain = c.impact();
  c.SkipTo(4);  // "sapi", plain body
  Impact alone = c.impact();
  c.SkipTo(6);  // "kuda sapi" again
  EXPECT_EQ(c.impact(), kuda_plain);
  EXPECT_GT(alone, kuda_plain);
  EXPECT_NE(with_kuda, 0);
}

}  // namespace
}  // namespace warta::index
