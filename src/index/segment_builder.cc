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

}  // namespace

SegmentBuilder::SegmentBuilder(const text::Analyzer& analyzer,
                               RelatedFeatureOptions options,
                               RankingOptions ranking)
    : analyzer_(analyzer),
      options_(options),
      ranking_(ranking),
      seg_(std::unique_ptr<Segment>(new Segment())) {}

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
  Segment& s = *seg_;
  const auto d = static_cast<std::uint32_t>(s.docs_.size());
  DocMeta m;
  m.article_id = doc.article_id;
  m.published_at = doc.published_at;
  m.category_id = doc.category_id;
  m.cluster_id = doc.cluster_id;
  s.tag_ids_.insert(s.tag_ids_.end(), doc.tag_ids.begin(), doc.tag_ids.end());
  s.tag_offsets_.push_back(static_cast<std::uint32_t>(s.tag_ids_.size()));
  s.author_ids_.insert(s.author_ids_.end(), doc.author_ids.begin(),
                       doc.author_ids.end());
  s.author_offsets_.push_back(static_cast<std::uint32_t>(s.author_ids_.size()));
  s.by_article_.emplace_back(doc.article_id, d);

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
    s.length_sum_[f] += m.length[f];
    pos += used + kFieldGap;
  }
  for (DocTerm& dt : doc_terms_) {
    AddPosting(d, dt);
    slot_of_term_[dt.term] = -1;
  }
  s.docs_.push_back(m);

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
  Segment& s = *seg_;
  s.impact_scale_ = ImpactScale(ranking_);
  const double n = std::max<double>(1, s.doc_count());
  for (int f = 0; f < kFieldCount; ++f)
    s.avg_length_[f] = std::max(1.0, double(s.length_sum_[f]) / n);
  for (const DocMeta& m : s.docs_) {
    s.max_published_at_ = std::max(s.max_published_at_, m.published_at);
    s.has_clusters_ = s.has_clusters_ || m.cluster_id != 0;
  }
  BuildFeatures(external);  // from the term frequencies, before they go
  BuildPostings();
  terms_.clear();
  terms_.shrink_to_fit();
  s.term_ids_ = std::move(term_ids_);

  s.surfaces_.reserve(surfaces_.size());
  for (auto& [word, id] : surfaces_)
    s.surfaces_.push_back(Surface{word, term_names_[id]});
  std::sort(s.surfaces_.begin(), s.surfaces_.end(),
            [](const Surface& a, const Surface& b) { return a.word < b.word; });
  surfaces_.clear();
  std::sort(s.by_article_.begin(), s.by_article_.end());
  // Names and tags of one document only weigh nothing: not kept.
  for (std::size_t i = 0; i < extra_names_.size(); ++i) {
    if (extra_df_[i] >= 2)
      s.extra_df_.emplace(FeatureKeyOf(extra_names_[i]), extra_df_[i]);
  }
  return std::shared_ptr<const Segment>(seg_.release());
}

