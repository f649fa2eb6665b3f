// Snapshot: statistics, lookup and Search (BM25F over the segments).
#include <algorithm>
#include <cmath>
#include <queue>
#include <unordered_map>

#include "index/snapshot.h"

namespace warta::index {
namespace {

constexpr std::size_t kMaxCompletions = 30;  // prefix expansions kept
constexpr int kCollapseSlack = 32;           // extra hits kept to fold clusters

// One alternative of a clause: a term and its weight (1, or less for a
// completion of the last word).
struct Alternative {
  std::string term;
  double weight = 1;
  double idf = 0;
};

struct ResolvedClause {
  std::vector<Alternative> alts;
  bool phrase = false;
  bool optional = false;
  std::vector<int> offsets;  // phrase: offset of each alternative's word
  std::uint64_t df = 0;      // estimate, for ordering
};

// Iterates the documents of one clause in one segment.
class ClauseIter {
 public:
  ClauseIter(const Segment& seg, const ResolvedClause& c) : clause_(c) {
    for (std::size_t i = 0; i < c.alts.size(); ++i) {
      const TermInfo* t = seg.FindTerm(c.alts[i].term);
      if (t) {
        cursors_.emplace_back(seg, *t);
        alt_of_.push_back(i);
        // The segment's impacts are BM25F scores without the idf, computed
        // with the options it was built with.
        unit_.push_back(c.alts[i].weight * c.alts[i].idf * seg.impact_scale());
        total_postings_ += t->df;
      } else if (c.phrase) {
        cursors_.clear();  // a phrase word missing: no match here
        alt_of_.clear();
        unit_.clear();
        break;
      }
    }
    single_ = cursors_.size() == 1 && !c.phrase;
    Settle(0);
  }

  bool valid() const { return valid_; }
  std::uint32_t doc() const { return doc_; }
  void SkipTo(std::uint32_t target) {
    if (valid_ && doc_ >= target) return;
    if (single_) {  // one word: the cursor is the clause
      PostingCursor& c = cursors_[0];
      c.SkipTo(target);
      valid_ = c.valid();
      doc_ = c.doc();
      return;
    }
    for (auto& c : cursors_) c.SkipTo(target);
    Settle(target);
  }
  void Next() { SkipTo(doc_ + 1); }
  // One word (no phrase, no completions): the cursor can skip by impact.
  bool single() const { return single_; }
  // Single only: moves to the first document from doc() whose Score() is
  // at least `min_score`; returns the postings passed over.
  std::uint32_t AdvanceToScore(double min_score) {
    const double impact = min_score / unit_[0];
    if (!(impact > 1)) return 0;  // every posting may reach it
    PostingCursor& c = cursors_[0];
    std::uint32_t passed = c.AdvanceToImpact(
        impact > kMaxImpact ? kMaxImpact + 1
                            : static_cast<std::uint32_t>(impact));
    valid_ = c.valid();
    doc_ = c.doc();
    return passed;
  }

  // An upper bound of Score() for documents from doc() to BlockEnd(), from
  // the blocks' statistics.
  double BlockBound() const {
    double best = 0, sum = 0;
    for (std::size_t i = 0; i < cursors_.size(); ++i) {
      if (!cursors_[i].valid()) continue;
      double b = unit_[i] * cursors_[i].block().max_impact;
      sum += b;
      best = std::max(best, b);
    }
    return clause_.phrase ? sum : best;
  }
  // An upper bound of Score() anywhere in the list.
  double MaxBound() const {
    double best = 0, sum = 0;
    for (std::size_t i = 0; i < cursors_.size(); ++i) {
      double b = unit_[i] * cursors_[i].term().max_impact;
      sum += b;
      best = std::max(best, b);
    }
    return clause_.phrase ? sum : best;
  }
  std::uint32_t BlockEnd() const {
    std::uint32_t end = UINT32_MAX;
    for (const auto& c : cursors_) {
      if (c.valid()) end = std::min(end, c.block().last_doc);
    }
    return end;
  }
  // Postings left in the current blocks, and in all.
  std::uint64_t LeftInBlocks() const {
    std::uint64_t n = 0;
    for (const auto& c : cursors_) {
      if (c.valid()) n += c.left_in_block() + 1;
    }
    return n;
  }
  std::uint64_t TotalPostings() const { return total_postings_; }

