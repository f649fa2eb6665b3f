// BandIndex: near-duplicate band keys and MinHash sketches in memory, for
// the first import of an archive (DuplicateClusters::ScreenBandsInMemory).
// For each band key, the newest kHoldersPerKey articles holding it (as the
// store's FindDuplicateCandidates gives them); for each article, one byte
// of each MinHash value (b-bit minwise hashing). An article whose holders'
// sketches all fail the candidate screen has no candidates to read.
//
// Only ever too generous: two articles with equal MinHash values have
// equal bytes, so a sketch passes whenever the full signature does; and a
// key is kept as a 32-bit fingerprint, so a holder may be another key's.
// Either costs a read of the store, never a near-duplicate missed.
#ifndef WARTA_INDEX_BAND_INDEX_H_
#define WARTA_INDEX_BAND_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace warta::index {

class BandIndex {
 public:
  // At most `max_slots` (rounded down to a power of two, 8 bytes each);
  // past 3/4 of them, Add refuses rather than grow.
  explicit BandIndex(std::size_t max_slots = kMaxSlots);

  // `article` (1 .. kMaxArticle) holds `key`; when kHoldersPerKey newer
  // articles hold it already, nothing changes. False when full, or the
  // article id is out of range (nothing added).
  bool Add(std::int64_t key, std::int64_t article);
  // The holders of `key` (and of keys with its fingerprint), any order.
  std::vector<std::int64_t> Holders(std::int64_t key) const;
  // Whether a holder of one of `keys`, other than `except`, passes
  // SketchPasses against `mh`: the article's candidates are worth a read.
  bool AnyHolderPasses(const std::vector<std::int64_t>& keys,
                       std::int64_t except,
                       const std::vector<std::uint32_t>& mh,
                       double min_share) const;

  // The article's sketch, from its kMinHashes-long MinHash.
  bool SetSketch(std::int64_t article, const std::vector<std::uint32_t>& mh);
  // Whether the sketch of `article` agrees with `mh` in at least
  // `min_share` of its values; true when there is none to compare (so give
  // every holder a sketch).
  bool SketchPasses(std::int64_t article, const std::vector<std::uint32_t>& mh,
                    double min_share) const;

  std::size_t size() const { return size_; }
  std::size_t slots() const { return slots_.size(); }

  static constexpr int kHoldersPerKey = 24;  // DiscoveryStore's
  // 2^25 slots (256 MiB): ~25M keys at 3/4, the 16 bands of ~1.5M articles.
  static constexpr std::size_t kMaxSlots = std::size_t{1} << 25;
  static constexpr std::int64_t kMaxArticle = (std::int64_t{1} << 32) - 1;

 private:
  std::size_t SlotOf(std::uint64_t fingerprint) const;
  // A MinHash's sketch: one byte a value.
  static std::vector<std::uint8_t> SketchOf(
      const std::vector<std::uint32_t>& mh);
  // SketchPasses, given the sketch of `mh`.
  bool SketchOfPasses(std::int64_t article,
                      const std::vector<std::uint8_t>& sketch,
                      double min_share) const;
  void Grow();
  void Place(std::uint64_t entry, std::uint64_t fingerprint);
  // Calls `fn(article)` for each entry with the key's fingerprint until it
  // returns true; whether one did.
  template <typename Fn>
  bool AnyHolder(std::int64_t key, Fn&& fn) const;

  // An entry is the key's fingerprint (32 bits) over the article id (32
  // bits, never 0): 0 marks an empty slot.
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
  std::size_t max_slots_;
  int shift_ = 32;                      // 32 - log2(slots)
  std::size_t sketch_size_ = 0;         // bytes a sketch, from the first one
  std::vector<std::uint8_t> sketches_;  // by article id
};

}  // namespace warta::index

#endif  // WARTA_INDEX_BAND_INDEX_H_
