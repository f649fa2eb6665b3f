#include "text/near_duplicate.h"

#include <algorithm>
#include <cstdint>

#include "base/hash_sort.h"
#include "base/strings.h"
#include "text/tokenizer.h"

namespace warta::text {
namespace {

std::uint64_t Mix(std::uint64_t x) {  // splitmix64 finaliser
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

// Value i of the MinHash: the least of the top halves of
// Mix(shingle ^ 0xA5A5A5A5 * (i + 1)). The loop over i is written out (Mix
// inlined, the minima in a local array) so that the compiler vectorizes it,
// and it is compiled for three instruction sets, picked at load time: with
// AVX-512 eight 64-bit multiplies go at once, and a 300-word article's 64
// values took 4.6 instead of 30 us (docs/benchmarks.md, "MinHash
// vectorized; statement journals in one chunk"). The clones differ only in
// the instructions chosen for the same integer arithmetic, so they give the
// same values; near_duplicate_test.cc checks the one the machine picks
// against the scalar loop. (GCC only: the sanitizer and fuzz builds use
// clang, which gets the plain loop.)
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "avx2", "default"),
               optimize("O3")))
#endif
void MinHashOf(const std::uint64_t* shingles, std::size_t n,
               std::uint32_t* out) {
  std::uint32_t m[kMinHashes];
  for (int i = 0; i < kMinHashes; ++i) m[i] = UINT32_MAX;
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint64_t s = shingles[k];
    for (int i = 0; i < kMinHashes; ++i) {
      std::uint64_t x = s ^ (0xA5A5A5A5ull * static_cast<std::uint64_t>(i + 1));
      x += 0x9E3779B97F4A7C15ull;
      x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
      x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
      x ^= x >> 31;
      const auto v = static_cast<std::uint32_t>(x >> 32);
      m[i] = m[i] < v ? m[i] : v;
    }
  }
  for (int i = 0; i < kMinHashes; ++i) out[i] = m[i];
}

Fingerprint FingerprintOf(std::string_view text) {
  Fingerprint fp;
  std::vector<std::uint64_t> words;
  words.reserve(text.size() / 6);  // ~1 word per 6-7 bytes of text
  HashWords(text, words);
  fp.shingles.reserve(words.size());
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::uint64_t h = 0;
    for (int k = 0; k < kShingleWords; ++k) h = Mix(h ^ words[i + k]);
    fp.shingles.push_back(h);
  }
  SortHashes(fp.shingles);
  fp.shingles.erase(std::unique(fp.shingles.begin(), fp.shingles.end()),
                    fp.shingles.end());
  if (static_cast<int>(fp.shingles.size()) < kMinShingles) return fp;
  fp.minhash.resize(kMinHashes);
  MinHashOf(fp.shingles.data(), fp.shingles.size(), fp.minhash.data());
  for (int b = 0; b < kBands; ++b) {
    std::uint64_t h = Mix(static_cast<std::uint64_t>(b) + 1);
    for (int r = 0; r < kBandRows; ++r)
      h = Mix(h ^ fp.minhash[b * kBandRows + r]);
    fp.bands.push_back(static_cast<std::int64_t>(h >> 1));
  }
  return fp;
}

double Jaccard(const std::vector<std::uint64_t>& a,
               const std::vector<std::uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  std::size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return double(common) / double(a.size() + b.size() - common);
}

double EstimatedJaccard(const std::vector<std::uint32_t>& a,
                        const std::vector<std::uint32_t>& b) {
  if (a.size() != b.size() || a.empty()) return 0;
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return double(same) / double(a.size());
}

}  // namespace warta::text
