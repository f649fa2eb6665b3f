// Near-duplicate detection: agencies' copy republished nearly word for word.
// An article's text is cut into shingles (every run of kShingleWords folded
// words, stopwords included) and summarised by a 64-value MinHash. Two
// articles are near-duplicates when the Jaccard similarity of their
// shingle sets is at least kDuplicateJaccard (0.5): one changed headline,
// dateline and a dropped or reworded paragraph or two stay above it; two
// reports of the same event written separately share far fewer runs of
// four words (measured in docs/discovery.md). Candidates come from 16 LSH
// bands of 2 MinHash values (an article at Jaccard 0.5 is found with
// probability 1 - (1 - 0.5^2)^16 = 0.99) and are confirmed on the exact
// shingle sets.
#ifndef WARTA_INDEX_NEAR_DUPLICATE_H_
#define WARTA_INDEX_NEAR_DUPLICATE_H_

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/mutex.h"
#include "base/result.h"
#include "content/article.h"
#include "store/store.h"

namespace warta::index {

inline constexpr int kShingleWords = 4;
inline constexpr int kMinHashes = 64;
inline constexpr int kBands = 16;
inline constexpr int kBandRows = 2;
inline constexpr double kDuplicateJaccard = 0.5;
inline constexpr int kMinShingles = 8;  // shorter texts are never duplicates

struct Fingerprint {
  std::vector<std::uint64_t> shingles;  // sorted, unique hashes
  std::vector<std::uint32_t> minhash;   // kMinHashes values; empty if short
  std::vector<std::int64_t> bands;      // kBands LSH keys; empty if short
};

// The fingerprint of a text (an article's title and plaintext).
Fingerprint FingerprintOf(std::string_view text);

// Exact Jaccard similarity of two sorted shingle sets.
double Jaccard(const std::vector<std::uint64_t>& a,
               const std::vector<std::uint64_t>& b);
// Estimate from MinHash signatures (share of equal values).
double EstimatedJaccard(const std::vector<std::uint32_t>& a,
                        const std::vector<std::uint32_t>& b);

std::string EncodeMinHash(const std::vector<std::uint32_t>& minhash);
std::vector<std::uint32_t> DecodeMinHash(std::string_view hex);

// The text an article is fingerprinted on: its title and plain text.
std::string DuplicateText(const Article& a);

// Keeps near-duplicate clusters in the store up to date as articles are
// saved. Used from the Newsroom's listener (all processes that write), on
// the writer's thread. Not thread-safe (but for Expect); the Newsroom
// serialises calls.
class DuplicateDetector {
 public:
  explicit DuplicateDetector(Store& store) : store_(store) {}

  // After `article` was saved or deleted: a published article gets its
  // signature and joins the cluster of the near-duplicates it has (the
  // earliest member's id names the cluster); anything else leaves.
  // Returns the article's cluster (0: none).
  Result<std::int64_t> Update(const Article& article);

  // Bulk import: `fp` is FingerprintOf(`text`), the DuplicateText of an
  // article about to be saved, computed on another thread so that Update
  // does not compute it on the writer's. Update then also takes the article
  // it is given as the stored state (it is: Newsroom passes the article
  // just saved) instead of reading it again. Thread-safe. Each entry serves
  // one Update; entries never used (articles not saved) are dropped in
  // bulk past kMaxExpected.
  void Expect(std::string text, Fingerprint fp);
  static constexpr std::size_t kMaxExpected = 20000;

 private:
  Status Leave(std::int64_t article_id);
  // The expected fingerprint of `text`, taken out of the expected ones.
  std::optional<Fingerprint> TakeExpected(const std::string& text);

  Store& store_;
  Mutex expected_mu_;
  std::unordered_map<std::uint64_t, std::pair<std::string, Fingerprint>>
      expected_ GUARDED_BY(expected_mu_);
};

}  // namespace warta::index

#endif  // WARTA_INDEX_NEAR_DUPLICATE_H_
