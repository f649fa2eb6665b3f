#include "index/band_index.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "base/fibonacci_hash.h"
#include "base/heap.h"

namespace warta::index {
namespace {

constexpr std::size_t kFirstSlots = 1024;
// Blocks this large or larger, once replaced by larger ones, are handed
// back to the system at once.
constexpr std::size_t kReleasedBytes = std::size_t{1} << 20;

// The key's fingerprint: the top 32 bits of a Fibonacci hash (band keys
// are hashes already, but tests and others may give small numbers).
std::uint32_t FingerprintOf(std::int64_t key) {
  return static_cast<std::uint32_t>(
      FibonacciHash(static_cast<std::uint64_t>(key), 32));
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
  if (slots_.empty()) return false;
  const std::vector<std::uint8_t> sketch = SketchOf(mh);
  // At archive size every slot and sketch read here is a cache miss (the
  // slots take up to 256 MiB, the sketches 64 bytes an article): the keys'
  // first slots are asked for together, then the holders' sketches, rather
  // than one miss after another.
  for (std::int64_t key : keys)
    __builtin_prefetch(&slots_[SlotOf(FingerprintOf(key))]);
  constexpr std::size_t kMaxGathered = 256;
  std::int64_t gathered[kMaxGathered];
  std::size_t n = 0;
  auto screen_gathered = [&] {
    for (std::size_t i = 0; i < n; ++i) {
      if (SketchOfPasses(gathered[i], sketch, min_share)) return true;
    }
    n = 0;
    return false;
  };
  for (std::int64_t key : keys) {
    const bool passed = AnyHolder(key, [&](std::int64_t article) {
      if (article == except) return false;
      if (n == kMaxGathered && screen_gathered()) return true;
      gathered[n++] = article;
      const auto at = static_cast<std::size_t>(article) * sketch_size_;
      if (at < sketches_.size()) __builtin_prefetch(&sketches_[at]);
      return false;
    });
    if (passed) return true;
  }
  return screen_gathered();
}

void BandIndex::Grow() {
  std::vector<std::uint64_t> old = std::move(slots_);
  const std::size_t n = old.empty() ? kFirstSlots : old.size() * 2;
  slots_.assign(n, 0);
  shift_ = 32 - std::countr_zero(n);
  for (std::uint64_t e : old) {
    if (e != 0) Place(e, FingerprintOfEntry(e));
  }
  // An old table of megabytes (up to 128 MiB) goes back to the system now,
  // also where the heap keeps freed pages (KeepFreedMemory: an import's).
  const bool large = old.size() * sizeof(old[0]) >= kReleasedBytes;
  old = {};
  if (large) ReleaseFreedMemory();
}

std::vector<std::uint8_t> BandIndex::SketchOf(
    const std::vector<std::uint32_t>& mh) {
  std::vector<std::uint8_t> sketch(mh.size());
  for (std::size_t k = 0; k < mh.size(); ++k)
    sketch[k] = static_cast<std::uint8_t>(mh[k]);
  return sketch;
}

bool BandIndex::SetSketch(std::int64_t article,
                          const std::vector<std::uint32_t>& mh) {
  if (article < 1 || article > kMaxArticle || mh.empty()) return false;
  if (sketch_size_ == 0) sketch_size_ = mh.size();
  if (mh.size() != sketch_size_) return false;
  const auto at = static_cast<std::size_t>(article) * sketch_size_;
  // (The vector's spare capacity is never written, so never resident.)
  if (sketches_.size() < at + sketch_size_) {
    const std::size_t capacity = sketches_.capacity();
    sketches_.resize(at + sketch_size_);
    // Moved to a larger block: a large old one goes back (as in Grow).
    if (sketches_.capacity() != capacity && capacity >= kReleasedBytes)
      ReleaseFreedMemory();
  }
  for (std::size_t k = 0; k < sketch_size_; ++k)
    sketches_[at + k] = static_cast<std::uint8_t>(mh[k]);
  return true;
}

bool BandIndex::SketchPasses(std::int64_t article,
                             const std::vector<std::uint32_t>& mh,
                             double min_share) const {
  return SketchOfPasses(article, SketchOf(mh), min_share);
}

bool BandIndex::SketchOfPasses(std::int64_t article,
                               const std::vector<std::uint8_t>& sketch,
                               double min_share) const {
  // Without a sketch to compare (never given one), it passes.
  if (article < 1 || sketch.size() != sketch_size_ || sketch_size_ == 0)
    return true;
  const auto at = static_cast<std::size_t>(article) * sketch_size_;
  if (at + sketch_size_ > sketches_.size()) return true;
  const std::uint8_t* held = &sketches_[at];
  std::size_t same = 0, k = 0;
  // Eight bytes a step: the bytes that agree are those where x, the two
  // words' XOR, has a zero byte.
  constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  for (; k + 8 <= sketch_size_; k += 8) {
    std::uint64_t ours, theirs;
    std::memcpy(&ours, sketch.data() + k, 8);
    std::memcpy(&theirs, held + k, 8);
    const std::uint64_t x = ours ^ theirs;
    // Each byte's top bit set exactly when that byte of x is zero (the
    // low seven bits' sum carries into the top one unless all are zero);
    // those bits moved to the bytes' lowest, summed into the top byte (no
    // popcount instruction in the baseline x86-64).
    const std::uint64_t zero = ~(((x & kLow7) + kLow7) | x | kLow7);
    same += static_cast<std::size_t>(((zero >> 7) * kOnes) >> 56);
  }
  for (; k < sketch_size_; ++k) same += held[k] == sketch[k];
  return double(same) >= min_share * double(sketch_size_);
}

}  // namespace warta::index
