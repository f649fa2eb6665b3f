#include "index/segment.h"

#include <algorithm>

#include "base/strings.h"
#include "index/postings.h"
#include "index/varint.h"

namespace warta::index {

namespace {

const KeyValue* FindKey(std::span<const KeyValue> table, std::uint64_t key) {
  auto it = std::lower_bound(
      table.begin(), table.end(), key,
      [](const KeyValue& e, std::uint64_t k) { return e.key < k; });
  return it == table.end() || it->key != key ? nullptr : &*it;
}

}  // namespace

void Segment::Adopt(std::shared_ptr<SegmentArrays> arrays) {
  std::vector<std::pair<const void*, std::size_t>> tables;
  arrays->Visit([&](auto& v) { tables.emplace_back(v.data(), v.size()); });
  std::size_t i = 0;
  Visit([&](auto& span) {
    using T = typename std::remove_reference_t<decltype(span)>::element_type;
    span = {static_cast<const T*>(tables[i].first), tables[i].second};
    ++i;
  });
  owner_ = std::move(arrays);
  mapped_ = false;
}

const TermInfo* Segment::FindTerm(std::string_view term) const {
  auto it = std::lower_bound(t_.term_order.begin(), t_.term_order.end(), term,
                             [this](std::uint32_t id, std::string_view t) {
                               return TermText(id) < t;
                             });
  if (it == t_.term_order.end() || TermText(*it) != term) return nullptr;
  return &t_.terms[*it];
}

std::uint32_t Segment::FeatureDf(std::string_view feature) const {
  if (!feature.empty() && (feature[0] == '@' || feature[0] == '#')) {
    const KeyValue* e = FindKey(t_.extra_df, FeatureKeyOf(feature));
    return e ? e->value : 0;
  }
  const TermInfo* t = FindTerm(feature);
  return t ? t->df : 0;
}

SurfaceRange Segment::SurfacesWithPrefix(std::string_view prefix) const {
  auto word = [this](const SurfaceEntry& e) {
    return std::string_view(t_.surface_text.data() + e.word_offset,
                            e.word_size);
  };
  auto lo = std::lower_bound(
      t_.surfaces.begin(), t_.surfaces.end(), prefix,
      [&](const SurfaceEntry& s, std::string_view p) { return word(s) < p; });
  auto hi = lo;
  while (hi != t_.surfaces.end() &&
         word(*hi).substr(0, prefix.size()) == prefix)
    ++hi;
  return {this, t_.surfaces.subspan(lo - t_.surfaces.begin(), hi - lo)};
}

std::optional<std::uint32_t> Segment::FindArticle(
    std::int64_t article_id) const {
  auto it = std::lower_bound(
      t_.by_article.begin(), t_.by_article.end(), article_id,
      [](const ArticleDoc& e, std::int64_t id) { return e.article_id < id; });
  if (it == t_.by_article.end() || it->article_id != article_id)
    return std::nullopt;
  return it->doc;
}

std::uint64_t FeatureKeyOf(std::string_view feature) {
  return Fnv1a64(feature);
}

std::span<const FeatureEntry> Segment::FeatureList(std::uint64_t key) const {
  const KeyValue* e = FindKey(t_.feature_ids, key);
  if (!e) return {};
  return t_.list_entries.subspan(
      t_.list_offsets[e->value],
      t_.list_offsets[e->value + 1] - t_.list_offsets[e->value]);
}

std::size_t Segment::MemoryBytes() const {
  std::size_t n = 0;
  Visit([&](const auto& span) { n += span.size_bytes(); });
  return n;
}

std::string Segment::MemoryReport() const {
  auto mib = [](double b) { return std::to_string(int(b / 1048576)) + " MiB"; };
  std::size_t stop_bytes = 0;
  for (const TermInfo& t : t_.terms) {
    if (t.positions || !t.block_count) continue;
    std::size_t end = t.first_block + t.block_count < t_.blocks.size()
                          ? t_.blocks[t.first_block + t.block_count].doc_offset
                          : t_.doc_bytes.size();
    stop_bytes += end - t_.blocks[t.first_block].doc_offset;
  }
  return std::string(mapped_ ? "mapped: " : "heap: ") + "docs " +
         mib(t_.docs.size_bytes()) + ", postings " + mib(t_.doc_bytes.size()) +
         " (stopwords " + mib(stop_bytes) + "), positions " +
         mib(t_.pos_bytes.size()) + ", blocks " + mib(t_.blocks.size_bytes()) +
         ", terms " + std::to_string(t_.terms.size()) + " (" +
         mib(t_.terms.size_bytes() + t_.term_text.size() +
             t_.term_order.size_bytes()) +
         "), surfaces " +
         mib(t_.surfaces.size_bytes() + t_.surface_text.size()) + ", related " +
         mib(t_.doc_features.size_bytes() + t_.list_entries.size_bytes()) +
         ", total " + mib(MemoryBytes());
}

PostingCursor::PostingCursor(const Segment& segment, const TermInfo& term)
    : seg_(segment),
      term_(term),
      blocks_(segment.t_.blocks.data() + term.first_block) {
  docs_[0] = 0;
  if (term_.block_count == 0) return;
  LoadBlock(0);
}

void PostingCursor::LoadBlock(std::uint32_t b) {
  block_ = b;
  i_ = 0;
  valid_ = true;
  const Block& blk = blocks_[b];
  const std::uint8_t* p = seg_.t_.doc_bytes.data() + blk.doc_offset;
  UnpackGaps(p, blk.count, blk.bits, b == 0 ? 0 : blocks_[b - 1].last_doc + 1,
             docs_);
  impacts_ = p + PackedBytes(blk.count, blk.bits);
}

void PostingCursor::SkipTo(std::uint32_t target) {
  if (!valid_ || docs_[i_] >= target) return;
  if (blocks_[block_].last_doc < target) {
    // Gallop to the first block that may hold `target`: the next one is
    // the usual answer when two long lists are intersected.
    const std::uint32_t n = term_.block_count;
    std::uint32_t lo = block_ + 1, probe = lo, step = 1;
    while (probe < n && blocks_[probe].last_doc < target) {
      lo = probe + 1;
      probe = lo + step;
      step *= 2;
    }
    std::uint32_t hi = std::min(n, probe + 1);
    while (lo < hi) {
      std::uint32_t mid = (lo + hi) / 2;
      if (blocks_[mid].last_doc < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo >= n) {
      valid_ = false;
      i_ = 0;
      return;
    }
    LoadBlock(lo);
  }
  // Intersecting two long lists moves a few postings at a time: look at
  // the next ones before searching the rest of the block.
  const std::uint32_t n = blocks_[block_].count;
  const std::uint32_t near = std::min(n, i_ + 8);
  while (i_ < near && docs_[i_] < target) ++i_;
  if (i_ == near && near < n) {
    i_ = static_cast<std::uint32_t>(
        std::lower_bound(docs_ + i_, docs_ + n, target) - docs_);
  }
}

std::uint32_t PostingCursor::AdvanceToImpact(std::uint32_t min) {
  std::uint32_t passed = 0;
  while (valid_) {
    const Block& b = blocks_[block_];
    if (b.max_impact >= min) {
      for (; i_ < b.count; ++i_) {
        if (impact() >= min) return passed;
        ++passed;
      }
    } else {
      passed += b.count - i_;
    }
    // The next block whose best can reach `min`.
    std::uint32_t next = block_ + 1;
    while (next < term_.block_count && blocks_[next].max_impact < min)
      passed += blocks_[next++].count;
    if (next >= term_.block_count) {
      valid_ = false;
      i_ = 0;
      block_ = term_.block_count - 1;
      return passed;
    }
    LoadBlock(next);
  }
  return passed;
}

void PostingCursor::Positions(std::vector<std::uint32_t>& out) const {
  out.clear();
  if (!term_.positions || !valid_) return;
  if (pos_block_ != block_ || pos_i_ > i_) {
    pos_block_ = block_;
    pos_i_ = 0;
    pos_p_ = seg_.t_.pos_bytes.data() + blocks_[block_].pos_offset;
  }
  for (; pos_i_ < i_; ++pos_i_) {
    for (std::uint32_t n = GetVarint(pos_p_); n > 0; --n) GetVarint(pos_p_);
  }
  const std::uint8_t* p = pos_p_;
  std::uint32_t pos = 0;
  for (std::uint32_t n = GetVarint(p); n > 0; --n) {
    pos += GetVarint(p);
    out.push_back(pos);
  }
}

}  // namespace warta::index