void SegmentBuilder::BuildPostings() {
  Segment& s = *seg_;
  s.terms_.resize(terms_.size());
  std::size_t doc_bytes = kPackPadding, pos_bytes = 0, blocks = 0;
  for (const TermBuild& t : terms_) {
    doc_bytes += t.docs.size();
    pos_bytes += t.pos.size();
    blocks += (t.df + kBlockSize - 1) / kBlockSize;
  }
  s.doc_bytes_.reserve(doc_bytes);  // packed gaps are rarely longer
  s.pos_bytes_.reserve(pos_bytes);
  s.blocks_.reserve(blocks);
  std::uint32_t docs[kBlockSize];
  Impact impacts[kBlockSize];
  for (std::size_t i = 0; i < terms_.size(); ++i) {
    TermBuild& t = terms_[i];
    TermInfo& info = s.terms_[i];
    info.df = t.df;
    info.first_block = static_cast<std::uint32_t>(s.blocks_.size());
    info.positions = !t.pos.empty();
    const std::uint64_t pos_base = s.pos_bytes_.size();
    s.pos_bytes_.insert(s.pos_bytes_.end(), t.pos.begin(), t.pos.end());
    TermReader r(t);
    std::uint32_t count = 0;
    Block b;
    auto flush = [&] {
      b.count = static_cast<std::uint16_t>(count);
      b.last_doc = docs[count - 1];
      b.doc_offset = s.doc_bytes_.size();
      const std::uint32_t next = s.blocks_.size() > info.first_block
                                     ? s.blocks_.back().last_doc + 1
                                     : 0;
      b.bits =
          static_cast<std::uint8_t>(PackGaps(docs, count, next, s.doc_bytes_));
      const auto* raw = reinterpret_cast<const std::uint8_t*>(impacts);
      s.doc_bytes_.insert(s.doc_bytes_.end(), raw,
                          raw + count * sizeof(Impact));
      s.blocks_.push_back(b);
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
          Bm25fTf(ranking_, s.avg_length_, s.docs_[r.doc()].length, r.tf()),
          s.impact_scale_);
      b.max_impact = std::max(b.max_impact, impacts[count]);
      info.max_impact = std::max(info.max_impact, impacts[count]);
      if (++count == kBlockSize) flush();
    }
    if (count > 0) flush();
    info.block_count =
        static_cast<std::uint32_t>(s.blocks_.size()) - info.first_block;
    std::vector<std::uint8_t>().swap(t.docs);
    std::vector<std::uint8_t>().swap(t.pos);
  }
  s.doc_bytes_.resize(s.doc_bytes_.size() + kPackPadding, 0);
  if (s.doc_bytes_.capacity() > s.doc_bytes_.size() * 11 / 10)
    s.doc_bytes_.shrink_to_fit();
}

void SegmentBuilder::BuildFeatures(const ExternalDf* external) {
  Segment& s = *seg_;
  const std::uint32_t n = s.doc_count();
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
  s.doc_features_.reserve(heap.size());
  for (std::uint32_t d = 0; d < n; ++d) {
    auto* h = heap.data() + static_cast<std::size_t>(d) * k;
    std::sort(h, h + filled[d],
              [](const auto& a, const auto& b) { return a.first > b.first; });
    double norm = 0;
    for (int i = 0; i < filled[d]; ++i) norm += double(h[i].first) * h[i].first;
    norm = norm > 0 ? std::sqrt(norm) : 1;
    for (int i = 0; i < filled[d]; ++i) {
      auto [it, added] = feature_of.emplace(
          h[i].second, static_cast<std::uint32_t>(s.feature_keys_.size()));
      if (added) {
        s.feature_keys_.push_back(FeatureKeyOf(
            h[i].second < term_count ? term_names_[h[i].second]
                                     : extra_names_[h[i].second - term_count]));
        list_sizes.push_back(0);
      }
      ++list_sizes[it->second];
      s.doc_features_.push_back(
          FeatureWeight{it->second, static_cast<float>(h[i].first / norm)});
    }
    s.feature_offsets_.push_back(
        static_cast<std::uint32_t>(s.doc_features_.size()));
  }
  std::vector<std::pair<float, std::uint32_t>>().swap(heap);
  for (std::uint32_t f = 0; f < s.feature_keys_.size(); ++f)
    s.feature_ids_.emplace(s.feature_keys_[f], f);
  // Inverted lists by document, the longest cut to their strongest entries.
  std::vector<std::uint32_t> starts(list_sizes.size() + 1, 0);
  for (std::size_t f = 0; f < list_sizes.size(); ++f)
    starts[f + 1] = starts[f] + list_sizes[f];
  std::vector<FeatureEntry> all(starts.back());
  std::vector<std::uint32_t> fill(starts.begin(), starts.end() - 1);
  for (std::uint32_t d = 0; d < n; ++d) {
    for (const FeatureWeight& fw : s.DocFeatures(d))
      all[fill[fw.feature]++] = FeatureEntry{d, fw.weight};
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
      s.list_entries_.insert(s.list_entries_.end(), list.begin(), list.end());
    } else {
      s.list_entries_.insert(s.list_entries_.end(), b, e);
    }
    s.list_offsets_.push_back(
        static_cast<std::uint32_t>(s.list_entries_.size()));
  }
}

}  // namespace warta::index