  // Sum (phrase) or best (alternatives) of the BM25F scores at doc().
  double Score() const {
    if (single_) return unit_[0] * cursors_[0].impact();
    double best = 0, sum = 0;
    for (std::size_t i = 0; i < cursors_.size(); ++i) {
      if (!cursors_[i].valid() || cursors_[i].doc() != doc_) continue;
      double s = unit_[i] * cursors_[i].impact();
      sum += s;
      best = std::max(best, s);
    }
    return clause_.phrase ? sum : best;
  }

 private:
  // Moves to the first document >= target that the clause matches.
  void Settle(std::uint32_t target) {
    (void)target;
    valid_ = false;
    if (cursors_.empty()) return;
    if (!clause_.phrase) {
      bool any = false;
      std::uint32_t d = 0;
      for (const auto& c : cursors_) {
        if (c.valid() && (!any || c.doc() < d)) {
          d = c.doc();
          any = true;
        }
      }
      valid_ = any;
      doc_ = d;
      return;
    }
    // Phrase: all cursors on one document, words in order.
    while (true) {
      std::uint32_t d = 0;
      for (const auto& c : cursors_) {
        if (!c.valid()) return;
        d = std::max(d, c.doc());
      }
      bool same = true;
      for (auto& c : cursors_) {
        c.SkipTo(d);
        if (!c.valid()) return;
        if (c.doc() != d) same = false;
      }
      if (!same) continue;
      if (PhraseAt()) {
        valid_ = true;
        doc_ = d;
        return;
      }
      for (auto& c : cursors_) c.SkipTo(d + 1);
    }
  }

  bool PhraseAt() {
    positions_.resize(cursors_.size());
    for (std::size_t i = 0; i < cursors_.size(); ++i)
      cursors_[i].Positions(positions_[i]);
    const int base = clause_.offsets[alt_of_[0]];
    for (std::uint32_t p : positions_[0]) {
      bool all = true;
      for (std::size_t i = 1; i < cursors_.size() && all; ++i) {
        std::int64_t want =
            static_cast<std::int64_t>(p) + clause_.offsets[alt_of_[i]] - base;
        all = want >= 0 &&
              std::binary_search(positions_[i].begin(), positions_[i].end(),
                                 static_cast<std::uint32_t>(want));
      }
      if (all) return true;
    }
    return false;
  }

