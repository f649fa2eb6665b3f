#include "index/segment_builder.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "index/postings.h"
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
  SegmentArrays& a = *a_;
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

  doc_terms_.clear();
  text::AnalyzeOptions ao;
  ao.expand_abbreviations = true;
  ao.keep_stopwords = true;
  const std::string* fields[kFieldCount] = {&doc.title, &doc.excerpt,
                                            &doc.body};
  int pos = 0;
  for (int f = 0; f < kFieldCount; ++f) {
    std::uint32_t hits = 0;
    int used = analyzer_.Analyze(
        *fields[f], ao,
        [&](const text::TermHit& h) {
          std::uint32_t id = TermId(h.term);
          if (slot_of_term_.size() <= id) slot_of_term_.resize(id + 1, -1);
          if (slot_of_term_[id] < 0) {
            slot_of_term_[id] = static_cast<std::int32_t>(doc_terms_.size());
            doc_terms_.emplace_back();
            doc_terms_.back().term = id;
          }
          DocTerm& dt = doc_terms_[slot_of_term_[id]];
          ++dt.tf[f];
          // Stopwords need no positions: phrases step over them.
          if (!text::IsStopword(h.term))
            dt.positions.push_back(static_cast<std::uint32_t>(h.position));
          if (surfaces_.find(h.token->word) == surfaces_.end())
            surfaces_.emplace(h.token->word, id);
          ++hits;
        },
        pos);
    m.length[f] =
        static_cast<std::uint16_t>(std::min<std::uint32_t>(hits, 65535));
    seg_->sc_.length_sum[f] += m.length[f];
    pos += used + kFieldGap;
  }
  for (DocTerm& dt : doc_terms_) {
    AddPosting(d, dt);
    slot_of_term_[dt.term] = -1;
  }
  a.docs.push_back(m);

  // Names and tags, for related articles.
  std::unordered_map<std::string, std::uint16_t> extras;
  for (std::string& name : analyzer_.Names(doc.excerpt + " " + doc.body)) {
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
}

void SegmentBuilder::AddPosting(std::uint32_t doc, const DocTerm& dt) {
  TermBuild& t = terms_[dt.term];
  PutVarint(t.docs, doc - t.next_doc);
  if (dt.tf[0] <= 1 && dt.tf[1] <= 1 && dt.tf[2] <= 31) {
    t.docs.push_back(static_cast<std::uint8_t>((dt.tf[0] << 6) |
                                               (dt.tf[1] << 5) | dt.tf[2]));
  } else {
    t.docs.push_back(0x80);
    for (std::uint32_t v : dt.tf) PutVarint(t.docs, v);
  }
  if (!dt.positions.empty()) {
    std::vector<std::uint32_t> positions = dt.positions;
    std::sort(positions.begin(), positions.end());
    PutVarint(t.pos, static_cast<std::uint32_t>(positions.size()));
    std::uint32_t prev = 0;
    for (std::uint32_t p : positions) {
      PutVarint(t.pos, p - prev);
      prev = p;
    }
  }
  t.next_doc = doc + 1;
  ++t.df;
}

