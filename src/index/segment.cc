#include "index/segment.h"

#include <algorithm>

#include "base/strings.h"
#include "index/postings.h"
#include "index/varint.h"

namespace warta::index {

const TermInfo* Segment::FindTerm(std::string_view term) const {
  auto it = term_ids_.find(term);
  return it == term_ids_.end() ? nullptr : &terms_[it->second];
}

std::uint32_t Segment::FeatureDf(std::string_view feature) const {
  if (!feature.empty() && (feature[0] == '@' || feature[0] == '#')) {
    auto it = extra_df_.find(FeatureKeyOf(feature));
    return it == extra_df_.end() ? 0 : it->second;
  }
  const TermInfo* t = FindTerm(feature);
  return t ? t->df : 0;
}

std::span<const Surface> Segment::SurfacesWithPrefix(
    std::string_view prefix) const {
  auto lo = std::lower_bound(
      surfaces_.begin(), surfaces_.end(), prefix,
      [](const Surface& s, std::string_view p) { return s.word < p; });
  auto hi = lo;
  while (hi != surfaces_.end() &&
         std::string_view(hi->word).substr(0, prefix.size()) == prefix)
    ++hi;
  return {lo, hi};
}

std::optional<std::uint32_t> Segment::FindArticle(
    std::int64_t article_id) const {
  auto it = std::lower_bound(
      by_article_.begin(), by_article_.end(), article_id,
      [](const auto& e, std::int64_t id) { return e.first < id; });
  if (it == by_article_.end() || it->first != article_id) return std::nullopt;
  return it->second;
}

std::uint64_t FeatureKeyOf(std::string_view feature) {
  return Fnv1a64(feature);
}

std::span<const FeatureEntry> Segment::FeatureList(std::uint64_t key) const {
  auto it = feature_ids_.find(key);
  if (it == feature_ids_.end()) return {};
  return {list_entries_.data() + list_offsets_[it->second],
          list_entries_.data() + list_offsets_[it->second + 1]};
}

std::size_t Segment::MemoryBytes() const {
  std::size_t n = docs_.capacity() * sizeof(DocMeta) +
                  (tag_offsets_.capacity() + author_offsets_.capacity()) * 4 +
                  (tag_ids_.capacity() + author_ids_.capacity()) * 8 +
                  by_article_.capacity() * 16 +
                  terms_.capacity() * sizeof(TermInfo) +
                  blocks_.capacity() * sizeof(Block) + doc_bytes_.capacity() +
                  pos_bytes_.capacity() + feature_offsets_.capacity() * 4 +
                  doc_features_.capacity() * sizeof(FeatureWeight) +
                  list_offsets_.capacity() * 4 +
                  list_entries_.capacity() * sizeof(FeatureEntry);
  for (const auto& [k, v] : term_ids_) n += k.capacity() + 48;
  for (const Surface& s : surfaces_)
    n += s.word.capacity() + s.term.capacity() + 64;
  n += (extra_df_.size() + feature_ids_.size()) * 40 +
       feature_keys_.capacity() * 8;
  return n;
}

std::string Segment::MemoryReport() const {
  auto mib = [](double b) { return std::to_string(int(b / 1048576)) + " MiB"; };
  std::size_t dict = 0, surf = 0;
  for (const auto& [k, v] : term_ids_) dict += k.capacity() + 48;
  for (const Surface& s : surfaces_)
    surf += s.word.capacity() + s.term.capacity() + 64;
  std::size_t stop_bytes = 0;
  for (const TermInfo& t : terms_) {
    if (t.positions || !t.block_count) continue;
    std::size_t end = t.first_block + t.block_count < blocks_.size()
                          ? blocks_[t.first_block + t.block_count].doc_offset
                          : doc_bytes_.size();
    stop_bytes += end - blocks_[t.first_block].doc_offset;
  }
  return "docs " + mib(docs_.capacity() * sizeof(DocMeta)) + ", postings " +
         mib(doc_bytes_.capacity()) + " (stopwords " + mib(stop_bytes) +
         "), positions " + mib(pos_bytes_.capacity()) + ", blocks " +
         mib(blocks_.capacity() * sizeof(Block)) + ", terms " +
         std::to_string(terms_.size()) + " (" + mib(dict) + "), surfaces " +
         mib(surf) + ", related " +
         mib(doc_features_.capacity() * sizeof(FeatureWeight) +
             list_entries_.capacity() * sizeof(FeatureEntry)) +
         ", total " + mib(MemoryBytes());
}

PostingCursor::PostingCursor(const Segment& segment, const TermInfo& term)
    : seg_(segment),
      term_(term),
      blocks_(segment.blocks_.data() + term.first_block) {
  docs_[0] = 0;
  if (term_.block_count == 0) return;
  LoadBlock(0);
}

void PostingCursor::LoadBlock(std::uint32_t b) {
  block_ = b;
  i_ = 0;
  valid_ = true;
  const Block& blk = blocks_[b];
  const std::uint8_t* p = seg_.doc_bytes_.data() + blk.doc_offset;
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
    pos_p_ = seg_.pos_bytes_.data() + blocks_[block_].pos_offset;
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
