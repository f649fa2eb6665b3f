// Sorting 64-bit hash values (shingles of a text, ~300 an article): spread
// by their top bits into at least as many buckets as values, then each
// bucket sorted. Hashes are near uniform, so a bucket holds few values and
// the pass reads and writes each value about twice. In the import's worker,
// std::sort of the shingles was 7% of the samples; with this the worker took
// 74.2-75.8 us an article against 82.0-82.5 (docs/benchmarks.md, "The first
// revision in brotli, shingles sorted by their top bits").
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
