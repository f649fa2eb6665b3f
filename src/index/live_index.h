// LiveIndex: the search index of a running site. Built from the store at
// start, then kept current by following the store's change log
// (Store::ArticleChangesSince), which catches writes from this process
// (Notify() wakes it at once) and from others (a `warta import` beside
// `warta serve`, polled every poll_interval). Changed articles go into a
// small new segment and their old copies are marked deleted, so a publish,
// edit or unpublish is searchable within a second without a full rebuild.
// Small segments are merged when there are too many; once they hold many
// documents the big segment is rebuilt from the store on a second thread
// while changes keep flowing. Readers take snapshot() and never wait.
// Thread-safe.
#ifndef WARTA_INDEX_LIVE_INDEX_H_
#define WARTA_INDEX_LIVE_INDEX_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "index/doc.h"
#include "index/snapshot.h"
#include "store/store.h"
#include "text/analyzer.h"

namespace warta::index {

struct LiveIndexOptions {
  std::chrono::milliseconds poll_interval{250};
  int max_small_segments = 8;  // more are merged into one
  // Documents in small segments that start a rebuild of the big one.
  std::size_t rebuild_after = 20000;
  RankingOptions ranking;
};

class LiveIndex {
 public:
  // `store` and `analyzer` must outlive the index.
  LiveIndex(Store& store, const text::Analyzer& analyzer,
            LiveIndexOptions options = {});
  ~LiveIndex();
  LiveIndex(const LiveIndex&) = delete;
  LiveIndex& operator=(const LiveIndex&) = delete;

  // Builds the index from every published article in the store. Blocks.
  Status Build();

  // Starts / stops the thread that follows the change log.
  void Start();
  void Stop();

  // Something was written in this process: look at the change log now.
  void Notify();

  // Applies every change logged so far, on the caller's thread.
  Status CatchUp();

  // The current index; never null after Build().
  std::shared_ptr<const Snapshot> snapshot() const { return current_.load(); }

  // The last change-log sequence number applied.
  std::int64_t seen_seq() const { return seen_seq_.load(); }

 private:
  struct Base {
    std::shared_ptr<const Segment> segment;
    std::int64_t seq = 0;  // the change log was at this number when built
  };
  Result<Base> BuildBase();
  Status ApplyLocked(const std::vector<std::int64_t>& ids, std::int64_t seq);
  void PublishLocked();
  void MaybeRebuildLocked();
  void Run();

  Store& store_;
  const text::Analyzer& analyzer_;
  LiveIndexOptions options_;
  std::atomic<std::shared_ptr<const Snapshot>> current_;
  std::atomic<std::int64_t> seen_seq_{0};

  std::mutex apply_mu_;  // one writer at a time; guards the state below
  SegmentRef base_;
  std::vector<SegmentRef> small_;
  // Documents in small segments, by article id, with the change-log number
  // that put them there; and deletions since the last base build.
  std::map<std::int64_t, std::pair<IndexDoc, std::int64_t>> small_docs_;
  std::map<std::int64_t, std::int64_t> deleted_since_base_;
  bool rebuilding_ = false;
  std::thread rebuild_thread_;

  std::mutex wake_mu_;
  std::condition_variable wake_;
  bool wake_flag_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace warta::index

#endif  // WARTA_INDEX_LIVE_INDEX_H_
