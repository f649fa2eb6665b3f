// Segment: an immutable inverted index over a set of documents, numbered
// 0..doc_count()-1 in the order they were added. It holds, per term, a
// posting list (documents, per-field term frequencies, positions) in blocks
// of 128 postings that can be skipped; per document the fields BM25F and
// the filters need; the surface words seen (for prefix search and
// suggestions); and, for "related articles", each document's strongest
// features (stems, names, tags) with weights and the inverted lists of
// those. Built by SegmentBuilder; never changed after, so any number of
// threads may read it at once.
#ifndef WARTA_INDEX_SEGMENT_H_
#define WARTA_INDEX_SEGMENT_H_

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "index/doc.h"
#include "index/ranking.h"

namespace warta::index {

inline constexpr int kBlockSize = 128;
inline constexpr int kFieldGap = 8;  // positions between fields: no phrase
                                     // runs from the title into the body

// Lets string-keyed maps be searched with a string_view, without a copy.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>()(s);
  }
};
template <typename V>
using StringMap =
    std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

struct DocMeta {
  std::int64_t article_id = 0;
  Timestamp published_at = 0;
  std::int64_t category_id = 0;
  std::int64_t cluster_id = 0;                    // 0: no near-duplicates
  std::uint16_t length[kFieldCount] = {0, 0, 0};  // terms per field
};

// A block of up to kBlockSize postings of one term. At doc_offset in the
// segment's posting bytes: the documents' gaps packed in `bits` bits each
// (postings.h), then one Impact per posting (ranking.h). At pos_offset
// in the position bytes (terms with positions): per posting, the number of
// positions, then their gaps, as varints.
struct Block {
  std::uint32_t last_doc = 0;
  std::uint16_t count = 0;
  std::uint8_t bits = 0;
  // The block's best impact, to skip blocks that cannot reach the top
  // results.
  Impact max_impact = 0;
  std::uint64_t doc_offset = 0;
  std::uint64_t pos_offset = 0;
};

struct TermInfo {
  std::uint32_t df = 0;
  std::uint32_t first_block = 0;
  std::uint32_t block_count = 0;
  Impact max_impact = 0;  // the best of its postings
  bool positions = true;  // false for stopwords: no positions stored
};

struct Surface {
  std::string word;  // folded surface form: "menyuarakan"
  std::string term;  // its term: "suara"
};

struct FeatureWeight {
  std::uint32_t feature = 0;  // index into the segment's feature names
  float weight = 0;
};

struct FeatureEntry {
  std::uint32_t doc = 0;
  float weight = 0;
};

// The key of a related-article feature.
std::uint64_t FeatureKeyOf(std::string_view feature);

class Segment {
 public:
  std::uint32_t doc_count() const {
    return static_cast<std::uint32_t>(docs_.size());
  }
  const DocMeta& doc(std::uint32_t d) const { return docs_[d]; }
  std::span<const std::int64_t> tags(std::uint32_t d) const {
    return {tag_ids_.data() + tag_offsets_[d],
            tag_ids_.data() + tag_offsets_[d + 1]};
  }
  std::span<const std::int64_t> authors(std::uint32_t d) const {
    return {author_ids_.data() + author_offsets_[d],
            author_ids_.data() + author_offsets_[d + 1]};
  }
  // The score of impact 1 (ImpactScale of the options the postings'
  // impacts were computed with).
  double impact_scale() const { return impact_scale_; }
  // The latest publication time of its documents, and whether any of them
  // belongs to a near-duplicate cluster: searches skip checks they need not
  // make.
  Timestamp max_published_at() const { return max_published_at_; }
  bool has_clusters() const { return has_clusters_; }

  // nullptr when the term does not occur here.
  const TermInfo* FindTerm(std::string_view term) const;
  // Documents with the feature: a term, "@name" or "#tag_id".
  std::uint32_t FeatureDf(std::string_view feature) const;

  // Surface words in folded order.
  const std::vector<Surface>& surfaces() const { return surfaces_; }
  // The range of surfaces starting with `prefix`.
  std::span<const Surface> SurfacesWithPrefix(std::string_view prefix) const;

  // The local number of an article, if it is in this segment.
  std::optional<std::uint32_t> FindArticle(std::int64_t article_id) const;

