#include "index/segment_builder.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "index/file_io.h"
#include "index/postings.h"
#include "index/segment_file.h"
#include "index/slice_file.h"
#include "index/varint.h"
#include "text/stopwords.h"

namespace warta::index {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if ((c < '0' || c > '9') && c != ',') return false;
  }
  return true;
}

// Sorts by key; of equal keys (a hash collision) the first stays first.
void SortByKey(std::vector<KeyValue>& table) {
  std::stable_sort(
      table.begin(), table.end(),
      [](const KeyValue& x, const KeyValue& y) { return x.key < y.key; });
}

}  // namespace

SegmentBuilder::SegmentBuilder(const text::Analyzer& analyzer,
                               RelatedFeatureOptions options,
                               RankingOptions ranking)
    : analyzer_(analyzer),
      options_(options),
      ranking_(ranking),
      seg_(std::unique_ptr<Segment>(new Segment())),
      a_(std::make_shared<SegmentArrays>()) {
  // Offset tables start at 0: entry i + 1 is where item i ends.
  for (auto* offsets :
       {&a_->tag_offsets, &a_->author_offsets, &a_->term_offsets,
        &a_->feature_offsets, &a_->list_offsets})
    offsets->push_back(0);
}

std::uint32_t SegmentBuilder::TermId(std::string_view term) {
  auto it = term_ids_.find(term);
  if (it != term_ids_.end()) return it->second;
  auto id = static_cast<std::uint32_t>(terms_.size());
  term_ids_.emplace(std::string(term), id);
  term_names_.emplace_back(term);
  terms_.emplace_back();
  return id;
}

void SegmentBuilder::Add(const IndexDoc& doc) {
  Add(PrepareDoc(analyzer_, doc));
}

void SegmentBuilder::Add(PreparedDoc p) {
  SegmentArrays& a = *a_;
  const IndexDoc& doc = p.doc;
  const auto d = static_cast<std::uint32_t>(a.docs.size());
  DocMeta m;
  m.article_id = doc.article_id;
  m.published_at = doc.published_at;
  m.category_id = doc.category_id;
  m.cluster_id = doc.cluster_id;
  a.tag_ids.insert(a.tag_ids.end(), doc.tag_ids.begin(), doc.tag_ids.end());
  a.tag_offsets.push_back(static_cast<std::uint32_t>(a.tag_ids.size()));
  a.author_ids.insert(a.author_ids.end(), doc.author_ids.begin(),
                      doc.author_ids.end());
  a.author_offsets.push_back(static_cast<std::uint32_t>(a.author_ids.size()));
  a.by_article.push_back(ArticleDoc{doc.article_id, d, 0});

  // Terms are numbered in the order they first occur, document by document.
  doc_term_ids_.clear();
  for (const PreparedDoc::Term& t : p.terms)
    doc_term_ids_.push_back(TermId(t.term));
  for (auto& [word, i] : p.surfaces) {
    if (surfaces_.find(word) == surfaces_.end())
      surfaces_.emplace(std::move(word), doc_term_ids_[i]);
  }
  for (int f = 0; f < kFieldCount; ++f) {
    m.length[f] = p.length[f];
    seg_->sc_.length_sum[f] += m.length[f];
  }
  for (std::size_t i = 0; i < p.terms.size(); ++i)
    AddPosting(d, doc_term_ids_[i], p.terms[i]);
  a.docs.push_back(m);

  // Names and tags, for related articles.
  std::unordered_map<std::string, std::uint16_t> extras;
  for (const std::string& name : p.names) {
    auto& c = extras["@" + name];
    if (c < 1000) ++c;
  }
  for (std::int64_t t : doc.tag_ids) extras["#" + std::to_string(t)] = 1;
  for (auto& [key, count] : extras) {
    auto [it, added] = extra_ids_.emplace(
        key, static_cast<std::uint32_t>(extra_names_.size()));
    if (added) {
      extra_names_.push_back(key);
      extra_df_.push_back(0);
    }
    ++extra_df_[it->second];
    doc_extras_.emplace_back(it->second, count);
  }
  doc_extra_offsets_.push_back(static_cast<std::uint32_t>(doc_extras_.size()));
  if (!slice_options_.prefix.empty() && status_.ok() &&
      held_bytes_ >= slice_options_.slice_bytes)
    status_ = WriteSlice();
}