// Reads a TermBuild's postings in order.
class SegmentBuilder::TermReader {
 public:
  explicit TermReader(const TermBuild& t)
      : p_(t.docs.data()), pos_(t.pos.data()), left_(t.df) {}
  bool Next() {
    if (left_ == 0) return false;
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
  // Moves past the current posting's positions; returns where they start.
  const std::uint8_t* SkipPositions() {
    const std::uint8_t* start = pos_;
    for (std::uint32_t n = GetVarint(pos_); n > 0; --n) GetVarint(pos_);
    return start;
  }

 private:
  const std::uint8_t* p_;
  const std::uint8_t* pos_;
  std::uint32_t left_;
  std::uint32_t next_ = 0;
  std::uint32_t doc_ = 0;
  std::uint32_t tf_[kFieldCount] = {0, 0, 0};
};

std::shared_ptr<const Segment> SegmentBuilder::Build(
    const ExternalDf* external) {
  SegmentArrays& a = *a_;
  SegmentScalars& sc = seg_->sc_;
  sc.impact_scale = ImpactScale(ranking_);
  const double n = std::max<double>(1, a.docs.size());
  for (int f = 0; f < kFieldCount; ++f)
    sc.avg_length[f] = std::max(1.0, double(sc.length_sum[f]) / n);
  for (const DocMeta& m : a.docs) {
    sc.max_published_at = std::max(sc.max_published_at, m.published_at);
    if (m.cluster_id != 0) sc.has_clusters = 1;
  }
  BuildFeatures(external);  // from the term frequencies, before they go
  BuildPostings();
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
  seg_->Adopt(std::move(a_));
  return std::shared_ptr<const Segment>(seg_.release());
}

void SegmentBuilder::BuildPostings() {
  SegmentArrays& a = *a_;
  const SegmentScalars& sc = seg_->sc_;
  a.terms.resize(terms_.size());
  std::size_t doc_bytes = kPackPadding, pos_bytes = 0, blocks = 0;
  for (const TermBuild& t : terms_) {
    doc_bytes += t.docs.size();
    pos_bytes += t.pos.size();
    blocks += (t.df + kBlockSize - 1) / kBlockSize;
  }
  a.doc_bytes.reserve(doc_bytes);  // packed gaps are rarely longer
  a.pos_bytes.reserve(pos_bytes);
  a.blocks.reserve(blocks);
  std::uint32_t docs[kBlockSize];
  Impact impacts[kBlockSize];
  for (std::size_t i = 0; i < terms_.size(); ++i) {
    TermBuild& t = terms_[i];
    TermInfo& info = a.terms[i];
    info.df = t.df;
    info.first_block = static_cast<std::uint32_t>(a.blocks.size());
    info.positions = !t.pos.empty();
    const std::uint64_t pos_base = a.pos_bytes.size();
    a.pos_bytes.insert(a.pos_bytes.end(), t.pos.begin(), t.pos.end());
    TermReader r(t);
    std::uint32_t count = 0;
    Block b;
    auto flush = [&] {
      b.count = static_cast<std::uint16_t>(count);
      b.last_doc = docs[count - 1];
      b.doc_offset = a.doc_bytes.size();
      const std::uint32_t next =
          a.blocks.size() > info.first_block ? a.blocks.back().last_doc + 1 : 0;
      b.bits =
          static_cast<std::uint8_t>(PackGaps(docs, count, next, a.doc_bytes));
      const auto* raw = reinterpret_cast<const std::uint8_t*>(impacts);
      a.doc_bytes.insert(a.doc_bytes.end(), raw, raw + count * sizeof(Impact));
      a.blocks.push_back(b);
      count = 0;
    };
    while (r.Next()) {
      if (count == 0) {
        b = Block{};
        b.pos_offset =
            pos_base + (info.positions ? r.SkipPositions() - t.pos.data() : 0);
      } else if (info.positions) {
        r.SkipPositions();
      }
      docs[count] = r.doc();
      impacts[count] = QuantizeImpact(
          Bm25fTf(ranking_, sc.avg_length, a.docs[r.doc()].length, r.tf()),
          sc.impact_scale);
      b.max_impact = std::max(b.max_impact, impacts[count]);
      info.max_impact = std::max(info.max_impact, impacts[count]);
      if (++count == kBlockSize) flush();
    }
    if (count > 0) flush();
    info.block_count =
        static_cast<std::uint32_t>(a.blocks.size()) - info.first_block;
    std::vector<std::uint8_t>().swap(t.docs);
    std::vector<std::uint8_t>().swap(t.pos);
  }
  a.doc_bytes.resize(a.doc_bytes.size() + kPackPadding, 0);
  if (a.doc_bytes.capacity() > a.doc_bytes.size() * 11 / 10)
    a.doc_bytes.shrink_to_fit();
}

void SegmentBuilder::BuildFeatures(const ExternalDf* external) {
  SegmentArrays& a = *a_;
  const auto n = static_cast<std::uint32_t>(a.docs.size());
  const int k = options_.per_doc;
  const double total_docs =
      static_cast<double>(n) + (external ? external->docs : 0);
  auto idf = [&](std::uint32_t local_df, std::string_view key) -> double {
    double df = local_df + (external && external->df ? external->df(key) : 0);
    if (df < 2) return 0;  // nobody else has it: useless for relating
    double v = std::log(total_docs / df);
    return v > 0.1 ? v : 0;
  };
  // Per document, a min-heap of its k strongest candidates. Candidate ids:
  // term ids, then extra ids offset by the term count.
  const auto term_count = static_cast<std::uint32_t>(terms_.size());
  std::vector<std::pair<float, std::uint32_t>> heap(
      static_cast<std::size_t>(n) * k);
  std::vector<std::uint8_t> filled(n, 0);
  auto offer = [&](std::uint32_t d, float w, std::uint32_t id) {
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
  };
  for (std::uint32_t t = 0; t < term_count; ++t) {
    const std::string& name = term_names_[t];
    if (name.size() < 3 || AllDigits(name) || text::IsStopword(name)) continue;
    double w_idf = idf(terms_[t].df, name);
    if (w_idf <= 0) continue;
    for (TermReader r(terms_[t]); r.Next();) {
      double tfw = options_.title_weight * r.tf()[kTitle] +
                   options_.excerpt_weight * r.tf()[kExcerpt] + r.tf()[kBody];
      offer(r.doc(), static_cast<float>((1 + std::log(tfw)) * w_idf), t);
    }
  }
  for (std::uint32_t d = 0; d < n; ++d) {
    for (std::uint32_t i = doc_extra_offsets_[d]; i < doc_extra_offsets_[d + 1];
         ++i) {
      auto [e, count] = doc_extras_[i];
      const std::string& key = extra_names_[e];
      double w_idf = idf(extra_df_[e], key);
      if (w_idf <= 0) continue;
      double boost = key[0] == '#' ? options_.tag_boost : options_.name_boost;
      offer(d,
            static_cast<float>((1 + std::log(double(count))) * w_idf * boost),
            term_count + e);
    }
  }
  // Forward vectors, normalized, strongest first.
  std::unordered_map<std::uint32_t, std::uint32_t> feature_of;  // cand -> id
  std::vector<std::uint32_t> list_sizes;
  a.doc_features.reserve(heap.size());
  for (std::uint32_t d = 0; d < n; ++d) {
    auto* h = heap.data() + static_cast<std::size_t>(d) * k;
    std::sort(h, h + filled[d],
              [](const auto& a, const auto& b) { return a.first > b.first; });
    double norm = 0;
    for (int i = 0; i < filled[d]; ++i) norm += double(h[i].first) * h[i].first;
    norm = norm > 0 ? std::sqrt(norm) : 1;
    for (int i = 0; i < filled[d]; ++i) {
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
  std::vector<std::pair<float, std::uint32_t>>().swap(heap);
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
