// Sorting 64-bit hash values (shingles of a text, ~300 an article): spread
// by their top bits into about one bucket a value, then each bucket sorted.
// Hashes are near uniform, so the buckets hold one or two values and the
// pass costs what reading and writing them twice costs; std::sort of random
// keys mispredicts about every other comparison (docs/benchmarks.md, "The
// first revision in brotli, shingles sorted by their top bits").
// The result is std::sort's: ascending, duplicates kept.
#ifndef WARTA_BASE_HASH_SORT_H_
#define WARTA_BASE_HASH_SORT_H_

#include <cstdint>
#include <vector>

namespace warta {

// Sorts `values` ascending. Any values are sorted right; uniform ones fast.
void SortHashes(std::vector<std::uint64_t>& values);

}  // namespace warta

#endif  // WARTA_BASE_HASH_SORT_H_