void SegmentBuilder::AddPosting(std::uint32_t doc, std::uint32_t term,
                                const PreparedDoc::Term& dt) {
  TermBuild& t = terms_[term];
  const std::size_t before = t.docs.size() + t.pos.size();
  PutVarint(t.docs, doc - t.next_doc);
  if (dt.tf[0] <= 1 && dt.tf[1] <= 1 && dt.tf[2] <= 31) {
    t.docs.push_back(static_cast<std::uint8_t>((dt.tf[0] << 6) |
                                               (dt.tf[1] << 5) | dt.tf[2]));
  } else {
    t.docs.push_back(0x80);
    for (std::uint32_t v : dt.tf) PutVarint(t.docs, v);
  }
  if (!dt.positions.empty()) {
    PutVarint(t.pos, static_cast<std::uint32_t>(dt.positions.size()));
    std::uint32_t prev = 0;
    for (std::uint32_t p : dt.positions) {
      PutVarint(t.pos, p - prev);
      prev = p;
    }
  }
  t.next_doc = doc + 1;
  ++t.df;
  ++t.held;
  held_bytes_ += t.docs.size() + t.pos.size() - before;
}

// Where finished postings' bytes go: the segment's tables in memory, or
// scratch files that BuildFile copies into the segment file.
class PostingsOut {
 public:
  virtual ~PostingsOut() = default;
  Status Docs(const void* p, std::size_t n) {
    doc_size += n;
    return AppendDocs(static_cast<const std::uint8_t*>(p), n);
  }
  Status Pos(const std::uint8_t* p, std::size_t n) {
    pos_size += n;
    return AppendPos(p, n);
  }
  std::uint64_t doc_size = 0;
  std::uint64_t pos_size = 0;

 private:
  virtual Status AppendDocs(const std::uint8_t* p, std::size_t n) = 0;
  virtual Status AppendPos(const std::uint8_t* p, std::size_t n) = 0;
};

namespace {

class ArraysOut : public PostingsOut {
 public:
  explicit ArraysOut(SegmentArrays& a) : a_(a) {}

 private:
  Status AppendDocs(const std::uint8_t* p, std::size_t n) override {
    a_.doc_bytes.insert(a_.doc_bytes.end(), p, p + n);
    return Status::Ok();
  }
  Status AppendPos(const std::uint8_t* p, std::size_t n) override {
    a_.pos_bytes.insert(a_.pos_bytes.end(), p, p + n);
    return Status::Ok();
  }
  SegmentArrays& a_;
};

class FilesOut : public PostingsOut {
 public:
  FilesOut(TempFile& docs, TempFile& pos) : docs_(docs), pos_(pos) {}

 private:
  Status AppendDocs(const std::uint8_t* p, std::size_t n) override {
    return docs_.Append(p, n);
  }
  Status AppendPos(const std::uint8_t* p, std::size_t n) override {
    return pos_.Append(p, n);
  }
  TempFile& docs_;
  TempFile& pos_;
};

// Appends all of `from` (flushed) to `to`.
Status CopyFile(TempFile& from, AtomicFile& to) {
  std::vector<char> buffer(std::size_t{1} << 20);
  for (std::uint64_t left = from.size(); left > 0;) {
    const auto n =
        static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
    WARTA_RETURN_IF_ERROR(from.Read(buffer.data(), n));
    WARTA_RETURN_IF_ERROR(to.Append(buffer.data(), n));
    left -= n;
  }
  return Status::Ok();
}

}  // namespace

// Reads a term's postings in order across its chunks (slices, then what is
// in memory): document gaps run on from one chunk to the next.
class SegmentBuilder::TermReader {
 public:
  explicit TermReader(std::span<const Chunk> chunks) : chunks_(chunks) {}
  bool Next() {
    while (left_ == 0) {
      if (next_chunk_ == chunks_.size()) return false;
      const Chunk& c = chunks_[next_chunk_++];
      p_ = c.docs;
      pos_ = chunk_pos_ = c.pos;
      pos_start_ = pos_end_;
      pos_end_ += c.pos_size;
      left_ = c.postings;
    }
    --left_;
    doc_ = next_ + GetVarint(p_);
    next_ = doc_ + 1;
    std::uint8_t code = *p_++;
    if (code & 0x80) {
      for (std::uint32_t& v : tf_) v = GetVarint(p_);
    } else {
      tf_[0] = (code >> 6) & 1;
      tf_[1] = (code >> 5) & 1;
      tf_[2] = code & 31;
    }
    return true;
  }
  std::uint32_t doc() const { return doc_; }
  const std::uint32_t* tf() const { return tf_; }
  // Moves past the current posting's positions; returns where they start
  // in the term's positions.
  std::uint64_t SkipPositions() {
    const std::uint64_t start = pos_start_ + (pos_ - chunk_pos_);
    for (std::uint32_t n = GetVarint(pos_); n > 0; --n) GetVarint(pos_);
    return start;
  }

