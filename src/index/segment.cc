#include "index/segment.h"

#include <algorithm>

#include "base/strings.h"
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
    : seg_(segment), term_(term) {
  if (term_.block_count == 0) return;
  LoadBlock(0);
  ReadPosting();
}

void PostingCursor::LoadBlock(std::uint32_t b) {
  block_ = b;
  const Block& blk = seg_.blocks_[term_.first_block + b];
  p_ = seg_.doc_bytes_.data() + blk.doc_offset;
  pos_block_offset_ = blk.pos_offset;
  left_in_block_ = blk.count;
  positions_before_ = 0;
  first_in_block_ = true;
}

void PostingCursor::ReadPosting() {
  if (left_in_block_ == 0) {
    if (block_ + 1 >= term_.block_count) {
      valid_ = false;
      return;
    }
    LoadBlock(block_ + 1);
  }
  if (!first_in_block_ && term_.positions) positions_before_ += total_tf();
  std::uint32_t v = GetVarint(p_);
  doc_ = first_in_block_ ? v : doc_ + v;
  first_in_block_ = false;
  std::uint8_t code = *p_++;
  if (code & 0x80) {
    tf_[0] = GetVarint(p_);
    tf_[1] = GetVarint(p_);
    tf_[2] = GetVarint(p_);
  } else {
    tf_[0] = (code >> 6) & 1;
    tf_[1] = (code >> 5) & 1;
    tf_[2] = code & 31;
  }
  --left_in_block_;
  valid_ = true;
}

void PostingCursor::Next() {
  if (valid_) ReadPosting();
}

void PostingCursor::SkipTo(std::uint32_t target) {
  if (!valid_ || doc_ >= target) return;
  const Block* blocks = seg_.blocks_.data() + term_.first_block;
  if (blocks[block_].last_doc < target) {
    // Find the first block that may hold `target`.
    std::uint32_t lo = block_ + 1, hi = term_.block_count;
    while (lo < hi) {
      std::uint32_t mid = (lo + hi) / 2;
      if (blocks[mid].last_doc < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo >= term_.block_count) {
      valid_ = false;
      return;
    }
    LoadBlock(lo);
    ReadPosting();
  }
  while (valid_ && doc_ < target) ReadPosting();
}

void PostingCursor::Positions(std::vector<std::uint32_t>& out) const {
  out.clear();
  if (!term_.positions) return;
  const std::uint8_t* p = seg_.pos_bytes_.data() + pos_block_offset_;
  for (std::uint32_t i = 0; i < positions_before_; ++i) GetVarint(p);
  std::uint32_t n = total_tf();
  std::uint32_t pos = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    pos += GetVarint(p);
    out.push_back(pos);
  }
}

}  // namespace warta::index
