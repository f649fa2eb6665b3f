// Near-duplicate clusters: which published articles repeat one another
// (agencies' copy republished nearly word for word), kept in the store as
// articles are saved, so lists and search show each story once. What
// counts as a near-duplicate is text/near_duplicate.h's rule, the one wire
// ingestion uses too.
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
#include "store/article_store.h"
#include "store/discovery_store.h"
#include "store/store_of.h"
#include "text/near_duplicate.h"

namespace warta::index {

using text::EstimatedJaccard;
using text::Fingerprint;
using text::FingerprintOf;
using text::Jaccard;
using text::kBandRows;
using text::kBands;
using text::kDuplicateJaccard;
using text::kMinHashes;
using text::kMinShingles;
using text::kShingleWords;

std::string EncodeMinHash(const std::vector<std::uint32_t>& minhash);
std::vector<std::uint32_t> DecodeMinHash(std::string_view hex);

// The text an article is fingerprinted on: its title and plain text.
std::string DuplicateText(const Article& a);

// Keeps near-duplicate clusters in the store up to date as articles are
// saved (named for what it keeps: detection is text::IsNearDuplicate). Used
// from the Newsroom's listener (all processes that write), on the writer's
// thread. Not thread-safe (but for Expect); the Newsroom serialises calls.
class DuplicateClusters {
 public:
  // The store interfaces the clusters read and keep.
  struct Stores {
    ArticleStore& articles;
    DiscoveryStore& discovery;
    // From one object that is both (the whole Store).
    template <StoreOf<ArticleStore, DiscoveryStore> S>
    Stores(S& s) : articles(s), discovery(s) {}  // NOLINT: implicit
  };

  // `store` must outlive the clusters.
  explicit DuplicateClusters(Stores store) : store_(store) {}

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

  Stores store_;
  Mutex expected_mu_;
  std::unordered_map<std::uint64_t, std::pair<std::string, Fingerprint>>
      expected_ GUARDED_BY(expected_mu_);
};

}  // namespace warta::index

#endif  // WARTA_INDEX_NEAR_DUPLICATE_H_