 private:
  std::span<const Chunk> chunks_;
  std::size_t next_chunk_ = 0;
  const std::uint8_t* p_ = nullptr;
  const std::uint8_t* pos_ = nullptr;
  const std::uint8_t* chunk_pos_ = nullptr;
  std::uint64_t pos_start_ = 0;  // the chunk's positions in the term's
  std::uint64_t pos_end_ = 0;
  std::uint32_t left_ = 0;
  std::uint32_t next_ = 0;
  std::uint32_t doc_ = 0;
  std::uint32_t tf_[kFieldCount] = {0, 0, 0};
};

// Per document, a min-heap of its k strongest related-feature candidates.
// Candidate ids: term ids, then extra ids offset by the term count.
struct SegmentBuilder::FeatureHeaps {
  FeatureHeaps(std::uint32_t n, int k)
      : k(k), heap(static_cast<std::size_t>(n) * k), filled(n, 0) {}
  void Offer(std::uint32_t d, float w, std::uint32_t id) {
    auto* h = heap.data() + static_cast<std::size_t>(d) * k;
    auto cmp = [](const auto& a, const auto& b) { return a.first > b.first; };
    if (filled[d] < k) {
      h[filled[d]++] = {w, id};
      std::push_heap(h, h + filled[d], cmp);
    } else if (w > h[0].first) {
      std::pop_heap(h, h + k, cmp);
      h[k - 1] = {w, id};
      std::push_heap(h, h + k, cmp);
    }
  }
  const int k;
  std::vector<std::pair<float, std::uint32_t>> heap;
  std::vector<std::uint8_t> filled;
};

SegmentBuilder::~SegmentBuilder() = default;

void SegmentBuilder::UseSlices(SliceOptions slices) {
  slice_options_ = std::move(slices);
}

Status SegmentBuilder::WriteSlice() {
  WARTA_ASSIGN_OR_RETURN(
      auto file,
      TempFile::Create(slice_options_.prefix + "-" +
                       std::to_string(slices_.size() + 1) + ".slice"));
  for (std::size_t t = 0; t < terms_.size(); ++t) {
    TermBuild& tb = terms_[t];
    if (tb.held == 0) continue;
    WARTA_RETURN_IF_ERROR(WriteSliceTerm(*file, static_cast<std::uint32_t>(t),
                                         tb.held, tb.docs, tb.pos));
    std::vector<std::uint8_t>().swap(tb.docs);
    std::vector<std::uint8_t>().swap(tb.pos);
    tb.held = 0;
  }
  WARTA_RETURN_IF_ERROR(file->Flush());
  slices_.push_back(std::make_unique<SliceReader>(std::move(file)));
  held_bytes_ = 0;
  return Status::Ok();
}

double SegmentBuilder::Idf(std::uint32_t local_df, std::string_view key) const {
  const double total_docs =
      static_cast<double>(a_->docs.size()) + (external_ ? external_->docs : 0);
  double df = local_df + (external_ && external_->df ? external_->df(key) : 0);
  if (df < 2) return 0;  // nobody else has it: useless for relating
  double v = std::log(total_docs / df);
  return v > 0.1 ? v : 0;
}

std::shared_ptr<const Segment> SegmentBuilder::Build(
    const ExternalDf* external) {
  SegmentArrays& a = *a_;
  std::size_t doc_bytes = kPackPadding, pos_bytes = 0, blocks = 0;
  for (const TermBuild& t : terms_) {
    doc_bytes += t.docs.size();
    pos_bytes += t.pos.size();
    blocks += (t.df + kBlockSize - 1) / kBlockSize;
  }
  a.doc_bytes.reserve(doc_bytes);  // packed gaps are rarely longer
  a.pos_bytes.reserve(pos_bytes);
  a.blocks.reserve(blocks);
  ArraysOut out(a);
  // In memory nothing can fail.
  if (Status s = Finish(external, out); !s.ok()) return nullptr;
  if (a.doc_bytes.capacity() > a.doc_bytes.size() * 11 / 10)
    a.doc_bytes.shrink_to_fit();
  seg_->Adopt(std::move(a_));
  return std::shared_ptr<const Segment>(seg_.release());
}

