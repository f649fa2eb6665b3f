// SegmentBuilder: analyzes documents and builds an immutable Segment.
// Feature weights for related articles use inverse document frequencies
// over this segment plus, when given, the documents already indexed
// elsewhere (an ExternalDf), so a small segment of fresh articles weighs
// words like the whole index does. One thread; not reusable after Build.
#ifndef WARTA_INDEX_SEGMENT_BUILDER_H_
#define WARTA_INDEX_SEGMENT_BUILDER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/doc.h"
#include "index/segment.h"
#include "text/analyzer.h"

namespace warta::index {

// Documents with a feature elsewhere, and how many documents there are.
struct ExternalDf {
  std::function<std::uint32_t(std::string_view feature)> df;
  std::uint64_t docs = 0;
};

struct RelatedFeatureOptions {
  int per_doc = 12;           // strongest features kept per document
  int max_list = 2000;        // longest inverted feature list kept
  float name_boost = 1.5f;    // names weigh more than words
  float tag_boost = 2.0f;     // an editor's tag more still
  float title_weight = 3.0f;  // field weights for feature term counts
  float excerpt_weight = 1.5f;
};

class SegmentBuilder {
 public:
  explicit SegmentBuilder(const text::Analyzer& analyzer,
                          RelatedFeatureOptions options = {},
                          RankingOptions ranking = {});
  SegmentBuilder(const SegmentBuilder&) = delete;
  SegmentBuilder& operator=(const SegmentBuilder&) = delete;

  // Adds the next document (local number = documents added before).
  void Add(const IndexDoc& doc);
  std::uint32_t doc_count() const {
    return static_cast<std::uint32_t>(a_->docs.size());
  }

  // Finishes the segment. `external` adds document frequencies from
  // outside the segment to the related-feature weights.
  std::shared_ptr<const Segment> Build(const ExternalDf* external = nullptr);

 private:
  // A term's postings while documents are added: per posting the gap to
  // the previous document + 1 (varint) and the field frequencies (one byte
  // 0b0TEBBBBB when they fit, else 0x80 and three varints); positions in
  // their final layout (segment.h, Block).
  struct TermBuild {
    std::vector<std::uint8_t> docs;
    std::vector<std::uint8_t> pos;
    std::uint32_t df = 0;
    std::uint32_t next_doc = 0;  // last document + 1
  };
  class TermReader;
  struct DocTerm {
    std::uint32_t term = 0;
    std::uint32_t tf[kFieldCount] = {0, 0, 0};
    std::vector<std::uint32_t> positions;
  };
  std::uint32_t TermId(std::string_view term);
  void AddPosting(std::uint32_t doc, const DocTerm& t);
  void BuildFeatures(const ExternalDf* external);
  // Writes the segment's posting blocks (with impacts) from terms_.
  void BuildPostings();

  const text::Analyzer& analyzer_;
  RelatedFeatureOptions options_;
  RankingOptions ranking_;
  std::unique_ptr<Segment> seg_;
  std::shared_ptr<SegmentArrays> a_;  // the segment's tables, until Build
  StringMap<std::uint32_t> term_ids_;
  std::vector<std::string> term_names_;
  std::vector<TermBuild> terms_;
  StringMap<std::uint32_t> surfaces_;  // -> term id
  // Scratch for the document being added.
  std::vector<DocTerm> doc_terms_;
  std::vector<std::int32_t> slot_of_term_;
  // Names and tags per document, for related features.
  StringMap<std::uint32_t> extra_ids_;
  std::vector<std::string> extra_names_;
  std::vector<std::uint32_t> extra_df_;
  std::vector<std::uint32_t> doc_extra_offsets_{0};
  std::vector<std::pair<std::uint32_t, std::uint16_t>> doc_extras_;
};

}  // namespace warta::index

#endif  // WARTA_INDEX_SEGMENT_BUILDER_H_
