// SegmentBuilder: analyzes documents and builds an immutable Segment.
// Feature weights for related articles use inverse document frequencies
// over this segment plus, when given, the documents already indexed
// elsewhere (an ExternalDf), so a small segment of fresh articles weighs
// words like the whole index does.
//
// A large build (a whole archive) can write the postings gathered so far
// to slice files (slice_file.h) whenever they pass SliceOptions::slice_bytes
// and merge them at the end into a segment file (BuildFile), reading each
// slice once in order and writing the file sequentially: its memory is
// bounded by the documents' tables, the term dictionary and one slice, not
// by all the postings. The file is the same, byte for byte, as
// WriteSegmentFile(*Build()) of the same documents.
// One thread; not reusable after Build or BuildFile.
#ifndef WARTA_INDEX_SEGMENT_BUILDER_H_
#define WARTA_INDEX_SEGMENT_BUILDER_H_

#include <atomic>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/doc.h"
#include "index/prepared_doc.h"
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

struct SliceOptions {
  // Slice files are PREFIX-N.slice (N from 1); empty: no slices.
  std::string prefix;
  // Posting bytes gathered in memory that are written out as a slice.
  std::size_t slice_bytes = std::size_t{64} << 20;
  // BuildFile gives up (Unavailable) once it is set.
  const std::atomic<bool>* cancel = nullptr;
};

class PostingsOut;
class SliceReader;

class SegmentBuilder {
 public:
  explicit SegmentBuilder(const text::Analyzer& analyzer,
                          RelatedFeatureOptions options = {},
                          RankingOptions ranking = {});
  ~SegmentBuilder();
  SegmentBuilder(const SegmentBuilder&) = delete;
  SegmentBuilder& operator=(const SegmentBuilder&) = delete;

  // Adds the next document (local number = documents added before).
  void Add(const IndexDoc& doc);
  // The same for a document prepared with this builder's analyzer, maybe
  // on another thread (prepared_doc.h): the segment is the same.
  void Add(PreparedDoc doc);
  std::uint32_t doc_count() const {
    return static_cast<std::uint32_t>(a_->docs.size());
  }

  // Finishes the segment. `external` adds document frequencies from
  // outside the segment to the related-feature weights. Not after slices
  // were written (use BuildFile).
  std::shared_ptr<const Segment> Build(const ExternalDf* external = nullptr);

  // Writes slices as documents are added; call before the first Add.
  void UseSlices(SliceOptions slices);
  std::size_t slices_written() const { return slices_.size(); }
  // The first error writing a slice (Add cannot return it), else Ok.
  const Status& status() const { return status_; }

  // Finishes the segment into a segment file at `path` (written atomically;
  // scratch files PATH.docs and PATH.pos on the way) and returns it mapped.
  // Any error writing or reading a slice, or Unavailable when cancelled.
  Result<std::shared_ptr<const Segment>> BuildFile(
      const std::string& path, const ExternalDf* external = nullptr);

 private:
  // A term's postings while documents are added: per posting the gap to
  // the previous document + 1 (varint) and the field frequencies (one byte
  // 0b0TEBBBBB when they fit, else 0x80 and three varints); positions in
  // their final layout (segment.h, Block).
  struct TermBuild {
    std::vector<std::uint8_t> docs;
    std::vector<std::uint8_t> pos;
    std::uint32_t df = 0;
    std::uint32_t held = 0;      // postings in docs (not in slices)
    std::uint32_t next_doc = 0;  // last document + 1
  };
  // A term's postings from one slice or from memory.
  struct Chunk {
    const std::uint8_t* docs = nullptr;
    const std::uint8_t* pos = nullptr;
    std::size_t pos_size = 0;
    std::uint32_t postings = 0;
  };
  class TermReader;
  struct FeatureHeaps;
  std::uint32_t TermId(std::string_view term);
  void AddPosting(std::uint32_t doc, std::uint32_t term,
                  const PreparedDoc::Term& t);
  // Writes the postings held in memory to a new slice file.
  Status WriteSlice();
  // Computes the scalars, features and every table, the postings' bytes
  // going to `out`, from the slices and what is in memory.
  Status Finish(const ExternalDf* external, PostingsOut& out);
  // One term's posting blocks (with impacts), features offered to `heaps`.
  Status FinishTerm(std::uint32_t t, std::span<const Chunk> chunks,
                    PostingsOut& out, FeatureHeaps& heaps);
  void FinishFeatures(FeatureHeaps& heaps);
  // Related-feature weight of a feature in `local_df` documents here.
  double Idf(std::uint32_t local_df, std::string_view key) const;

  const text::Analyzer& analyzer_;
  RelatedFeatureOptions options_;
  RankingOptions ranking_;
  std::unique_ptr<Segment> seg_;
  std::shared_ptr<SegmentArrays> a_;  // the segment's tables, until Build
  StringMap<std::uint32_t> term_ids_;
  std::vector<std::string> term_names_;
  std::vector<TermBuild> terms_;
  StringMap<std::uint32_t> surfaces_;  // -> term id
  // Scratch for the document being added: its terms' ids.
  std::vector<std::uint32_t> doc_term_ids_;
  // Names and tags per document, for related features.
  StringMap<std::uint32_t> extra_ids_;
  std::vector<std::string> extra_names_;
  std::vector<std::uint32_t> extra_df_;
  std::vector<std::uint32_t> doc_extra_offsets_{0};
  std::vector<std::pair<std::uint32_t, std::uint16_t>> doc_extras_;
  // While finishing.
  const ExternalDf* external_ = nullptr;
  std::vector<std::uint8_t> packed_;  // a block's packed gaps
  // Slices.
  SliceOptions slice_options_;
  std::size_t held_bytes_ = 0;  // posting bytes in terms_
  std::vector<std::unique_ptr<SliceReader>> slices_;
  Status status_ = Status::Ok();
};

}  // namespace warta::index

#endif  // WARTA_INDEX_SEGMENT_BUILDER_H_
