#include "text/near_duplicate.h"

#include <algorithm>
#include <cstdint>

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

Fingerprint FingerprintOf(std::string_view text) {
  Fingerprint fp;
  std::vector<Token> tokens;
  Tokenize(text, tokens);
  std::vector<std::uint64_t> words;
  words.reserve(tokens.size());
  for (const Token& t : tokens) words.push_back(Fnv1a64(t.word));
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::uint64_t h = 0;
    for (int k = 0; k < kShingleWords; ++k) h = Mix(h ^ words[i + k]);
    fp.shingles.push_back(h);
  }
  std::sort(fp.shingles.begin(), fp.shingles.end());
  fp.shingles.erase(std::unique(fp.shingles.begin(), fp.shingles.end()),
                    fp.shingles.end());
  if (static_cast<int>(fp.shingles.size()) < kMinShingles) return fp;
  fp.minhash.assign(kMinHashes, UINT32_MAX);
  for (std::uint64_t s : fp.shingles) {
    for (int i = 0; i < kMinHashes; ++i) {
      auto v =
          static_cast<std::uint32_t>(Mix(s ^ (0xA5A5A5A5ull * (i + 1))) >> 32);
      fp.minhash[i] = std::min(fp.minhash[i], v);
    }
  }
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