Result<std::shared_ptr<const Segment>> SegmentBuilder::BuildFile(
    const std::string& path, const ExternalDf* external) {
  WARTA_RETURN_IF_ERROR(status_);
  WARTA_ASSIGN_OR_RETURN(auto docs, TempFile::Create(path + ".docs"));
  WARTA_ASSIGN_OR_RETURN(auto pos, TempFile::Create(path + ".pos"));
  FilesOut out(*docs, *pos);
  if (Status s = Finish(external, out); !s.ok()) {
    slices_.clear();  // their files go now
    return s;
  }
  WARTA_RETURN_IF_ERROR(docs->Flush());
  WARTA_RETURN_IF_ERROR(pos->Flush());
  SegmentArrays& a = *a_;
  auto section = [&](int i, AtomicFile& file) -> Status {
    Status status = Status::Ok();
    int at = 0;
    a.Visit([&](auto& table) {
      if (at++ != i) return;
      if (static_cast<const void*>(&table) == &a.doc_bytes) {
        status = CopyFile(*docs, file);
      } else if (static_cast<const void*>(&table) == &a.pos_bytes) {
        status = CopyFile(*pos, file);
      } else if (!table.empty()) {
        status = file.Append(table.data(), table.size() * sizeof(table[0]));
      }
    });
    return status;
  };
  WARTA_RETURN_IF_ERROR(WriteSegmentFile(seg_->sc_, section, path));
  a_.reset();
  return OpenSegmentFile(path, false);
}

Status SegmentBuilder::Finish(const ExternalDf* external, PostingsOut& out) {
  SegmentArrays& a = *a_;
  SegmentScalars& sc = seg_->sc_;
  external_ = external;
  sc.impact_scale = ImpactScale(ranking_);
  const double n = std::max<double>(1, a.docs.size());
  for (int f = 0; f < kFieldCount; ++f)
    sc.avg_length[f] = std::max(1.0, double(sc.length_sum[f]) / n);
  for (const DocMeta& m : a.docs) {
    sc.max_published_at = std::max(sc.max_published_at, m.published_at);
    if (m.cluster_id != 0) sc.has_clusters = 1;
  }

  // Every term's postings, from the slices (each read once, in order: their
  // records are by ascending term) and memory.
  FeatureHeaps heaps(static_cast<std::uint32_t>(a.docs.size()),
                     options_.per_doc);
  a.terms.resize(terms_.size());
  for (auto& slice : slices_) WARTA_RETURN_IF_ERROR(slice->Next());
  std::vector<Chunk> chunks;
  for (std::uint32_t t = 0; t < terms_.size(); ++t) {
    if (slice_options_.cancel && t % 4096 == 0 && slice_options_.cancel->load())
      return Status::Unavailable("search index build stopped");
    chunks.clear();
    for (const auto& s : slices_) {
      if (!s->done() && s->term() == t)
        chunks.push_back(Chunk{s->docs().data(), s->pos().data(),
                               s->pos().size(), s->postings()});
    }
    TermBuild& tb = terms_[t];
    if (tb.held > 0)
      chunks.push_back(
          Chunk{tb.docs.data(), tb.pos.data(), tb.pos.size(), tb.held});
    WARTA_RETURN_IF_ERROR(FinishTerm(t, chunks, out, heaps));
    for (auto& s : slices_) {
      if (!s->done() && s->term() == t) WARTA_RETURN_IF_ERROR(s->Next());
    }
    std::vector<std::uint8_t>().swap(tb.docs);
    std::vector<std::uint8_t>().swap(tb.pos);
  }
  for (const auto& s : slices_) {
    if (!s->done()) return Status::Internal("a slice has unknown terms");
  }
  slices_.clear();
  const std::uint8_t padding[kPackPadding] = {};
  WARTA_RETURN_IF_ERROR(out.Docs(padding, sizeof padding));
  FinishFeatures(heaps);
  terms_.clear();
  terms_.shrink_to_fit();
  term_ids_.clear();

  // Term texts, and their order for lookups.
  for (const std::string& t : term_names_) {
    a.term_text.insert(a.term_text.end(), t.begin(), t.end());
    a.term_offsets.push_back(static_cast<std::uint32_t>(a.term_text.size()));
  }
  a.term_order.resize(term_names_.size());
  for (std::uint32_t i = 0; i < a.term_order.size(); ++i) a.term_order[i] = i;
  std::sort(a.term_order.begin(), a.term_order.end(),
            [this](std::uint32_t x, std::uint32_t y) {
              return term_names_[x] < term_names_[y];
            });

  std::vector<std::pair<std::string_view, std::uint32_t>> words(
      surfaces_.begin(), surfaces_.end());
  std::sort(words.begin(), words.end());
  a.surfaces.reserve(words.size());
  for (const auto& [word, id] : words) {
    a.surfaces.push_back(
        SurfaceEntry{static_cast<std::uint32_t>(a.surface_text.size()),
                     static_cast<std::uint32_t>(word.size()), id});
    a.surface_text.insert(a.surface_text.end(), word.begin(), word.end());
  }
  words.clear();
  surfaces_.clear();
  std::sort(a.by_article.begin(), a.by_article.end(),
            [](const ArticleDoc& x, const ArticleDoc& y) {
              return x.article_id < y.article_id;
            });
  // Names and tags of one document only weigh nothing: not kept.
  for (std::size_t i = 0; i < extra_names_.size(); ++i) {
    if (extra_df_[i] >= 2)
      a.extra_df.push_back(
          KeyValue{FeatureKeyOf(extra_names_[i]), extra_df_[i], 0});
  }
  SortByKey(a.extra_df);
  return Status::Ok();
}

