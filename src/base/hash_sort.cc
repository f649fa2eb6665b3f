#include "base/hash_sort.h"

#include <algorithm>
#include <bit>

namespace warta {

void SortHashes(std::vector<std::uint64_t>& values) {
  const std::size_t n = values.size();
  if (n < 32) {
    std::sort(values.begin(), values.end());
    return;
  }
  // 2^bits buckets, at least as many as values (at most 2^16).
  const unsigned bits = std::min<unsigned>(16, std::bit_width(n - 1));
  const std::size_t buckets = std::size_t{1} << bits;
  thread_local std::vector<std::uint32_t> starts;
  thread_local std::vector<std::uint64_t> spread;
  starts.assign(buckets + 1, 0);
  for (std::uint64_t v : values) ++starts[(v >> (64 - bits)) + 1];
  for (std::size_t b = 1; b <= buckets; ++b) starts[b] += starts[b - 1];
  spread.resize(n);
  for (std::uint64_t v : values) spread[starts[v >> (64 - bits)]++] = v;
  // starts[b] is now where bucket b ends (and b + 1 begins).
  std::size_t begin = 0;
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t end = starts[b];
    if (end - begin > 1) {
      if (end - begin == 2) {
        if (spread[begin] > spread[begin + 1])
          std::swap(spread[begin], spread[begin + 1]);
      } else {
        std::sort(spread.begin() + begin, spread.begin() + end);
      }
    }
    begin = end;
  }
  std::copy(spread.begin(), spread.end(), values.begin());
}

}  // namespace warta