  // Related articles: a document's features (strongest first) and the
  // documents having a feature among theirs.
  std::span<const FeatureWeight> DocFeatures(std::uint32_t d) const {
    return {doc_features_.data() + feature_offsets_[d],
            doc_features_.data() + feature_offsets_[d + 1]};
  }
  // Features are named by a 64-bit hash of "stem", "@name" or "#tag_id".
  std::uint64_t FeatureKey(std::uint32_t id) const { return feature_keys_[id]; }
  std::span<const FeatureEntry> FeatureList(std::uint64_t key) const;

  // Approximate heap bytes held, in all and by part.
  std::size_t MemoryBytes() const;
  std::string MemoryReport() const;

 private:
  friend class SegmentBuilder;
  friend class PostingCursor;

  std::vector<DocMeta> docs_;
  std::vector<std::uint32_t> tag_offsets_{0};
  std::vector<std::int64_t> tag_ids_;
  std::vector<std::uint32_t> author_offsets_{0};
  std::vector<std::int64_t> author_ids_;
  // Total and average (at least 1) length of each field: the builder
  // normalises the impacts' BM25F by them.
  std::uint64_t length_sum_[kFieldCount] = {0, 0, 0};
  double avg_length_[kFieldCount] = {1, 1, 1};
  double impact_scale_ = ImpactScale(RankingOptions{});
  Timestamp max_published_at_ = 0;
  bool has_clusters_ = false;
  std::vector<std::pair<std::int64_t, std::uint32_t>> by_article_;  // sorted

  StringMap<std::uint32_t> term_ids_;
  std::vector<TermInfo> terms_;
  std::vector<Block> blocks_;
  std::vector<std::uint8_t> doc_bytes_;
  std::vector<std::uint8_t> pos_bytes_;
  std::vector<Surface> surfaces_;

  std::unordered_map<std::uint64_t, std::uint32_t> extra_df_;  // names, tags
  std::vector<std::uint64_t> feature_keys_;
  std::unordered_map<std::uint64_t, std::uint32_t> feature_ids_;
  std::vector<std::uint32_t> feature_offsets_{0};
  std::vector<FeatureWeight> doc_features_;
  std::vector<std::uint32_t> list_offsets_{0};  // per feature id
  std::vector<FeatureEntry> list_entries_;
};

// Walks one term's posting list in a segment, a block at a time (a block's
// documents are unpacked when the cursor enters it). Cheap to create; one
// thread.
class PostingCursor {
 public:
  PostingCursor(const Segment& segment, const TermInfo& term);

  bool valid() const { return valid_; }
  std::uint32_t doc() const { return docs_[i_]; }
  // The posting's quantized Bm25fTf (1..kMaxImpact); times the segment's
  // impact_scale() it is the score without the idf.
  Impact impact() const {
    Impact v;
    std::memcpy(&v, impacts_ + i_ * sizeof(Impact), sizeof(Impact));
    return v;
  }

  void Next() {
    if (++i_ < blocks_[block_].count) return;
    if (block_ + 1 < term_.block_count) {
      LoadBlock(block_ + 1);
    } else {
      valid_ = false;
      i_ = 0;
    }
  }
  // Moves to the first posting with doc >= target (or invalid).
  void SkipTo(std::uint32_t target);
  // Moves to the first posting from the current one whose impact is at
  // least `min` (or invalid), passing blocks whose best is lower without
  // unpacking them. Returns the number of postings passed over.
  std::uint32_t AdvanceToImpact(std::uint32_t min);
  // The positions of the current posting, ascending. Cheapest called for
  // postings in order.
  void Positions(std::vector<std::uint32_t>& out) const;
  const TermInfo& term() const { return term_; }
  // The block holding the current posting, and postings left after it.
  const Block& block() const { return blocks_[block_]; }
  std::uint32_t left_in_block() const { return blocks_[block_].count - i_ - 1; }

 private:
  void LoadBlock(std::uint32_t b);

  const Segment& seg_;
  const TermInfo& term_;
  const Block* blocks_;
  std::uint32_t block_ = 0;  // relative to term_.first_block
  std::uint32_t i_ = 0;      // the posting within the block
  bool valid_ = false;
  const std::uint8_t* impacts_ = nullptr;
  // Positions: the bytes of posting pos_i_ of block pos_block_.
  mutable const std::uint8_t* pos_p_ = nullptr;
  mutable std::uint32_t pos_block_ = UINT32_MAX;
  mutable std::uint32_t pos_i_ = 0;
  std::uint32_t docs_[kBlockSize];
};

}  // namespace warta::index

#endif  // WARTA_INDEX_SEGMENT_H_