Status SegmentBuilder::FinishTerm(std::uint32_t t,
                                  std::span<const Chunk> chunks,
                                  PostingsOut& out, FeatureHeaps& heaps) {
  SegmentArrays& a = *a_;
  const SegmentScalars& sc = seg_->sc_;
  TermInfo& info = a.terms[t];
  info.df = terms_[t].df;
  info.first_block = static_cast<std::uint32_t>(a.blocks.size());
  info.positions = false;
  const std::uint64_t pos_base = out.pos_size;
  for (const Chunk& c : chunks) {
    if (c.pos_size == 0) continue;
    info.positions = true;
    WARTA_RETURN_IF_ERROR(out.Pos(c.pos, c.pos_size));
  }
  // Its weight as a related-article feature (0: not one).
  const std::string& name = term_names_[t];
  double w_idf = 0;
  if (name.size() >= 3 && !AllDigits(name) && !text::IsStopword(name))
    w_idf = Idf(terms_[t].df, name);

  std::uint32_t docs[kBlockSize];
  Impact impacts[kBlockSize];
  std::uint32_t count = 0;
  Block b;
  auto flush = [&]() -> Status {
    b.count = static_cast<std::uint16_t>(count);
    b.last_doc = docs[count - 1];
    b.doc_offset = out.doc_size;
    const std::uint32_t next =
        a.blocks.size() > info.first_block ? a.blocks.back().last_doc + 1 : 0;
    packed_.clear();
    b.bits = static_cast<std::uint8_t>(PackGaps(docs, count, next, packed_));
    WARTA_RETURN_IF_ERROR(out.Docs(packed_.data(), packed_.size()));
    WARTA_RETURN_IF_ERROR(out.Docs(impacts, count * sizeof(Impact)));
    a.blocks.push_back(b);
    count = 0;
    return Status::Ok();
  };
  for (TermReader r(chunks); r.Next();) {
    if (w_idf > 0) {
      double tfw = options_.title_weight * r.tf()[kTitle] +
                   options_.excerpt_weight * r.tf()[kExcerpt] + r.tf()[kBody];
      heaps.Offer(r.doc(), static_cast<float>((1 + std::log(tfw)) * w_idf), t);
    }
    if (count == 0) {
      b = Block{};
      b.pos_offset = pos_base + (info.positions ? r.SkipPositions() : 0);
    } else if (info.positions) {
      r.SkipPositions();
    }
    docs[count] = r.doc();
    impacts[count] = QuantizeImpact(
        Bm25fTf(ranking_, sc.avg_length, a.docs[r.doc()].length, r.tf()),
        sc.impact_scale);
    b.max_impact = std::max(b.max_impact, impacts[count]);
    info.max_impact = std::max(info.max_impact, impacts[count]);
    if (++count == kBlockSize) WARTA_RETURN_IF_ERROR(flush());
  }
  if (count > 0) WARTA_RETURN_IF_ERROR(flush());
  info.block_count =
      static_cast<std::uint32_t>(a.blocks.size()) - info.first_block;
  return Status::Ok();
}