  const ResolvedClause& clause_;
  std::vector<PostingCursor> cursors_;
  std::vector<std::size_t> alt_of_;
  // Per cursor: weight * idf * impact scale, the score of one impact unit.
  std::vector<double> unit_;
  std::vector<std::vector<std::uint32_t>> positions_;
  bool valid_ = false;
  bool single_ = false;
  std::uint32_t doc_ = 0;
  std::uint64_t total_postings_ = 0;
};

struct Candidate {
  double key;  // score, or published_at for newest-first
  double score;
  std::size_t segment;
  std::uint32_t doc;
  bool operator>(const Candidate& o) const {
    if (key != o.key) return key > o.key;
    if (segment != o.segment) return segment > o.segment;
    return doc > o.doc;
  }
};

bool NoFilters(const SearchFilters& f) {
  return !f.category_id && !f.tag_id && !f.author_id && !f.published_after &&
         !f.published_before;
}

bool Passes(const Segment& seg, std::uint32_t d, const SearchFilters& f,
            Timestamp now) {
  const DocMeta& m = seg.doc(d);
  if (m.published_at > now) return false;
  if (f.category_id && m.category_id != f.category_id) return false;
  if (f.published_after && m.published_at < *f.published_after) return false;
  if (f.published_before && m.published_at > *f.published_before) return false;
  if (f.tag_id) {
    auto t = seg.tags(d);
    if (std::find(t.begin(), t.end(), f.tag_id) == t.end()) return false;
  }
  if (f.author_id) {
    auto a = seg.authors(d);
    if (std::find(a.begin(), a.end(), f.author_id) == a.end()) return false;
  }
  return true;
}

}  // namespace

Snapshot::Snapshot(std::vector<SegmentRef> segments, RankingOptions ranking)
    : segments_(std::move(segments)), ranking_(ranking) {
  for (const SegmentRef& s : segments_) {
    total_docs_ += s.segment->doc_count();
    std::uint64_t deleted = 0;
    if (s.deleted) {
      deleted = static_cast<std::uint64_t>(
          std::count(s.deleted->begin(), s.deleted->end(), true));
    }
    live_docs_ += s.segment->doc_count() - deleted;
  }
}

std::uint32_t Snapshot::Df(std::string_view feature) const {
  std::uint32_t df = 0;
  for (const SegmentRef& s : segments_) df += s.segment->FeatureDf(feature);
  return df;
}

std::optional<Snapshot::Location> Snapshot::Find(std::int64_t id) const {
  // Newest segments last: a live copy is unique, search from the end.
  for (std::size_t i = segments_.size(); i-- > 0;) {
    auto d = segments_[i].segment->FindArticle(id);
    if (d && segments_[i].live(*d)) return Location{i, *d};
  }
  return std::nullopt;
}

std::size_t Snapshot::MemoryBytes() const {
  std::size_t n = 0;
  for (const SegmentRef& s : segments_) {
    n += s.segment->MemoryBytes();
    if (s.deleted) n += s.deleted->size() / 8;
  }
  return n;
}

SearchResult Snapshot::Search(const ParsedQuery& query,
                              const SearchOptions& options) const {
  SearchResult result;
  const double n = std::max<double>(1, total_docs_);
  auto idf = [&](double df) {
    return std::log(1 + (n - df + 0.5) / (df + 0.5));
  };
  // Resolve clauses: terms, completions of the last word, statistics.
  std::vector<ResolvedClause> clauses;
  for (const QueryClause& qc : query.clauses) {
    ResolvedClause rc;
    rc.phrase = qc.phrase;
    rc.optional = qc.optional;
    for (const QueryWord& w : qc.words) {
      Alternative a{w.term, 1.0, 0};
      double df = Df(w.term);
      a.idf = idf(df);
      rc.df = rc.phrase ? (rc.alts.empty() ? df : std::min<double>(rc.df, df))
                        : rc.df + df;
      if (df > 0 || rc.phrase) rc.alts.push_back(a);
      rc.offsets.push_back(w.offset);
    }
    // The last word completes only while it is a fragment: a word the
    // index has as typed stands for itself.
    bool fragment = qc.prefix && !qc.words.empty();
    for (std::size_t si = 0; fragment && si < segments_.size(); ++si) {
      auto exact =
          segments_[si].segment->SurfacesWithPrefix(qc.words[0].folded);
      fragment = exact.empty() || exact.front().word != qc.words[0].folded;
    }
    if (fragment) {
      std::unordered_map<std::string, std::uint32_t> completions;
      for (const SegmentRef& s : segments_) {
        for (const Surface& sf :
             s.segment->SurfacesWithPrefix(qc.words[0].folded)) {
          if (sf.term != qc.words[0].term) completions.emplace(sf.term, 0);
        }
      }
      std::vector<std::pair<std::uint32_t, std::string>> by_df;
      for (auto& [term, unused] : completions)
        by_df.emplace_back(Df(term), term);
      std::sort(by_df.begin(), by_df.end(), std::greater<>());
      if (by_df.size() > kMaxCompletions) by_df.resize(kMaxCompletions);
      for (auto& [df, term] : by_df) {
        rc.alts.push_back(Alternative{term, ranking_.prefix_weight, idf(df)});
        rc.df += df;
      }
    }
    if (rc.alts.empty()) continue;  // a word no article has: ignored
    if (rc.phrase && rc.alts.size() != qc.words.size()) {
      // The phrase's words are not all known: it cannot match.
      return result;
    }
    if (!rc.optional) {
      for (const Alternative& a : rc.alts) result.terms.insert(a.term);
    }
    clauses.push_back(std::move(rc));
  }
  // Required clauses first, rarest first; optional ones (stopwords) after.
  std::sort(clauses.begin(), clauses.end(),
            [](const ResolvedClause& a, const ResolvedClause& b) {
              if (a.optional != b.optional) return b.optional;
              return a.df < b.df;
            });
  std::size_t required = 0;
  while (required < clauses.size() && !clauses[required].optional) ++required;
  if (required == 0) {
    // Unknown content words left only stopwords: they are the query now.
    for (ResolvedClause& c : clauses) {
      c.optional = false;
      for (const Alternative& a : c.alts) result.terms.insert(a.term);
    }
    required = clauses.size();
  }
  if (clauses.empty()) return result;

  const std::size_t keep =
      static_cast<std::size_t>(std::max(0, options.offset) +
                               std::max(0, options.limit) + kCollapseSlack);
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> top;
  std::unordered_set<std::int64_t> clusters;
  auto collect = [&](std::size_t si, std::uint32_t d, double score) {
    double key = score;
    bool counted = true;
    const Segment& seg = *segments_[si].segment;
    if (seg.has_clusters() || options.sort == SortOrder::kNewest) {
      const DocMeta& m = seg.doc(d);
      // Another copy of a counted article is not counted again.
      counted = m.cluster_id == 0 || clusters.insert(m.cluster_id).second;
      if (options.sort == SortOrder::kNewest)
        key = static_cast<double>(m.published_at);
    }
    if (counted) ++result.total;
    Candidate c{key, score, si, d};
    if (top.size() < keep) {
      top.push(c);
    } else if (c > top.top()) {
      top.pop();
      top.push(c);
    }
  };

  for (std::size_t si = 0; si < segments_.size(); ++si) {
    const SegmentRef& sref = segments_[si];
    const Segment& seg = *sref.segment;
    const double scale = seg.impact_scale();
    const bool check =
        !NoFilters(options.filters) || seg.max_published_at() > options.now;
    std::vector<ClauseIter> iters;
    iters.reserve(clauses.size());
    for (const ResolvedClause& c : clauses) iters.emplace_back(seg, c);
    // Conjunction: every required clause at one document. Ranking by
    // relevance, a stretch of blocks whose best possible score cannot
    // enter the kept results is skipped unscored (its matches are then
    // estimated for the total).
    // Block maxima hold for the options the segment was built with.
    const bool prune = options.sort == SortOrder::kRelevance;
    double optional_bound = 0;
    for (std::size_t ci = required; ci < clauses.size(); ++ci) {
      for (const Alternative& a : clauses[ci].alts)
        optional_bound += a.weight * a.idf * scale * kMaxImpact;
    }
    // rest_bound[ci]: the best the clauses from ci on can add. Once the
    // kept results are full, a document whose first clauses score too
    // little to enter with the best of the rest is passed over before the
    // rest are even looked up (the rarest clause leads: most of its
    // documents have the word in the body only and go here).
    // (With a hair of slack: the sums round differently.)
    std::vector<double> rest_bound(required + 1, optional_bound + 1e-9);
    for (std::size_t ci = required; ci-- > 0;)
      rest_bound[ci] = rest_bound[ci + 1] + iters[ci].MaxBound();
    const std::int64_t total_before = result.total;
    std::uint64_t skipped = 0;  // postings of iters[0] passed over
    std::uint32_t d = 0;
    bool bound_known = false;
    double bound = 0;
    std::uint32_t bound_end = 0;
    while (true) {
      const bool full = prune && top.size() >= keep;
      const double threshold = full ? top.top().score : 0;
      bool done = false, all = true;
      double score = 0;
      for (std::size_t ci = 0; ci < required; ++ci) {
        ClauseIter& it = iters[ci];
        it.SkipTo(d);
        if (ci == 0 && full && it.single() && it.valid()) {
          // The leading word's postings too weak to enter with the best of
          // the rest are passed over in their blocks.
          skipped += it.AdvanceToScore(threshold - rest_bound[1]);
        }
        if (!it.valid()) {
          done = true;
          break;
        }
        if (it.doc() > d) {
          d = it.doc();
          all = false;
          break;
        }
        score += it.Score();
        // (A document with every required word is a match: counted, and
        // turned away by the kept results.)
        if (full && ci + 1 < required && iters[0].single() &&
            score + rest_bound[ci + 1] < threshold) {
          ++skipped;
          ++d;
          all = false;
          break;
        }
      }
      if (done) break;
      if (!all) continue;
      if (full) {
        if (!bound_known || d > bound_end) {
          // The cursors' blocks hold d up to bound_end: one bound for all.
          bound = optional_bound;
          bound_end = UINT32_MAX;
          for (std::size_t ci = 0; ci < required; ++ci) {
            bound += iters[ci].BlockBound();
            bound_end = std::min(bound_end, iters[ci].BlockEnd());
          }
          bound_known = true;
        }
        if (bound < threshold) {
          skipped += iters[0].LeftInBlocks();
          if (bound_end == UINT32_MAX) break;
          d = bound_end + 1;
          continue;
        }
      }
      if (sref.live(d) &&
          (!check || Passes(seg, d, options.filters, options.now))) {
        for (std::size_t ci = required; ci < iters.size(); ++ci) {
          iters[ci].SkipTo(d);
          if (iters[ci].valid() && iters[ci].doc() == d)
            score += iters[ci].Score();
        }
        collect(si, d, score);
      }
      ++d;
    }
    if (skipped > 0) {
      // Matches in skipped blocks: at the rate seen in the scanned ones.
      const double driver = static_cast<double>(iters[0].TotalPostings());
      const double scanned = std::max(1.0, driver - double(skipped));
      const double counted = double(result.total - total_before);
      result.total = total_before + static_cast<std::int64_t>(
                                        counted * driver / scanned + 0.5);
      result.total_estimated = true;
    }
  }

  if (result.total == 0 && required > 1) {
    // Nothing has every word: rank what has some, more words first.
    result.relaxed = true;
    clauses.resize(required);  // stopwords do not make a match alone
    const double count = static_cast<double>(clauses.size());
    for (std::size_t si = 0; si < segments_.size(); ++si) {
      const SegmentRef& sref = segments_[si];
      const Segment& seg = *sref.segment;
      std::vector<ClauseIter> iters;
      for (const ResolvedClause& c : clauses) iters.emplace_back(seg, c);
      while (true) {
        bool any = false;
        std::uint32_t d = 0;
        for (const ClauseIter& it : iters) {
          if (it.valid() && (!any || it.doc() < d)) {
            d = it.doc();
            any = true;
          }
        }
        if (!any) break;
        double score = 0;
        int matched = 0;
        for (ClauseIter& it : iters) {
          if (it.valid() && it.doc() == d) {
            score += it.Score();
            ++matched;
            it.Next();
          }
        }
        if (sref.live(d) && Passes(seg, d, options.filters, options.now))
          collect(si, d, score * matched / count);
      }
    }
  }

  std::vector<Candidate> ranked;
  while (!top.empty()) {
    ranked.push_back(top.top());
    top.pop();
  }
  std::reverse(ranked.begin(), ranked.end());
  std::unordered_set<std::int64_t> shown_clusters;
  int skipped = 0;
  for (const Candidate& c : ranked) {
    const DocMeta& m = segments_[c.segment].segment->doc(c.doc);
    if (m.cluster_id != 0 && !shown_clusters.insert(m.cluster_id).second)
      continue;  // a near-duplicate of a better hit
    if (skipped < options.offset) {
      ++skipped;
      continue;
    }
    if (static_cast<int>(result.hits.size()) >= options.limit) break;
    result.hits.push_back(SearchHit{m.article_id, c.score, m.published_at});
  }
  return result;
}

}  // namespace warta::index
