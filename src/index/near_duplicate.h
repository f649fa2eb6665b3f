// Near-duplicate clusters: which published articles repeat one another
// (agencies' copy republished nearly word for word), kept in the store as
// articles are saved, so lists and search show each story once. What
// counts as a near-duplicate is text/near_duplicate.h's rule, the one wire
// ingestion uses too.
#ifndef WARTA_INDEX_NEAR_DUPLICATE_H_
#define WARTA_INDEX_NEAR_DUPLICATE_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/mutex.h"
#include "base/result.h"
#include "content/article.h"
#include "index/band_index.h"
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

  // Bulk import, with Expect: the thread that calls Expect also reads the
  // article's candidates (FindDuplicateCandidates, from a reader) and
  // screens them on their MinHash, so that Update, on the writer's thread,
  // reads candidates only for an article that has one passing the screen
  // (a near-duplicate, or nearly). In a 50k import onto 1M articles the
  // candidate reads were ~30% of the writer's time (perf).
  //
  // Such a read sees the saves committed when it began (Committed() marks
  // them). Update screens the saves after that, which the read could not
  // see, from the last `recent_saves` saves it keeps in memory (their band
  // keys and MinHash; none for an archive's worth). When a save that the
  // read could not see has left that memory, Update reads as before.
  //
  // The reads start once Update saw an article id of `from_article` or more
  // (at once when 0). In a smaller archive the writer's own reads cost less
  // than a reader's (presumably: they hit its cache, which a reader's loses
  // at each commit). Measured (docs/benchmarks.md, "Candidate reads on the
  // workers"): from the first article a 100k import ran 10% slower; from
  // the 262,144th (as the recent band table) a 1M import ran as fast as
  // without (1,584 vs 1,563/s), and 50k imports onto 1.05-1.75M articles
  // ran ~20% faster. Call before the first Update; the writer's thread.
  void PrefetchCandidates(std::int64_t from_article = kPrefetchFromArticle,
                          std::size_t recent_saves = kRecentSaves);
  static constexpr std::int64_t kPrefetchFromArticle = 262144;
  // More than the import can save between a worker's read and the save of
  // that article: a batch (at most 5,000) and the pipeline's queue (~6,300).
  static constexpr std::size_t kRecentSaves = 16384;
  // After each batch of the import, committed or rolled back: every save so
  // far is in the store or never will be. The writer's thread only.
  void Committed();
  // Bulk import into a store with no signatures yet (the first import of
  // an archive): the band keys Update saves, with a sketch of each
  // article's MinHash, are kept in a BandIndex (at 1M articles 256 MiB of
  // slots and 64 MiB of sketches: a 1M import's peak RSS went from 582 to
  // 940-1,041 MiB), so that Update reads candidates only for an article
  // with a holder of one of its keys that passes the screen on its sketch,
  // and the workers (Expect) read none. That holds while every signature
  // saved goes through this object: the import calls BatchSeq at each
  // batch's start and end, and a write by anyone else in between (another
  // process's) ends it, as does a full index; the store reads then resume,
  // as PrefetchCandidates has them. `seq`: the change sequence read before
  // the store was found to hold no signatures. Call before the first
  // Update; the writer's thread.
  void ScreenBandsInMemory(std::int64_t seq,
                           std::size_t max_slots = BandIndex::kMaxSlots);
  // The store's change sequence as seen inside a batch of the import, at
  // its start (`start`) or end: a start that does not see the previous
  // end's value means another writer came in between. A failed read ends
  // the screen too.
  void BatchSeq(const Result<std::int64_t>& seq, bool start);
  bool screens_bands_in_memory() const {
    return in_memory_.load(std::memory_order_relaxed);
  }
  // How many times Update read candidates from the store (the writer's
  // cost that PrefetchCandidates saves).
  std::uint64_t candidate_reads() const { return candidate_reads_; }

 private:
  struct Expected {
    std::string text;
    Fingerprint fp;
    std::string signature;  // EncodeMinHash(fp.minhash)
    // PrefetchCandidates: what the read on Expect's thread found.
    bool prefetched = false;
    bool passed = false;          // a candidate passed the screen
    std::uint64_t seen_upto = 0;  // the saves it saw (Committed)
  };
  // A save Update made (PrefetchCandidates), numbered from 1.
  struct RecentSave {
    std::uint64_t seq;
    std::int64_t article_id;
    std::string minhash;  // encoded
    std::vector<std::int64_t> bands;
  };

  Status Leave(std::int64_t article_id);
  // The expected entry of `text`, taken out of the expected ones.
  std::optional<Expected> TakeExpected(const std::string& text);
  // Whether a save after `seen_upto` (none of `article_id`'s own) shares a
  // band with `bands` and passes the screen against `minhash`; nullopt when
  // such a save has left the recent ones.
  std::optional<bool> RecentPasses(const std::vector<std::int64_t>& bands,
                                   std::string_view minhash,
                                   std::uint64_t seen_upto,
                                   std::int64_t article_id) const;
  void Remember(std::uint64_t seq, std::int64_t article_id,
                const std::string& minhash,
                const std::vector<std::int64_t>& bands);

  Stores store_;
  Mutex expected_mu_;
  std::unordered_map<std::uint64_t, Expected> expected_
      GUARDED_BY(expected_mu_);

  // PrefetchCandidates: the writer's thread only, but for prefetch_ and
  // committed_seq_. Saves are numbered from the call on (recent_cap_ > 0),
  // and kept once the reads have started (prefetch_): below the archive
  // size that starts them, keeping them cost a 100k import 4-12%.
  std::int64_t prefetch_from_ = 0;
  std::atomic<bool> prefetch_{false};
  std::size_t recent_cap_ = 0;
  std::deque<RecentSave> recent_;  // seq order
  // Per band key, the seqs of the kept saves that have it, in order; those
  // before `head` have left.
  struct BandSaves {
    std::vector<std::uint64_t> seqs;
    std::size_t head = 0;
  };
  std::unordered_map<std::int64_t, BandSaves> recent_by_band_;
  std::uint64_t saved_seq_ = 0;       // the last save's
  std::uint64_t forgotten_upto_ = 0;  // saves up to it left recent_
  std::atomic<std::uint64_t> committed_seq_{0};
  std::uint64_t candidate_reads_ = 0;

  // ScreenBandsInMemory: the writer's thread only, but for in_memory_.
  void StopBandsInMemory(const char* why);
  std::atomic<bool> in_memory_{false};
  std::unique_ptr<BandIndex> bands_;
  std::int64_t batch_end_seq_ = 0;
};

}  // namespace warta::index

#endif  // WARTA_INDEX_NEAR_DUPLICATE_H_
