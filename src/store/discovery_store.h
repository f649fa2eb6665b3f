// DiscoveryStore: what search, related articles and near-duplicate
// detection need from the store. Part of the Store interface
// (store/store.h). All methods are thread-safe; each write is one
// transaction that also logs a change of every article whose cluster
// changed, so indexes in any process re-read them.
#ifndef WARTA_STORE_DISCOVERY_STORE_H_
#define WARTA_STORE_DISCOVERY_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "content/article.h"

namespace warta {

// A published article's near-duplicate signature and cluster.
struct DuplicateSignature {
  std::int64_t article_id = 0;
  // The cluster: the id of its earliest member; the article's own id when
  // it has no near-duplicate.
  std::int64_t cluster_id = 0;
  std::string minhash;  // opaque to the store (index/near_duplicate.h)
};

class DiscoveryStore {
 public:
  virtual ~DiscoveryStore() = default;

  // Published articles (any published_at) with id > after_id, by id, at
  // most `limit` (1..1000), with body, plaintext, tags and authors: the
  // input of an index build.
  virtual Result<std::vector<Article>> ScanPublishedArticles(
      std::int64_t after_id, int limit) = 0;

  // Stores or replaces the article's signature, its LSH band keys and
  // cluster.
  virtual Status SaveDuplicateSignature(
      const DuplicateSignature& signature,
      const std::vector<std::int64_t>& band_keys) = 0;

  // Forgets the article's signature and band keys (unpublished).
  virtual Status RemoveDuplicateSignature(std::int64_t article_id) = 0;

  // Signatures of other articles sharing at least one band key: for each
  // key, the kCandidatesPerBand newest articles holding it (highest ids), so
  // a write costs the same at 1M articles as at 1k even when a key is shared
  // by thousands (boilerplate sentences). Ordered by article id.
  // FailedPrecondition while band rows are pending (DeferBandRows) and this
  // is not the batch that can write them: CompleteBandRows, then ask again.
  static constexpr int kCandidatesPerBand = 24;
  virtual Result<std::vector<DuplicateSignature>> FindDuplicateCandidates(
      const std::vector<std::int64_t>& band_keys,
      std::int64_t exclude_article_id) = 0;

  // The signatures of these articles (those that have one), by article id.
  virtual Result<std::vector<DuplicateSignature>> DuplicateSignaturesOf(
      const std::vector<std::int64_t>& article_ids) = 0;

  // Bulk import, the first of an archive, whose importer keeps every band
  // key in memory (index::DuplicateClusters::ScreenBandsInMemory): for the
  // rest of this thread's batch (Store::RunBatch), SaveDuplicateSignature
  // stores the signature but not its band rows, and marks them pending in
  // the store (committed with the batch), so that they are written in one
  // pass sorted by key (CompleteBandRows) instead of 16 at random places an
  // article. Until then FindDuplicateCandidates cannot see those articles:
  // in this thread's batch it writes the pending rows first (and ends the
  // deferring); anywhere else it fails with FailedPrecondition. Each batch
  // starts without it. Outside a batch this does nothing; so does a store
  // that always writes band rows at once (PostgreSQL).
  virtual void DeferBandRows() = 0;
  // Writes the band rows left pending (by DeferBandRows, also an import
  // interrupted or killed before it did); nothing when none are. One write
  // transaction (in this thread's batch, part of it).
  virtual Status CompleteBandRows() = 0;

  // Article ids in the cluster, ascending.
  virtual Result<std::vector<std::int64_t>> DuplicateClusterMembers(
      std::int64_t cluster_id) = 0;

  // Moves every member of cluster `from` into cluster `to`.
  virtual Status MoveDuplicateCluster(std::int64_t from, std::int64_t to) = 0;

  // The article's cluster when it has near-duplicates, else 0.
  virtual Result<std::int64_t> DuplicateClusterOf(std::int64_t article_id) = 0;

  // Whether any article has a signature (one key look-up).
  virtual Result<bool> HasDuplicateSignatures() = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_DISCOVERY_STORE_H_
