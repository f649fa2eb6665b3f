// Near-duplicates: agencies' copy republished nearly word for word. The
// one rule for what counts as a near-duplicate, used by the discovery
// index's clusters (index/near_duplicate.h) and by wire ingestion when it
// links an incoming item to the article it repeats (ingest/duplicates.h).
// An article's text is cut into shingles (every run of kShingleWords folded
// words, stopwords included) and summarised by a 64-value MinHash. Two
// texts are near-duplicates when the Jaccard similarity of their shingle
// sets is at least kDuplicateJaccard (0.5): one changed headline, dateline
// and a dropped or reworded paragraph or two stay above it; two reports of
// the same event written separately share far fewer runs of four words
// (measured in docs/discovery.md). Candidates come from 16 LSH bands of 2
// MinHash values (an article at Jaccard 0.5 is found with probability
// 1 - (1 - 0.5^2)^16 = 0.99) and are confirmed on the exact shingle sets.
// Pure functions; thread-safe.
#ifndef WARTA_TEXT_NEAR_DUPLICATE_H_
#define WARTA_TEXT_NEAR_DUPLICATE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace warta::text {

inline constexpr int kShingleWords = 4;
inline constexpr int kMinHashes = 64;
inline constexpr int kBands = 16;
inline constexpr int kBandRows = 2;
inline constexpr double kDuplicateJaccard = 0.5;
inline constexpr int kMinShingles = 8;  // shorter texts get no MinHash

struct Fingerprint {
  std::vector<std::uint64_t> shingles;  // sorted, unique hashes
  std::vector<std::uint32_t> minhash;   // kMinHashes values; empty if short
  std::vector<std::int64_t> bands;      // kBands LSH keys; empty if short
};

// The fingerprint of a text (an article's title and plaintext).
Fingerprint FingerprintOf(std::string_view text);

// The kMinHashes values of n sorted, unique shingle hashes into out
// (what FingerprintOf stores in minhash).
void MinHashOf(const std::uint64_t* shingles, std::size_t n,
               std::uint32_t* out);

// Exact Jaccard similarity of two sorted shingle sets (0 when both are
// empty).
double Jaccard(const std::vector<std::uint64_t>& a,
               const std::vector<std::uint64_t>& b);
// Estimate from MinHash signatures (share of equal values).
double EstimatedJaccard(const std::vector<std::uint32_t>& a,
                        const std::vector<std::uint32_t>& b);

// The rule: shingle sets at least kDuplicateJaccard alike.
inline bool IsNearDuplicate(const std::vector<std::uint64_t>& a,
                            const std::vector<std::uint64_t>& b) {
  return Jaccard(a, b) >= kDuplicateJaccard;
}

}  // namespace warta::text

#endif  // WARTA_TEXT_NEAR_DUPLICATE_H_
