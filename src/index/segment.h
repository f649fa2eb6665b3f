// Segment: an immutable inverted index over a set of documents, numbered
// 0..doc_count()-1 in the order they were added. It holds, per term, a
// posting list (documents, per-field term frequencies, positions) in blocks
// of 128 postings that can be skipped; per document the fields BM25F and
// the filters need; the surface words seen (for prefix search and
// suggestions); and, for "related articles", each document's strongest
// features (stems, names, tags) with weights and the inverted lists of
// those. All of it is flat tables (SegmentArrays) that the segment views
// through spans: in the heap when SegmentBuilder built it, or in a file
// mapped read-only (segment_file.h), with the same code reading both.
// Never changed after, so any number of threads may read it at once.
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
#include "base/result.h"
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
  std::uint16_t unused = 0;
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
  std::uint8_t unused1 = 0;
  // The block's best impact, to skip blocks that cannot reach the top
  // results.
  Impact max_impact = 0;
  std::uint16_t unused2[3] = {0, 0, 0};
  std::uint64_t doc_offset = 0;
  std::uint64_t pos_offset = 0;
};

struct TermInfo {
  std::uint32_t df = 0;
  std::uint32_t first_block = 0;
  std::uint32_t block_count = 0;
  Impact max_impact = 0;  // the best of its postings
  bool positions = true;  // false for stopwords: no positions stored
  std::uint8_t unused = 0;
};

// A surface word and its term, viewing the segment's bytes.
struct Surface {
  std::string_view word;  // folded surface form: "menyuarakan"
  std::string_view term;  // its term: "suara"
};

struct FeatureWeight {
  std::uint32_t feature = 0;  // index into the segment's feature names
  float weight = 0;
};

struct FeatureEntry {
  std::uint32_t doc = 0;
  float weight = 0;
};

// Flat records of the segment's tables (segment_file.h writes them as they
// are in memory). Their padding is spelled out as `unused` members, zero,
// so that a file holds no stray bytes and the same segment makes the same
// file.
struct ArticleDoc {
  std::int64_t article_id = 0;
  std::uint32_t doc = 0;
  std::uint32_t unused = 0;
};
struct KeyValue {  // sorted by key
  std::uint64_t key = 0;
  std::uint32_t value = 0;
  std::uint32_t unused = 0;
};
struct SurfaceEntry {  // sorted by word
  std::uint32_t word_offset = 0;
  std::uint32_t word_size = 0;
  std::uint32_t term = 0;
};

// The key of a related-article feature.
std::uint64_t FeatureKeyOf(std::string_view feature);

template <typename T>
using OwnedTable = std::vector<T>;
template <typename T>
using TableView = std::span<const T>;

// The tables of a segment: owned vectors while SegmentBuilder fills them
// (SegmentArrays), spans over those or over a mapped file in a Segment.
// The order of the members is the order of a segment file's sections.
template <template <typename> class Table>
struct SegmentTables {
  Table<DocMeta> docs;
  Table<std::uint32_t> tag_offsets;  // per document + 1, into tag_ids
  Table<std::int64_t> tag_ids;
  Table<std::uint32_t> author_offsets;  // per document + 1
  Table<std::int64_t> author_ids;
  Table<ArticleDoc> by_article;  // sorted by article id
  Table<TermInfo> terms;
  Table<std::uint32_t> term_offsets;  // per term + 1, into term_text
  Table<char> term_text;
  Table<std::uint32_t> term_order;  // term ids sorted by their text
  Table<Block> blocks;
  Table<std::uint8_t> doc_bytes;
  Table<std::uint8_t> pos_bytes;
  Table<SurfaceEntry> surfaces;
  Table<char> surface_text;
  Table<KeyValue> extra_df;  // names and tags: key -> df
  Table<std::uint64_t> feature_keys;
  Table<KeyValue> feature_ids;           // key -> feature id
  Table<std::uint32_t> feature_offsets;  // per document + 1
  Table<FeatureWeight> doc_features;
  Table<std::uint32_t> list_offsets;  // per feature id + 1
  Table<FeatureEntry> list_entries;

  // Calls f(table&) for each table, in section order.
  template <typename F>
  void Visit(F&& f) {
    f(docs), f(tag_offsets), f(tag_ids), f(author_offsets), f(author_ids);
    f(by_article), f(terms), f(term_offsets), f(term_text), f(term_order);
    f(blocks), f(doc_bytes), f(pos_bytes), f(surfaces), f(surface_text);
    f(extra_df), f(feature_keys), f(feature_ids), f(feature_offsets);
    f(doc_features), f(list_offsets), f(list_entries);
  }
};
using SegmentArrays = SegmentTables<OwnedTable>;
inline constexpr int kSegmentSections = 22;

// The numbers a segment keeps besides its tables.
struct SegmentScalars {
  // Total and average (at least 1) length of each field: the builder
  // normalises the impacts' BM25F by them.
  std::uint64_t length_sum[kFieldCount] = {0, 0, 0};
  double avg_length[kFieldCount] = {1, 1, 1};
  double impact_scale = ImpactScale(RankingOptions{});
  Timestamp max_published_at = 0;
  std::uint64_t has_clusters = 0;
};

