// LEB128 varints for posting lists. Header-only; pure functions.
#ifndef WARTA_INDEX_VARINT_H_
#define WARTA_INDEX_VARINT_H_

#include <cstdint>
#include <vector>

namespace warta::index {

inline void PutVarint(std::vector<std::uint8_t>& out, std::uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<std::uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(v));
}

// Reads a varint at `p` and advances it. The caller guarantees the bytes.
inline std::uint32_t GetVarint(const std::uint8_t*& p) {
  std::uint32_t v = *p & 0x7F;
  if (!(*p++ & 0x80)) return v;
  int shift = 7;
  while (true) {
    std::uint32_t b = *p++;
    v |= (b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
    shift += 7;
  }
}

}  // namespace warta::index

#endif  // WARTA_INDEX_VARINT_H_
