// The layout of one posting block's document numbers: gaps bit-packed at
// one width per block. A block of `count` ascending documents d0 < d1 < ...
// after a block ending at `last` stores g_i = d_i - (d_{i-1} + 1) with
// d_{-1} = last (or -1 for the first block), every gap in `bits` bits, least
// significant first. A run of consecutive documents packs to 0 bits; a gap
// never needs more than 32. Unpacking reads 8 bytes at a time, so the buffer
// must hold kPackPadding readable bytes past the packed data. Header-only;
// pure functions.
#ifndef WARTA_INDEX_POSTINGS_H_
#define WARTA_INDEX_POSTINGS_H_

#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

namespace warta::index {

static_assert(std::endian::native == std::endian::little,
              "UnpackGaps reads little-endian words");

inline constexpr std::size_t kPackPadding = 8;

// Bytes that `count` gaps of `bits` bits take.
inline std::size_t PackedBytes(std::uint32_t count, std::uint32_t bits) {
  return (static_cast<std::size_t>(count) * bits + 7) / 8;
}

// Appends the gaps of docs[0..count) (ascending, docs[0] >= next) to `out`
// and returns their width. `next` is the previous block's last document + 1
// (0 for the first block).
inline std::uint32_t PackGaps(const std::uint32_t* docs, std::uint32_t count,
                              std::uint32_t next,
                              std::vector<std::uint8_t>& out) {
  std::uint32_t max_gap = 0, n = next;
  for (std::uint32_t i = 0; i < count; ++i) {
    max_gap |= docs[i] - n;
    n = docs[i] + 1;
  }
  const auto bits = static_cast<std::uint32_t>(std::bit_width(max_gap));
  const std::size_t start = out.size();
  out.resize(start + PackedBytes(count, bits), 0);
  std::uint8_t* p = out.data() + start;
  std::uint64_t bit = 0;
  n = next;
  for (std::uint32_t i = 0; i < count; ++i, bit += bits) {
    std::uint64_t g = docs[i] - n;
    n = docs[i] + 1;
    for (std::uint32_t k = 0; k < bits; ++k) {
      if ((g >> k) & 1)
        p[(bit + k) >> 3] |= std::uint8_t(1u << ((bit + k) & 7));
    }
  }
  return bits;
}

// Fills docs[0..count) from gaps packed at `p` by PackGaps.
inline void UnpackGaps(const std::uint8_t* p, std::uint32_t count,
                       std::uint32_t bits, std::uint32_t next,
                       std::uint32_t* docs) {
  const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
  std::uint64_t bit = 0;
  for (std::uint32_t i = 0; i < count; ++i, bit += bits) {
    std::uint64_t w;
    std::memcpy(&w, p + (bit >> 3), 8);
    docs[i] = next + static_cast<std::uint32_t>((w >> (bit & 7)) & mask);
    next = docs[i] + 1;
  }
}

}  // namespace warta::index

#endif  // WARTA_INDEX_POSTINGS_H_
