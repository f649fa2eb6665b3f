#include "index/band_index.h"

#include <algorithm>
#include <bit>

namespace warta::index {
namespace {

constexpr std::size_t kFirstSlots = 1024;

// The key's fingerprint: the top 32 bits of a Fibonacci hash (band keys
// are hashes already, but tests and others may give small numbers).
std::uint32_t FingerprintOf(std::int64_t key) {
  return static_cast<std::uint32_t>(
      (static_cast<std::uint64_t>(key) * 0x9E3779B97F4A7C15ull) >> 32);
}

std::uint32_t FingerprintOfEntry(std::uint64_t e) {
  return static_cast<std::uint32_t>(e >> 32);
}
std::int64_t ArticleOf(std::uint64_t e) {
  return static_cast<std::int64_t>(e & 0xffffffffu);
}

}  // namespace

BandIndex::BandIndex(std::size_t max_slots)
    : max_slots_(std::bit_floor(std::max(max_slots, kFirstSlots))) {}

std::size_t BandIndex::SlotOf(std::uint64_t fingerprint) const {
  // The fingerprint's top bits: an entry finds its slot again on growth.
  return static_cast<std::size_t>(fingerprint >> shift_);
}

bool BandIndex::Add(std::int64_t key, std::int64_t article) {
  if (article < 1 || article > kMaxArticle) return false;
  const std::uint32_t fp = FingerprintOf(key);
  const std::uint64_t entry =
      (std::uint64_t{fp} << 32) | static_cast<std::uint64_t>(article);
  if (!slots_.empty()) {
    // Already held, or held by kHoldersPerKey others: the oldest of them
    // gives way to a newer article.
    const std::size_t mask = slots_.size() - 1;
    std::size_t held = 0, oldest = 0;
    for (std::size_t i = SlotOf(fp); slots_[i] != 0; i = (i + 1) & mask) {
      if (FingerprintOfEntry(slots_[i]) != fp) continue;
      if (slots_[i] == entry) return true;
      if (held++ == 0 || slots_[i] < slots_[oldest]) oldest = i;
    }
    if (held >= kHoldersPerKey) {
      if (slots_[oldest] < entry) slots_[oldest] = entry;
      return true;
    }
  }
  if ((size_ + 1) * 4 > slots_.size() * 3) {
    if (slots_.size() >= max_slots_) return false;
    Grow();
  }
  Place(entry, fp);
  ++size_;
  return true;
}

void BandIndex::Place(std::uint64_t entry, std::uint64_t fingerprint) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = SlotOf(fingerprint);
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = entry;
}

template <typename Fn>
bool BandIndex::AnyHolder(std::int64_t key, Fn&& fn) const {
  if (slots_.empty()) return false;
  const std::uint32_t fp = FingerprintOf(key);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = SlotOf(fp); slots_[i] != 0; i = (i + 1) & mask) {
    if (FingerprintOfEntry(slots_[i]) == fp && fn(ArticleOf(slots_[i])))
      return true;
  }
  return false;
}

std::vector<std::int64_t> BandIndex::Holders(std::int64_t key) const {
  std::vector<std::int64_t> out;
  AnyHolder(key, [&](std::int64_t article) {
    out.push_back(article);
    return false;
  });
  return out;
}

bool BandIndex::AnyHolderPasses(const std::vector<std::int64_t>& keys,
                                std::int64_t except,
                                const std::vector<std::uint32_t>& mh,
                                double min_share) const {
  for (std::int64_t key : keys) {
    if (AnyHolder(key, [&](std::int64_t article) {
          return article != except && SketchPasses(article, mh, min_share);
        }))
      return true;
  }
  return false;
}

void BandIndex::Grow() {
  std::vector<std::uint64_t> old = std::move(slots_);
  const std::size_t n = old.empty() ? kFirstSlots : old.size() * 2;
  slots_.assign(n, 0);
  shift_ = 32 - std::countr_zero(n);
  for (std::uint64_t e : old) {
    if (e != 0) Place(e, FingerprintOfEntry(e));
  }
}

bool BandIndex::SetSketch(std::int64_t article,
                          const std::vector<std::uint32_t>& mh) {
  if (article < 1 || article > kMaxArticle || mh.empty()) return false;
  if (sketch_size_ == 0) sketch_size_ = mh.size();
  if (mh.size() != sketch_size_) return false;
  const auto at = static_cast<std::size_t>(article) * sketch_size_;
  // (The vector's spare capacity is never written, so never resident.)
  if (sketches_.size() < at + sketch_size_) sketches_.resize(at + sketch_size_);
  for (std::size_t k = 0; k < sketch_size_; ++k)
    sketches_[at + k] = static_cast<std::uint8_t>(mh[k]);
  return true;
}

bool BandIndex::SketchPasses(std::int64_t article,
                             const std::vector<std::uint32_t>& mh,
                             double min_share) const {
  // Without a sketch to compare (never given one), it passes.
  if (article < 1 || mh.size() != sketch_size_ || sketch_size_ == 0)
    return true;
  const auto at = static_cast<std::size_t>(article) * sketch_size_;
  if (at + sketch_size_ > sketches_.size()) return true;
  std::size_t same = 0;
  for (std::size_t k = 0; k < sketch_size_; ++k)
    same += sketches_[at + k] == static_cast<std::uint8_t>(mh[k]);
  return double(same) >= min_share * double(sketch_size_);
}

}  // namespace warta::index