class Segment;

// The surface words of a range, as Surface values.
class SurfaceRange {
 public:
  class iterator {
   public:
    using value_type = Surface;
    using difference_type = std::ptrdiff_t;
    iterator(const Segment* seg, const SurfaceEntry* e) : seg_(seg), e_(e) {}
    Surface operator*() const;
    iterator& operator++() {
      ++e_;
      return *this;
    }
    bool operator==(const iterator& o) const { return e_ == o.e_; }
    bool operator!=(const iterator& o) const { return e_ != o.e_; }

   private:
    const Segment* seg_;
    const SurfaceEntry* e_;
  };
  SurfaceRange(const Segment* seg, std::span<const SurfaceEntry> entries)
      : seg_(seg), entries_(entries) {}
  iterator begin() const { return {seg_, entries_.data()}; }
  iterator end() const { return {seg_, entries_.data() + entries_.size()}; }
  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }
  Surface front() const { return *begin(); }

 private:
  const Segment* seg_;
  std::span<const SurfaceEntry> entries_;
};

class Segment {
 public:
  std::uint32_t doc_count() const {
    return static_cast<std::uint32_t>(t_.docs.size());
  }
  const DocMeta& doc(std::uint32_t d) const { return t_.docs[d]; }
  std::span<const std::int64_t> tags(std::uint32_t d) const {
    return t_.tag_ids.subspan(t_.tag_offsets[d],
                              t_.tag_offsets[d + 1] - t_.tag_offsets[d]);
  }
  std::span<const std::int64_t> authors(std::uint32_t d) const {
    return t_.author_ids.subspan(
        t_.author_offsets[d], t_.author_offsets[d + 1] - t_.author_offsets[d]);
  }
  // The score of impact 1 (ImpactScale of the options the postings'
  // impacts were computed with).
  double impact_scale() const { return sc_.impact_scale; }
  // The latest publication time of its documents, and whether any of them
  // belongs to a near-duplicate cluster: searches skip checks they need not
  // make.
  Timestamp max_published_at() const { return sc_.max_published_at; }
  bool has_clusters() const { return sc_.has_clusters != 0; }

  // nullptr when the term does not occur here.
  const TermInfo* FindTerm(std::string_view term) const;
  // Documents with the feature: a term, "@name" or "#tag_id".
  std::uint32_t FeatureDf(std::string_view feature) const;

  // Surface words in folded order.
  SurfaceRange surfaces() const { return {this, t_.surfaces}; }
  // The range of surfaces starting with `prefix`.
  SurfaceRange SurfacesWithPrefix(std::string_view prefix) const;
  // The text of term `id`.
  std::string_view TermText(std::uint32_t id) const {
    return {t_.term_text.data() + t_.term_offsets[id],
            t_.term_offsets[id + 1] - t_.term_offsets[id]};
  }

  // The local number of an article, if it is in this segment.
  std::optional<std::uint32_t> FindArticle(std::int64_t article_id) const;

  // Related articles: a document's features (strongest first) and the
  // documents having a feature among theirs.
  std::span<const FeatureWeight> DocFeatures(std::uint32_t d) const {
    return t_.doc_features.subspan(
        t_.feature_offsets[d],
        t_.feature_offsets[d + 1] - t_.feature_offsets[d]);
  }
  // Features are named by a 64-bit hash of "stem", "@name" or "#tag_id".
  std::uint64_t FeatureKey(std::uint32_t id) const {
    return t_.feature_keys[id];
  }
  std::span<const FeatureEntry> FeatureList(std::uint64_t key) const;

  // Bytes of its tables (in the heap, or mapped from a file when
  // mapped() is true), in all and by part.
  std::size_t MemoryBytes() const;
  std::string MemoryReport() const;
  bool mapped() const { return mapped_; }

 private:
  friend class SegmentBuilder;
  friend class PostingCursor;
  friend class SurfaceRange::iterator;
  friend Status WriteSegmentFile(const Segment& segment,
                                 const std::string& path);
  friend Result<std::shared_ptr<const Segment>> OpenSegmentFile(
      const std::string& path, bool verify);

  // Calls f(span&) for each table, in section order.
  template <typename F>
  void Visit(F&& f) {
    t_.Visit(std::forward<F>(f));
  }
  template <typename F>
  void Visit(F&& f) const {
    const_cast<Segment*>(this)->Visit(std::forward<F>(f));
  }
  // Points the tables at `arrays`, which the segment then owns.
  void Adopt(std::shared_ptr<SegmentArrays> arrays);

  std::shared_ptr<const void> owner_;  // what the spans point into
  bool mapped_ = false;
  SegmentScalars sc_;
  SegmentTables<TableView> t_;
};

inline Surface SurfaceRange::iterator::operator*() const {
  return Surface{
      std::string_view(seg_->t_.surface_text.data() + e_->word_offset,
                       e_->word_size),
      seg_->TermText(e_->term)};
}

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