void SegmentBuilder::FinishFeatures(FeatureHeaps& heaps) {
  SegmentArrays& a = *a_;
  const auto n = static_cast<std::uint32_t>(a.docs.size());
  const auto term_count = static_cast<std::uint32_t>(term_names_.size());
  for (std::uint32_t d = 0; d < n; ++d) {
    for (std::uint32_t i = doc_extra_offsets_[d]; i < doc_extra_offsets_[d + 1];
         ++i) {
      auto [e, count] = doc_extras_[i];
      const std::string& key = extra_names_[e];
      double w_idf = Idf(extra_df_[e], key);
      if (w_idf <= 0) continue;
      double boost = key[0] == '#' ? options_.tag_boost : options_.name_boost;
      heaps.Offer(
          d, static_cast<float>((1 + std::log(double(count))) * w_idf * boost),
          term_count + e);
    }
  }
  // Forward vectors, normalized, strongest first.
  const int k = heaps.k;
  std::unordered_map<std::uint32_t, std::uint32_t> feature_of;  // cand -> id
  std::vector<std::uint32_t> list_sizes;
  a.doc_features.reserve(heaps.heap.size());
  for (std::uint32_t d = 0; d < n; ++d) {
    auto* h = heaps.heap.data() + static_cast<std::size_t>(d) * k;
    const int filled = heaps.filled[d];
    std::sort(h, h + filled,
              [](const auto& a, const auto& b) { return a.first > b.first; });
    double norm = 0;
    for (int i = 0; i < filled; ++i) norm += double(h[i].first) * h[i].first;
    norm = norm > 0 ? std::sqrt(norm) : 1;
    for (int i = 0; i < filled; ++i) {
      auto [it, added] = feature_of.emplace(
          h[i].second, static_cast<std::uint32_t>(a.feature_keys.size()));
      if (added) {
        a.feature_keys.push_back(FeatureKeyOf(
            h[i].second < term_count ? term_names_[h[i].second]
                                     : extra_names_[h[i].second - term_count]));
        list_sizes.push_back(0);
      }
      ++list_sizes[it->second];
      a.doc_features.push_back(
          FeatureWeight{it->second, static_cast<float>(h[i].first / norm)});
    }
    a.feature_offsets.push_back(
        static_cast<std::uint32_t>(a.doc_features.size()));
  }
  std::vector<std::pair<float, std::uint32_t>>().swap(heaps.heap);
  for (std::uint32_t f = 0; f < a.feature_keys.size(); ++f)
    a.feature_ids.push_back(KeyValue{a.feature_keys[f], f, 0});
  SortByKey(a.feature_ids);
  // Inverted lists by document, the longest cut to their strongest entries.
  std::vector<std::uint32_t> starts(list_sizes.size() + 1, 0);
  for (std::size_t f = 0; f < list_sizes.size(); ++f)
    starts[f + 1] = starts[f] + list_sizes[f];
  std::vector<FeatureEntry> all(starts.back());
  std::vector<std::uint32_t> fill(starts.begin(), starts.end() - 1);
  for (std::uint32_t d = 0; d < n; ++d) {
    for (std::uint32_t i = a.feature_offsets[d]; i < a.feature_offsets[d + 1];
         ++i) {
      const FeatureWeight& fw = a.doc_features[i];
      all[fill[fw.feature]++] = FeatureEntry{d, fw.weight};
    }
  }
  const auto max_list = static_cast<std::size_t>(options_.max_list);
  for (std::size_t f = 0; f < list_sizes.size(); ++f) {
    auto b = all.begin() + starts[f], e = all.begin() + starts[f + 1];
    if (static_cast<std::size_t>(e - b) > max_list) {
      std::vector<FeatureEntry> list(b, e);
      std::partial_sort(list.begin(), list.begin() + max_list, list.end(),
                        [](const FeatureEntry& x, const FeatureEntry& y) {
                          return x.weight > y.weight;
                        });
      list.resize(max_list);
      std::sort(list.begin(), list.end(),
                [](const FeatureEntry& x, const FeatureEntry& y) {
                  return x.doc < y.doc;
                });
      a.list_entries.insert(a.list_entries.end(), list.begin(), list.end());
    } else {
      a.list_entries.insert(a.list_entries.end(), b, e);
    }
    a.list_offsets.push_back(static_cast<std::uint32_t>(a.list_entries.size()));
  }
}

}  // namespace warta::index
