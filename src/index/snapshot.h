// Snapshot: the search index at one moment: a list of immutable segments,
// each with the set of its documents deleted since it was built. Readers get
// a shared_ptr<const Snapshot> and never wait: writers build a new Snapshot
// beside it and swap it in (index/live_index.h). Thread-safe (immutable).
#ifndef WARTA_INDEX_SNAPSHOT_H_
#define WARTA_INDEX_SNAPSHOT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "base/clock.h"
#include "index/query.h"
#include "index/ranking.h"
#include "index/segment.h"

namespace warta::index {

struct SegmentRef {
  std::shared_ptr<const Segment> segment;
  // Deleted (replaced or unpublished) local documents; null: none.
  std::shared_ptr<const std::vector<bool>> deleted;

  bool live(std::uint32_t d) const { return !deleted || !(*deleted)[d]; }
};

struct SearchFilters {
  std::int64_t category_id = 0;  // 0: any
  std::int64_t tag_id = 0;
  std::int64_t author_id = 0;
  std::optional<Timestamp> published_after;   // published_at >= this
  std::optional<Timestamp> published_before;  // published_at <= this
};

enum class SortOrder { kRelevance, kNewest };

struct SearchOptions {
  SearchFilters filters;
  SortOrder sort = SortOrder::kRelevance;
  int limit = 10;
  int offset = 0;
  Timestamp now = 0;  // articles published after `now` stay hidden
};

struct SearchHit {
  std::int64_t article_id = 0;
  double score = 0;
  Timestamp published_at = 0;
};

struct SearchResult {
  // Matching articles, counting one per near-duplicate cluster.
  std::int64_t total = 0;
  std::vector<SearchHit> hits;
  // Every term the query matched with (stems and prefix completions), for
  // highlighting snippets.
  std::unordered_set<std::string> terms;
  // True when no article had every word and the results match some.
  bool relaxed = false;
  // True when `total` is an estimate: stretches of many matches that could
  // not reach the requested page were skipped without counting each one.
  bool total_estimated = false;
};

struct RelatedOptions {
  int limit = 6;
  Timestamp now = 0;
  // Candidates more alike than this (cosine of their feature vectors) to
  // one already chosen are the same story told again: skipped.
  double max_similarity = 0.5;
};

struct RelatedHit {
  std::int64_t article_id = 0;
  double score = 0;
};

class Snapshot {
 public:
  // Postings are scored with the impacts their segment was built with
  // (SegmentBuilder's RankingOptions); `ranking` here gives the weight of
  // completions of the last word (prefix_weight).
  explicit Snapshot(std::vector<SegmentRef> segments,
                    RankingOptions ranking = {});

  const std::vector<SegmentRef>& segments() const { return segments_; }
  // Documents not deleted.
  std::uint64_t live_docs() const { return live_docs_; }
  // Documents including deleted ones (the base of the statistics).
  std::uint64_t total_docs() const { return total_docs_; }
  // Documents having the term or feature, over all segments.
  std::uint32_t Df(std::string_view feature) const;

  // Where an article lives, when it is indexed and not deleted.
  struct Location {
    std::size_t segment;
    std::uint32_t doc;
  };
  std::optional<Location> Find(std::int64_t article_id) const;

  SearchResult Search(const ParsedQuery& query,
                      const SearchOptions& options) const;

  // "Mungkin Kamu Suka": articles that share the article's strongest words,
  // names and tags, newer ones gently preferred, never the article itself
  // or its near-duplicates, and not several tellings of one story.
  std::vector<RelatedHit> Related(std::int64_t article_id,
                                  const RelatedOptions& options) const;

  // A better query when words of `query` are not in the index ("korupsi
  // mentri" -> "korupsi menteri"), or "" when there is nothing to offer.
  std::string Suggest(const ParsedQuery& query) const;

  std::size_t MemoryBytes() const;

 private:
  std::vector<SegmentRef> segments_;
  RankingOptions ranking_;
  std::uint64_t live_docs_ = 0;
  std::uint64_t total_docs_ = 0;
};

}  // namespace warta::index

#endif  // WARTA_INDEX_SNAPSHOT_H_
